"""Textual's Footer, without the keys it keeps alive after each rebuild."""
from __future__ import annotations

from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """The key bar. Textual's Footer rebuilds its keys (recompose) whenever a screen's bindings
    change, and binds every new key to its `compact` reactive (data_bind). The removed keys' watchers
    stay on the footer and are dropped only when `compact` changes (textual 8.2.8), which it never
    does here: every rebuild left a dozen dead FooterKey widgets alive until the screen closed, and
    thousands of them made each full garbage collection longer. Drop them after each rebuild, as
    Textual itself does when the value changes."""

    async def recompose(self) -> None:
        await super().recompose()
        watchers = getattr(self, "__watchers", {}).get("compact")
        if watchers:
            watchers[:] = [(node, callback) for node, callback in watchers if not node._closing]
