"""Author text is text: a scenario whose titles, names, briefs, labels and texts hold Textual markup
(`[link=…]` crashed the join page for every browser; `[bold red]` was applied) shows it literally on
every screen that shows them, and an escape code in a name never reaches the terminal."""
from __future__ import annotations

import html
import re

import pytest

from game.core import actions as A
from game.saves.store import GameStore
from game.scenario.loader import load_scenario
from game.tui.app import Options, make_app
from tests.conftest import ROOT
from tests.tui.harness import app_for, screen_name, settle, until

MARKUP = "[link=https://evil.invalid]L[/link][bold red]B[/]"
TEXT_KEY = re.compile(r"^(\s*(?:- )?)(title|name|summary|brief|label|text|situation): ([^|>'\n].*)$")


def with_markup(text: str) -> str:
    lines = []
    for line in text.splitlines():
        m = TEXT_KEY.match(line)
        if m and not m.group(3).startswith(("[", "{")):
            value = m.group(3).split(" #")[0].strip()
            value = value[1:-1] if value.startswith('"') and value.endswith('"') else value
            line = f"{m.group(1)}{m.group(2)}: '" + (MARKUP + " " + value).replace("'", "''") + "'"
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """first_response.yaml with MARKUP before every one-line text."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "library").mkdir()
    nations = (ROOT / "scenarios" / "library" / "nations.yaml").read_text(encoding="utf-8")
    (folder / "library" / "nations.yaml").write_text(with_markup(nations), encoding="utf-8")
    path = folder / "hostile.yaml"
    path.write_text(with_markup((ROOT / "scenarios" / "first_response.yaml").read_text(encoding="utf-8")),
                    encoding="utf-8")
    crisis = load_scenario(path)
    assert crisis.scenario.title.startswith(MARKUP)
    return path


def shown(app) -> str:
    """What the terminal shows, as text (from the screenshot Textual renders)."""
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


async def test_markup_in_a_scenario_title_is_shown_literally_at_the_seminar_join_screen(hostile, tmp_path):
    store, _ = GameStore.create(tmp_path / "room.sqlite", load_scenario(hostile), 3, {})
    store.close()
    app = make_app(Options(game=str(tmp_path / "room.sqlite")))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: screen_name(app) == "JoinScreen")
        assert screen_name(app) == "JoinScreen"
        assert MARKUP in shown(app)
        await pilot.press(*"[link=x]WRONG")
        await pilot.press("enter")
        await until(pilot, lambda: "not one of this game's" in shown(app))
        assert screen_name(app) == "JoinScreen" and "not one of this game's" in shown(app)


async def test_markup_in_names_and_texts_is_shown_literally_at_the_table_and_the_console(hostile, tmp_path):
    app = app_for(tmp_path, seat=A.WHITE_CELL, scenario=str(hostile), seed=4, pace="readable")
    async with app.run_test(size=(160, 50)) as pilot:
        for _ in range(60):
            await pilot.pause(0.05)
            if screen_name(app) == "FacilitatorScreen":
                break
        assert screen_name(app) == "FacilitatorScreen"
        await pilot.pause(0.2)  # (drawn)
        screen = shown(app)
        assert screen.count(MARKUP) >= 3, screen  # seat names, inject titles, the private panel
        assert "evil.invalid" in screen


async def test_markup_in_a_seat_name_is_shown_literally_at_the_handover_and_the_changed_dialog(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot, app)
        app.push_screen(app.make_screen("handover", MARKUP + " Estonia \x1b]52;c;SGk=\x07"))
        await pilot.pause(0.2)
        screen = shown(app)
        assert MARKUP + " Estonia \\x1b]52;c;SGk=\\x07" in screen and "\x1b" not in screen
        await pilot.press("enter")
        await pilot.pause(0.1)
        from game.tui.dialogs.changed import ScenarioChangedDialog
        app.push_screen(ScenarioChangedDialog(MARKUP))
        await pilot.pause(0.2)
        assert f"'{MARKUP}'" in shown(app)
        app.notify(MARKUP, title="[b]t[/b]")
        await pilot.pause(0.2)
        assert MARKUP in shown(app)


async def test_a_tag_in_a_brief_is_shown_as_written_not_dropped(tmp_path):
    """The briefing is Markdown: a `<script>` in the scenario's title or situation was dropped as
    HTML (the player read "x" for "<script>x</script>"); it is shown as the author wrote it."""
    text = (ROOT / "scenarios" / "first_response.yaml").read_text(encoding="utf-8")
    text = re.sub(r"\ntitle: .*", '\ntitle: "<script>alert(1)</script> First response"', text, count=1)
    (tmp_path / "library").mkdir()
    (tmp_path / "library" / "nations.yaml").write_text(
        (ROOT / "scenarios" / "library" / "nations.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "tagged.yaml"
    path.write_text(text, encoding="utf-8")
    app = app_for(tmp_path, seat="SG", scenario=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(40):
            await pilot.pause(0.05)
            if screen_name(app) == "BriefingScreen":
                break
        assert screen_name(app) == "BriefingScreen"
        for _ in range(40):  # the Markdown widget renders after the screen is up
            await pilot.pause(0.05)
            if "alert(1)" in shown(app):
                break
        assert "<script>alert(1)</script>" in shown(app)
