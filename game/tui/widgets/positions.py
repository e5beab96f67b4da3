"""The delegations' public positions on the text, for the wall: one line each, name and stance in
words, never cut (a long one wraps). Only what every delegation may see."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from game.core import texts
from game.tui.widgets.delegations import STANCE_STYLE


def position_rows(crisis, state, acting) -> list[tuple[str, str, str]]:
    """(name, stance in words, style) for every delegation at the table."""
    out = []
    for aid, actor in crisis.scenario.actors.items():
        if not actor.playable or actor.kind == "adversary":
            continue
        act = state.submitted(aid)
        if act is not None:
            word, why = texts.stance_label(crisis, act, actor.kind == "member")
            style = STANCE_STYLE.get(word, "")
            if why:
                word += f" ({why})"
        elif aid in acting:
            word, style = "to act", "dim italic"
        else:
            word, style = "—", "dim"
        out.append((actor.name, word, style))
    return out


class Positions(Static):
    _shown = None

    def show(self, crisis, state, acting) -> None:
        rows = position_rows(crisis, state, acting)
        width = self.content_size.width or 40
        if (rows, width) == self._shown:
            return
        self._shown = (rows, width)
        name_width = max((len(n) for n, _, _ in rows), default=10)
        if name_width + 12 > width:  # too narrow for a column of names: the stance on the next line
            name_width = 0
        out = Text()
        for i, (name, word, style) in enumerate(rows):
            if i:
                out.append("\n")
            if name_width:
                out.append(f"{name:<{name_width}}  ", style="bold")
            else:
                out.append(name + "\n  ", style="bold")
            out.append(word or "—", style=style)
        self.update(out)

    def on_resize(self) -> None:
        self._shown = None
