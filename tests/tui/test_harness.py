"""The harness itself: a wait that times out says so, so a test cannot go on with a busy table."""
import pytest

from tests.tui.harness import NotSettled, app_for, screen_name, settle


async def test_settle_raises_when_the_table_stays_busy(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)  # settles: the computers moved, the chair's brief is up
        table = next(s for s in app.screen_stack if screen_name_of(s) == "TableScreen")
        table.busy = True  # as if a computer delegation never finished thinking
        with pytest.raises(NotSettled, match="still busy after 0.2 s"):
            await settle(pilot, app, limit=0.2)
        table.busy = False
        await settle(pilot, app, limit=0.2)
        assert screen_name(app) in ("BriefingScreen", "TableScreen")


def screen_name_of(screen) -> str:
    return type(screen).__name__
