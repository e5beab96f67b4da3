"""Scores, overrides, lessons, how the design's tensions played out and what decided the game."""
from __future__ import annotations

from game.core import actions as A
from game.core import engine, texts
from game.core.env import Env
from game.core.events import (ConsentWithdrawn, Facilitator, Held, Inaction, Inject, MetersMoved, MouOffered,
                              Overridden, Paused, Resumed, RoundEnded)
from game.review.context import Ctx
from game.review.model import LessonRecord, ObjectiveResult, OverrideRecord, ScoreRecord, Tension


# -- scores, overrides, lessons -------------------------------------------------------------------
def scores(cx: Ctx):
    o = cx.state.outcome
    scores = o.scores if o is not None else engine.scores(cx.crisis, cx.state)
    out = []
    any_met: set[str] = set()
    for seat, s in scores.items():
        any_met |= set(s.met)
        if not cx.knows(seat):
            continue
        objs = cx.sc.actors[seat].objectives
        out.append(ScoreRecord(seat, cx.name(seat), s.national, s.collective,
                               tuple((x.text, x.points) for x in objs if x.id in s.met),
                               tuple((x.text, x.points) for x in objs if x.id not in s.met),
                               tuple((line.text, line.points) for line in s.lines)))
    env = Env(cx.state, cx.crisis)
    collective = tuple(ObjectiveResult(x.text, x.points, bool(x.when(env))) for x in cx.sc.objectives)
    return tuple(out), collective, o is not None


def overrides(cx: Ctx, seen) -> tuple[OverrideRecord, ...]:
    out = []
    for turn, e in seen:
        if not isinstance(e, Overridden):
            continue
        a = e.action
        if isinstance(a, A.OverrideMeter):
            what = f"{cx.meter(a.meter)} set to {float(a.value):g}"
        elif isinstance(a, A.OverrideResult):
            op = next((o for o in cx.state.operations if o.number == a.operation), None)
            title = cx.option(op.option) if op is not None else f"operation {a.operation}"
            what = f"operation {a.operation} ({title}): result set to {cx.result(a.result)}"
        else:
            what = cx.say(e)
        out.append(OverrideRecord(turn, what, str(a.rationale)))
    return tuple(out)


def interventions(cx: Ctx, seen) -> tuple[OverrideRecord, ...]:
    """The White Cell's other moves (held, released or edited injects, rounds ended, pauses):
    in the facilitator's edition only."""
    out = []
    if not cx.full:
        return ()
    for turn, e in seen:
        if isinstance(e, (Held, RoundEnded, Paused, Resumed, Facilitator)):
            out.append(OverrideRecord(turn, cx.say(e), ""))
        elif isinstance(e, Inject) and e.edited:
            out.append(OverrideRecord(turn, f"inject released with an edited text: {cx.say(e)}", ""))
    return tuple(out)


def lessons(cx: Ctx) -> tuple[LessonRecord, ...]:
    env = Env(cx.state, cx.crisis)
    out = []
    for lesson in cx.sc.lessons:
        if lesson.when is None or lesson.when(env):
            out.append(LessonRecord(lesson.title, lesson.text.strip()))
    return tuple(out)


# -- how the tensions played out; what decided it -------------------------------------------------
def _sum_changes(seen, whys: tuple[str, ...]) -> dict[str, float]:
    tot: dict[str, float] = {}
    for _t, e in seen:
        if isinstance(e, MetersMoved) and any(str(e.why).startswith(w) for w in whys):
            for m, d in e.changes.items():
                tot[m] = round(tot.get(m, 0) + float(d), 2)
    return tot


def tensions(cx: Ctx, seen, decisions, ledger, adjudications, scores, collective) -> tuple[Tension, ...]:
    sc = cx.sc
    out = []
    # private red lines, public reasons
    reasons: dict[str, int] = {}
    blocks: dict[str, int] = {}
    for d in decisions:
        for r in d.rounds:
            for o in r.objected:
                reasons[o.reason] = reasons.get(o.reason, 0) + 1
            for b in r.broken_by:
                blocks[b] = blocks.get(b, 0) + 1
    pts = []
    if reasons:
        pts.append("Objections on the record, by public reason: "
                   + ", ".join(f"{k} {v}" for k, v in sorted(reasons.items(), key=lambda kv: -kv[1])) + ".")
    else:
        pts.append("No written objection was lodged.")
    if blocks:
        pts.append("Silence broken, by delegation (times): "
                   + ", ".join(f"{k} {v}" for k, v in sorted(blocks.items(), key=lambda kv: -kv[1])) + ".")
    hits = {(h.name, h.text, h.reason) for d in decisions for r in d.rounds for h in r.red_lines}
    for name, text, reason in sorted(hits):
        pts.append(f"{texts.possessive(name)} private red line — “{text}” — was stated in public as “{reason}”.")
    conceded = sum(n for d in decisions for _, n in d.concessions)
    if conceded:
        pts.append(f"The chair spent {conceded} political capital on concessions to buy agreement.")
    out.append(Tension("Private red lines, public reasons", tuple(pts)))
    # speed against strength
    idle = sorted({t for t, e in seen if isinstance(e, Inaction)})
    adopted = [d for d in decisions if d.outcome in ("adopted", "coalition")]
    pts = []
    if adopted:
        first = min(d.turn for d in adopted)
        pts.append(f"First decision in turn {first}; {len(adopted)} of {len(decisions)} proposal(s) adopted.")
        rounds = [len(d.rounds) for d in adopted if d.rounds]
        if rounds:
            pts.append(f"Adopted texts needed {sum(rounds) / len(rounds):.1f} silence round(s) on average; "
                       f"{sum(len(d.caveats_added) for d in adopted)} caveat(s) were added to get them agreed.")
    else:
        pts.append("Nothing was adopted.")
    if idle:
        cost = _sum_changes(seen, ("inaction",))
        pts.append(f"Turns without a decision: {', '.join(map(str, idle))}"
                   + (f" (inaction cost: {cx.changes(cost)})" if cost else "") + ".")
    else:
        pts.append("Every turn produced a decision.")
    out.append(Tension("Speed against strength", tuple(pts)))
    # consensus against the coalition
    pts = []
    coal = [d for d in decisions if d.outcome == "coalition"]
    cons = [d for d in decisions if d.outcome == "adopted"]
    failed = [d for d in decisions if d.outcome in ("failed", "withdrawn")]
    pts.append(f"{len(cons)} decision(s) by consensus, {len(coal)} by a coalition of the willing, "
               f"{len(failed)} failed or withdrawn.")
    for d in coal:
        pts.append(f"Proposal {d.number} ({d.title}) went ahead as a coalition: {', '.join(d.coalition) or 'none'}.")
    cost = _sum_changes(seen, ("coalition of the willing",))
    if cost:
        pts.append(f"Acting outside the Alliance frame cost: {cx.changes(cost)}.")
    cost = _sum_changes(seen, ("no consensus",))
    if cost:
        pts.append(f"Failing to agree cost: {cx.changes(cost)}.")
    out.append(Tension("Consensus against the coalition", tuple(pts)))
    # adopted is not delivered
    pts = []
    for op in ledger:
        short = [f"{r.resource} {r.shortfall:g}" for r in op.requirement if r.shortfall > 0]
        pts.append(f"Operation {op.operation} ({op.title}): {100 * op.coverage:.0f} % resourced"
                   + (f", short of {', '.join(short)}" if short else "")
                   + (f"; pledged nothing: {', '.join(op.pledged_nothing)}" if op.pledged_nothing else "") + ".")
    cost = [e for _t, e in seen if isinstance(e, MetersMoved) and str(e.why).endswith("under-resourced")]
    if cost:
        pts.append(f"Under-resourced operations cost cohesion {len(cost)} time(s).")
    if not pts:
        pts.append("No operation was adopted, so nothing had to be delivered.")
    out.append(Tension("Adopted is not delivered", tuple(pts)))
    # partners shape but do not decide
    pts = []
    concerns = sum(1 for d in decisions for r in d.rounds for p in r.partners if "concern" in p)
    refusals = sum(1 for d in decisions for r in d.rounds if r.host and "consented as host" not in r.host)
    consents = sum(1 for d in decisions for r in d.rounds if r.host and "consented as host" in r.host)
    pts.append(f"Partners raised {concerns} concern(s); host nations consented {consents} time(s) and "
               f"withheld consent {refusals} time(s).")
    for _t, e in seen:
        if isinstance(e, (ConsentWithdrawn, MouOffered)):
            pts.append(cx.say(e) + ".")
    moved = []
    for a, x in sc.actors.items():
        if x.kind in ("partner", "host_nation") and a in cx.state.trust and cx.state.trust[a] != x.trust:
            moved.append(f"{x.name} {x.trust} → {cx.state.trust[a]}")
    if moved:
        pts.append("Partners' trust in the Alliance: " + ", ".join(moved) + ".")
    out.append(Tension("Partners shape but do not decide", tuple(pts)))
    # mixed motives
    pts = []
    for s in scores:
        pts.append(f"{s.name}: national {s.national}, collective {s.collective}"
                   + (f" — met: {'; '.join(t for t, _ in s.met)}" if s.met else "")
                   + (f" — missed: {'; '.join(t for t, _ in s.missed)}" if s.missed else "") + ".")
    met = [c.text for c in collective if c.met]
    pts.append(f"Collective objectives met: {len(met)} of {len(collective)}"
               + (f" ({'; '.join(met)})" if met else "") + ".")
    out.append(Tension("Mixed motives", tuple(pts)))
    # explained chance
    pts = []
    if adjudications:
        turned = sum(1 for a in adjudications if "made it" in a.roll_alone)
        pts.append(f"{len(adjudications)} adjudication(s); in {turned} the modifiers changed the result the "
                   "roll alone would have given.")
        for a in adjudications:
            pts.append(f"Turn {a.turn}, {a.title}: {a.label} — {a.deciding}.")
    else:
        pts.append("No operation was adjudicated.")
    out.append(Tension("Explained chance", tuple(pts)))
    return tuple(out)


def decided(cx: Ctx, decisions, adjudications) -> tuple[str, ...]:
    out = []
    for a in adjudications:
        out.append(f"Turn {a.turn} · operation {a.operation} ({a.title}): {a.label} — {a.deciding}; {a.roll_alone}."
                   + (f" The White Cell overrode it: {a.overridden}." if a.overridden else ""))
    for op in cx.state.operations:
        if op.status == "vetoed":
            out.append(f"Operation {op.number} ({cx.option(op.option)}) was adopted but vetoed in the UN Security "
                       "Council: it never went ahead.")
    for d in decisions:
        if d.outcome in ("failed", "withdrawn", "coalition") and d.blockers:
            out.append(f"Proposal {d.number} ({d.title}), {d.outcome}: blocked by "
                       + "; ".join(f"{n} — {why}" for n, why in d.blockers) + ".")
        elif d.outcome in ("failed", "withdrawn"):
            out.append(f"Proposal {d.number} ({d.title}), {d.outcome}.")
    return tuple(out)


def plan(cx: Ctx, collective) -> tuple[tuple[str, ...], ...]:
    rows = [(f"{c.text} ({'met' if c.met else 'not met'})", "", "", "", "") for c in collective]
    rows += [("", "", "", "", "")] * 4
    return tuple(rows)
