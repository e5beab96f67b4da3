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

    def show(self, crisis, state, acting: tuple[str, ...], me: str | None) -> None:
        self.clear()
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
                stance = Text(word, style=style)
            elif aid in acting:
                stance = Text("…", style="dim")
            else:
                stance = Text("")
            res = " ".join(f"{k[:3]}{v}" for k, v in state.resources.get(aid, {}).items() if v)
            name = Text(actor.name[:22], style="bold" if aid == me else "")
            kind = actor.kind if actor.kind != "partner" else f"partner/{actor.programme[:3]}"
            self.add_row(name, kind[:14], stance, str(state.capital.get(aid, 0)), res, key=aid)
