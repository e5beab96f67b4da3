"""4. Negotiation, amendment: the chair answers objections with caveats, parameters, concessions
or a package, puts the text under silence again, withdraws it, or — once it has failed — lets a
coalition of the willing carry it."""
from __future__ import annotations

from game.core import actions as A
from game.core.actions import Action
from game.core.effects import set_proposal
from game.core.events import Amended, CoalitionLaunched, Conceded, Event, Moved, SilenceCalled
from game.core.state import GameState, Phase, evolve
from game.core.steps.decision import adopt, close_proposal


def apply(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    seat = action.seat
    p = state.proposal
    if isinstance(action, A.Amend):
        events.append(Amended(action, p.number))
        return set_proposal(state, evolve(p, caveats=p.caveats + (action.caveat,),
                                                 amendments=p.amendments + 1))
    if isinstance(action, A.SetParam):
        events.append(Amended(action, p.number))
        params = tuple((n, action.value if n == action.name else v) for n, v in p.params)
        if action.name not in dict(p.params):
            params += ((action.name, action.value),)
        return set_proposal(state, evolve(p, params=params, amendments=p.amendments + 1))
    if isinstance(action, A.Concede):
        events.append(Conceded(action, p.number))
        capital = dict(state.capital)
        capital[seat] -= action.amount
        capital[action.to] += action.amount
        state = state.replace(capital=capital)
        return set_proposal(state, evolve(
            p, concessions=p.concessions + ((action.to, action.amount),), amendments=p.amendments + 1))
    if isinstance(action, A.Link):
        events.append(Amended(action, p.number))
        return set_proposal(state, evolve(p, package=p.package + (action.option,),
                                                 amendments=p.amendments + 1))
    if isinstance(action, A.Recirculate):
        events.append(Moved(action))
        rnd = p.round + 1
        events.append(SilenceCalled(rnd, p.number))
        return state.replace(proposal=evolve(p, round=rnd, amendments=0),
                            phase=Phase.NEGOTIATION, submissions=(), done=())
    if isinstance(action, A.Withdraw):
        events.append(Moved(action))
        outcome = "failed" if p.failed else "withdrawn"
        return close_proposal(crisis, state, outcome, events)
    if isinstance(action, A.Coalition):
        events.append(CoalitionLaunched(action))
        return adopt(crisis, state, events, coalition=True)
    raise AssertionError(f"unhandled {action!r} in amendment")  # legal and the steps disagree
