"""Delegations around the table: their stance on the text, capital and resources (all public)."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

STANCE_STYLE = {"support": "green", "object": "bold red", "reserve": "yellow", "consent": "green",
                "refuse_consent": "bold red", "pass": "dim", "concern": "yellow"}
STANCE_WORD = {"support": "supports", "object": "OBJECTS", "reserve": "reserves", "consent": "consents",
               "refuse_consent": "REFUSES", "pass": "silent", "undo": ""}


class Delegations(DataTable):
    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_columns("Delegation", "Kind", "Stance", "Cap", "Resources")

    _shown = None

    def show(self, crisis, state, acting: tuple[str, ...], me: str | None) -> None:
        rows = self.row_values(crisis, state, acting, me)
        if rows == self._shown:  # the table redraws often (every computer move): most redraws change nothing
            return
        self._shown = rows
        self.clear()
        for aid, name, bold, kind, word, style, capital, res in rows:
            self.add_row(Text(name, style="bold" if bold else ""), kind, Text(word, style=style), capital, res, key=aid)

    def row_values(self, crisis, state, acting: tuple[str, ...], me: str | None) -> list[tuple]:
        """What each row shows, as plain values (compared to skip a redraw that changes nothing)."""
        out = []
        sc = crisis.scenario
        for aid, actor in sc.actors.items():
            if not actor.playable or actor.kind == "adversary":
                continue
            act = state.submitted(aid)
            if act is not None:
                word = STANCE_WORD.get(act.kind, act.kind)
                if act.kind == "object" and actor.kind != "member":
                    word, style = "concern", STANCE_STYLE["concern"]
                else:
                    style = STANCE_STYLE.get(act.kind, "")
                if getattr(act, "reason", None):
                    word += f" ({act.reason})"
            elif aid in acting:
                word, style = "…", "dim"
            else:
                word, style = "", ""
            res = " ".join(f"{k[:3]}{v}" for k, v in state.resources.get(aid, {}).items() if v)
            kind = actor.kind if actor.kind != "partner" else f"partner/{actor.programme[:3]}"
            out.append((aid, actor.name[:22], aid == me, kind[:14], word, style, str(state.capital.get(aid, 0)), res))
        return out
