"""Textual's Footer, without the keys it keeps alive after each rebuild."""
from __future__ import annotations

from textual import events
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


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

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on a greyed key: Textual only rings the bell. Press it instead, so the screen
        says why the move is not allowed now (as a greyed key pressed on the keyboard does)."""
        widget, _ = self.screen.get_widget_at(event.screen_x, event.screen_y)
        if isinstance(widget, FooterKey) and widget._disabled:
            self.app.simulate_key(widget.key)
