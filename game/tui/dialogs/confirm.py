"""Are you sure? For a move that cannot be taken back. ConfirmDialog asks before a key's move
(tabling, calling silence, withdrawing): its focus starts on Cancel, so an Enter pressed out of habit
(or a second Enter after a closed dialog) changes nothing. ConfirmMove asks before any such move
chosen with a click (a stray click on a touchpad or in a list must not table a text, break silence
or assent to one); its focus starts on Back."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from game.core import texts
from game.core.actions import Action
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

# the moves no `undo` takes back (a support or a pledge can be undone in its round: not asked)
IRREVERSIBLE = frozenset({"table", "object", "pass", "recirculate", "withdraw", "coalition", "refuse_consent",
                          "withdraw_consent", "lead_coalition", "request_art5", "override_caveats",
                          "withdraw_contribution"})


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
