"""7. Adjudication: each adopted operation resolved from commitments, interoperability, legitimacy,
intelligence and trust against its difficulty, with a keyed roll everyone can see."""
from __future__ import annotations

import attrs

from game.core import chance, resourcing
from game.core.effects import apply_effects
from game.core.events import Adjudication, Event, OperationWaits, ResultOverridden
from game.core.capacity import interoperability_of
from game.core.procedure import in_force, requirement
from game.core.state import GameState, Operation, evolve




def difficulty(crisis, op: Operation) -> int:
    opt = crisis.scenario.options[op.option]
    d = opt.difficulty
    for pname, value in op.proposal.params:
        par = opt.parameters.get(pname)
        if par is not None and value in par.values:
            d += par.values[value].difficulty
    for cav in op.proposal.caveats:
        d += crisis.rules.caveats[cav].difficulty
    return d


def pledge_value(crisis, op: Operation, actor: str, amount: int) -> float:
    """What a pledge is worth (game.core.resourcing.pledge_value)."""
    return resourcing.pledge_value(crisis, op, actor, amount)


def coverage(crisis, op: Operation) -> tuple[float, dict[str, float]]:
    """The share of the requirement met, and each resource's (game.core.resourcing.coverage)."""
    return resourcing.coverage(crisis, op)


def _band(bands, value: float) -> int:
    for b in bands:
        if value >= b.at_least:
            return b.modifier
    return bands[-1].modifier if bands else 0


def factors(crisis, state: GameState, op: Operation) -> dict[str, float]:
    """The modifiers for one operation, by factor name (each from the rules' bands)."""
    adj = crisis.rules.adjudication
    sc = crisis.scenario
    cov, _ = coverage(crisis, op)
    total = sum(n for _, _, n in op.pledges)
    interop = (sum(interoperability_of(crisis, state, a) * n for a, _, n in op.pledges) / total) if total else 0.0
    host = op.proposal.host
    if host is not None:
        trust = state.trust.get(host, 50)
    else:
        partners = [a for a, x in sc.actors.items() if x.kind in ("partner", "host_nation")]
        trust = sum(state.trust[a] for a in partners) / len(partners) if partners else 50
    return {
        "commitment": _band(adj.commitment, cov),
        "interoperability": _band(adj.interoperability, interop),
        "legitimacy": _band(adj.legitimacy, state.meters.get("legitimacy", 50)),
        "intelligence": _band(adj.intelligence, state.intel_shares),
        "trust": _band(adj.trust, trust),
        "_coverage": round(cov, 3), "_interoperability": round(interop, 3), "_trust": round(trust, 1),
    }


def result_for(crisis, margin: float) -> str:
    for band in crisis.rules.adjudication.results:
        if margin >= band.at_least:
            return band.result
    return crisis.rules.adjudication.results[-1].result


def resolve_turn(crisis, state: GameState, events: list[Event]) -> GameState:
    ops = list(state.operations)
    for i, op in enumerate(ops):
        if op.status != "running" or op.turns_left <= 0:  # planned operations wait for their forces
            continue
        if waits_for_mandate(crisis, state, op):
            events.append(OperationWaits(op.number, op.option))
            continue
        state, op = _adjudicate(crisis, state, op, events, apply_effects)
        ops[i] = op
        state = state.replace(operations=tuple(ops))
    return state.replace(operations=tuple(ops))


def waits_for_mandate(crisis, state: GameState, op: Operation) -> bool:
    """An operation whose text carries a caveat that needs a resolution (e.g. 'mandate first')
    deploys only once one authorising it is in force; until then it waits, its pledges kept."""
    return any(crisis.rules.caveats[c].needs_resolution for c in op.proposal.caveats) and not in_force(state, op.option)


def _adjudicate(crisis, state, op: Operation, events, apply_effects, forced: str | None = None):
    adj = crisis.rules.adjudication
    opt = crisis.scenario.options[op.option]
    f = factors(crisis, state, op)
    mods = {k: v for k, v in f.items() if not k.startswith("_")}
    dice = chance.roll(state.seed, adj.roll.dice, adj.roll.sides, "adjudicate", op.option, op.number, state.turn)
    diff = difficulty(crisis, op)
    margin = sum(dice) + sum(mods.values()) - diff
    result = forced or result_for(crisis, margin)
    label = next(b.label for b in adj.results if b.result == result)
    events.append(Adjudication(op.number, op.option, tuple(dice), mods, diff, margin, result, f["_coverage"],
                               f["_interoperability"], f["_trust"], state.turn, state.meters.get("legitimacy"),
                               state.intel_shares))
    before = dict(state.meters)
    state = apply_effects(crisis, state, opt.outcomes.get(result, ()), events, f"{opt.title} ({label})")
    changes = tuple((m, round(state.meters[m] - before[m], 2)) for m in before if state.meters[m] != before[m])
    if f["_coverage"] < 0.5:
        state = apply_effects(crisis, state, crisis.rules.effects.shortfall, events, f"{opt.title}: under-resourced")
    left = op.turns_left - 1
    op = evolve(op, results=op.results + ((state.turn, result),), result_changes=changes,
                turns_left=left, status="running" if left > 0 else "done")
    return state, op


def override(crisis, state: GameState, action, events: list[Event]) -> GameState:
    """The White Cell replaces an operation's latest result: what that result moved on the meters
    is taken back (nothing else), and the new result's effects apply."""
    op = next(o for o in state.operations if o.number == action.operation)
    opt = crisis.scenario.options[op.option]
    meters = dict(state.meters)
    for m, delta in op.result_changes:
        meter = crisis.scenario.meters[m]
        meters[m] = min(meter.max, max(meter.min, round(meters[m] - delta, 2)))
    state = state.replace(meters=meters)
    before = dict(state.meters)
    state = apply_effects(crisis, state, opt.outcomes.get(action.result, ()), events,
                     f"{opt.title} (White Cell: {action.result})")
    changes = tuple((m, round(state.meters[m] - before[m], 2)) for m in before if state.meters[m] != before[m])
    results = op.results[:-1] + ((op.results[-1][0], action.result),)
    ops = tuple(attrs.evolve(o, results=results, result_changes=changes) if o.number == op.number else o
                for o in state.operations)
    events.append(ResultOverridden(op.number, action.result, action.rationale, op.option))
    return state.replace(operations=ops)
