"""Hotseat handover: a blank screen that hides the last seat's private information until the next
player is at the keyboard and says so (Enter, or a click on the button). Other keys do nothing, so
the previous player's last keystroke cannot open the next seat's brief."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.tui.literal import literal, markup


class HandoverScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HandoverScreen { background: $background; align: center middle; }
    HandoverScreen Vertical { width: 90%; max-width: 110; height: auto; padding: 1 2; border: double $accent; }
    HandoverScreen Static { width: 100%; text-align: center; }
    HandoverScreen Button { margin: 1 0 0 0; }
    """
    BINDINGS = [Binding("enter", "ready", "I am ready", show=False)]

    def __init__(self, name: str, previous: str | None = None):
        super().__init__()
        self.seat_name = name
        self.previous = previous

    def compose(self) -> ComposeResult:
        before = ("$previous: your screen is hidden. " if self.previous else "") + "Pass the keyboard to"
        with Middle(), Center(), Vertical():
            yield Static(markup(before + "\n\n[b]$seat[/b]\n\nwho alone should see what comes next (its private "
                                "brief and intelligence).\nPress Enter when you are at the keyboard.",
                                seat=self.seat_name, previous=self.previous or ""))
            with Center():
                yield Button(literal(f"I am {self.seat_name}: show my seat"), variant="primary", id="ready")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_ready(self) -> None:
        self.dismiss(None)

    def on_key(self, event: Key) -> None:
        if event.key not in ("enter", "tab", "shift+tab"):
            event.stop()  # nothing else: the last player's keys must not act for the next seat
