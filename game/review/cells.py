"""Small pieces of text both editions of the review print the same way."""
from __future__ import annotations

import html
from typing import Any

from game.review.model import AdjudicationRecord, DecisionRecord


def esc(x: Any) -> str:
    return html.escape(str(x), quote=True)


def turn_label(t: int) -> str:
    return "start" if t == 0 else f"T{t}"


def pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def blocked_cell(d: DecisionRecord) -> str:
    if not d.blockers:
        return "—"
    if d.outcome == "adopted":
        return "held up, then agreed: " + ", ".join(n for n, _ in d.blockers)
    return "; ".join(f"{n} — {w}" for n, w in d.blockers)


def modline(a: AdjudicationRecord) -> str:
    return ", ".join(f"{m.factor} {m.value:+g}" + (f" ({m.basis})" if m.basis else "") for m in a.modifiers)


def kind_words(kind: str, programme: str = "") -> str:
    """A delegation's kind in words: "member", "partner (Partnership for Peace)", "host nation"."""
    from game.core.texts import KINDS, PROGRAMMES
    words = KINDS.get(kind, kind.replace("_", " "))
    if programme and programme in PROGRAMMES:
        return f"{words} ({PROGRAMMES[programme]})"
    return words


def played_by(who: str) -> str:
    """Who held a seat, from the save's seat map: "human" or "computer" ("not recorded" if unknown)."""
    return {"human": "human", "computer": "computer"}.get(who, "not recorded")
