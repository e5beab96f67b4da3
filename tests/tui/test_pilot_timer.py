"""The phase timer as the syndicates see it: every seat's screen shows the countdown, held while the
game is paused, and gone when its step ends — on one machine and in a seminar."""
from __future__ import annotations

from game.core import actions as A
from game.core.actions import WHITE_CELL
from game.saves.store import GameStore
from game.seminar import host
from game.tui.app import Options, make_app
from game.tui.widgets.countdown import Countdown
from tests.tui.harness import DEFAULT, screen_name, settle


def countdown(app) -> str:
    table = next(s for s in app.screen_stack if type(s).__name__ == "TableScreen")
    widget = table.query_one(Countdown)
    return str(widget.render()) if widget.display else ""


async def until(pilot, shown, limit: float = 5.0) -> None:
    """Wait for the countdown's tick to show something (the assertion after it says what failed)."""
    for _ in range(int(limit / 0.05)):
        if shown():
            return
        await pilot.pause(0.05)


async def test_a_seats_screen_counts_down_holds_on_pause_and_drops_the_timer_with_its_step(tmp_path):
    app = make_app(Options(scenario=DEFAULT, seat="DEU", seed=4, save_dir=str(tmp_path), pace="instant",
                           white_cell=True))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        if screen_name(app) == "BriefingScreen":
            await pilot.press("enter")
            await settle(pilot, app)
        assert countdown(app) == ""
        table = next(s for s in app.screen_stack if type(s).__name__ == "TableScreen")
        app.session.start_timer(5, "silence")
        await until(pilot, lambda: countdown(app) != "")  # its next tick (twice a second; later on a busy machine)
        assert "04:5" in countdown(app) or "05:00" in countdown(app), countdown(app)
        assert "left" in countdown(app)
        app.session.log.apply(A.Pause(WHITE_CELL))
        table.check_timer()  # the table's look each second
        await until(pilot, lambda: "paused" in countdown(app))
        held = countdown(app)
        assert "paused" in held
        await pilot.pause(1.2)
        assert countdown(app) == held, "no time runs while the game is paused"
        app.session.log.apply(A.Resume(WHITE_CELL))
        app.session.log.apply(A.EndRound(WHITE_CELL))  # the step ends by hand
        table.check_timer()
        await until(pilot, lambda: countdown(app) == "")
        assert countdown(app) == "" and app.session.timer is None, "the timer ended with its step"


async def test_every_syndicate_in_a_seminar_sees_the_white_cells_countdown(crisis, tmp_path):
    store, codes, _ = host.open_or_create(crisis, tmp_path / "room.sqlite", folder=tmp_path, new=True, seed=5,
                                          humans=["DEU", "POL"], turns=None)
    store.close()
    app = make_app(Options(game=str(tmp_path / "room.sqlite"), code=codes["POL"]))
    async with app.run_test(size=(140, 40)) as pilot:
        for _ in range(200):  # (joining reads the shared store: slower on a busy machine)
            await pilot.pause(0.05)
            if screen_name(app) == "BriefingScreen":
                await pilot.press("enter")
            if screen_name(app) == "TableScreen":
                break
        with GameStore.open(tmp_path / "room.sqlite") as other:
            from game.seminar.session import SharedSession
            SharedSession(other, WHITE_CELL).start_timer(3, "pause")
            room = host.Room(other, pace=0)
            room.run_out_timer()
            await until(pilot, lambda: countdown(app) != "", limit=10.0)  # the next poll of the store, then a tick
            assert "02:5" in countdown(app) or "03:00" in countdown(app), countdown(app)
