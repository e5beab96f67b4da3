"""What the screen shows, at a fixed seed and size. After an intended change, look at the report
(`pytest --snapshot-update` only after reading it)."""
import pytest

from game.tui.app import Options, make_app
from tests.conftest import ROOT
from tests.tui.harness import DEFAULT, app_for, screen_name, settle
from tests.tui.test_pilot_play import _play_to_the_end

SIZES = [(80, 24), (120, 40)]


async def _to_table(pilot):
    app = pilot.app
    await settle(pilot, app)
    await pilot.press("enter")  # close the brief
    await settle(pilot, app)
    await _feed_still(pilot)  # settle can return before the computers' first moves are shown


async def _feed_still(pilot, limit: float = 15.0):
    """Until the game has stopped moving (no new record, the table not busy) and the feed has
    stopped growing, scrolled to its end (it scrolls as lines arrive), for half a second: a screen
    shown over the table shows the feed's last lines behind it. On a busy machine the computers'
    moves and the feed's lines can pause for longer than a few frames; a snapshot taken then
    shows a feed cut short."""
    from game.tui.widgets.feed import Feed
    app = pilot.app
    table = next(s for s in app.screen_stack if type(s).__name__ == "TableScreen")
    feed = table.query_one(Feed)
    seen = []
    for _ in range(int(limit / 0.05)):
        await pilot.pause(0.05)
        seen.append((len(app.session.log.records), len(feed.lines), feed.scroll_y, feed.max_scroll_y, table.busy))
        last = seen[-1]
        if len(seen) >= 10 and len(set(seen[-10:])) == 1 and last[2] == last[3] and not last[4]:
            return
    raise AssertionError(f"the feed was still changing after {limit:g} s: {seen[-3:]}")


async def _to_results(pilot):
    """To the first turn's assessment (the chair tables, amends, recirculates)."""
    app = pilot.app
    await _to_table(pilot)
    for _ in range(60):
        await settle(pilot, app)
        name = screen_name(app)
        if name in ("ResultsScreen", "AssessmentScreen"):
            return
        if name in ("ChooseAction", "BriefingScreen"):
            await pilot.press("enter")
        elif name == "ConfirmDialog":
            await pilot.press("y")
        elif app.session.state.phase.value == "proposal":
            await pilot.press("t")
        elif app.session.state.phase.value == "amendment":  # amend, else a key that is legal now
            kinds = app.session.legal("SG").kinds()
            await pilot.press("a" if "amend" in kinds else "g" if "recirculate" in kinds else "w")
        else:
            await pilot.press("space")


async def _to_aar(pilot):
    await _play_to_the_end(pilot, pilot.app)
    await pilot.pause(0.2)


class TestStart:
    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_start_screen(self, snap_compare, tmp_path, size):
        only = [DEFAULT, str(ROOT / "scenarios" / "reference.yaml")]  # not whatever else is in the folder
        assert snap_compare(make_app(Options(save_dir=str(tmp_path), scenario_files=only)), terminal_size=size)


class TestGame:
    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_briefing(self, snap_compare, tmp_path, size):
        assert snap_compare(app_for(tmp_path, seat="HUN"), terminal_size=size,
                            run_before=lambda pilot: settle(pilot, pilot.app))

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_table(self, snap_compare, tmp_path, size):
        assert snap_compare(app_for(tmp_path, seat="SG"), terminal_size=size, run_before=_to_table)

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_adjudication(self, snap_compare, tmp_path, size):
        assert snap_compare(app_for(tmp_path, seat="SG"), terminal_size=size, run_before=_to_results)

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_aar(self, snap_compare, tmp_path, size):
        assert snap_compare(app_for(tmp_path, seat="SG"), terminal_size=size, run_before=_to_aar)


class TestNewcomer:
    """The screens issue 18 added or changed: the chair's informed menu with greyed options, the
    hotseat handover, the palette with the seat's moves."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_chair_menu_with_greyed_options(self, snap_compare, tmp_path, size):
        frontline = str(ROOT / "scenarios" / "frontline_hybrid.yaml")

        async def run_before(pilot):
            await _to_table(pilot)
            await pilot.press("t")
            await pilot.pause(0.3)
            choices = pilot.app.screen.query_one("#choices")
            choices.highlighted = choices.option_count - 1  # a greyed one: Article 5, before any attack
            await pilot.pause(0.2)
        assert snap_compare(app_for(tmp_path, seat="SG", scenario=frontline), terminal_size=size,
                            run_before=run_before)

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_handover(self, snap_compare, tmp_path, size):
        async def run_before(pilot):
            await _to_table(pilot)
            pilot.app.push_screen(pilot.app.make_screen("handover", "Romania", "Hungary"))
            await pilot.pause(0.2)
        assert snap_compare(app_for(tmp_path, seat="HUN"), terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_palette_with_the_seats_moves(self, snap_compare, tmp_path, size):
        async def run_before(pilot):
            await _to_table(pilot)
            await _feed_still(pilot)
            await pilot.press("ctrl+p")
            from textual.widgets import Input
            for _ in range(100):  # until every provider has answered: Textual marks the palette
                await pilot.pause(0.1)  # "-ready" after its last batch (a steady count is not enough
                if pilot.app.screen.has_class("-ready"):  # on a busy machine: batches come 0.25 s apart)
                    break
            pilot.app.screen.query_one(Input).cursor_blink = False
            await pilot.pause(0.2)
        assert snap_compare(app_for(tmp_path, seat="MDA"), terminal_size=size, run_before=run_before)
