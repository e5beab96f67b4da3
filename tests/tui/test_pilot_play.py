"""The terminal table as a user meets it: a whole game, hotseat, refusals, quitting and continuing."""
import pytest

from game.core import engine
from game.core.legal import LegalActions
from game.scenario.loader import load_scenario
from game.tui.app import Options, make_app
from tests.tui.harness import DEFAULT, app_for, feed_text, notifications, screen_name, settle, until


async def _play_to_the_end(pilot, app, chair_tables_once=True):
    tabled = False
    for _ in range(400):
        await settle(pilot, app)
        name = screen_name(app)
        if name == "AARScreen":
            return
        if name in ("BriefingScreen", "ResultsScreen", "AssessmentScreen", "HelpScreen"):
            await pilot.press("enter")
            continue
        if name == "ChooseAction":
            await pilot.press("enter")
            continue
        if name == "ConfirmDialog":
            await pilot.press("y")
            continue
        if name == "HandoverScreen":
            await pilot.press("enter")
            continue
        table = app.screen
        if table.seat is None or table.seat not in app.session.acting():
            await pilot.pause(0.05)
            continue
        phase = app.session.state.phase.value
        if phase == "proposal" and chair_tables_once and not tabled:
            tabled = True
            await pilot.press("t")
        elif phase == "amendment":
            await pilot.press("w" if app.session.state.proposal.failed else "g")
        else:
            await pilot.press("space")
    raise AssertionError("the game did not reach the after-action review")


async def test_full_solo_game_from_start_screen_to_aar(tmp_path):
    app = make_app(Options(save_dir=str(tmp_path), pace="instant"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "StartScreen"
        menu = app.screen.query_one("#menu")
        ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        menu.highlighted = next(i for i, k in enumerate(ids) if k.endswith("first_response.yaml"))
        await pilot.press("enter")
        assert screen_name(app) == "SetupScreen"
        app.screen.query_one("#seed").value = "7"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert screen_name(app) == "BriefingScreen"  # the chair's brief first
        await _play_to_the_end(pilot, app)
        assert app.session.over
        aar = app.screen.query_one("Markdown")
        text = aar._markdown
        assert "After-action" in text or "after-action" in text.lower()
        assert app.session.state.decisions, "the chair tabled at least one proposal"
        assert app.session.crisis.scenario.options[app.session.state.decisions[0].option].title in text


async def test_full_game_as_a_member_to_the_review(tmp_path):
    """The other half of a new user's first session: a whole crisis as one member."""
    app = app_for(tmp_path, seat="HUN", seed=9)
    async with app.run_test(size=(100, 30)) as pilot:
        await _play_to_the_end(pilot, app, chair_tables_once=False)
        assert app.session.over
        text = app.screen.query_one("Markdown")._markdown
        assert "Hungary" in text and app.session.state.outcome.title in text


async def test_refused_action_shows_reason_and_rule(tmp_path):
    app = app_for(tmp_path, seat="MDA")  # a partner: Article 4 is for members only
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")  # close the brief
        await settle(pilot, app)
        table = app.screen
        table.action_act("request_art4")
        await pilot.pause()
        said = "\n".join(notifications(app))
        assert "not a member" in said and "Article 4" in said and "Rule:" in said


async def test_hotseat_handover_hides_the_previous_seats_brief(tmp_path):
    app = app_for(tmp_path, seat="HUN", seed=3)
    private = {"HUN": "Your energy minister warns", "ROU": "dormant implant"}  # EYES ONLY intel, turn 2
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)  # (the table opens its game right after its first frame)
        app.session.set_control("ROU", "human")  # two people share the keyboard
        last = None
        handovers = 0
        for _ in range(300):
            await settle(pilot, app)
            name = screen_name(app)
            if name == "TableScreen" and app.screen.seat is not None:
                last = app.screen.seat
            if name == "HandoverScreen":
                table = app.screen_stack[-2]
                assert table.seat is None  # nothing of the last seat is left under the handover screen
                before = last
                await pilot.press("enter")
                await settle(pilot, app)
                if screen_name(app) == "BriefingScreen" and before is not None:  # (the first seat: no one before)
                    brief = app.screen.text
                    assert app.session.crisis.scenario.actors[before].brief.split(".")[0] not in brief
                    await pilot.press("enter")
                    await settle(pilot, app)
                now = app.screen.seat if screen_name(app) == "TableScreen" else None
                if now is not None and before is not None:
                    assert now != before
                    assert private[before] not in feed_text(app)
                handovers += 1
                if handovers >= 3 and app.session.state.turn >= 2:
                    break
                continue
            if name in ("BriefingScreen", "ResultsScreen", "AssessmentScreen", "ChooseAction"):
                await pilot.press("enter")
                continue
            if name == "ConfirmDialog":
                await pilot.press("y")
                continue
            if name == "AARScreen":
                break
            await pilot.press("space")
        assert handovers >= 2


async def test_quit_and_continue_at_the_same_move(tmp_path):
    app = app_for(tmp_path, seat="HUN", seed=11)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("space")
        await settle(pilot, app)
        moves = len(app.session.log.records)
        state = app.session.state
        await pilot.press("q")
    again = make_app(Options(save_dir=str(tmp_path), pace="instant"))
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        menu = again.screen.query_one("#menu")
        assert str(menu.get_option_at_index(0).id).startswith("continue:")
        menu.highlighted = 0
        await pilot.press("enter")
        await settle(pilot, again)
        assert again.session.state == state
        assert len(again.session.log.records) == moves


async def test_computer_moves_do_not_block_the_screen(tmp_path):
    """Computer delegations think in a worker: the app answers keys while they move."""
    from game.core.actions import WHITE_CELL
    # only the facilitator is human: the computer plays every seat, a readable move at a time
    app = app_for(tmp_path, seat=WHITE_CELL, seed=2, pace="readable")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(40):
            await pilot.pause(0.05)
            if app.session is not None and len(app.session.log.records) >= 2:
                break
        moves = len(app.session.log.records)
        await pilot.press("question_mark")
        await until(pilot, lambda: screen_name(app) == "HelpScreen")
        assert screen_name(app) == "HelpScreen"
        # a readable move takes 0.15 s: wait for one (up to 5 s on a busy machine), the help still up
        await until(pilot, lambda: len(app.session.log.records) > moves)
        assert screen_name(app) == "HelpScreen"
        assert len(app.session.log.records) > moves, "the computers went on moving behind the help"


async def test_hot_reload_replays_onto_the_saved_file(tmp_path):
    """Saving the scenario while it is played reloads it and replays the moves so far; a broken
    save shows the errors and keeps the old version."""
    import shutil
    from tests.conftest import ROOT
    folder = tmp_path / "scen"
    shutil.copytree(ROOT / "scenarios" / "library", folder / "library")
    path = folder / "first_response.yaml"
    path.write_text((ROOT / "scenarios" / "first_response.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    app = app_for(tmp_path / "saves", seat="HUN", seed=5, scenario=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        moves = len(app.session.log.records)
        table = app.screen
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("title: Night three of the blackout", "title: [broken"), encoding="utf-8")
        table.watched = {}
        table.check_reload()
        await pilot.pause()
        assert "Scenario not reloaded" in "\n".join(notifications(app))
        old_digest = app.session.crisis.digest
        path.write_text(text.replace("title: Night three of the blackout", "title: Night four of the blackout"),
                        encoding="utf-8")
        table.watched = {}
        table.check_reload()
        await settle(pilot, app)
        await pilot.pause()
        assert app.session.crisis.digest != old_digest
        assert len(app.session.log.records) >= moves
        assert "Night four of the blackout" in feed_text(app)
        assert "Scenario reloaded" in "\n".join(notifications(app))


async def test_look_back_and_play_on_as_a_what_if(tmp_path):
    app = app_for(tmp_path, seat="HUN", seed=6)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("space")
        await settle(pilot, app)
        original = app.session.log.path
        moves = len(app.session.log.records)
        await pilot.press("l")
        await pilot.pause()
        assert screen_name(app) == "TimelineScreen"
        timeline = app.screen
        menu = timeline.query_one("#moves")
        assert menu.option_count == moves + 1
        menu.highlighted = 3
        await pilot.pause()
        await pilot.press("b")
        await settle(pilot, app)
        assert app.session.log.path != original and "whatif-3" in app.session.log.path.name
        from game.saves.log import read_records
        assert len(read_records(original)[1]) == moves  # the original game is kept as it was
        assert len(app.session.log.records) >= 3


async def test_a_greyed_key_pressed_says_which_step_allows_it(tmp_path):
    """The Support key, pressed by a member in the consultation step, is not in this step's footer;
    pressing it still says why (LegalActions.why_not_kind): the rule, and that supporting is done in
    negotiation."""
    app = app_for(tmp_path, seat="HUN")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")  # close the brief
        await settle(pilot, app)
        table = app.screen
        assert table.seat == "HUN" and app.session.state.phase.value == "consultation"
        assert table.check_action("act", ("support",)) is False  # the footer follows the step
        assert table.check_action("act", ("share_intel",)) in (True, None)  # this step's moves are shown
        assert not notifications(app)
        await pilot.press("s")
        await pilot.pause()
        said = "\n".join(notifications(app))
        why = app.session.legal("HUN").why_not_kind("support")
        assert "negotiation step" in said and "consultation step" in said, said
        assert why.reason in said and f"Rule: {why.rule.text}" in said, said
        assert app.session.state.phase.value == "consultation"  # nothing was played


async def test_the_menu_offers_what_the_seats_role_allows_in_this_step(tmp_path):
    app = app_for(tmp_path, seat="MDA")  # a partner: no Article 4, no MOU, no reservation
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        table = app.screen
        assert app.session.state.phase.value == "consultation"
        menu = table.query_one("#actions")
        shown = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        legal = app.session.legal("MDA")
        assert shown == [k for k in ("pass", "share_intel", "request_art4", "offer_mou", "withdraw_consent",
                                     "request_consultations", "widen_release", "decide_in_parallel")
                         if legal.role_allows(k)]
        assert "request_consultations" in shown  # Moldova, a PfP partner, may ask the Council to consult
        assert "request_art4" not in shown and "pass" in shown
        assert table.check_action("act", ("reserve",)) is False  # a partner never reserves: no key at all


def test_a_member_is_not_offered_a_host_nations_consent_moves():
    """Only a non-member host gives, refuses or withdraws consent: a member's menu never lists them."""
    crisis = load_scenario(DEFAULT)
    legal = LegalActions.of(crisis, engine.new_game(crisis, 7).state, "HUN")
    assert [k for k in ("consent", "refuse_consent", "withdraw_consent") if legal.role_allows(k)] == []


async def test_quitting_while_a_computer_seat_thinks_leaves_quietly(tmp_path):
    """q while a computer seat is thinking (in its thread): the app closes, and when the thought ends
    it neither raises nor plays the move into the closed table (nothing after the quit is saved)."""
    import threading
    import time as _time

    from game.tui.screens.table import TableScreen
    app = app_for(tmp_path, seat="HUN", seed=7, pace="readable")
    thinking, errors = threading.Event(), []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        session = app.session
        real = session.computer_move

        def slow(seat):
            thinking.set()
            _time.sleep(0.4)
            return real(seat)
        session.computer_move = slow
        await pilot.press("enter")  # the brief: the table begins
        await pilot.press("space")  # Hungary passes; the computers think
        for _ in range(100):
            await pilot.pause(0.02)
            if thinking.is_set():
                break
        assert thinking.is_set()
        table = next(s for s in app.screen_stack if isinstance(s, TableScreen))
        moves = len(session.log.records)
        await pilot.press("q")
    _time.sleep(0.8)  # the thought ends after the app has gone
    try:  # and the same thought run again with the app gone: no error
        TableScreen.think.__wrapped__(table, "MDA")
    except Exception as exc:  # pragma: no cover - the failure this test is for
        errors.append(exc)
    assert not errors, errors
    assert len(session.log.records) == moves
