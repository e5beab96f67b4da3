"""The scenario changed since the game was saved: continue on the saved version, or replay onto the new."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList

from textual.widgets.option_list import Option

from game.tui.literal import literal


class ScenarioChangedDialog(ModalScreen[str | None]):
    """Returns "saved", "new", or None (back)."""

    DEFAULT_CSS = """
    ScenarioChangedDialog { align: center middle; }
    ScenarioChangedDialog > Vertical { width: 76; height: auto; border: thick $warning; background: $surface;
                                       padding: 0 1; }
    ScenarioChangedDialog OptionList { height: auto; }
    """
    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, name: str):
        super().__init__()
        self.scenario_name = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(literal(f"The scenario '{self.scenario_name}' has changed since this game was saved."))
            yield OptionList(
                Option("Continue on the saved version (exactly as it was played)", id="saved"),
                Option("Replay the moves onto the new version (as far as they are still legal)", id="new"),
                Option("Back", id="back"))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(None if event.option.id == "back" else event.option.id)

    def action_back(self) -> None:
        self.dismiss(None)
