"""Driving the engine to a known point, as a test would by hand."""
from game.core import actions as A
from game.core import engine


def act(crisis, state, action):
    return engine.apply(crisis, state, action).state


def through_consultation(crisis, state):
    for seat in engine.acting_seats(crisis, state):
        state = act(crisis, state, A.Pass(seat))
    return state


def tabled(crisis, seed=1, option="resilience_package", basis="host_consent", host="MDA", params=(), caveats=()):
    """A new game, consultation passed, the chair tables `option`: the negotiation round is open."""
    state = engine.new_game(crisis, seed).state
    state = through_consultation(crisis, state)
    return act(crisis, state, A.Table(crisis.scenario.chair, option, basis, host, params, caveats))


def round_with(crisis, state, stances: dict):
    """Every delegation acts in the round: the given stances, silence for the rest."""
    for seat in engine.acting_seats(crisis, state):
        state = act(crisis, state, stances.get(seat, A.Pass(seat)))
    return state
