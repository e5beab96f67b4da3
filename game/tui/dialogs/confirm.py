"""Asked first: a move that cannot be taken back, chosen with a click (a stray click on a touchpad or
in a list must not table a text, break silence or assent to one). Returns True to make the move."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from game.core import texts
from game.core.actions import Action
from game.tui.literal import literal

# the moves no `undo` takes back (a support or a pledge can be undone in its round: not asked)
IRREVERSIBLE = frozenset({"table", "object", "pass", "recirculate", "withdraw", "coalition", "refuse_consent",
                          "withdraw_consent", "lead_coalition", "request_art5"})


class ConfirmMove(ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmMove { align: center middle; }
    ConfirmMove > Vertical { width: 72; max-width: 95%; height: auto; border: thick $warning; background: $surface;
                             padding: 1 2; }
    ConfirmMove #what { text-style: bold; }
    ConfirmMove #why { color: $text-muted; margin-bottom: 1; }
    ConfirmMove Horizontal { height: auto; }
    ConfirmMove Button { margin-right: 2; }
    """
    BINDINGS = [Binding("escape", "back", "Back"), Binding("y", "confirm", "Yes", show=False)]

    def __init__(self, crisis, action: Action):
        super().__init__()
        self.crisis = crisis
        self.action_chosen = action

    def compose(self) -> ComposeResult:
        mover = texts.actor_name(self.crisis, self.action_chosen.seat)
        with Vertical():
            yield Label(literal(f"{mover} {texts.third_person(self.crisis, self.action_chosen)}?"), id="what")
            yield Label("This cannot be taken back.", id="why")
            with Horizontal():
                yield Button("Yes, do it", variant="warning", id="yes")
                yield Button("Back", id="back")

    def on_mount(self) -> None:
        self.query_one("#back", Button).focus()  # a second stray click or Enter goes back, never on

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
