"""The inject feed and turn timeline: what this seat has seen happen, newest last."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import RichLog

KIND_STYLE = {"turn": "bold reverse", "inject": "bold cyan", "intel": "bold magenta", "adjudication": "bold",
              "adopted": "bold green", "proposal_failed": "bold red", "silence_broken": "red",
              "silence_held": "green", "meters": "dim", "game_over": "bold reverse", "veto": "bold red",
              "mandate": "green", "consent_withdrawn": "bold red", "override": "bold yellow"}


class Feed(RichLog):
    def __init__(self, **kw):
        super().__init__(wrap=True, markup=False, highlight=False, min_width=20, **kw)
        self.shown = 0

    def reset(self) -> None:
        self.clear()
        self.shown = 0

    def show(self, events) -> None:
        """Append events not yet shown: (event, the mover's reason or None), in order."""
        for e, why in events[self.shown:]:
            style = KIND_STYLE.get(e.kind, "")
            line = Text("🔒 " + e.text if e.to is not None else e.text, style=style)
            if why and e.kind != "done":  # a plain pass needs no reason
                line.append(f" — {why}", style="dim italic")
            self.write(line)
        self.shown = len(events)
