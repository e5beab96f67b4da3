"""The seminar room on one laptop: the White Cell console, timers, overrides, the projector view."""
import random
import subprocess
import sys
import time

from game.core import actions as A
from game.core import engine
from game.saves.log import GameLog
from game.scenario.loader import load_scenario
from game.review.report import build, to_markdown
from game.tui.app import Options, make_app
from tests.conftest import ROOT, SCENARIOS
from tests.tui.harness import DEFAULT, notifications, screen_name, screen_texts, settle


def wc_app(tmp_path, seed=4, pace="readable"):
    return make_app(Options(scenario=DEFAULT, seat=A.WHITE_CELL, seed=seed, save_dir=str(tmp_path), pace=pace))


async def _console(pilot, app):
    for _ in range(40):
        await pilot.pause(0.05)
        if screen_name(app) == "FacilitatorScreen":
            return app.screen
    raise AssertionError(f"no console: {screen_name(app)}")


async def _fill(pilot, app, values: dict):
    form = app.screen
    for name, value in values.items():
        widget = form.query_one(f"#f-{name}")
        widget.value = value
    form.submit()
    await pilot.pause()


async def test_release_hold_and_edit_injects(tmp_path):
    app = wc_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        console = await _console(pilot, app)
        await pilot.press("p")  # pause the room first
        injects = console.query_one("#wc-injects")
        ids = [injects.get_option_at_index(i).id for i in range(injects.option_count)]
        injects.highlighted = ids.index("disinformation")
        await pilot.press("h")
        assert "disinformation" in app.session.state.held
        injects.highlighted = ids.index("romania_intrusion")
        await pilot.press("e")
        await pilot.pause()
        assert screen_name(app) == "FormDialog"
        await _fill(pilot, app, {"text": "Edited by the White Cell."})
        assert "romania_intrusion" in app.session.state.fired
        assert any("Edited by the White Cell." in e.text for e in app.session.log.events)
        injects.highlighted = ids.index("disinformation")
        await pilot.press("r")
        assert "disinformation" in app.session.state.fired and not app.session.state.held
        records = [r["action"]["kind"] for r in app.session.log.records]
        assert {"hold_inject", "release_inject", "pause"} <= set(records)


async def test_timer_running_out_closes_the_round_as_the_rules_say(tmp_path):
    app = make_app(Options(scenario=DEFAULT, seat="SG", seed=4, save_dir=str(tmp_path), pace="instant",
                           white_cell=True))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")  # the chair's brief
        await settle(pilot, app)
        await pilot.press("t")  # table a text; the delegations answer
        for _ in range(6):
            await pilot.pause(0.05)
            if screen_name(app) == "ChooseAction":
                await pilot.press("enter")
        await settle(pilot, app)
        table = next(s for s in app.screen_stack if type(s).__name__ == "TableScreen")
        app.session.controls["USA"] = "human"  # a syndicate that has not answered yet
        app.session.start_timer(0.0001, "silence")
        time.sleep(0.02)
        table.check_timer()
        await settle(pilot, app)
        ends = [r for r in app.session.log.records if r["action"]["kind"] == "end_round"]
        assert ends and ends[-1]["action"]["reason"] == "timer"
        assert "Time is up" in "\n".join(notifications(app))


async def test_override_with_rationale_appears_in_the_review(tmp_path):
    app = wc_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        console = await _console(pilot, app)
        await pilot.press("p")
        await pilot.press("o")
        await pilot.pause()
        await _fill(pilot, app, {"meter": "cohesion", "value": "40", "rationale": "a leak to the press"})
        assert app.session.state.meters["cohesion"] == 40
        s = app.session
        md = to_markdown(build(s.crisis, s.state, s.log.events, A.WHITE_CELL))
        assert "a leak to the press" in md
        del console


async def test_projector_never_shows_private_information():
    """Property: over every scenario and several seeds, at random points of play, nothing on the
    projector comes from a private brief, red line, objective or private intelligence."""
    from game.players import POLICIES, choose_for
    from game.tui.screens.projector import ProjectorScreen

    class Source:
        def __init__(self, crisis, log):
            self.crisis, self.log = crisis, log

        state = property(lambda self: self.log.state)
        events = property(lambda self: self.log.events)

        def timer_left(self):
            return 300.0

    for path in SCENARIOS:
        crisis = load_scenario(path)
        secrets = []
        for a in crisis.scenario.actors.values():
            secrets += [a.brief.strip()[:50]] if a.brief.strip() else []
            secrets += [r.text for r in a.red_lines] + [o.text for o in a.objectives
                                                         if o.text not in {c.text for c in crisis.scenario.objectives}]
        for inj in crisis.scenario.injects.values():
            secrets += [p.text for p in inj.private]
        for seed in range(2):
            log = GameLog(crisis, seed)
            rnd = random.Random(seed)
            stops = sorted(rnd.sample(range(20, 400), 3))
            app = make_app(Options())
            async with app.run_test(size=(160, 50)) as pilot:
                app.push_screen(ProjectorScreen(Source(crisis, log)))
                await pilot.pause()
                n = 0
                for stop in stops:
                    while n < stop and not engine.is_over(log.state):
                        seat = engine.acting_seats(crisis, log.state)[0]
                        log.apply(choose_for(crisis, log.state, seat, POLICIES["default"])[0])
                        n += 1
                    app.screen.show()
                    shown = screen_texts(app.screen)
                    assert crisis.scenario.title in shown
                    for secret in secrets:
                        assert secret not in shown, f"{path.name} seed {seed}: private text on the projector"


def test_a_second_process_following_the_save_sees_a_move(crisis, tmp_path):
    save = tmp_path / "room.jsonl"
    log = GameLog(crisis, 2, {}, save)
    follower = subprocess.Popen([sys.executable, "-c", f"""
import sys, time
sys.path.insert(0, {str(ROOT)!r})
from game.tui.session import Follower
f = Follower({str(save)!r})
start = len(f.events)
print("ready", flush=True)
t0 = time.monotonic()
while time.monotonic() - t0 < 20:
    if f.poll() and f.seen > 0:
        print("seen", f.seen, round(time.monotonic() - t0, 3), flush=True)
        break
    time.sleep(0.5)
"""], stdout=subprocess.PIPE, text=True)
    assert follower.stdout.readline().strip() == "ready"
    log.apply(A.Pass(engine.acting_seats(crisis, log.state)[0]))
    line = follower.stdout.readline().split()
    follower.wait(timeout=20)
    log.close()
    assert line and line[0] == "seen" and int(line[1]) == 1
    assert float(line[2]) <= 1.5  # within the projector's half-second refresh, with room for a busy machine


async def test_a_computer_seat_that_starts_thinking_as_the_game_pauses_does_not_crash(tmp_path):
    """The White Cell pauses while a computer delegation begins to think: its choice is refused
    (the game is paused) and the table simply waits — the app does not fail."""
    app = wc_app(tmp_path, pace="instant")
    async with app.run_test(size=(140, 40)) as pilot:
        await _console(pilot, app)
        session = app.session
        seat = engine.acting_seats(session.crisis, session.state)[0]
        session.apply(A.Pause(A.WHITE_CELL))
        table = next(s for s in app.screen_stack if s.__class__.__name__ == "TableScreen")
        table.busy = True
        table.think(seat)  # the worker asks the policy in a paused game
        for _ in range(40):
            await pilot.pause(0.05)
            if not table.busy:
                break
        assert not table.busy and session.state.paused and app.return_code is None
