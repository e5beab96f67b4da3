"""Moves that cannot be taken back (tabling, objecting, silence) ask first when they are chosen with
a click — a stray click never commits one — and are made at once from a key pressed on purpose; and
meter bars stay distinct at every width, their labels whole."""
from __future__ import annotations

import pytest
from rich.console import Console

from game.tui.widgets.actions import ActionMenu
from game.tui.widgets.meters import EMPTY, FILLED, layout, meter_line
from tests.tui.harness import app_for, screen_name, settle


async def at_table(pilot, app):
    await settle(pilot, app)
    if screen_name(app) == "BriefingScreen":
        await pilot.press("enter")
        await settle(pilot, app)
    assert screen_name(app) == "TableScreen"


def moves_of(app, seat):
    return [r["action"]["kind"] for r in app.session.log.records if r["action"]["seat"] == seat]


async def click_option(pilot, app, kind: str):
    menu = app.screen.query_one(ActionMenu)
    index = next(i for i in range(menu.option_count) if menu.get_option_at_index(i).id == kind)
    await pilot.click(ActionMenu, offset=(4, index + 1 - menu.scroll_offset.y))
    await pilot.pause(0.2)


async def test_silence_chosen_with_a_click_asks_first_and_back_makes_no_move(tmp_path):
    app = app_for(tmp_path, seat="DEU", seed=4)
    async with app.run_test(size=(120, 40)) as pilot:
        await at_table(pilot, app)
        await click_option(pilot, app, "pass")
        assert screen_name(app) == "ConfirmMove", "a click that cannot be taken back asks first"
        assert "Germany stays silent?" in str(app.screen.query_one("#what").render())
        await pilot.press("enter")  # the focus is on Back: Enter (or a second stray click) goes back
        await pilot.pause(0.2)
        assert screen_name(app) == "TableScreen" and "pass" not in moves_of(app, "DEU")
        await click_option(pilot, app, "pass")
        await pilot.click("#yes")
        await settle(pilot, app)
        assert moves_of(app, "DEU") == ["pass"]


async def test_a_key_pressed_on_purpose_moves_at_once(tmp_path):
    app = app_for(tmp_path, seat="DEU", seed=4)
    async with app.run_test(size=(120, 40)) as pilot:
        await at_table(pilot, app)
        app.last_click = float("-inf")  # no click since the brief was closed
        await pilot.press("space")
        await settle(pilot, app)
        assert moves_of(app, "DEU") == ["pass"] and screen_name(app) != "ConfirmMove"


async def test_an_objection_clicked_through_its_reasons_is_confirmed_before_it_counts(tmp_path):
    app = app_for(tmp_path, seat="HUN", seed=4)
    async with app.run_test(size=(120, 40)) as pilot:
        await at_table(pilot, app)
        for _ in range(12):  # Hungary is silent in consultation, then a text is tabled it may object to
            if screen_name(app) in ("AssessmentScreen", "BriefingScreen"):
                await pilot.press("enter")
            elif any(o.id == "object" and "not now" not in str(o.prompt)
                     for o in app.screen.query_one(ActionMenu)._options):
                break
            else:
                await pilot.press("space")
            await settle(pilot, app)
        await click_option(pilot, app, "object")
        for _ in range(6):  # the reason, then what it asks for: each a click
            if screen_name(app) != "ChooseAction":
                break
            await pilot.click("#choices", offset=(4, 1))  # the first option, inside the list's frame
            await pilot.pause(0.2)
        assert screen_name(app) == "ConfirmMove" and "objects" in str(app.screen.query_one("#what").render())
        assert "object" not in moves_of(app, "HUN")
        await pilot.press("y")
        await settle(pilot, app)
        assert moves_of(app, "HUN")[-1] == "object"


class M:
    def __init__(self, label, min_=0, max_=100, good="high"):
        self.label, self.min, self.max, self.good, self.thresholds = label, min_, max_, good, ()


@pytest.mark.parametrize("width", [20, 24, 30, 34, 40, 48, 60, 80, 120, 200])
def test_meter_bars_stay_distinct_and_labels_whole_at_every_width(width):
    meters = [M("Crisis severity", good="low"), M("Alliance cohesion"), M("Legitimacy"), M("Public support")]
    label, bar = layout([m.label for m in meters], width)
    console = Console(width=width, record=True)
    lines = []
    for value, m in zip((100, 100, 0, 55), meters):
        rendered = meter_line(m, value, bar, label)
        console.print(rendered, no_wrap=True, overflow="ignore", crop=False)
        lines += rendered.plain.splitlines()
    text = "\n".join(lines)
    for m in meters:
        assert m.label in text, f"{m.label!r} cut at width {width}"
    assert not set(text) & set("█▓▒░▇"), "no bar glyph fills its cell's height: adjacent bars never merge"
    assert FILLED in text and EMPTY in text
    assert all(len(line) <= max(width, len(max(lines, key=len))) for line in lines)
    bars = [line for line in lines if FILLED in line or EMPTY in line]
    assert all(len(line.rstrip()) <= width for line in bars), f"a bar runs past the width {width}: {bars}"
