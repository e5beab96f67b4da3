"""The chair overrides a contributor's national caveats from the keyboard (issue 17, item 3 (b)):
the move has no letter of its own (every letter is taken), so the moves list and the palette offer
it, lit only when the rules allow it."""
from __future__ import annotations

from game.core import actions as A
from game.players import POLICIES, choose_for
from game.tui.widgets.actions import ActionMenu
from tests.conftest import ROOT
from tests.tui.harness import app_for, feed_text, screen_name, settle

REFERENCE = str(ROOT / "scenarios" / "reference.yaml")


async def to_an_override(pilot, app):
    """The chair plays as the computer would until it may override a contributor's caveats (in the
    reference scenario, seed 7: Germany's time limit on police training, turn 2)."""
    for _ in range(300):
        await settle(pilot, app)
        if screen_name(app) != "TableScreen":
            await pilot.press("enter")
            continue
        s = app.session
        if "SG" not in s.acting():
            continue
        if any(m.kind == "override_caveats" for m in s.legal("SG")):
            return
        app.screen.play(choose_for(s.crisis, s.state, "SG", POLICIES["default"])[0])
    raise AssertionError("the chair was never offered an override")


async def test_the_chair_overrides_a_contributors_caveats_from_the_moves_list(tmp_path):
    app = app_for(tmp_path, seat="SG", seed=7, scenario=REFERENCE)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_an_override(pilot, app)
        commands = {c[0]: c for c in app.screen.palette_commands()}
        assert commands["Move: Override a contributor's national caveats (the Council)"][4] is True  # lit
        menu = app.screen.query_one(ActionMenu)
        ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        assert "override_caveats" in ids and "withdraw_contribution" not in ids  # the chair pledges nothing
        menu.focus()
        await pilot.pause(0.05)
        for _ in range(len(ids)):
            if menu.highlighted_option.id == "override_caveats":
                break
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot, app)
        if screen_name(app) == "ChooseAction":  # more than one contributor to choose from
            await pilot.press("enter")
            await settle(pilot, app)
        moved = [r["action"] for r in app.session.log.records if r["action"]["seat"] == "SG"]
        assert moved[-1]["kind"] == "override_caveats" and moved[-1]["to"] == "DEU"
        assert "overrides Germany's national caveats (time limit)" in " ".join(feed_text(app).split())
        assert A.OverrideCaveats("SG", moved[-1]["operation"], "DEU") not in app.session.legal("SG")
