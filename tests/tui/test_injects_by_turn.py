"""Injects are listed under the turn they fired: in the feed, between that turn's heading and the
next; on the assessment screen, as that turn's news (issue 18: "injects appear under the wrong
turn"). The truth is the engine's events in order, with their turn headings."""
from __future__ import annotations

import re

from game.tui.widgets.feed import Feed
from tests.tui.harness import app_for, screen_name, settle

SIZE = (80, 24)


def _fired_by_turn(app) -> dict[int, list[str]]:
    """Each inject's title under the turn it fired in, from the game's events in order (the start of
    the game's included), as the engine recorded them."""
    from game.core import events as ev
    out: dict[int, list[str]] = {}
    turn = 1
    for e, _why in app.session.events_for(None):
        if isinstance(e, ev.TurnStarted):
            turn = e.turn
        elif isinstance(e, ev.Inject):
            out.setdefault(turn, []).append(e.title)
    return out


def _feed_by_turn(feed: Feed) -> dict[int, list[str]]:
    """The feed's lines under each "Turn N" heading (the lines before the first heading: turn 1)."""
    out: dict[int, list[str]] = {}
    turn = 1
    for line in feed.texts:
        m = re.fullmatch(r"(?:🔒 )?Turn (\d+)", line.plain.strip())
        if m:
            turn = int(m.group(1))
            continue
        out.setdefault(turn, []).append(line.plain)
    return out


async def test_injects_are_listed_under_the_turn_they_fired(tmp_path):
    app = app_for(tmp_path, seat="HUN", seed=7)
    news: dict[int, tuple[str, ...]] = {}
    feed_lines: dict[int, list[str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(600):
            await settle(pilot, app)
            name = screen_name(app)
            if name == "AARScreen":
                break
            table = next((s for s in app.screen_stack if type(s).__name__ == "TableScreen"), None)
            if table is not None:
                feed_lines = _feed_by_turn(table.query_one(Feed))
            if name == "AssessmentScreen":
                news[app.screen.assessment.turn] = tuple(app.screen.assessment.injects)
                await pilot.press("enter")
            elif name in ("BriefingScreen", "HandoverScreen", "ChooseAction", "HelpScreen"):
                await pilot.press("enter")
            elif name == "ConfirmDialog":
                await pilot.press("y")
            elif table is not None and table.seat == "HUN" and "HUN" in app.session.acting() and not table.busy:
                await pilot.press("space")
            else:
                await pilot.pause(0.02)
        else:
            raise AssertionError("the game did not end")
        fired = _fired_by_turn(app)
    assert sum(len(v) for v in fired.values()) >= 3 and len(fired) >= 2  # the check has injects in several turns
    assert sorted(news) == list(range(1, max(news) + 1))  # an assessment for every turn played
    for turn, titles in news.items():
        assert list(titles) == fired.get(turn, []), (turn, titles, fired.get(turn))
    for turn, titles in fired.items():
        lines = feed_lines.get(turn, [])
        for title in titles:
            assert any(line.startswith(title + ":") or line.startswith(title) for line in lines), \
                (turn, title, lines[:12])
            for other, other_lines in feed_lines.items():
                if other != turn:
                    assert not any(line.startswith(title + ":") for line in other_lines), (title, turn, other)
