"""Switch seats between human and computer mid-game (a player leaves, the computer takes over)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, SelectionList
from textual.widgets.selection_list import Selection

from game.tui.session import HUMAN
from game.saves.session import Session


class SeatsScreen(ModalScreen[set[str] | None]):
    """Returns the set of seats to be played by people, or None if nothing changes."""

    DEFAULT_CSS = """
    SeatsScreen { align: center middle; }
    SeatsScreen Vertical { width: 70; height: auto; max-height: 90%; border: thick $accent;
                           background: $surface; padding: 0 1; }
    SeatsScreen SelectionList { height: auto; max-height: 20; }
    """
    BINDINGS = [Binding("enter", "done", "Done"), Binding("escape", "cancel", "Cancel")]

    def __init__(self, session: Session):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Ticked seats are played by people; the computer plays the rest (space to switch).")
            yield SelectionList(*[Selection(self.session.name(s), s, who == HUMAN)
                                  for s, who in self.session.controls.items()])
        yield Footer()

    def action_done(self) -> None:
        self.dismiss(set(self.query_one(SelectionList).selected))

    def action_cancel(self) -> None:
        self.dismiss(None)
