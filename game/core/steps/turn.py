"""1. Inject, 7. Adjudication and 8. Assessment: the turn's automatic steps, and the game's end."""
from __future__ import annotations

from game.core import adjudication, council
from game.core.effects import apply_effects, fire
from game.core.env import Env
from game.core.partners import build_capacity, contributors_meet
from game.core.events import ConsultationsIgnored, Event, GameOver, Inaction, TurnStarted
from game.core.outcome import Outcome, Termination
from game.core.scoring import scores
from game.core.state import GameState, Phase


def start_turn(crisis, state: GameState, events: list[Event]) -> GameState:
    """1. Inject: the crisis develops; injects whose triggers hold fire."""
    events.append(TurnStarted(state.turn))
    injects = crisis.scenario.injects
    candidates = list(injects)
    while candidates:  # then those that follow an inject just fired with no delay, in the same step
        just = []
        for iid in candidates:
            inj = injects[iid]
            if iid in state.fired or iid in state.held:
                continue
            follows = state.fired_on(inj.after.inject) if inj.after is not None else None
            if inj.due(state.turn, follows, lambda cond: cond(Env(state, crisis))):
                state = fire(crisis, state, iid, events, None)
                just.append(iid)
        candidates = [i for i, x in injects.items() if x.after is not None and x.after.inject in just]
    return state.replace(phase=Phase.CONSULTATION, done=())


def end_turn(crisis, state: GameState, events: list[Event]) -> GameState:
    """7. Adjudication, 8. Assessment, then the next turn's injects."""
    sc = crisis.scenario
    state = contributors_meet(crisis, state, events)
    state = council.vote(crisis, state, events)
    state = consultations_ignored(crisis, state, events)
    state = adjudication.resolve_turn(crisis, state, events)
    state = build_capacity(crisis, state, events)
    state = apply_effects(crisis, state, sc.each_turn, events, "the crisis develops")
    if not state.adopted_this_turn:
        events.append(Inaction())
        state = apply_effects(crisis, state, sc.inaction, events, "inaction")
    env = Env(state, crisis)
    last = state.turn >= state.turn_limit
    for eid, end in sc.end_conditions.items():
        if (last or not end.final) and end.when(env):
            return finish(crisis, state, events, Termination.END_CONDITION, eid, end.title, end.text, end.verdict)
    if last:
        return finish(crisis, state, events, Termination.TURN_LIMIT, "turn_limit", "Time is up",
                       f"The exercise ends after turn {state.turn}.", "mixed")
    state = state.replace(turn=state.turn + 1, proposals_this_turn=0, adopted_this_turn=False,
                         intel_shares=0, done=(), submissions=())
    return start_turn(crisis, state, events)


def consultations_ignored(crisis, state: GameState, events: list[Event]) -> GameState:
    """A partner's request for consultations the Council did not hold this turn costs the Alliance
    trust (the rules' `effects.consultations_ignored`), once per request (issue 17, item 3)."""
    for partner, turn, held in state.consultations:
        if turn == state.turn and not held:
            events.append(ConsultationsIgnored(partner, turn))
            state = apply_effects(crisis, state, crisis.rules.effects.consultations_ignored, events,
                                  "consultations not held")
    return state


def finish(crisis, state, events, termination, eid, title, text, verdict) -> GameState:
    outcome = Outcome(termination, eid, title, text, verdict, state.turn, scores(crisis, state))
    final_turn = state.turn if termination == Termination.TURN_LIMIT else None
    events.append(GameOver(eid, verdict, {s: (v.national, v.collective) for s, v in outcome.scores.items()},
                           final_turn))
    return state.replace(phase=Phase.OVER, outcome=outcome, proposal=None)
