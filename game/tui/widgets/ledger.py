"""The force-generation ledger: what adopted operations need, what was pledged, the shortfall."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static



class Ledger(Static):
    """Each operation's title, then its needs, its legal basis and its pledges, each indented under
    it; a line too long for the panel wraps with its indent (at 80 columns the needs take two), a
    title under its name."""
    _shown = None
    _lines: list[tuple[Text, int]] = []
    _drawn = None

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        width = self.content_region.width or self.size.width or 78
        if (self._lines, width) == self._drawn:
            return
        self._drawn = (self._lines, width)
        out = Text()
        for line, indent in self._lines:
            hang = indent or 3  # a title's tail goes under its name, past "Op n"
            for i, part in enumerate(line.wrap(self.app.console, max(10, width - hang))):
                if len(out):
                    out.append("\n")
                out.append(" " * (hang if i else indent))
                part.rstrip()
                out.append_text(part)
        self.update(out)

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
        lines: list[tuple[Text, int]] = []
        for op in ops:
            title = texts.option_title(crisis, op.option)
            t = Text(f"Op {op.number} {title}", style="bold")
            t.append(f" [{op.status}{', coalition' if op.coalition else ''}]", style="dim")
            lines.append((t, 0))
            need = adjudication.requirement(crisis, op)
            cov, per = adjudication.coverage(crisis, op)
            t = Text("needs: ")
            lines.append((t, 2))
            for i, (res, n) in enumerate(need.items()):
                got = sum(a for _, r, a in op.pledges if r == res)
                share = per.get(res, 0)
                style = "green" if share >= 1 else ("yellow" if share >= 0.5 else "red")
                if i:
                    t.append(" · ")
                t.append(f"{texts.value_label(crisis, 'pledge', 'resource', res)} {got}/{n} ({share:.0%})", style=style)
            lines.append((Text(f"on: {texts.legal_basis(crisis, state, op)}", style="italic dim"), 2))
            if op.pledges:
                who: dict[str, dict[str, int]] = {}  # a delegation's pledges of one resource, added up
                for a, r, n in op.pledges:
                    mine = who.setdefault(a, {})
                    mine[r] = mine.get(r, 0) + n
                lines.append((Text("; ".join(
                    f"{texts.actor_name(crisis, a)}: " + ", ".join(
                        f"{texts.value_label(crisis, 'pledge', 'resource', r)} {n}" for r, n in res.items())
                    for a, res in who.items()), style="dim"), 2))
        self._lines = lines
        self._draw()
