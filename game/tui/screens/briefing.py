"""A seat's briefing: the public situation, then its private national brief and intelligence."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from game.review.markdown import safe
from game.review.papers import brief_markdown
from game.tui.widgets.footer import Footer


class BriefingScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    BriefingScreen { background: $background; }
    BriefingScreen VerticalScroll { padding: 0 2; }
    """
    BINDINGS = [Binding("enter", "close", "To the table"), Binding("escape", "close", "To the table", show=False)]

    def __init__(self, crisis, obs):
        super().__init__()
        self.text = safe(brief_markdown(crisis, obs))  # author text: a <tag> is shown, not dropped

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self.text)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
