"""6. Force generation: delegations pledge resources to adopted operations, or finish pledging."""
from __future__ import annotations

from game.core import actions as A
from game.core.actions import Action
from game.core.effects import finished
from game.core.events import Done, Event, Pledged, Undone
from game.core.state import GameState, Phase, evolve


def apply(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    seat = action.seat
    if isinstance(action, A.Pass):
        events.append(Done(action, Phase.FORCE_GENERATION))
        return finished(crisis, state, seat)
    if isinstance(action, A.Pledge):
        events.append(Pledged(action))
        ops = tuple(evolve(o, pledges=o.pledges + ((seat, action.resource, action.amount),))
                    if o.number == action.operation else o for o in state.operations)
        res = dict(state.resources)  # only the seat's own resources change (states never change them in place)
        res[seat] = dict(res[seat])
        res[seat][action.resource] -= action.amount
        new = state._replace_known({"operations": ops, "resources": res})
        acting = state.memoised("acting")
        if acting is not None:  # a pledge changes no operation's status or contributors
            new.memo()["acting"] = acting
        return new
    raise AssertionError(f"unhandled {action!r} in force generation")  # legal and the steps disagree


def undo(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    """The seat takes back its latest pledge."""
    seat = action.seat
    events.append(Undone(action))
    last = max((i, j) for i, op in enumerate(state.operations) if op.status == "adopted"
               for j, (a, _, _) in enumerate(op.pledges) if a == seat)
    op = state.operations[last[0]]
    _, res, amount = op.pledges[last[1]]
    ops = list(state.operations)
    ops[last[0]] = evolve(op, pledges=op.pledges[:last[1]] + op.pledges[last[1] + 1:])
    resources = {a: dict(r) for a, r in state.resources.items()}
    resources[seat][res] += amount
    return state.replace(operations=tuple(ops), resources=resources)
