"""Delegations around the table: their kind, their stance on the text, political capital and
resources (all public). The columns fit the width they are given: at 80 columns every delegation,
its stance and its capital stay on screen (names and reasons shortened with "…" if they must be).
With the focus on it (Tab), every stance's reason is shown in full, wrapped under its column."""
from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static


STANCE_STYLE = {"supports": "green", "objects": "bold red", "reserves": "yellow", "consents": "green",
                "refuses": "bold red", "silent": "dim", "concern": "yellow"}
MARKS = {("partner", "pfp"): "PfP", ("partner", "mediterranean_dialogue"): "MD",
         ("partner", "istanbul_cooperation_initiative"): "ICI", ("partner", ""): "partner",
         ("host_nation", ""): "host", ("organisation", ""): "org"}  # a non-member's kind, in a narrow column
WIDE = 66  # from this width: a column for the kind in words


# A state's formal style, dropped from its name where the column is narrow ("Moldova", not "Republic
# of Moldova"): still the scenario's label, only shortened.
FORMAL = ("Federal Republic of ", "Republic of the ", "Republic of ", "Kingdom of the ", "Kingdom of ",
          "Grand Duchy of ", "Principality of ", "State of ", "the ", "The ")


def short_name(name: str) -> str:
    for prefix in FORMAL:
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            return name[len(prefix):]
    return name


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:max(1, width - 1)] + "…"


class Delegations(VerticalScroll):
    """The delegations as one text (a header and a line a delegation) in a focusable scroll: redrawn
    as one block, where a DataTable rendered every cell again after every computer move (a
    third of a key press's time went there)."""

    DEFAULT_CSS = """
    Delegations #delegation-rows { width: 100%; height: auto; }
    Delegations:focus { background-tint: $foreground 5%; }
    """
    HEADER = ("Delegation", "Kind", "Stance", "Cap", "Resources")

    def __init__(self, **kw):
        super().__init__(**kw)
        self._shown = None
        self._view = None
        self._layout = None
        self._full = self._focused = False
        self.row_count = 0

    def compose(self):
        yield Static(id="delegation-rows")

    def show(self, crisis, state, acting: tuple[str, ...], me: str | None) -> None:
        self._view = (crisis, state, acting, me)
        width = self.scrollable_content_region.width or self.size.width or 80
        rows = self.row_values(crisis, state, acting, me)
        layout = self.widths(crisis, rows, width)
        full = self._focused
        if rows == self._shown and layout == self._layout and full == self._full:  # most redraws change nothing
            return
        self._shown, self._layout, self._full = rows, layout, full
        text = Text(no_wrap=True, overflow="ellipsis")
        for name, w in zip(self.HEADER, layout):
            if w:
                if name == "Stance" and w > len("Stance (… to act)"):  # "…": the seats yet to act
                    text.append("Stance", style="bold")
                    text.append(" (… to act)".ljust(w - len("Stance")), style="dim")
                    continue
                text.append(name.ljust(w) if name != "Cap" else name.rjust(w - 1) + " ", style="bold")
        widths = [w for w in layout if w]
        at = 2 if layout[1] else 1  # the stance's column
        cut = False
        for row in rows:
            text.append("\n")
            cells = self.cells(row, layout, full=True)
            more: list[Text] = []
            if cells[at].cell_len > widths[at] - 1:
                cut = True
                if full:  # the reason in full, on the lines below, under the stance's column
                    first, *more = cells[at].wrap(self.app.console, widths[at] - 1)
                    cells[at] = first
                else:  # whole or not at all: half of "domestic politics" reads as an id
                    cells[at] = self.cells(row, layout)[at]
            for cell, w in zip(cells, widths):
                cell.truncate(w, overflow="ellipsis", pad=True)
                text.append_text(cell)
            for line in more:
                line.rstrip()
                text.append("\n" + " " * sum(widths[:at]))
                text.append_text(line)
        self.row_count = len(rows)
        self.query_one("#delegation-rows", Static).update(text)
        title = "Delegations" + (" (Tab: reasons in full)" if cut and not full else "")
        if self.border_title != title:  # (setting it redraws)
            self.border_title = title
        if getattr(self, "_legend_for", None) is not crisis:  # (set once a scenario: setting redraws)
            self._legend_for = crisis
            self.border_subtitle = self.tooltip = self.legend(crisis)

    def on_focus(self) -> None:
        self._focused = True  # (has_focus is set after this handler)
        if self._view is not None:
            self.show(*self._view)

    def on_blur(self) -> None:
        self._focused = False
        if self._view is not None:
            self.show(*self._view)

    @staticmethod
    def cells(row: tuple, layout: tuple[int, int, int, int, int], full: bool = False) -> list[Text]:
        """The row's cells; `full`: the stance with its whole reason (else cut to its column)."""
        aid, name, bold, kind, mark, word, why, capital, res = row
        wn, wk, ws, wc, wr = layout
        if wk:
            cells = [Text(_cut(name, wn - 1), style="bold" if bold else ""), Text(_cut(kind, wk - 1))]
        else:  # narrow: a non-member's kind after its short name ("Moldova PfP"), the name cut first
            tail = f" {mark}" if mark else ""
            cells = [Text(_cut(short_name(name), wn - 1 - len(tail)), style="bold" if bold else "")]
            cells[0].append(tail, style="dim")
        stance = Text(word, style=STANCE_STYLE.get(word, ""))
        if why and not full and len(word) + 2 + len(why) > ws - 1:
            why = "…"  # a reason is shown whole or not at all: half of "domestic politics" reads as an id
        if why:
            stance.append(": " + why, style="dim" if word in ("supports", "silent") else "")
        if not full:
            stance.truncate(ws - 1, overflow="ellipsis")
        cells.append(stance)
        cells.append(Text(capital.rjust(wc - 1)))
        packed = Text()
        for i, (ab, n) in enumerate(res):  # narrow: "D6I5C3" (letters dim, numbers bold); wide: "D6 I5 C3"
            if i and wk:
                packed.append(" ")
            packed.append(ab, style="dim")
            packed.append(str(n), style="bold")
        packed.truncate(wr, overflow="ellipsis")
        cells.append(packed)
        return cells

    def on_resize(self) -> None:
        if self._view is not None:
            self.show(*self._view)

    def widths(self, crisis, rows, width: int) -> tuple[int, int, int, int, int]:
        """Column widths (each with a space after it) for this width: name, kind (0: not shown),
        stance, capital, resources."""
        width -= 1  # the vertical scrollbar, should the rows not fit
        name = min(20, max((len(r[1]) for r in rows), default=10) + 1)
        cap = 4
        if width >= WIDE:
            res = max((sum(len(a) + len(str(n)) + 1 for a, n in r[8]) for r in rows), default=4)
            kind = max((len(r[3]) for r in rows), default=6) + 1
            stance = max(14, width - name - kind - cap - res)
            return name, kind, stance, cap, res
        kind = 0  # narrow: short names, a non-member's kind after its name
        name = min(16, max((len(short_name(r[1])) + (len(r[4]) + 1 if r[4] else 0) for r in rows), default=10) + 1)
        res = max((sum(len(a) + len(str(n)) for a, n in r[8]) for r in rows), default=4) + 1
        stance = max(10, width - name - cap - res)
        if stance < 14:  # names give way before stances do
            name = max(12, name - (14 - stance))
            stance = max(10, width - name - cap - res)
        return name, kind, stance, cap, max(4, width - name - stance - cap)

    def row_values(self, crisis, state, acting: tuple[str, ...], me: str | None) -> list[tuple]:
        """What each row shows, as plain values (compared to skip a redraw that changes nothing).
        The chair has no row: it takes no stance, holds no resources and pledges nothing."""
        from game.core import texts  # lazy: start-up
        out = []
        sc = crisis.scenario
        if getattr(self, "_short", (None,))[0] is not crisis:  # worked out once per scenario
            self._short = (crisis, texts.resource_abbreviations(crisis))
        short = self._short[1]
        for aid, actor in sc.actors.items():
            if not actor.playable or actor.kind in ("adversary", "chair") or aid == crisis.chair:
                continue
            act = state.submitted(aid)
            if act is not None and act.kind != "undo":
                word, why = texts.stance_label(crisis, act, actor.kind == "member")
            elif aid in acting:
                word, why = "…", ""
            else:
                word, why = "", ""
            mine = state.resources.get(aid, {})
            res = tuple((ab, mine[k]) for k, ab in short.items() if mine.get(k))  # in the legend's order
            out.append((aid, actor.name, aid == me, texts.kind_label(actor, short=True), MARKS.get(
                (actor.kind, actor.programme), MARKS.get((actor.kind, ""), "")), word, why,
                str(state.capital.get(aid, 0)), res))
        return out

    @staticmethod
    def legend(crisis) -> str:
        from game.core import texts  # lazy: start-up
        short = texts.resource_abbreviations(crisis)
        names = []
        for rid, ab in short.items():
            decl = crisis.scenario.resources.get(rid) or crisis.rules.resources.get(rid)
            names.append(f"{ab} {decl.label if decl else rid}")
        return "Cap: political capital · " + " · ".join(names)
