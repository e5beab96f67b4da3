"""The force-generation ledger: what adopted operations need, what was pledged, the shortfall."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static



class Ledger(Static):
    _shown = None

    def show(self, crisis, state) -> None:
        ops = [op for op in state.operations if op.status in ("planning", "adopted", "running")]
        if (crisis, ops) == self._shown:  # unchanged (operations are frozen values)
            return
        self._shown = (crisis, ops)
        from game.core import adjudication, texts  # lazy: start-up
        self.display = bool(ops)  # no operation: the room goes to the delegations
        if not ops:
            self.update(Text("No operations running.", style="dim"))
            return
        t = Text()
        for op in ops:
            if len(t):
                t.append("\n")
            title = texts.option_title(crisis, op.option)
            t.append(f"Op {op.number} {title}", style="bold")
            t.append(f" [{op.status}{', coalition' if op.coalition else ''}]", style="dim")
            need = adjudication.requirement(crisis, op)
            cov, per = adjudication.coverage(crisis, op)
            t.append("\n  needs: ")
            for i, (res, n) in enumerate(need.items()):
                got = sum(a for _, r, a in op.pledges if r == res)
                share = per.get(res, 0)
                style = "green" if share >= 1 else ("yellow" if share >= 0.5 else "red")
                if i:
                    t.append(" · ")
                t.append(f"{texts.value_label(crisis, 'pledge', 'resource', res)} {got}/{n} ({share:.0%})", style=style)
            t.append(f"\n  on: {texts.legal_basis(crisis, state, op)}", style="italic dim")
            if op.pledges:
                who: dict[str, dict[str, int]] = {}  # a delegation's pledges of one resource, added up
                for a, r, n in op.pledges:
                    mine = who.setdefault(a, {})
                    mine[r] = mine.get(r, 0) + n
                t.append("\n  " + "; ".join(
                    f"{texts.actor_name(crisis, a)}: " + ", ".join(
                        f"{texts.value_label(crisis, 'pledge', 'resource', r)} {n}" for r, n in res.items())
                    for a, res in who.items()), style="dim")
        self.update(t)
