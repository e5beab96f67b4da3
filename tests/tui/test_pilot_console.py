"""The White Cell's console as the facilitator meets it: a live feed of everything that happens, keys
that all fit at a laptop's size, a focus that can be seen, and never a seat's dialog over it — in a
seminar (the host plays the seats) and on one machine (the results wait until the table is back)."""
from __future__ import annotations

import time

import pytest

from game.core import actions as A
from game.core.actions import WHITE_CELL
from game.saves.store import GameStore
from game.seminar import host
from game.tui.app import Options, make_app
from game.tui.widgets.keybar import KeyBar
from game.tui.widgets.roomfeed import RoomFeed
from tests.tui.harness import DEFAULT, screen_name, until

LAPTOP = (151, 36)  # the terminal a browser gives at 1366×768 with the page's 16 px text


def feed(screen) -> str:
    return " ".join(" ".join(strip.text for strip in screen.query_one(RoomFeed).lines).split())


def bar_lines(screen) -> list[str]:
    bar = screen.query_one(KeyBar)
    return [line.rstrip() for line in bar.render().plain.splitlines()]


async def console_of(pilot, app):
    for _ in range(100):
        await pilot.pause(0.05)
        if screen_name(app) == "FacilitatorScreen":
            return app.screen
    raise AssertionError(f"no console: {screen_name(app)}")


@pytest.fixture
def room(crisis, tmp_path):
    """A seminar whose seats the host's computer plays, and the White Cell's code."""
    store, codes, _ = host.open_or_create(crisis, tmp_path / "room.sqlite", folder=tmp_path, new=True, seed=4,
                                          humans=["DEU"], turns=None)
    store.note("control:DEU", "computer")
    store.close()
    return tmp_path / "room.sqlite", codes


async def test_every_key_fits_at_a_laptops_size_and_the_focus_shows(tmp_path):
    app = make_app(Options(scenario=DEFAULT, seat=WHITE_CELL, seed=4, save_dir=str(tmp_path), pace="readable"))
    async with app.run_test(size=LAPTOP) as pilot:
        console = await console_of(pilot, app)
        await pilot.press("p")  # hold the room while we look
        await until(pilot, lambda: app.session.state.paused)
        await pilot.pause(0.1)  # the key bar redrawn for the paused room
        lines = bar_lines(console)
        shown = " ".join(lines)
        for binding in console.BINDINGS:
            if binding.show and console.check_action(binding.action, ()) is not False:
                assert binding.description in shown, f"{binding.description!r} cut from the key bar: {lines}"
        assert all(len(line) <= LAPTOP[0] for line in lines) and len(lines) <= 3
        focused = app.focused
        assert focused is console.query_one("#wc-injects")
        assert focused.styles.border_top[0] == "heavy", "the focused list is framed heavily"
        await pilot.press("tab")
        assert app.focused is not focused and app.focused.styles.border_top[0] == "heavy"
        assert focused.styles.border_top[0] != "heavy", "only one frame stands out"


async def test_a_click_on_the_key_bar_runs_its_key(tmp_path):
    app = make_app(Options(scenario=DEFAULT, seat=WHITE_CELL, seed=4, save_dir=str(tmp_path), pace="readable"))
    async with app.run_test(size=LAPTOP) as pilot:
        console = await console_of(pilot, app)
        bar = console.query_one(KeyBar)
        first = bar_lines(console)[0]
        x = first.index("Pause/resume") + 2  # the padding: the text starts one cell in
        for _ in range(40):  # the console laid out (the table opens its game after the first frame)
            if bar.region.width:
                break
            await pilot.pause(0.05)
        await pilot.click(KeyBar, offset=(x, 0))
        await until(pilot, lambda: app.session.state.paused)
        assert app.session.state.paused, f"clicked {first!r} at {x}"
        assert bar is console.query_one(KeyBar)


async def test_in_a_seminar_the_console_follows_everything_live_and_no_dialog_covers_it(room):
    path, codes = room
    app = make_app(Options(game=str(path), code=codes[WHITE_CELL]))
    async with app.run_test(size=LAPTOP) as pilot:
        console = await console_of(pilot, app)
        with GameStore.open(path) as store:
            room_ = host.Room(store, pace=0)
            await pilot.press("t")  # a 10-minute timer, from the console
            await pilot.pause(0.3)
            await pilot.press("enter")
            store.submit(A.RequestInfo("POL", "Is the Romanian grid still at risk?"), store.seq, caller="POL")
            adjudicated = False
            for _ in range(400):  # the host plays every seat, a turn and more
                room_.step()
                await pilot.pause(0.01)
                assert screen_name(app) == "FacilitatorScreen", f"covered by {screen_name(app)}"
                if any(type(e).__name__ == "Adjudication" for r in store.records for e in r.events):
                    adjudicated = True
                    break
            assert adjudicated, "the room reached an adjudication"
            for _ in range(20):
                await pilot.pause(0.1)
                if "difficulty" in feed(console):
                    break
        text = feed(console)
        assert "Timer started: 10:00 for Consultation, turn 1" in text
        assert "Poland asks the White Cell (request 1): Is the Romanian grid still at risk?" in text
        assert "difficulty" in text, "the adjudication is in the feed"
        assert time.strftime("%H:") in text, "with clock times"
        assert screen_name(app) == "FacilitatorScreen"


async def test_on_one_machine_the_results_wait_for_the_table_instead_of_covering_the_console(tmp_path):
    app = make_app(Options(scenario=DEFAULT, seat=WHITE_CELL, seed=4, save_dir=str(tmp_path), pace="instant"))
    async with app.run_test(size=LAPTOP) as pilot:
        console = await console_of(pilot, app)
        table = console.table
        for _ in range(200):
            await pilot.pause(0.05)
            if table.pending_results is not None:
                break
        assert table.pending_results is not None and screen_name(app) == "FacilitatorScreen"
        seq = len(app.session.log.records)
        await pilot.pause(0.5)
        assert len(app.session.log.records) == seq, "the game waits, as it would under the results"
        assert "Esc shows them" in str(console.query_one("#wc-status").render())
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "AssessmentScreen")
        assert screen_name(app) == "AssessmentScreen"


async def test_ending_a_round_is_asked_first_and_enter_cancels(tmp_path):
    """`x` cannot be taken back (every seat that has not acted is recorded as silent): the console asks
    first, Enter (the default) and Escape cancel and nothing is recorded; `y` ends the round."""
    app = make_app(Options(scenario=DEFAULT, seat=WHITE_CELL, seed=4, save_dir=str(tmp_path), pace="readable"))
    async with app.run_test(size=(120, 40)) as pilot:
        console = await console_of(pilot, app)
        await pilot.press("p")  # hold the room: the seats wait
        await pilot.pause(0.2)
        await pilot.press("p")
        await pilot.pause(0.1)
        ends = lambda: [r for r in app.session.log.records if r["action"]["kind"] == "end_round"]  # noqa: E731
        for cancel in ("enter", "escape"):
            await pilot.press("x")
            await until(pilot, lambda: screen_name(app) == "ConfirmDialog" and bool(app.screen.query("Static")))
            assert screen_name(app) == "ConfirmDialog", screen_name(app)
            shown = " ".join(str(w.content) for w in app.screen.query("Static"))
            assert "cannot be taken back" in shown and "silent" in shown, shown
            await pilot.press(cancel)
            await until(pilot, lambda: app.screen is console)
            assert app.screen is console and not ends(), cancel
        await pilot.press("x")
        await until(pilot, lambda: screen_name(app) == "ConfirmDialog")
        await pilot.press("y")
        await until(pilot, lambda: bool(ends()))
        assert ends(), "y ends the round"
