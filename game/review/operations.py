"""Force generation, adjudication and the meters: what was pledged and what it was worth, every
roll with its modifiers, and each meter turn by turn."""
from __future__ import annotations

from typing import Iterable

from game.core import actions as A
from game.core import adjudication as adj
from game.core import resourcing, texts
from game.core.events import (Adjudication, Event, GameOver, MetersMoved, Moved, Overridden, ResultOverridden,
                              TurnStarted)
from game.review.context import Ctx
from game.review.model import (AdjudicationRecord, LedgerRecord, MeterSeries, Modifier, Pledge, ResourceLine,
                               Threshold)
from game.scenario.loader import LoadedScenario


# -- force generation -----------------------------------------------------------------------------
def ledger(cx: Ctx, decisions) -> tuple[LedgerRecord, ...]:
    out = []
    for op in cx.state.operations:
        need = adj.requirement(cx.crisis, op)
        cov, _per = adj.coverage(cx.crisis, op)
        pledged: dict[str, int] = {}
        worth: dict[str, float] = {}
        by: dict[tuple[str, str], int] = {}
        for actor, res, n in op.pledges:
            pledged[res] = pledged.get(res, 0) + n
            worth[res] = worth.get(res, 0) + adj.pledge_value(cx.crisis, op, actor, n)
            by[(actor, res)] = by.get((actor, res), 0) + n
        essential = getattr(need, "all_of", frozenset())  # all_of: each one indispensable
        lines = tuple(ResourceLine(cx.resource(r) + (" (indispensable)" if r in essential else ""), n,
                                   pledged.get(r, 0), round(worth.get(r, 0.0), 2),
                                   round(max(0.0, n - worth.get(r, 0.0)), 2)) for r, n in need.items())
        pledges = tuple(Pledge(cx.name(a), cx.resource(r), n, round(adj.pledge_value(cx.crisis, op, a, n), 2))
                        for (a, r), n in by.items())
        givers = {a for a, _, _ in op.pledges}
        # a national caveat the text does not carry cuts that nation's pledges (the text's own make
        # the operation harder, not each pledge worth less: game.core.resourcing.pledge_value)
        caveats = [f"{cx.name(a)}: {cx.caveat(c)} (national)" for a in sorted(givers) if not resourcing.overridden(op, a)
                   for c in cx.sc.actors[a].caveats if c not in op.proposal.caveats]
        # the Council overrode some contributors' caveats (issue 17, item 3 (b)); some then walked out
        overrides = tuple(f"{cx.name(a)}: overridden in turn {t}" + (", then withdrew its contribution"
                                                                      if a in op.walked_out else "")
                          for a, t in op.overridden)
        mandate = ("vetoed in the UN Security Council" if op.status == "vetoed"  # a game before the vote
                   else "legal basis: " + texts.legal_basis(cx.crisis, cx.state, op))
        out.append(LedgerRecord(
            op.number, cx.option(op.option), op.proposal.number, op.coalition, op.adopted_turn, _status(op),
            mandate, tuple(caveats), lines, pledges, round(cov, 3),
            tuple(cx.name(a) for a in op.contributors if a not in givers and a not in op.walked_out),
            tuple((t, cx.result(r)) for t, r in op.results), overrides))
    return tuple(out)


def _status(op) -> str:
    """The operation's status as the review says it: one still in planning never launched."""
    if op.status in ("planning", "adopted"):
        return "planning: never launched (requirements not met, no shortfall accepted)"
    if op.shortfall_accepted:
        return f"{op.status} (the Council accepted its shortfall)"
    return op.status


# -- adjudication ---------------------------------------------------------------------------------
def adjudications(cx: Ctx, seen, snapshots: dict) -> tuple[AdjudicationRecord, ...]:
    evs = list(seen)
    out = []
    shares: dict[int, int] = {}
    for turn, e in evs:
        if isinstance(e, Moved) and isinstance(e.action, A.ShareIntel):
            shares[turn] = shares.get(turn, 0) + (2 if e.action.to == "all" else 1)
    for i, (turn, e) in enumerate(evs):
        if not isinstance(e, Adjudication):
            continue
        d = e.data
        title = cx.option(e.option)
        op = e.operation
        effects, overridden = [], ""
        for _t, f in evs[i + 1:]:
            if isinstance(f, (Adjudication, TurnStarted, GameOver)):
                break
            if isinstance(f, MetersMoved) and str(f.why).startswith(title):
                effects.append(f"{f.why}: {cx.changes(f.changes)}")
        # a White Cell override of this result comes later, before the operation's next adjudication
        for _t, f in evs[i + 1:]:
            if isinstance(f, Adjudication) and f.operation == op:
                break
            if isinstance(f, ResultOverridden) and f.operation == op:
                overridden = f"{cx.result(f.result)} — {f.rationale}"
        mods = d.get("modifiers", {})
        legit = snapshots.get(("adjudication", op, int(d.get("turn", turn))), {}).get("legitimacy")
        n_shares = shares.get(int(d.get("turn", turn)), 0)
        read = {"commitment": (float(d.get("coverage", 0)), f"coverage {100 * float(d.get('coverage', 0)):.0f} %"),
                "interoperability": (float(d.get("interoperability", 0)),
                                     f"contributors {float(d.get('interoperability', 0)):.2f}"),
                "legitimacy": (legit, f"meter {legit:g}" if legit is not None else ""),
                "intelligence": (n_shares, f"{n_shares} shares this turn"),
                "trust": (float(d.get("trust", 0)), f"trust {float(d.get('trust', 0)):g}")}
        modifiers = tuple(Modifier(k, float(v), _band_row(cx, k, *read.get(k, (None, ""))))
                          for k, v in mods.items())
        dice = tuple(int(x) for x in d.get("dice", ()))
        diff = int(d.get("difficulty", 0))
        total = sum(m.value for m in modifiers)
        top = max((abs(m.value) for m in modifiers), default=0)
        if top == 0:
            deciding = "no modifier moved it: the roll alone decided"
        else:
            names = [f"{m.factor} {m.value:+g}" for m in modifiers if abs(m.value) == top]
            deciding = " and ".join(names) + (" weighed most" if len(names) == 1 else " weighed most, equally")
        alone = adj.result_for(cx.crisis, sum(dice) - diff)
        if alone != d["result"]:
            roll_alone = (f"the roll alone ({sum(dice)} against {diff}) gave {cx.result(alone)}; "
                          f"the modifiers ({total:+g}) made it {cx.result(d['result'])}")
        else:
            roll_alone = f"the roll alone ({sum(dice)} against {diff}) gave the same result; modifiers {total:+g}"
        bands = cx.rules.adjudication.results
        row = next((b for b in bands if float(d.get("margin", 0)) >= b.at_least), bands[-1] if bands else None)
        table = "" if row is None else (f"results table: margin ≥ {row.at_least:g}" if row is not bands[-1]
                                        else "results table: the lowest row")
        out.append(AdjudicationRecord(int(d.get("turn", turn)), op, title, dice, modifiers, diff,
                                      float(d.get("margin", 0)), d["result"], cx.result(d["result"]),
                                      tuple(effects), deciding, roll_alone, overridden, table))
    return tuple(out)


def _band_row(cx: Ctx, factor: str, value, basis: str) -> str:
    """What a modifier was read from, and the row of the rules' table it fell in."""
    bands = getattr(cx.rules.adjudication, factor, None)
    if value is None or not bands:
        return basis
    row = next((b for b in bands if value >= b.at_least), None)
    if row is None:
        return basis
    at = f"{100 * row.at_least:g} %" if factor == "commitment" else f"{row.at_least:g}"
    return f"{basis}, row ≥ {at}"


# -- meters ---------------------------------------------------------------------------------------
def meters(cx: Ctx, everything) -> tuple[tuple[MeterSeries, ...], tuple[int, ...], dict]:
    """Each meter at the start and at the end of every turn."""
    points, cur, snapshots = meter_points(cx.crisis, [e for _, e in everything])
    points[cx.state.turn] = {m: float(v) for m, v in cx.state.meters.items()}  # the truth at the end
    turns = tuple(sorted(points))
    series = []
    for m, x in cx.sc.meters.items():
        series.append(MeterSeries(
            m, x.label, x.text, x.good, float(x.min), float(x.max),
            tuple(Threshold(float(t.at), t.label, t.direction) for t in x.thresholds),
            tuple((t, points[t].get(m, float(x.start))) for t in turns)))
    return tuple(series), turns, snapshots


def meter_points(crisis: LoadedScenario, events: Iterable[Event]):
    """The meters rebuilt from the events alone — meter changes, White Cell meter overrides, and a
    result override's reset to before that result — as (values at the start (0) and at the end of
    each completed turn, the values after the last event, the values at each adjudication)."""
    sc = crisis.scenario

    def clamp(m, v):
        x = sc.meters[m]
        return min(x.max, max(x.min, round(float(v), 2)))

    cur = {m: float(x.start) for m, x in sc.meters.items()}
    points: dict[int, dict[str, float]] = {0: dict(cur)}
    before: dict[int, dict[str, float]] = {}
    snapshots: dict = {}
    turn = 1
    for e in events:
        if isinstance(e, TurnStarted):
            turn = e.turn
            if turn > 1:
                points[turn - 1] = dict(cur)
        elif isinstance(e, MetersMoved):
            for m, dv in e.changes.items():
                if m in cur:
                    cur[m] = clamp(m, cur[m] + float(dv))
        elif isinstance(e, Adjudication):
            before[e.operation] = dict(cur)
            snapshots[("adjudication", e.operation, e.turn)] = dict(cur)
        elif isinstance(e, Overridden):
            a = e.action
            if isinstance(a, A.OverrideMeter) and a.meter in cur:
                cur[a.meter] = clamp(a.meter, a.value)
            elif isinstance(a, A.OverrideResult) and a.operation in before:
                cur = dict(before[a.operation])
    return points, cur, snapshots
