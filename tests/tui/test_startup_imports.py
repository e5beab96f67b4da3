"""Starting the table loads only what its first screens need (issue 18: start-up within 1.3x a bare
Textual app). In a fresh interpreter the app is started on first_response as the chair, run to its
brief and on to the table, and the modules loaded are listed: the seminar (its join screen, its web
driver, its database), the review and AAR (Markdown, HTML, charts, the turn's assessment), the
Markdown libraries and the screens not yet opened must not be among them."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

# Each is loaded only where it is used: a seminar, the end of a turn or game, a screen opened later.
HEAVY = ("game.seminar", "game.tui.joining", "game.tui.webdriver", "textual.drivers.web_driver", "game.saves.store",
         "sqlite3", "game.review.markdown", "game.review.html", "game.review.report", "game.review.assessment",
         "game.review.charts", "game.review.turn_assessment", "game.tui.screens.aar", "game.tui.screens.results",
         "game.tui.screens.assessment", "game.tui.screens.facilitator", "game.tui.screens.projector",
         "game.tui.screens.join", "game.tui.screens.setup", "game.tui.screens.start", "game.tui.screens.timeline",
         "textual.widgets._markdown", "markdown_it", "mdurl", "rich.markdown", "rich.syntax", "pygments",
         "game.players.simulate", "textual.widgets._data_table", "textual.widgets._text_area")

CHILD = r"""
import asyncio, json, sys, tempfile
from game.tui.app import Options, make_app

async def main():
    app = make_app(Options(scenario="scenarios/first_response.yaml", seat="SG", seed=7,
                           save_dir=tempfile.mkdtemp(), pace="instant"))
    seen = {}
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(400):
            await pilot.pause(0.05)
            if type(app.screen).__name__ == "BriefingScreen":
                break
        seen["brief"] = sorted(sys.modules)
        seen["screen"] = type(app.screen).__name__
        await pilot.press("enter")
        await pilot.pause(0.5)
        seen["table"] = sorted(sys.modules)
        seen["after"] = type(app.screen).__name__
    print(json.dumps(seen))

asyncio.run(main())
"""


def _loaded(names: list[str], heavy: str) -> bool:
    return any(m == heavy or m.startswith(heavy + ".") for m in names)


def test_starting_the_table_loads_no_seminar_review_or_markdown_module():
    out = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["screen"] == "BriefingScreen" and seen["after"] == "TableScreen", seen["screen"]
    assert "game.tui.app" in seen["brief"] and "game.review.papers" in seen["brief"]  # the check sees modules
    for moment in ("brief", "table"):
        early = [h for h in HEAVY if _loaded(seen[moment], h)]
        assert not early, f"loaded by the time of the {moment}: {early}"
