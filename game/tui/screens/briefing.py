"""A seat's briefing: the public situation, then its private national brief and intelligence."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.review.papers import brief_markdown
from game.tui.widgets.footer import Footer
from game.tui.widgets.prose import markdown_text


class BriefingScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    BriefingScreen { background: $background; }
    BriefingScreen VerticalScroll { padding: 0 2; height: 1fr; }
    BriefingScreen #brief { padding: 1 0; }
    BriefingScreen #close { width: 100%; }
    """
    BINDINGS = [Binding("enter", "close", "To the table"), Binding("escape", "close", "To the table", show=False)]

    def __init__(self, crisis, obs):
        super().__init__()
        self.text = brief_markdown(crisis, obs)  # shown as literal text (a <tag> too), never as markup

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(markdown_text(self.text), id="brief")
        close = Button("To the table ▶  (Enter)", id="close", compact=True, variant="primary")
        close.can_focus = False  # the keys scroll the brief; Enter or a click closes it
        yield close
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def on_button_pressed(self, event) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
