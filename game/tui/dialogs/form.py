"""A small form: a few labelled fields (text, or a choice), returned as a dict — or None (Escape)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from game.tui.literal import literal


class FormDialog(ModalScreen[dict | None]):
    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog > Vertical { width: 84; height: auto; max-height: 90%; border: thick $accent; background: $surface;
                            padding: 0 1; }
    FormDialog Label { padding: 1 0 0 0; }
    FormDialog #title { text-style: bold; padding: 0; }
    FormDialog Button { margin: 1 0 0 0; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, fields: list[tuple[str, str, str, list[tuple[str, str]] | None]]):
        """fields: (name, label, default, choices or None); choices are (label, value)."""
        super().__init__()
        self.form_title = title
        self.fields = fields

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(literal(self.form_title), id="title")
            for name, label, default, choices in self.fields:
                yield Label(literal(label))
                if choices:
                    yield Select(choices, value=default if default else choices[0][1], allow_blank=False,
                                 id=f"f-{name}")
                else:
                    yield Input(value=default, id=f"f-{name}")
            yield Button("OK", variant="primary", id="ok")

    def on_mount(self) -> None:
        first = self.query("Input, Select").first()
        first.focus()

    def on_input_submitted(self, _event) -> None:
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.submit()

    def submit(self) -> None:
        out = {}
        for name, _label, _default, choices in self.fields:
            widget = self.query_one(f"#f-{name}")
            out[name] = widget.value if choices else widget.value.strip()
        self.dismiss(out)

    def action_cancel(self) -> None:
        self.dismiss(None)
