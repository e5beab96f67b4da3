"""Are you sure? For a move that cannot be taken back. The focus starts on Cancel, so an Enter
pressed out of habit (or a second Enter after a closed dialog) changes nothing."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.tui.literal import literal


class ConfirmDialog(ModalScreen[bool]):
    """Returns True (do it) or False (cancel: Enter, Escape, n)."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%;
                               border: thick $warning; background: $surface; padding: 0 1; }
    ConfirmDialog #title { text-style: bold; }
    ConfirmDialog #what { padding: 1 0 0 0; }
    ConfirmDialog #why { color: $text-muted; padding: 1 0 0 0; }
    ConfirmDialog Horizontal { height: auto; padding: 1 0 0 0; }
    ConfirmDialog Button { margin: 0 2 0 0; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("n", "cancel", "No", show=False),
                Binding("y", "confirm", "Yes", show=False)]

    def __init__(self, title: str, what: str, why: str = "", yes: str = "Yes"):
        super().__init__()
        self.dialog_title, self.what, self.why, self.yes = title, what, why, yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(self.dialog_title), id="title")
            yield Static(literal(self.what), id="what")
            if self.why:
                yield Static(literal(self.why), id="why")
            with Horizontal():
                yield Button("Cancel (Enter)", id="cancel")
                yield Button(f"{self.yes} (y)", variant="warning", id="confirm")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm")

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_confirm(self) -> None:
        self.dismiss(True)
