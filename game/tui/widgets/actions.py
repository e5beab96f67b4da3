"""The seat's moves in this step, from the engine's legal actions: each with its key; the ones the
rules do not allow now are dimmed and, if chosen, the engine says why."""
from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets.option_list import Option

from game.tui.keys import MENU_WORDS, PASS_MENU_WORD, STEP_KINDS, key_of
from game.tui.widgets.pointer import PointerList

CANDIDATES = STEP_KINDS  # the name the table and the tests have used


class ActionMenu(PointerList):
    class Chosen(Message):
        def __init__(self, kind: str) -> None:
            self.kind = kind
            super().__init__()

    _shown = None

    def show(self, phase: str, legal_kinds: set[str], role_kinds: set[str] | None = None,
             words: dict[str, str] | None = None) -> None:
        """`words`: this seat's own word for a kind of move, where it differs (a partner's concern)."""
        wide = (self.size.width or 40) >= 34
        words = words or {}
        shown = (phase, frozenset(legal_kinds), frozenset(role_kinds) if role_kinds is not None else None, wide,
                 tuple(sorted(words.items())))
        if shown == self._shown:  # unchanged: keep the options (and the highlight) as they are
            return
        self._shown = shown
        from game.core import texts  # lazy: start-up
        highlighted = self.highlighted_option.id if self.highlighted_option is not None else None
        self.clear_options()
        kinds = [k for k in STEP_KINDS.get(phase, ()) if role_kinds is None or k in role_kinds or k in legal_kinds]
        options = []
        for k in kinds:
            key = key_of(k) or " "
            label = Text(f"{key:<2}", style="bold")
            word = PASS_MENU_WORD.get(phase, "Pass") if k == "pass" else words.get(k) or MENU_WORDS.get(
                k, texts.KIND_LABELS.get(k, k))
            label.append(word)
            if k not in legal_kinds:  # said in words, not by the dimming alone
                label.stylize("dim")
                label.append("  (not now)" if wide else " ✗", style="dim italic")
            options.append(Option(label, id=k))
        self.add_options(options)
        if options:
            ids = [o.id for o in options]
            first_legal = next((i for i, k in enumerate(ids) if k in legal_kinds), 0)
            self.highlighted = ids.index(highlighted) if highlighted in ids and highlighted in legal_kinds else first_legal

    def on_resize(self) -> None:
        if self._shown is not None:
            phase, legal, role, _wide, words = self._shown
            self.show(phase, set(legal), set(role) if role is not None else None, dict(words))

    def on_option_list_option_selected(self, event) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option.id))
