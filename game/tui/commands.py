"""Command palette: the game's commands for the screen the palette was opened from (the seat's
moves in this step first), offered only where they make sense."""
from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider


class GameCommands(Provider):
    def commands(self) -> list[tuple[str, object, str]]:
        # `self.screen` is the screen the palette was opened from (`app.screen` is the palette itself)
        screen = self.screen
        out = []
        if hasattr(screen, "palette_commands"):
            out += screen.palette_commands()
        out.append(("Help: keys and the step being played", getattr(screen, "action_help", self.app.action_help),
                    "show help"))
        return out

    async def discover(self) -> Hits:
        """Before anything is typed: the game's commands, this step's moves first, above Textual's
        own (a discovery hit scores 0 and keeps the order it came in; ours score above it)."""
        for i, (name, callback, help_text) in enumerate(self.commands()):
            yield Hit(1.0 - i / 1000, name, partial(callback), text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            score = max(matcher.match(name), matcher.match(help_text) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(callback), help=help_text)
