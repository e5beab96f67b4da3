"""A yes/no setting that says its state in words ("[x] White Cell here"), not by colour or a knob's
position alone: space, Enter or a click switches it."""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget


class Toggle(Widget, can_focus=True):
    DEFAULT_CSS = """
    Toggle { width: auto; height: 1; padding: 0 1; }
    Toggle:focus { background: $accent 40%; text-style: bold; }
    """
    BINDINGS = [Binding("space", "switch", "Switch", show=False), Binding("enter", "switch", "Switch", show=False)]

    value = reactive(False, layout=True)

    def __init__(self, label: str, value: bool = False, **kw):
        super().__init__(**kw)
        self.label = label
        self.set_reactive(Toggle.value, value)

    def render(self) -> Text:
        t = Text("[x] " if self.value else "[ ] ", style="bold")
        t.append(self.label + (": yes" if self.value else ": no"))
        return t

    def action_switch(self) -> None:
        self.value = not self.value

    def on_click(self) -> None:
        self.action_switch()
