"""Command palette: the game's commands, offered only where they make sense."""
from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider


class GameCommands(Provider):
    async def search(self, query: str) -> Hits:
        app = self.app
        matcher = self.matcher(query)
        commands = [("Help: keys and the turn procedure", app.action_help, "show help")]
        screen = app.screen
        if hasattr(screen, "palette_commands"):
            commands += screen.palette_commands()
        for name, callback, help_text in commands:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(callback), help=help_text)
