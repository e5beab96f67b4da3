"""Driving the app as a user does, with a pinned seed and instant computer moves."""
from __future__ import annotations

from game.tui.app import Options, make_app
from tests.conftest import ROOT

DEFAULT = str(ROOT / "scenarios" / "first_response.yaml")


def app_for(tmp_path, seat="SG", seed=7, scenario=DEFAULT, pace="instant", **kw):
    return make_app(Options(scenario=scenario, seat=seat, seed=seed, save_dir=str(tmp_path), pace=pace, **kw))


def screen_name(app) -> str:
    return type(app.screen).__name__


class NotSettled(AssertionError):
    """The table was still busy when `settle` stopped waiting."""


async def settle(pilot, app, limit: float = 10.0) -> None:
    """Wait until the computers have moved and the table waits for a person (or a modal is up).
    Raises NotSettled after `limit` seconds: a test must not go on as if the table had settled."""
    waited = 0.0
    while waited < limit:
        await pilot.pause(0.05)
        waited += 0.05
        table = next((s for s in app.screen_stack if type(s).__name__ == "TableScreen"), None)
        if table is None or (not table.busy and not app.workers._workers):
            return
    raise NotSettled(f"the table was still busy after {limit:g} s (busy={table.busy}, "
                     f"workers={len(app.workers._workers)}, screen={type(app.screen).__name__})")


async def until(pilot, cond, limit: float = 5.0) -> bool:
    """Wait up to `limit` seconds for cond() to hold, looking every 0.05 s (the app runs meanwhile):
    for a test to wait for what it checks, never a fixed time that a busy machine may overrun.
    Returns whether it held; the assertion after it says what failed."""
    for _ in range(int(limit / 0.05)):
        if cond():
            return True
        await pilot.pause(0.05)
    return bool(cond())


def notifications(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


def feed_text(app) -> str:
    from game.tui.widgets.feed import Feed
    table = next(s for s in app.screen_stack if type(s).__name__ == "TableScreen")
    return "\n".join(strip.text for strip in table.query_one(Feed).lines)


def screen_texts(screen) -> str:
    """Every text a screen's Static widgets and tables show (what a viewer could read)."""
    from rich.text import Text
    from textual.widgets import DataTable, Static
    out = []
    for w in screen.query(Static):
        content = w.content
        out.append(content.plain if isinstance(content, Text) else str(content))
    for table in screen.query(DataTable):
        for row in range(table.row_count):
            out += [str(c) for c in table.get_row_at(row)]
    return "\n".join(out)
