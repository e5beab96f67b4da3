"""The White Cell's live feed: every move, inject, request for information and answer, override and
timer as it happens, newest last, with its clock time in a seminar (game.review.room builds the
lines; this only shows them)."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import RichLog

from game.review.room import RoomLine, at

STYLE = {"rfi": "bold magenta", "answer": "magenta", "timer": "bold yellow", "host": "bold cyan",
         "inject": "bold cyan", "override": "bold yellow", "result": "bold green", "move": ""}
MARK = {"rfi": "? ", "answer": "↳ ", "timer": "⏱ ", "host": "⚑ ", "inject": "! ", "override": "✎ "}


class RoomFeed(RichLog):
    def __init__(self, **kw):
        super().__init__(wrap=True, markup=False, highlight=False, min_width=20, auto_scroll=True, **kw)
        self.lines_shown: list[RoomLine] = []

    def add(self, lines: list[RoomLine]) -> None:
        """Add lines at the end (what happened since the last look)."""
        self.show(self.lines_shown + list(lines))

    def show(self, lines: list[RoomLine]) -> None:
        """Show `lines`: the new ones are added at the end; if earlier ones changed (a journal line
        that arrived late, a reload), the feed is written again."""
        if lines[:len(self.lines_shown)] != self.lines_shown:
            self.clear()
            self.lines_shown = []
        for line in lines[len(self.lines_shown):]:
            text = Text()
            if line.at is not None:
                text.append(at(line.at) + " ", style="dim")
            text.append(MARK.get(line.sort, "") + line.text, style=STYLE.get(line.sort, ""))
            self.write(text)
        self.lines_shown = list(lines)
