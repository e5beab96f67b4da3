"""Hotseat handover: a blank screen that hides the last seat's private information until the next
player is at the keyboard."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Static


class HandoverScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HandoverScreen { background: $background; align: center middle; }
    HandoverScreen Static { width: auto; padding: 1 4; border: double $accent; text-align: center; }
    """

    def __init__(self, name: str):
        super().__init__()
        self.seat_name = name

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(f"Pass the keyboard to\n\n[b]{self.seat_name}[/b]\n\n"
                         "Press any key when you are ready.", markup=True)

    def on_key(self, event: Key) -> None:
        event.stop()
        self.dismiss(None)
