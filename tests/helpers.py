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


def resourcing_move(crisis, state, seat):
    """In force generation, what a seat does to get the operations going: pledge the most it may of
    the first thing still lacking; the chair accepts a shortfall where it may; else done."""
    legal = engine.legal_actions(crisis, state, seat)
    if state.phase == engine.Phase.FORCE_GENERATION:
        for (number, res), most in legal.pledge_limits().items():
            return A.Pledge(seat, number, res, most)
        for move in legal.force_generation_moves():
            if isinstance(move, A.AcceptShortfall):
                return move
    return A.Pass(seat)


def resourced_turn(crisis, state):
    """The turn played to its end with every seat pledging what it can (resourcing_move)."""
    turn = state.turn
    while state.turn == turn and not engine.is_over(state):
        state = act(crisis, state, resourcing_move(crisis, state, engine.acting_seats(crisis, state)[0]))
    return state
