"""At 80x24 nothing essential is hidden, for the chair, a member and the host nation, at their own
move: every meter's full label and value, every delegation (by its short name: "Moldova", not
"Republic of Moldova") with its stance column and its political capital, the stance header saying
what "…" means, and the footer's "? Help" and "q Save & quit" beside the step's keys. Read from what
the terminal shows (the compositor's lines), not from the widgets' contents."""
from __future__ import annotations

import pytest

from game.tui.widgets.delegations import short_name
from tests.tui.test_newcomer_keys import to_my_move
from tests.tui.harness import app_for

SIZE = (80, 24)


def shown(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


@pytest.mark.parametrize("seat,phase,keys", [("SG", "proposal", ("t Table",)),
                                            ("HUN", "negotiation", ("s Support", "o Object")),
                                            ("MDA", "negotiation", ("c Consent", "x Refuse"))],
                         ids=["chair", "member", "host"])
async def test_everything_essential_is_on_screen_at_80x24(tmp_path, seat, phase, keys):
    app = app_for(tmp_path, seat=seat, seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, seat, phase)
        await pilot.pause(0.2)
        lines = shown(app)
        screen = "\n".join(lines)
        assert len(lines) == SIZE[1] and all(len(line) <= SIZE[0] for line in lines)
        s = app.session
        for mid, meter in s.crisis.scenario.meters.items():  # full labels, with their values
            at = [line for line in lines if meter.label in line]
            assert at, f"meter {meter.label!r} not on screen:\n{screen}"
        header = next((line for line in lines if "Delegation" in line and "Cap" in line), None)
        assert header is not None and "Stance (… to act)" in header, screen
        for aid in s.crisis.delegations:
            name = short_name(s.name(aid))
            row = next((line for line in lines if line.startswith(name[:10])), None)  # (a long one is cut: "…")
            assert row is not None, f"{name} not on screen:\n{screen}"
            assert str(s.state.capital.get(aid, 0)) in row.split(), row
        assert "Republic of Moldova" not in header and any(line.startswith("Moldova") for line in lines)
        footer = lines[-1]
        assert "? Help" in footer and "q Save & quit" in footer, footer
        for key in keys:
            assert key in footer, (key, footer)


async def test_the_force_generation_ledger_is_on_screen_at_80x24_with_many_delegations(tmp_path):
    """The reference scenario seats 17 delegations: at 80x24 their table used to take the whole
    left column in force generation, and the ledger of what each operation needs and has been
    pledged (what the step is about) was pushed off the screen."""
    from tests.conftest import ROOT
    app = app_for(tmp_path, seat="ITA", seed=3, scenario=str(ROOT / "scenarios" / "reference.yaml"))
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "ITA", "force_generation", limit=600)
        await pilot.pause(0.2)
        screen = "\n".join(shown(app))
        assert "Force generation" in screen, screen
        assert "needs:" in screen, f"the ledger's requirement is cut off:\n{screen}"
