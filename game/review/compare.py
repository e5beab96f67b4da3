"""Two runs side by side — the parallel-run method seminars use with two syndicates: where they
diverged, what each decided, what was committed, the meters and the outcome."""
from __future__ import annotations

from game.core import texts
from game.core.actions import from_dict
from game.saves.log import GameLog


def _decisions(log: GameLog) -> list[str]:
    c = log.crisis
    out = []
    for d in log.state.decisions:
        who = f" — blocked by {', '.join(texts.actor_name(c, b) for b in d.blocked_by)}" \
            if d.blocked_by and d.outcome != "adopted" else ""
        out.append(f"T{d.turn} {texts.option_title(c, d.option)}: {d.outcome}{who}")
    return out or ["(no proposal tabled)"]


def _commitments(log: GameLog) -> dict[str, int]:
    total: dict[str, int] = {}
    for op in log.state.operations:
        for actor, _res, n in op.pledges:
            total[actor] = total.get(actor, 0) + n
    return total


def _side_by_side(left: list[str], right: list[str], width: int = 58) -> list[str]:
    rows = max(len(left), len(right))
    left, right = left + [""] * (rows - len(left)), right + [""] * (rows - len(right))
    return [f"  {a[:width]:<{width}}  {b[:width]}" for a, b in zip(left, right)]


def compare_text(a: GameLog, b: GameLog, name_a: str, name_b: str) -> str:
    c = a.crisis
    lines = [f"Comparing {name_a}  |  {name_b}", f"Scenario: {c.scenario.title}"
             + ("" if a.crisis.digest == b.crisis.digest else "  (the two runs used different versions!)"),
             f"Seeds: {a.seed} | {b.seed}", ""]
    diverge = next((i for i, (x, y) in enumerate(zip(a.records, b.records)) if x["action"] != y["action"]), None)
    if diverge is None and len(a.records) != len(b.records):
        diverge = min(len(a.records), len(b.records))
    if diverge is None:
        lines.append("The two runs made exactly the same moves.")
    else:
        def move(log: GameLog) -> str:
            if diverge >= len(log.records):
                return "(no move yet)"
            action = from_dict(log.records[diverge]["action"])
            return f"{texts.actor_name(log.crisis, action.seat)} {texts.third_person(log.crisis, action)}"
        lines.append(f"They diverge at move {diverge + 1}: {move(a)} | {move(b)}")
    lines += ["", "Decisions:"] + _side_by_side(_decisions(a), _decisions(b))
    ca, cb = _commitments(a), _commitments(b)
    lines += ["", "Commitments (units pledged, all operations):"]
    for actor in sorted(set(ca) | set(cb)):
        lines.append(f"  {texts.actor_name(c, actor):<28} {ca.get(actor, 0):>5} | {cb.get(actor, 0):<5}")
    lines += ["", "Meters:"]
    for m, meter in c.scenario.meters.items():
        va, vb = a.state.meters.get(m, 0), b.state.meters.get(m, 0)
        lines.append(f"  {meter.label:<28} {va:>5g} | {vb:<5g}" + ("" if va == vb else f"  ({vb - va:+g})"))
    oa, ob = a.state.outcome, b.state.outcome
    lines += ["", "Outcome:",
              f"  {(oa.title + ' (' + oa.verdict + ')') if oa else 'not over (turn ' + str(a.state.turn) + ')'}"
              f"  |  {(ob.title + ' (' + ob.verdict + ')') if ob else 'not over (turn ' + str(b.state.turn) + ')'}"]
    if oa and ob:
        lines += ["", "Scores (national/collective):"]
        for seat in oa.scores:
            sa, sb = oa.scores[seat], ob.scores.get(seat)
            lines.append(f"  {texts.actor_name(c, seat):<28} {sa.national}/{sa.collective} | "
                         f"{sb.national if sb else '-'}/{sb.collective if sb else '-'}")
    return "\n".join(lines)
