"""5. Decision: a text agreed by consensus is adopted, or a lead nation carries a failed one with a
coalition of the willing; its operations are created and the proposal closes."""
from __future__ import annotations

from game.core.effects import apply_effects
from game.core.events import Adopted, CoalitionLed, Event, MetersMoved
from game.core.procedure import can_table, in_force, requirement_of
from game.core.seats import delegations, joined
from game.core.state import GameState, Operation, Phase, Proposal, evolve


def adopt(crisis, state: GameState, events: list[Event]) -> GameState:
    """The text on the table is adopted by consensus. Every delegation may contribute, but under
    Article 5 only the Allies (each decides what it gives; no share is owed)."""
    p = state.proposal
    rules = crisis.rules
    state = apply_effects(crisis, state, rules.effects.adopted, events, "decision by consensus")
    if rules.legal_bases[p.basis].needs == "collective_defence":
        contributors = crisis.groups["members"]
    else:
        contributors = invited(crisis, p)
    state = operations_for(crisis, state, p, events, contributors)
    return close_proposal(crisis, state, "adopted", events)


def invited(crisis, p: Proposal) -> tuple[str, ...]:
    """Who may contribute to an Alliance operation from the start: the members, the host nation the
    text names and the partners its option invites. Other partners contribute once the chair
    invites them; international organisations pledge only to their own actions, never to a NATO
    operation."""
    sc = crisis.scenario
    named = {p.host} | {a for oid in p.options for a in sc.options[oid].invites}
    return tuple(a for a in delegations(crisis) if sc.actors[a].kind == "member"
                 or (a in named and sc.actors[a].kind in ("partner", "host_nation")))


def lead_coalition(crisis, state: GameState, lead: str, number: int, events: list[Event]) -> GameState:
    """Member `lead` carries failed proposal `number` with a coalition of the willing: it and those
    that supported the text in its last round act outside the Alliance frame (and only they
    contribute). It costs cohesion and legitimacy, less under a Security Council resolution."""
    i, d = next((i, d) for i, d in enumerate(state.decisions) if d.number == number)
    p = d.proposal
    members = joined(crisis, d, lead)
    events.append(CoalitionLed(lead, number, p.option, members))
    rules = crisis.rules
    mandated = rules.legal_bases[p.basis].needs == "security_council" and in_force(state, p.option)
    effects = rules.effects.coalition_mandated if mandated else rules.effects.coalition
    why = "coalition of the willing (under a Security Council mandate)" if mandated else "coalition of the willing"
    state = apply_effects(crisis, state, effects, events, why)
    decisions = list(state.decisions)
    decisions[i] = evolve(d, outcome="coalition")
    state = state.replace(decisions=tuple(decisions))
    return operations_for(crisis, state, p, events, members, lead=lead)


def operations_for(crisis, state: GameState, p: Proposal, events: list[Event], contributors: tuple[str, ...],
                   lead: str | None = None) -> GameState:
    """The operations of an adopted text, its basis's legitimacy (counted once per option and
    basis: a repeated adoption adds none) and its options' costs."""
    sc = crisis.scenario
    rules = crisis.rules
    coalition = lead is not None
    mandate = rules.legal_bases[p.basis].needs == "security_council"
    ops = list(state.operations)
    for oid in p.options:
        opt = sc.options[oid]
        n = len(ops) + 1
        op = Operation(n, oid, p, coalition, state.turn, opt.duration, contributors, mandate=mandate, lead=lead)
        ops.append(evolve(op, requires=requirement_of(crisis, op)))  # immutable: kept as it is
        events.append(Adopted(oid, n, coalition, p.number))
    state = state.replace(operations=tuple(ops), adopted_this_turn=True)
    fresh = tuple((oid, p.basis) for oid in p.options if (oid, p.basis) not in state.legitimised)
    legit = rules.legal_bases[p.basis].legitimacy
    if fresh:
        state = state.replace(legitimised=state.legitimised + fresh)
        if legit and "legitimacy" in sc.meters:
            meters = dict(state.meters)
            m = sc.meters["legitimacy"]
            meters["legitimacy"] = min(m.max, max(m.min, meters["legitimacy"] + legit))
            events.append(MetersMoved("legal basis", {"legitimacy": legit}, p.basis))
            state = state.replace(meters=meters)
    for oid in p.options:
        state = apply_effects(crisis, state, sc.options[oid].costs, events, f"costs of {sc.options[oid].title}")
    return state


def close_proposal(crisis, state: GameState, outcome: str, events: list[Event]) -> GameState:
    decisions = state.decisions[:-1] + (evolve(state.decisions[-1], outcome=outcome),)
    state = state.replace(decisions=decisions, proposal=None, submissions=(), done=())
    if state.proposals_this_turn < crisis.rules.procedure.proposals_per_turn and can_table(crisis, state):
        return state.replace(phase=Phase.PROPOSAL)
    return state.replace(phase=Phase.FORCE_GENERATION)
