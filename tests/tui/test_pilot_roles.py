"""What a newcomer at an unusual seat meets (issue 18's newcomer, found again at 80x24 by playing
every kind of seat): a partner's objection called what it is, an organisation shown no keys in a
step it takes no part in, a move with one choice left shown before it is made, and a host's
withdrawal of consent asked about first."""
from __future__ import annotations

from game.core import actions as A
from game.tui.keys import STEP_KINDS
from tests.tui.harness import app_for, notifications, screen_name, settle, until
from tests.tui.test_newcomer_keys import SIZE, footer_keys, to_my_move
from tests.tui.test_pilot_confirm import at_table


def _menu_words(app) -> list[str]:
    menu = app.screen.query_one("ActionMenu")
    return [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]


async def test_a_partners_objection_is_offered_as_a_concern_that_does_not_block(tmp_path):
    app = app_for(tmp_path, seat="UKR", seed=7)  # Ukraine: a partner, not an Ally
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "UKR", "negotiation")
        assert any("Concern" in w and "no block" in w for w in _menu_words(app)), _menu_words(app)
        assert not any("Object" in w for w in _menu_words(app))
        keys = await footer_keys(pilot, app)
        shown = " ".join(k.description for k in app.screen.query("FooterKey"))
        assert "o" in keys and "Concern" in shown and "Object" not in shown, shown
        await pilot.press("o")
        await until(pilot, lambda: screen_name(app) == "ChooseAction" and bool(app.screen.query(".panel-title")))
        title = str(app.screen.query_one(".panel-title").content)
        assert title == "Raise a concern (it does not block)", title


async def test_a_member_still_objects(tmp_path):
    app = app_for(tmp_path, seat="HUN", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "HUN", "negotiation")
        assert any(w.strip().startswith("o Object") for w in _menu_words(app)), _menu_words(app)
        await pilot.press("o")
        await until(pilot, lambda: screen_name(app) == "ChooseAction" and bool(app.screen.query(".panel-title")))
        assert str(app.screen.query_one(".panel-title").content) == "Object (written objection)"


async def test_an_organisation_is_shown_no_keys_under_silence_and_told_why(tmp_path):
    """The EU answers no silence procedure: while the delegations answer a text, its screen lights
    and greys none of the step's keys, and a key pressed says why it has no move (not "wait")."""
    app = app_for(tmp_path, seat="EU", seed=7, pace="readable")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(600):
            await pilot.pause(0.05)
            if screen_name(app) in ("BriefingScreen", "AssessmentScreen"):
                await pilot.press("enter")
            elif app.session is not None and "EU" in app.session.acting() and not app.screen.busy:
                await pilot.press("space")  # its own move in consultation: pass
            elif app.session is not None and app.session.state.phase.value == "negotiation" \
                    and len(app.session.state.submissions) <= 2 and screen_name(app) == "TableScreen":
                break  # early in a round of 17 answers at a readable pace: seconds to look
        assert app.session.state.phase.value == "negotiation", "the game never reached a negotiation"
        table = app.screen
        assert all(table.move_state(k) is False for k in STEP_KINDS["negotiation"])
        await pilot.press("space")
        await until(pilot, lambda: any("No move for you in this step" in n for n in notifications(app)))
        said = " ".join(notifications(app))
        assert "international organisation" in said and "silence procedure" in said, said
        await pilot.press("question_mark")  # the help says the same, and how to read the table
        await until(pilot, lambda: screen_name(app) == "HelpScreen" and bool(app.screen.query("Markdown")))
        text = app.screen.query_one("Markdown")._markdown
        assert "You have no move in this step: European Union is an international organisation" in text, text
        assert "### Reading the table" in text and "Cap: political capital" in text and "`┆`" in text


async def test_a_move_with_one_choice_left_is_shown_before_it_is_made(tmp_path):
    """With one caveat left to add, `a` used to add it at once, and the Enter a newcomer presses
    next took the menu's next move. It opens the dialog with the one choice: Enter takes it, Esc
    goes back and nothing is done."""
    from game.tui.dialogs.choose import ChooseAction
    from game.tui.screens.table_moves import names_a_choice
    app = app_for(tmp_path, seat="SG", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        s = app.session
        move = A.Amend("SG", next(iter(s.crisis.rules.caveats)))
        assert names_a_choice(move) and not names_a_choice(A.Pass("SG"))
        for key, expected in (("escape", None), ("enter", move)):
            got = []
            app.push_screen(ChooseAction(s.crisis, "amend", [move], state=s.state), got.append)
            def question() -> str:
                found = app.screen.query("#question") if screen_name(app) == "ChooseAction" else ()
                return str(found.first().content) if found else ""
            await until(pilot, lambda: question() != "")
            shown = question()
            assert shown == "Only this one is open now. Take it?", shown
            option = str(app.screen.query_one("#choices").get_option_at_index(0).prompt)
            assert option.startswith("Amends") or "caveat" in option.lower(), option
            await pilot.press(key)
            await until(pilot, lambda: screen_name(app) != "ChooseAction")
            assert got == [expected], key


async def test_withdrawing_consent_asks_first_and_escape_keeps_it(tmp_path):
    app = app_for(tmp_path, seat="MDA", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await at_table(pilot, app)
        table = app.screen
        moves = len(app.session.log.records)
        table.confirm_and_play(A.WithdrawConsent("MDA"))
        def dialog_text() -> str:
            return " ".join(str(w.content) for w in app.screen.query("Static")) if screen_name(app) == "ConfirmDialog" else ""
        await until(pilot, lambda: "Withdraw" in dialog_text())
        assert screen_name(app) == "ConfirmDialog"
        said = dialog_text()
        assert "Withdraw your consent?" in said and "cannot be taken back" in said, said
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "TableScreen")
        assert len(app.session.log.records) == moves, "nothing was done"


async def test_the_key_of_a_move_with_one_choice_left_opens_its_dialog(tmp_path):
    """At the table: when the engine offers one move of a kind that names something, its key opens
    the dialog (above) instead of making the move (a pass, with nothing to name, is made at once)."""
    app = app_for(tmp_path, seat="SG", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await at_table(pilot, app)
        table, s = app.screen, app.session
        move = A.Amend("SG", next(iter(s.crisis.rules.caveats)))
        moves = len(s.log.records)

        class OneMove:  # the engine's answer, but for the one move of that kind it offers
            def __init__(self, real):
                self.real = real

            def __iter__(self):
                return iter([move])

            def __getattr__(self, name):
                return getattr(self.real, name)

        real_legal, real_acting = s.legal, s.acting
        s.legal = lambda seat: OneMove(real_legal(seat)) if seat == "SG" else real_legal(seat)
        s.acting = lambda: ("SG",)
        try:
            table.busy = False
            table.action_act("amend")
        finally:
            s.legal, s.acting = real_legal, real_acting
        await until(pilot, lambda: screen_name(app) == "ChooseAction")
        assert screen_name(app) == "ChooseAction", "the one amendment was made on the key alone"
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "TableScreen")
        assert len(s.log.records) == moves


def _screen(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_a_text_that_crosses_the_seats_red_line_says_so_on_its_screen(tmp_path):
    """A newcomer consented "by habit" to a text that crossed its own red line: the pane that shows
    the text now says so first, at 80x24, on that seat's screen only (it is its private brief)."""
    from game.core.scoring import crossed_red_lines
    app = app_for(tmp_path, seat="HUN", seed=11)  # seed 11: the first text Hungary answers crosses it
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "HUN", "negotiation")
        s = app.session
        crossed = crossed_red_lines(s.crisis, s.state, "HUN", s.state.proposal)
        assert crossed, "seed 11 no longer puts a text across Hungary's red line first: pick another seed"
        await pilot.pause(0.2)
        screen = _screen(app)
        assert "⚠ Crosses your red line: No Allied troops" in screen, screen


async def test_a_text_that_crosses_no_red_line_shows_no_warning(tmp_path):
    app = app_for(tmp_path, seat="USA", seed=11)  # the United States has no red line here
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "USA", "negotiation")
        await pilot.pause(0.2)
        assert "⚠" not in _screen(app)
