"""Texts a newcomer reads, as issue 18 left them to fix: a refused key of another step says when that
move comes, an objective is worth "1 point", a resolution names its option in quotes, and the
force-generation panel's wrapped lines keep their indent."""
from __future__ import annotations

from types import SimpleNamespace

from textual.app import App

from game.core import actions as A
from game.core import engine, texts, words
from game.review import papers
from game.tui.widgets.ledger import Ledger


def test_a_key_of_another_step_says_in_plain_words_when_it_comes(crisis):
    state = engine.new_game(crisis, 1).state  # consultation: no text on the table yet
    why = engine.legal_actions(crisis, state, "HUN").why_not(A.Support("HUN"))
    assert "comes once a text is on the table" in why.reason and "no text is on the table yet" in why.reason
    assert why.rule.id == "turn"


def test_points_are_counted_in_words(crisis):
    assert texts.points(1) == "1 point" and texts.points(3) == "3 points"
    pack = "\n".join(papers.papers(crisis).values())
    assert " pts" not in pack
    one = [o for a in crisis.scenario.actors.values() for o in getattr(a, "objectives", ()) if o.points == 1]
    assert not one or "(1 point)" in pack or "— 1 point" in pack


def test_a_resolution_names_its_option_in_quotes(crisis):
    title = texts.option_title(crisis, "deploy_stabilisation")
    e = SimpleNamespace(option="deploy_stabilisation", status="adopted", votes=(("France", "yes", "", True),))
    assert f"authorising '{title}' (" in words.resolution_vote(e, crisis)


class _Panel(App):
    CSS = "Ledger { width: 40; }"

    def compose(self):
        yield Ledger()


async def test_the_force_generation_panel_keeps_its_indent_when_a_line_wraps(crisis):
    state = None
    for seed in range(1, 30):
        for s in _states(crisis, seed):
            if any(op.status in ("adopted", "running") and op.pledges for op in s.operations):
                state = s
                break
        if state is not None:
            break
    assert state is not None
    app = _Panel()
    async with app.run_test(size=(60, 30)) as pilot:
        ledger = app.query_one(Ledger)
        ledger.show(crisis, state)
        await pilot.pause()
        lines = ledger.content.plain.splitlines()
    assert len(lines) > 4  # at 40 columns the needs, basis and pledges wrap
    assert all(len(line) <= 40 for line in lines)
    titles = [line for line in lines if line.startswith("Op ")]
    assert titles and lines[0] in titles
    assert all(line.startswith("  ") for line in lines if line not in titles), lines
    assert any(line.startswith("  needs:") for line in lines) and any(line.startswith("  on:") for line in lines)
    assert len([line for line in lines if line.startswith("  ") and not line.startswith(("  needs:", "  on:"))]) > 0


def _states(crisis, seed):
    """The states of a seeded game of computer seats."""
    from game.players.simulate import POLICIES, Observer, decide
    state = engine.new_game(crisis, seed).state
    observers = {}
    for _ in range(2000):
        if state.phase.value == "over":
            return
        yield state
        seat = engine.acting_seats(crisis, state)[0]
        observer = observers.setdefault(seat, Observer(crisis, seat))
        state = engine.apply_unchecked(crisis, state, decide(observer, state, POLICIES["default"])).state


async def test_a_stance_cut_at_80_columns_is_read_in_full_with_tab(tmp_path):
    """At 80x24 a long stance ("objects: domestic politics …") is cut to its column; the panel's title
    says Tab shows it in full, and with the focus on the delegations every reason is there whole."""
    from game.tui.widgets.delegations import Delegations
    from tests.tui.harness import app_for, screen_name, settle
    app = app_for(tmp_path, seat="HUN", seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):  # to Hungary's move in the negotiation, when others have answered
            await settle(pilot, app)
            if screen_name(app) != "TableScreen":
                await pilot.press("enter")
                continue
            s = app.session
            panel = app.screen.query_one(Delegations)
            if s.state.phase.value == "negotiation" and "HUN" in s.acting() and panel._layout and any(
                    r[6] and len(f"{r[5]}: {r[6]}") > [w for w in panel._layout if w][2 if panel._layout[1] else 1] - 1
                    for r in panel.row_values(s.crisis, s.state, s.acting(), "HUN")):
                break
            await pilot.press("space")
        table = app.screen
        panel = table.query_one(Delegations)
        rows = panel.row_values(app.session.crisis, app.session.state, app.session.acting(), "HUN")
        at = 2 if panel._layout[1] else 1
        widths = [w for w in panel._layout if w]
        long = [f"{r[5]}: {r[6]}" for r in rows if r[6] and len(f"{r[5]}: {r[6]}") > widths[at] - 1]
        assert long, rows
        flat = lambda: " ".join(panel.query_one("#delegation-rows").content.plain.split())  # noqa: E731
        assert not all(text in flat() for text in long)  # cut while the moves have the keys
        assert "Tab" in str(panel.border_title)
        for _ in range(6):
            if app.focused is panel:
                break
            await pilot.press("tab")
            await pilot.pause(0.05)
        assert app.focused is panel
        await pilot.pause(0.1)
        lines = panel.query_one("#delegation-rows").content.plain.splitlines()
        start = sum(widths[:at])
        column = " ".join(" ".join(line[start:start + widths[at]].split()) for line in lines[1:])  # the stances
        for text in long:
            assert " ".join(text.split()) in column, (text, lines)
        assert "Tab" not in str(panel.border_title)
