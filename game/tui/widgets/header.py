"""Textual's Header, without a crash when a title changes while the header is being taken down."""
from __future__ import annotations

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widgets import Header as TextualHeader
from textual.widgets._header import HeaderTitle


class Header(TextualHeader):
    """Textual's Header watches the app's and the screen's titles and updates its HeaderTitle; its
    watcher (textual 8.2.8) tolerates a header without a screen but not one whose children are
    already gone, so a title set while a screen closes (quitting from the review, a join screen
    replaced at once) raised NoMatches and ended the app with a traceback. Same watchers, and a
    header on its way out is simply skipped."""

    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # instead of Textual's own watchers, not beside them

        async def set_title() -> None:
            try:
                self.query_one(HeaderTitle).update(self.format_title())
            except (NoScreen, NoMatches):  # the header is being taken down
                pass

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)
