"""The after-action review shown at the end of a game (Markdown, from the state and the events).

Uses game.review.report (the full report) when present; this is the seat's view: public events, its own
private intelligence, its own national score and the collective one."""
from __future__ import annotations

from game.core.actions import WHITE_CELL


def aar_markdown(crisis, state, events, viewer: str | None) -> str:
    try:
        from game.review import report
    except ImportError:  # pragma: no cover - report.py ships with the game
        report = None
    if report is not None and hasattr(report, "build") and hasattr(report, "to_markdown"):
        return report.to_markdown(report.build(crisis, state, events, viewer=viewer or WHITE_CELL))
    return _basic(crisis, state, events, viewer or WHITE_CELL)


def _basic(crisis, state, events, viewer: str) -> str:
    from game.core import texts
    from game.core.env import Env
    sc = crisis.scenario
    o = state.outcome
    lines = [f"# After-action review: {sc.title}", ""]
    if o is not None:
        lines += [f"## Outcome: {o.title} ({o.verdict}, turn {o.turn})", "", o.text, ""]
    lines += ["## Decisions", ""]
    for d in state.decisions:
        lines.append(f"- **{texts.option_title(crisis, d.option)}** (turn {d.turn}): {d.outcome}"
                     + (f" — blocked by {', '.join(texts.actor_name(crisis, b) for b in d.blocked_by)}"
                        if d.blocked_by and d.outcome != "adopted" else ""))
        for rnd, actor, stance, detail in d.stances:
            if stance in ("object", "reserve", "refuse_consent", "concern"):
                lines.append(f"  - round {rnd}: {texts.actor_name(crisis, actor)} {stance}"
                             + (f" ({detail})" if detail else ""))
    lines += ["", "## Adjudications", ""]
    lines += [f"- {e.text}" for e in events if e.kind == "adjudication"] or ["- none"]
    if o is not None:
        lines += ["", "## Scores", "", "| seat | national | collective |", "|---|---|---|"]
        for seat, score in o.scores.items():
            if viewer in (WHITE_CELL, seat) or viewer is None:
                lines.append(f"| {texts.actor_name(crisis, seat)} | {score.national} | {score.collective} |")
    env = Env(state, crisis)
    lessons = [l for l in sc.lessons if l.when is None or l.when(env)]
    if lessons:
        lines += ["", "## Lessons", ""] + [f"- **{l.title}** — {l.text}" for l in lessons]
    return "\n".join(lines)
