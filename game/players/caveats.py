"""How a computer delegation plays national caveats in force generation (issue 17, item 3 (b)).

The chair, for the Council (or a coalition's lead nation), overrides a contributor's national
caveats only when their cut keeps the operation from its requirement — the override lifts the
commitment factor of the adjudication — and only when, from what the table knows of it, the
contributor is not likely to walk out. A contributor whose overridden caveat ties to its brief
(a red line that names it, the mandate it insists on, the interests the caveat protects, a
sovereignty it guards most) withdraws its contribution; any other accepts the override.

Every judgement reads the seat's observation only: the chair sees a contributor's public face
(its caveats, positions, sovereignty, trust and stances on the record), never its brief."""
from __future__ import annotations

from game.core import actions as A
from game.core import resourcing, texts
from game.core.observation import Observation
from game.core.state import evolve

# how much the stakes a caveat protects must weigh with a seat before it walks out over them
WALK_OUT_STAKE = 2.0
WALK_OUT_SOVEREIGNTY = 3  # the most sensitive about its sovereignty: it never serves past its caveats
GUARDED_SOVEREIGNTY = 2  # the chair does not press a contributor this sensitive (it cannot read its brief)
LOW_TRUST = 40  # a contributor this wary of the Alliance is expected to leave when pressed


def council_override(obs: Observation, legal) -> tuple[A.Action, str] | None:
    """The Council's override the chair makes now, with why, or None."""
    crisis, st = obs.crisis, obs.state
    ops = {op.number: op for op in st.operations}
    for m in legal.force_generation_moves():
        if not isinstance(m, A.OverrideCaveats):
            continue
        op = ops[m.operation]
        before, after = commitment_with(crisis, op), commitment_with(crisis, with_override(op, m.to, st.turn))
        if after <= before or resourcing.is_met(crisis, op):
            continue  # the cut does not keep the operation from its requirement
        if likely_to_walk_out(obs, op, m.to):
            continue
        name = crisis.scenario.actors[m.to].name
        return m, (f"{texts.possessive(name)} national caveats keep the operation short of its requirement (commitment "
                   f"{before:+g} -> {after:+g}), and {name} is not expected to walk out")
    return None


def contributor_answer(obs: Observation, legal) -> tuple[A.Action, str] | None:
    """A contributor whose caveats were overridden: withdraw if a caveat ties to its brief."""
    if not any(resourcing.overridden(op, obs.seat) for op in obs.state.operations):
        return None
    for m in legal.force_generation_moves():
        if not isinstance(m, A.WithdrawContribution):
            continue
        op = next(o for o in obs.state.operations if o.number == m.operation)
        why = ties_to_brief(obs, resourcing.cutting_caveats(obs.crisis, op, obs.seat))
        if why:
            return m, f"the Council overrode its national caveats, which {why}: it withdraws its contribution"
    return None


def ties_to_brief(obs: Observation, caveats) -> str:
    """Why one of these caveats of the seat's own ties to its brief ("" if none does)."""
    me, rules = obs.me, obs.crisis.rules
    for c in caveats:
        decl = rules.caveats.get(c)
        label = texts.lowered(decl.label) if decl else c
        if any(f"caveat({c})" in r.when.text.replace(" ", "") for r in me.red_lines):
            return f"a red line of its own names ({label})"
        if decl is not None and decl.needs_resolution and me.positions.insists_on_mandate:
            return f"keep the Security Council mandate it insists on ({label})"
        weight = sum(me.interests.get(s, 0) * v for s, v in sorted(decl.stakes.items())) if decl else 0.0
        if weight >= WALK_OUT_STAKE:
            return f"protect interests its brief weighs ({label})"
    if caveats and me.sovereignty >= WALK_OUT_SOVEREIGNTY:
        return "guard the sovereignty it holds most dear"
    return ""


def likely_to_walk_out(obs: Observation, op, actor: str) -> bool:
    """The chair's estimate, from public facts only: a contributor whose positions, sovereignty,
    conditions stated on the record or low trust suggest it would leave rather than serve past its
    caveats."""
    crisis, st = obs.crisis, obs.state
    who = crisis.scenario.actors[actor]
    caveats = resourcing.cutting_caveats(crisis, op, actor)
    if who.sovereignty >= GUARDED_SOVEREIGNTY or st.trust.get(actor, 50) < LOW_TRUST:
        return True
    if who.positions.insists_on_mandate and any(crisis.rules.caveats[c].needs_resolution for c in caveats):
        return True
    return any(a == actor and detail in caveats for d in st.decisions for _, a, _, detail in d.stances)


def with_override(op, actor: str, turn: int):
    """The operation as it would be with this contributor's caveats overridden."""
    return evolve(op, overridden=op.overridden + ((actor, turn),))


def commitment_with(crisis, op) -> float:
    """The adjudication's commitment modifier for this operation's pledges (the rules' bands)."""
    cov = resourcing.coverage(crisis, op)[0]
    for band in crisis.rules.adjudication.commitment:
        if cov >= band.at_least:
            return band.modifier
    return crisis.rules.adjudication.commitment[-1].modifier if crisis.rules.adjudication.commitment else 0
