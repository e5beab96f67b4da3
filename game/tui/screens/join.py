"""Joining a seminar: type the code the White Cell gave you; it decides your seat (a delegation,
the White Cell's console or the projector). Wrong codes are refused, with a limit on guesses."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from game.core.errors import ConsensusError
from game.tui.joining import client_id, enter
from game.tui.literal import literal
from game.tui.widgets.header import Header


class JoinScreen(Screen):
    DEFAULT_CSS = """
    JoinScreen { align: center middle; }
    JoinScreen #join-box { width: 72; height: auto; border: round $primary; padding: 1 2; }
    JoinScreen #join-title { text-style: bold; margin-bottom: 1; }
    JoinScreen #join-error { color: $error; margin-top: 1; }
    """

    def __init__(self, store, error: str = ""):
        super().__init__()
        self.store = store  # game.saves.store.GameStore, opened by the app
        self.error = error  # why a code given on the command line was refused

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="join-box"):
            yield Static(literal(f"{self.store.crisis.scenario.title}\nRoom: {self.store.room}. "
                                 "A seminar game: join with your code."), id="join-title")
            yield Static("The White Cell gave each syndicate its own code (like ABCD-EFGH-JKMN). "
                         "It decides which delegation you play; nobody else sees your seat's brief.")
            yield Input(placeholder="your join code", id="join-code", max_length=32)
            yield Static(literal(self.error), id="join-error")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Consensus — join the seminar"
        self.query_one("#join-code", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        code = event.value.strip()
        if not code:
            return
        try:
            seat = self.store.seat_for(code, client_id())
        except ConsensusError as exc:
            self.query_one("#join-error", Static).update(literal(exc))
            self.query_one("#join-code", Input).value = ""
            return
        enter(self.app, self.store, seat)
