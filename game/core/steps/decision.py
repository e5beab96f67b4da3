"""5. Decision: a text agreed by consensus (or carried by a coalition of the willing) is adopted;
its operations are created and the proposal closes."""
from __future__ import annotations

from types import MappingProxyType

from game.core.effects import apply_effects
from game.core.events import Adopted, Event, MetersMoved
from game.core.procedure import can_table, requirement_of
from game.core.seats import delegations, willing
from game.core.state import GameState, Operation, Phase, evolve


def adopt(crisis, state: GameState, events: list[Event], coalition: bool) -> GameState:
    p = state.proposal
    sc = crisis.scenario
    rules = crisis.rules
    if coalition:
        contributors = willing(crisis, state) + tuple(
            a for a in delegations(crisis) if sc.actors[a].kind != "member")
        state = apply_effects(crisis, state, rules.effects.coalition, events, "coalition of the willing")
    else:
        contributors = delegations(crisis)
        state = apply_effects(crisis, state, rules.effects.adopted, events, "decision by consensus")
    ops = list(state.operations)
    for oid in p.options:
        opt = sc.options[oid]
        n = len(ops) + 1
        op = Operation(n, oid, p, coalition, state.turn, opt.duration, contributors)
        ops.append(evolve(op, requires=MappingProxyType(requirement_of(crisis, op))))
        events.append(Adopted(oid, n, coalition, p.number))
    state = state.replace(operations=tuple(ops))
    legit = rules.legal_bases[p.basis].legitimacy
    if legit and "legitimacy" in sc.meters:
        meters = dict(state.meters)
        m = sc.meters["legitimacy"]
        meters["legitimacy"] = min(m.max, max(m.min, meters["legitimacy"] + legit))
        events.append(MetersMoved("legal basis", {"legitimacy": legit}, p.basis))
        state = state.replace(meters=meters)
    for oid in p.options:
        state = apply_effects(crisis, state, sc.options[oid].costs, events, f"costs of {sc.options[oid].title}")
    state = state.replace(adopted_this_turn=True)
    return close_proposal(crisis, state, "coalition" if coalition else "adopted", events)


def close_proposal(crisis, state: GameState, outcome: str, events: list[Event]) -> GameState:
    decisions = state.decisions[:-1] + (evolve(state.decisions[-1], outcome=outcome),)
    state = state.replace(decisions=decisions, proposal=None, submissions=(), done=())
    if state.proposals_this_turn < crisis.rules.procedure.proposals_per_turn and can_table(crisis, state):
        return state.replace(phase=Phase.PROPOSAL)
    return state.replace(phase=Phase.FORCE_GENERATION)
