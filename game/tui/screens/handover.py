"""Hotseat handover: a blank screen that hides the last seat's private information until the next
player is at the keyboard."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Static

from game.tui.literal import markup


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
            yield Static(markup("Pass the keyboard to\n\n[b]$seat[/b]\n\nPress any key when you are ready.",
                                seat=self.seat_name))

    def on_key(self, event: Key) -> None:
        event.stop()
        self.dismiss(None)
