"""Build one action by narrowing the legal ones, a field at a time (option, then host, then basis ...)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from game.core import texts
from game.core.actions import Action
from game.tui.literal import literal


class ChooseAction(ModalScreen[Action | None]):
    """Returns the chosen action, or None if the player backs out (Escape)."""

    DEFAULT_CSS = """
    ChooseAction { align: center middle; }
    ChooseAction > Vertical { width: 80%; max-width: 90; height: auto; max-height: 80%;
                              border: thick $accent; background: $surface; padding: 0 1; }
    ChooseAction #question { text-style: bold; padding: 0 0 1 0; }
    ChooseAction OptionList { height: auto; max-height: 18; }
    """
    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(self, crisis, kind: str, candidates: list[Action]):
        super().__init__()
        self.crisis = crisis
        self.kind = kind
        self.candidates = list(candidates)
        self.fields = [f for f in texts.FIELDS.get(kind, ()) if hasattr(candidates[0], f)]
        self.step = 0

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(texts.KIND_LABELS.get(self.kind, self.kind).rstrip("…"), classes="panel-title")
            yield Label("", id="question")
            yield OptionList(id="choices")

    def on_mount(self) -> None:
        self._next_question()

    def _values(self, field: str) -> list:
        seen = []
        for c in self.candidates:
            v = getattr(c, field)
            if v not in seen:
                seen.append(v)
        return seen

    def _next_question(self) -> None:
        while self.step < len(self.fields) and len(self._values(self.fields[self.step])) == 1:
            self.step += 1
        if len(self.candidates) == 1 or self.step >= len(self.fields):
            self.dismiss(self.candidates[0])
            return
        field = self.fields[self.step]
        self.query_one("#question", Label).update(texts.FIELD_QUESTIONS.get(field, field))
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        self.values = self._values(field)
        choices.add_options([Option(literal(texts.value_label(self.crisis, self.kind, field, v)), id=str(i))
                             for i, v in enumerate(self.values)])
        choices.highlighted = 0
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        field = self.fields[self.step]
        value = self.values[int(event.option.id)]
        self.candidates = [c for c in self.candidates if getattr(c, field) == value]
        self.step += 1
        self._next_question()

    def action_cancel(self) -> None:
        self.dismiss(None)
