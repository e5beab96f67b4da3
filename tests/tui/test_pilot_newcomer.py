"""A whole game of first_response at 80x24 as a first-time player meets it: as the host nation,
as the chair and as a member with the keyboard only, and as a member with the mouse only. Every
seat can make the moves it is offered; the moves list has the keys whenever it is the seat's move;
every turn ends on its assessment."""
from __future__ import annotations

from game.core import actions as A
from game.tui.widgets.actions import ActionMenu
from tests.tui.harness import app_for, notifications, screen_name, settle, until

SIZE = (80, 24)


class Log:
    """What a player met on the way: screens, focus when it was their move, the moves made."""

    def __init__(self):
        self.assessed: list[int] = []
        self.focus_misses = 0
        self.my_moves = 0
        self.screens: set[str] = set()


async def _play_with_keys(pilot, app, seat: str, log: Log) -> None:
    tabled_in = set()
    for _ in range(700):
        await settle(pilot, app)
        name = screen_name(app)
        log.screens.add(name)
        if name == "AARScreen":
            return
        if name == "AssessmentScreen":
            log.assessed.append(app.screen.assessment.turn)
            await pilot.press("enter")
            continue
        if name in ("BriefingScreen", "HandoverScreen", "HelpScreen", "ChooseAction"):
            await pilot.press("enter")  # (the chair's menu: the first open choice at each question)
            continue
        if name == "ConfirmDialog":
            await pilot.press("y")
            continue
        table = app.screen
        s = app.session
        if table.seat != seat or seat not in s.acting() or table.busy:
            await pilot.pause(0.02)
            continue
        log.my_moves += 1
        if not isinstance(app.focused, ActionMenu):
            log.focus_misses += 1
        kinds = s.legal(seat).kinds()
        phase = s.state.phase.value
        menu = table.query_one(ActionMenu)
        if phase == "negotiation" and "consent" in kinds:
            assert menu.highlighted_option.id == "consent"  # the host's one decisive move, under the pointer
            await pilot.press("enter")
        elif phase == "negotiation":
            await pilot.press("s")
        elif phase == "proposal" and "table" in kinds and s.state.turn not in tabled_in:
            tabled_in.add(s.state.turn)
            await pilot.press("t")
        elif phase == "amendment":
            await pilot.press("g" if "recirculate" in kinds and not s.state.proposal.failed else "w")
        elif phase == "force_generation" and "pledge" in kinds:
            await pilot.press("p")
        else:
            await pilot.press("space")
    raise AssertionError("the game did not reach the after-action review")


def _turns_played(app) -> list[int]:
    return list(range(1, app.session.state.turn + 1))


def _moves_of(app, seat: str, kind: type) -> list:
    from game.core.actions import from_dict
    return [a for a in (from_dict(r["action"]) for r in app.session.log.records)
            if a.seat == seat and isinstance(a, kind)]


async def test_a_whole_game_as_the_host_nation_with_keys_only(tmp_path):
    app = app_for(tmp_path, seat="MDA", seed=7)
    log = Log()
    async with app.run_test(size=SIZE) as pilot:
        await _play_with_keys(pilot, app, "MDA", log)
        assert _moves_of(app, "MDA", A.Consent), "Moldova consented, with Enter on its moves list"
        assert log.assessed == _turns_played(app), "every turn ends on its assessment"
        assert log.focus_misses == 0 and log.my_moves > 5


async def test_a_whole_game_as_the_chair_with_keys_only(tmp_path):
    app = app_for(tmp_path, seat="SG", seed=7)
    log = Log()
    async with app.run_test(size=SIZE) as pilot:
        await _play_with_keys(pilot, app, "SG", log)
        assert _moves_of(app, "SG", A.Table) and {"ChooseAction", "ConfirmDialog"} <= log.screens
        assert log.assessed == _turns_played(app)
        assert log.focus_misses == 0


async def test_a_whole_game_as_a_member_with_keys_only(tmp_path):
    app = app_for(tmp_path, seat="ROU", seed=7)
    log = Log()
    async with app.run_test(size=SIZE) as pilot:
        await _play_with_keys(pilot, app, "ROU", log)
        assert _moves_of(app, "ROU", A.Support)
        assert _moves_of(app, "ROU", A.Pledge), "Romania pledged with p and the pledge menu"
        assert log.assessed == _turns_played(app)
        assert log.focus_misses == 0


# -- the mouse ------------------------------------------------------------------------------------
async def _click_option(pilot, widget, index: int) -> None:
    """Click the option at `index` of an option list (its first line)."""
    y = widget.content_region.y - widget.region.y + widget._index_to_line[index] - widget.scroll_offset.y
    await pilot.click(widget, offset=(widget.content_region.x - widget.region.x + 4, y))


async def test_a_whole_game_as_a_member_with_the_mouse_only(tmp_path):
    app = app_for(tmp_path, seat="POL", seed=7)
    clicked = {"support": 0, "pass": 0}
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(700):
            await settle(pilot, app)
            name = screen_name(app)
            if name == "AARScreen":
                break
            if name == "BriefingScreen":
                await pilot.click("#close")
                continue
            if name == "AssessmentScreen":
                await pilot.click("#continue")
                continue
            if name == "ChooseAction":
                await _click_option(pilot, app.screen.query_one("#choices"), 0)
                continue
            if name == "ConfirmDialog":
                await pilot.click("#confirm")
                continue
            table = app.screen
            s = app.session
            if table.seat != "POL" or "POL" not in s.acting() or table.busy:
                await pilot.pause(0.02)
                continue
            menu = table.query_one(ActionMenu)
            ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
            want = "support" if "support" in ids and "support" in s.legal("POL").kinds() else "pass"
            before = len(s.log.records)
            await _click_option(pilot, menu, ids.index(want))
            await settle(pilot, app)
            if screen_name(app) == "ConfirmMove":  # a click that cannot be taken back asks first
                await pilot.click("#yes")
                await settle(pilot, app)
            assert len(s.log.records) > before, f"a click on '{want}' made the move"
            clicked[want] += 1
        assert screen_name(app) == "AARScreen"
        assert clicked["support"] and clicked["pass"]


async def test_a_click_on_a_greyed_move_says_why(tmp_path):
    app = app_for(tmp_path, seat="MDA", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await until(pilot, lambda: bool(app.screen.query("#close")))
        await pilot.click("#close")  # close the brief
        await until(pilot, lambda: screen_name(app) == "TableScreen")
        await settle(pilot, app)
        menu = app.screen.query_one(ActionMenu)
        ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        greyed = next(k for k in ids if k not in app.session.legal("MDA").kinds())
        await _click_option(pilot, menu, ids.index(greyed))
        await pilot.pause(0.1)
        why = app.session.legal("MDA").why_not_kind(greyed)
        assert any(why.reason in n for n in notifications(app))


async def test_a_click_on_a_greyed_footer_key_says_why(tmp_path):
    from textual.widgets._footer import FooterKey
    app = app_for(tmp_path, seat="MDA", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await until(pilot, lambda: bool(app.screen.query("#close")))
        await pilot.click("#close")  # close the brief
        await until(pilot, lambda: screen_name(app) == "TableScreen")
        await settle(pilot, app)
        share = None
        for _ in range(100):  # the footer is recomposed for the step after the brief closes
            share = next((k for k in app.screen.query(FooterKey) if k.key == "h"), None)
            if share is not None:
                break
            await pilot.pause(0.05)
        assert share is not None, "the consultation footer offers h Share"
        assert share._disabled  # Moldova has no intelligence to share
        await pilot.click(share)
        await pilot.pause(0.2)
        why = app.session.legal("MDA").why_not_kind("share_intel")
        assert any(why.reason in n for n in notifications(app))
