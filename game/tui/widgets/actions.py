"""The seat's actions now, from the engine's legal actions; the ones not allowed now are dimmed and,
if chosen, the engine says why."""
from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.core import texts

# what a seat in each step might want to do (shown dimmed when the rules do not allow it now)
CANDIDATES = {
    "consultation": ("pass", "share_intel", "request_art4", "offer_mou", "withdraw_consent"),
    "proposal": ("table", "pass"),
    "negotiation": ("support", "object", "reserve", "pass", "consent", "refuse_consent", "undo"),
    "amendment": ("amend", "set_param", "concede", "link", "recirculate", "withdraw", "coalition"),
    "force_generation": ("pledge", "pass", "undo"),
}
KEYS = {"support": "s", "object": "o", "reserve": "r", "pass": "space", "undo": "u", "table": "t",
        "amend": "a", "recirculate": "g", "withdraw": "w"}


class ActionMenu(OptionList):
    class Chosen(Message):
        def __init__(self, kind: str) -> None:
            self.kind = kind
            super().__init__()

    _shown = None

    def show(self, phase: str, legal_kinds: set[str], role_kinds: set[str] | None = None) -> None:
        shown = (phase, frozenset(legal_kinds), frozenset(role_kinds) if role_kinds is not None else None)
        if shown == self._shown:  # unchanged: keep the options (and the highlight) as they are
            return
        self._shown = shown
        highlighted = self.highlighted_option.id if self.highlighted_option is not None else None
        self.clear_options()
        kinds = [k for k in CANDIDATES.get(phase, ()) if role_kinds is None or k in role_kinds or k in legal_kinds]
        options = []
        for k in kinds:
            label = Text(texts.KIND_LABELS.get(k, k))
            if k in KEYS:
                label.append(f"  [{KEYS[k]}]", style="dim")
            if k not in legal_kinds:
                label.stylize("dim")
                label.append("  (not now)", style="dim italic")
            options.append(Option(label, id=k))
        self.add_options(options)
        if options:
            ids = [o.id for o in options]
            first_legal = next((i for i, k in enumerate(ids) if k in legal_kinds), 0)
            self.highlighted = ids.index(highlighted) if highlighted in ids and highlighted in legal_kinds else first_legal

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option.id))
