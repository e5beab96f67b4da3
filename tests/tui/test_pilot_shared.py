"""The seminar across devices, as its users meet it: each syndicate's app joins one shared game
database with its code; a move on one screen shows on the others; wrong codes are refused; private
text stays on its own seat's screens; the White Cell's console and the projector work on the shared
game; the host's room plays the computer seats; a restarted host carries on.

Each app here opens the database through its own connection, as a separate process does (the
real-browser test in tests/seminar/test_seminar_browser.py runs them as processes)."""
from __future__ import annotations

from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from game.core import actions as A
from game.core.actions import WHITE_CELL
from game.seminar import host
from game.seminar.addresses import Address
from game.saves.store import PROJECTOR, GameStore
from game.tui.app import Options, make_app
from tests.tui.harness import feed_text, screen_name, screen_texts

HUMANS = ["DEU", "POL", "ROU"]


@pytest.fixture
def seminar(crisis, tmp_path):
    """A new seminar game as `play.py seminar` makes it: (path, codes)."""
    store, codes, resumed = host.open_or_create(crisis, tmp_path / "room.sqlite", folder=tmp_path, new=True,
                                                seed=5, humans=HUMANS, turns=None)
    assert not resumed
    store.close()
    return tmp_path / "room.sqlite", codes


def joined(path: Path, code: str | None):
    return make_app(Options(game=str(path), code=code))


async def wait_for(pilot, condition, what: str, limit: float = 8.0):
    waited = 0.0
    while not condition():
        await pilot.pause(0.05)
        waited += 0.05
        if waited > limit:
            raise AssertionError(f"timed out waiting for {what}")


async def to_table(pilot, app):
    """Past the seat's brief (shown once on joining) to its table."""
    await wait_for(pilot, lambda: screen_name(app) in ("BriefingScreen", "TableScreen", "FacilitatorScreen",
                                                       "ProjectorScreen"), "the seat's first screen")
    if screen_name(app) == "BriefingScreen":
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen_name(app) == "TableScreen", "the table")


async def type_code(pilot, app, code: str) -> None:
    """Type a code on the join screen once its field has the focus (as a person would see it)."""
    await wait_for(pilot, lambda: screen_name(app) == "JoinScreen" and bool(app.screen.query("#join-code")),
                   "the join screen")
    field = app.screen.query_one("#join-code")
    await wait_for(pilot, lambda: app.focused is field, "the code field ready for typing")
    await pilot.press(*code, "enter")
    await pilot.pause()


def flat(text: str) -> str:
    """Text as read, whatever the wrapping."""
    return " ".join(text.split())


def table_of(app):
    return next(s for s in app.screen_stack if type(s).__name__ == "TableScreen")


async def at_tables(stack: AsyncExitStack, *apps):
    """Run each app (one screen each, as separate browsers) and bring each to its table: the pilots."""
    pilots = [await stack.enter_async_context(app.run_test(size=(140, 42))) for app in apps]
    for pilot, app in zip(pilots, apps):
        await to_table(pilot, app)
    return pilots


async def test_a_move_on_one_seat_shows_on_the_other_seats_screen(seminar):
    path, codes = seminar
    deu, pol = joined(path, codes["DEU"]), joined(path, codes["POL"])
    async with AsyncExitStack() as stack:
        p1, p2 = await at_tables(stack, deu, pol)
        assert table_of(deu).seat == "DEU" and table_of(pol).seat == "POL"
        assert "You: Germany" in screen_texts(table_of(deu))
        assert "DEU" in deu.session.acting(), "consultation: every delegation may speak"
        await p1.press("space")  # Germany stays silent in consultation
        assert any(r.seat == "DEU" for r in deu.session.store.records)
        await wait_for(p2, lambda: "Germany passes" in feed_text(pol), "Germany's move on Poland's screen")
        # and the same move is not Poland's to repeat: its screen still offers Poland's own moves only
        assert pol.session.home_seat == "POL"


async def test_a_wrong_code_is_refused_and_guessing_is_limited(seminar, monkeypatch):
    path, codes = seminar
    monkeypatch.setenv("CONSENSUS_CLIENT", "web:10.0.0.21")
    app = joined(path, None)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "JoinScreen" and bool(app.screen.query("#join-error")),
                       "the join screen")
        error = app.screen.query_one("#join-error")
        for _ in range(5):
            await type_code(pilot, app, "ZZZZ-ZZZZ-ZZZZ")
            assert screen_name(app) == "JoinScreen"
        assert "No tries left" in str(error.content)
        await type_code(pilot, app, "YYYY-YYYY-YYYY")  # a sixth wrong code: held off
        assert screen_name(app) == "JoinScreen"
        assert "Too many wrong codes" in str(error.content)
        await type_code(pilot, app, codes["DEU"])  # but the right code is always taken (issue 20)
        assert screen_name(app) != "JoinScreen"
    monkeypatch.setenv("CONSENSUS_CLIENT", "web:10.0.0.22")  # another laptop is not locked out
    app = joined(path, codes["POL"].lower().replace("-", " "))  # typed loosely: still Poland's code
    async with app.run_test(size=(120, 36)) as pilot:
        await to_table(pilot, app)
        assert table_of(app).seat == "POL"


async def test_private_text_reaches_only_its_own_seat_and_the_white_cell(crisis, seminar):
    path, codes = seminar
    # private intelligence for Romania (not Poland), released by the White Cell
    with GameStore.open(path) as store:
        iid = next(i for i, inj in crisis.scenario.injects.items()
                   if any(p.to == ("ROU",) for p in inj.private) and i not in store.current.fired)
        store.submit(A.ReleaseInject(WHITE_CELL, iid), store.seq, caller=WHITE_CELL)
    secret = next(p.text for p in crisis.scenario.injects[iid].private if p.to == ("ROU",))
    deu_brief = crisis.scenario.actors["DEU"].brief.strip()[:60]
    apps = {seat: joined(path, codes[seat]) for seat in ("ROU", "POL", PROJECTOR, WHITE_CELL)}
    async with AsyncExitStack() as stack:
        pilots = {seat: await stack.enter_async_context(app.run_test(size=(160, 50))) for seat, app in apps.items()}
        brief = apps["POL"]
        await wait_for(pilots["POL"], lambda: screen_name(brief) == "BriefingScreen", "Poland's brief")
        text = brief.screen.text  # the brief as written (Markdown), shown as text
        assert "Poland" in text and deu_brief not in text
        for seat in ("ROU", "POL"):
            await to_table(pilots[seat], apps[seat])
        assert flat(secret) in flat(feed_text(apps["ROU"]))
        assert flat(secret) not in flat(feed_text(apps["POL"]))
        assert "dormant implant" not in feed_text(apps["POL"])
        projector = apps[PROJECTOR]
        await wait_for(pilots[PROJECTOR], lambda: screen_name(projector) == "ProjectorScreen", "the projector")
        shown = screen_texts(projector.screen)
        assert crisis.scenario.title in shown
        assert flat(secret) not in flat(shown) and flat(deu_brief) not in flat(shown)
        # the White Cell's console shows every seat's private side
        wc = apps[WHITE_CELL]
        await wait_for(pilots[WHITE_CELL], lambda: screen_name(wc) == "FacilitatorScreen", "the console")
        assert wc.session.facilitated
        # the sessions themselves refuse to hand another seat's view to a screen
        pol_session = apps["POL"].session
        assert not any(e.text == secret for e, _ in pol_session.events_for("ROU"))
        assert pol_session.observation("ROU").seat != "ROU"


async def test_the_projector_acts_as_nobody(seminar):
    path, codes = seminar
    app = joined(path, codes[PROJECTOR])
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: screen_name(app) == "ProjectorScreen", "the projector")
        for key in ("space", "s", "o", "t"):
            await pilot.press(key)
        assert app.session.store.seq == 0
        from game.core.errors import IllegalActionError
        with pytest.raises(IllegalActionError, match="projector"):
            app.session.apply(A.Pass("DEU"))


async def test_two_screens_on_one_seat_stay_in_step_and_a_move_is_made_once(seminar):
    path, codes = seminar
    first, second = joined(path, codes["DEU"]), joined(path, codes["DEU"])
    async with AsyncExitStack() as stack:
        p1, p2 = await at_tables(stack, first, second)
        await p1.press("space")
        await p2.press("space")  # the second laptop presses too, before it has seen the first's move
        moves = [r for r in first.session.store.records if r.seat == "DEU"]
        assert len(moves) == 1, "one move for the seat, not two"
        await wait_for(p2, lambda: "Germany passes" in feed_text(second), "the move on the second screen")
        assert feed_text(second).count("Germany passes") == 1


async def test_the_white_cell_releases_an_inject_and_overrides_from_its_browser(crisis, seminar):
    path, codes = seminar
    wc, deu = joined(path, codes[WHITE_CELL]), joined(path, codes["DEU"])
    async with AsyncExitStack() as stack:
        pw = await stack.enter_async_context(wc.run_test(size=(160, 46)))
        pd = await stack.enter_async_context(deu.run_test(size=(140, 42)))
        await wait_for(pw, lambda: screen_name(wc) == "FacilitatorScreen", "the console")
        await to_table(pd, deu)
        console = wc.screen
        injects = console.query_one("#wc-injects")
        ids = [injects.get_option_at_index(i).id for i in range(injects.option_count)]
        pending = next(i for i in ids if i not in wc.session.state.fired and crisis.scenario.injects[i].turn != 1)
        injects.highlighted = ids.index(pending)
        await pw.press("r")
        title = crisis.scenario.injects[pending].title
        assert pending in wc.session.state.fired
        await wait_for(pd, lambda: title.split(":")[0] in feed_text(deu), "the released inject on Germany's screen")
        await pw.press("p")  # pause the room: overrides are made with the game paused
        await wait_for(pd, lambda: "PAUSED" in screen_texts(table_of(deu)), "the pause on Germany's screen")
        # the override, as the console's form sends it (the form itself: tests/tui/test_pilot_seminar.py;
        # with two apps in one test, pressing through its dialog may reach the other app)
        wc.session.apply(A.OverrideMeter(WHITE_CELL, "cohesion", 40.0, "a leak to the press"))
        await wait_for(pd, lambda: deu.session.state.meters["cohesion"] == 40, "the override on Germany's screen")
        await pw.press("j")  # the join codes, for a syndicate that lost its own
        await pw.pause()
        assert screen_name(wc) == "CodesDialog"
        assert codes["POL"] in screen_texts(wc.screen) or codes["POL"] in str(
            [wc.screen.query_one("#codes").get_option_at_index(i).prompt for i in range(12)])


def test_the_room_plays_the_computer_seats_and_waits_for_the_syndicates(crisis, seminar):
    path, codes = seminar
    with GameStore.open(path) as store:
        room = host.Room(store, pace=0)
        while room.step():
            pass
        acting = set(store.acting())
        assert acting and acting <= set(HUMANS), "only the syndicates' seats are left to act"
        assert all(r.seat not in HUMANS for r in store.records), "the room never moves a syndicate's seat"
        # the White Cell hands an absent syndicate's seat to the computer: the room plays it from then on
        from game.seminar.session import SharedSession
        SharedSession(store, WHITE_CELL).set_control("ROU", "computer")
        while room.step():
            pass
        assert any(r.seat == "ROU" for r in store.records)


def test_the_timer_runs_out_once_in_the_host(crisis, seminar):
    import time as _time
    path, codes = seminar
    with GameStore.open(path) as store:
        from game.seminar.session import SharedSession
        wc = SharedSession(store, WHITE_CELL)
        wc.start_timer(0.001, "pause")
        _time.sleep(0.1)
        room = host.Room(store, pace=0)
        assert room.step()
        assert store.current.paused
        assert store.records[-1].action.kind == "pause"
        assert wc.timer_left() is None or store.notes().get("timer") is None


def test_a_restarted_host_carries_on_the_same_game_with_the_same_codes(crisis, seminar, tmp_path):
    path, codes = seminar
    with GameStore.open(path) as store:
        room = host.Room(store, pace=0)
        for _ in range(5):
            room.step()
        seq, state = store.seq, store.current
    # the host process is killed and `play.py seminar --game FILE` is run again, as the banner says
    store, again, resumed = host.open_or_create(crisis, path, folder=tmp_path, seed=None, humans=None, turns=None)
    with store:
        assert resumed and store.path == path
        assert store.seq == seq and store.current == state
        assert again == codes
        assert store.seat_for(codes["DEU"], "web:10.0.0.7") == "DEU"
        shown = host.banner(store, again, True, [Address("127.0.0.1", "lo", "loopback")])
        assert "carried on at move" in shown and f"python play.py seminar --game {path}" in shown


def test_the_white_cell_overrides_an_adjudication_and_every_seat_sees_the_new_result(crisis, seminar):
    from game.seminar.session import SharedSession
    path, codes = seminar
    with GameStore.open(path) as room_store, GameStore.open(path) as wc_store, GameStore.open(path) as pol_store:
        wc, pol = SharedSession(wc_store, WHITE_CELL), SharedSession(pol_store, "POL")
        for seat in HUMANS:
            wc.set_control(seat, "computer")  # the syndicates step out; the room plays on to an adjudication
        room = host.Room(room_store, pace=0)
        for _ in range(3000):
            if any(op.results and op.result_changes is not None for op in room_store.current.operations):
                break
            if not room.step() and room_store.over:
                break
        wc.poll()
        op = next(op for op in wc.state.operations if op.results and op.result_changes is not None)
        old = op.results[-1][1]
        new = next(b.result for b in crisis.rules.adjudication.results if b.result != old)
        wc.apply(A.OverrideResult(WHITE_CELL, op.number, new, "the umpire's judgement: the ferry link held"))
        pol.poll()
        seen = next(o for o in pol.state.operations if o.number == op.number)
        assert seen.results[-1][1] == new
        assert any("the ferry link held" in e.text for e, _ in pol.events_for("POL"))


async def test_a_syndicate_cannot_do_the_white_cells_work_from_its_screen(seminar):
    from game.core.errors import IllegalActionError
    path, codes = seminar
    app = joined(path, codes["DEU"])
    async with app.run_test(size=(140, 42)) as pilot:
        await to_table(pilot, app)
        table = table_of(app)
        assert not any(name.startswith("Seats") for name, *_ in table.palette_commands())
        for key in ("f2", "f5"):
            await pilot.press(key)
            assert screen_name(app) == "TableScreen", f"{key} opened {screen_name(app)}"
        table.action_seats()  # however it is reached
        assert screen_name(app) == "TableScreen"
        session = app.session
        with pytest.raises(IllegalActionError):
            session.set_control("POL", "computer")
        with pytest.raises(IllegalActionError):
            session.start_timer(5)
        with pytest.raises(IllegalActionError, match="cannot move for"):
            session.act_for(A.Pass("POL"))
        assert "control:POL" not in session.store.notes()


async def test_at_the_end_each_seat_reads_its_own_review_and_cannot_start_games_on_the_host(crisis, seminar):
    from game.seminar.session import SharedSession
    path, codes = seminar
    with GameStore.open(path) as store:
        wc = SharedSession(store, WHITE_CELL)
        for seat in HUMANS:
            wc.set_control(seat, "computer")
        room = host.Room(store, pace=0)
        for _ in range(5000):
            if not room.step():
                break
        assert store.over
    app = joined(path, codes["POL"])
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: screen_name(app) in ("AARScreen", "BriefingScreen"), "the review")
        if screen_name(app) == "BriefingScreen":
            await pilot.press("enter")
        await wait_for(pilot, lambda: screen_name(app) == "AARScreen", "the review")
        review = app.screen.query_one("Markdown")._markdown
        assert crisis.scenario.title in review
        assert crisis.scenario.actors["DEU"].brief.strip()[:60] not in review
        await pilot.press("n")
        await pilot.pause()
        assert screen_name(app) == "AARScreen", "no new game on the host from a seminar's browser"


async def test_a_choice_overtaken_while_its_dialog_was_open_is_refused_not_applied(seminar):
    path, codes = seminar
    app = joined(path, codes["DEU"])
    async with app.run_test(size=(140, 42)) as pilot:
        await to_table(pilot, app)
        table = table_of(app)
        assert app.session.state.phase.value == "consultation"
        await pilot.press("down")  # the menu: share intelligence… (a choice of recipients)
        table.action_act("share_intel")
        await wait_for(pilot, lambda: screen_name(app) == "ChooseAction", "the choice of recipients")
        with GameStore.open(path) as wc:  # meanwhile the White Cell closes the round
            wc.submit(A.EndRound(WHITE_CELL), wc.seq, caller=WHITE_CELL)
        await pilot.pause(0.5)  # the table takes the move under the open dialog
        before = app.session.store.seq
        await pilot.press("enter")  # the seat chooses, on the round it saw
        await pilot.pause()
        assert app.session.store.seq == before, "nothing applied"
        assert not any(r.seat == "DEU" for r in app.session.store.records)
        from tests.tui.harness import notifications
        assert any("moved on" in n or "look again" in n for n in notifications(app))


async def test_a_new_code_sends_the_old_codes_screens_back_to_join(seminar):
    path, codes = seminar
    app = joined(path, codes["POL"])
    async with app.run_test(size=(140, 42)) as pilot:
        await to_table(pilot, app)
        session = app.session
        with GameStore.open(path) as store:
            new = host.reissue_code(store, "POL")
        def said() -> str:  # the join screen, once composed: its line saying why
            found = app.screen.query("#join-error") if screen_name(app) == "JoinScreen" else ()
            return str(found.first().content) if found else ""
        await wait_for(pilot, lambda: "new code" in said(), "the join screen again, saying why")
        assert "new code" in said()
        from game.seminar.session import CodeReplaced
        with pytest.raises(CodeReplaced):
            session.apply(A.Pass("POL"))
        assert host.read_codes(path)["POL"] == new
        await type_code(pilot, app, new)
        await to_table(pilot, app)
        assert table_of(app).seat == "POL"


async def test_the_timeline_shows_a_seat_only_the_moves_it_may_know_of(seminar):
    path, codes = seminar
    with GameStore.open(path) as store:
        store.submit(A.RequestInfo("POL", "Is the second implant real?"), store.seq, caller="POL")
        store.submit(A.Pass("POL"), store.seq, caller="POL")
    app = joined(path, codes["DEU"])
    async with app.run_test(size=(140, 42)) as pilot:
        await to_table(pilot, app)
        await pilot.press("l")
        await wait_for(pilot, lambda: screen_name(app) == "TimelineScreen", "the timeline")
        moves = app.screen.query_one("#moves")
        lines = [str(moves.get_option_at_index(i).prompt) for i in range(moves.option_count)]
        assert any("Poland" in line for line in lines), "Poland's public pass is there"
        assert not any("White Cell" in line and "Poland" in line for line in lines), lines


def test_codes_survive_a_damaged_codes_file_and_a_lost_one_can_be_reissued(crisis, seminar):
    path, codes = seminar
    host.codes_path(path).write_text("# edited by hand\nDEU " + codes["DEU"] + "\nPOL\t" + codes["POL"] + "\n")
    assert host.read_codes(path) == {"POL": codes["POL"]}, "a line out of shape is skipped, not a crash"
    host.codes_path(path).unlink()
    with GameStore.open(path) as store:
        assert set(store.seat_ids()) >= {"DEU", WHITE_CELL, PROJECTOR}
        new = host.reissue_code(store, WHITE_CELL)
        assert store.seat_for(new, "terminal:host") == WHITE_CELL


def test_a_timer_set_for_a_step_the_game_has_left_is_dropped(seminar):
    import time as _time
    from game.seminar.session import SharedSession
    path, codes = seminar
    with GameStore.open(path) as store:
        wc = SharedSession(store, WHITE_CELL)
        wc.start_timer(0.001, "silence")
        store.submit(A.EndRound(WHITE_CELL), store.seq, caller=WHITE_CELL)  # the round closed by hand
        _time.sleep(0.1)
        seq = store.seq
        room = host.Room(store, pace=0)
        room.run_out_timer()
        assert store.seq == seq, "no second round closed by an old timer"
        assert "timer" not in store.notes()
