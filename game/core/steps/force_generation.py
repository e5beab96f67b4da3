"""6. Force generation: delegations pledge resources to operations in planning (or running short),
withdraw pledges, or finish; the chair invites partners, overrides a contributor's national caveats
and accepts a shortfall for the Council; a contributor whose caveats were overridden may withdraw.
At its close, planned operations whose requirements are met, or whose shortfall was accepted,
activate (game.core.resourcing says when)."""
from __future__ import annotations

from game.core import actions as A
from game.core.actions import Action
from game.core.effects import apply_effects, finished
from game.core import resourcing
from game.core.events import (AwaitingForces, CaveatsOverridden, ContributionWithdrawn, Done, Event, Invited,
                              OperationActivated, Pledged, PledgeWithdrawn, ShortfallAccepted, Undone)
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
        pledged_to = next(o for o in state.operations if o.number == action.operation)
        if acting is not None and pledged_to.status in resourcing.PLANNING:
            # a pledge to a plan changes no status or contributors; one to a running operation may
            # meet its shortfall, and the conference then stops asking for it
            new.memo()["acting"] = acting
        return new
    if isinstance(action, A.WithdrawPledge):
        return withdraw_pledge(state, action, events)
    if isinstance(action, A.Invite):
        events.append(Invited(action))
        ops = tuple(evolve(o, contributors=o.contributors + (action.to,)) if o.number == action.operation else o
                    for o in state.operations)
        return state.replace(operations=ops)
    if isinstance(action, A.AcceptShortfall):
        events.append(ShortfallAccepted(action))
        ops = tuple(evolve(o, shortfall_accepted=True) if o.number == action.operation else o
                    for o in state.operations)
        return state.replace(operations=ops)
    if isinstance(action, A.OverrideCaveats):
        return override_caveats(crisis, state, action, events)
    if isinstance(action, A.WithdrawContribution):
        return withdraw_contribution(crisis, state, action, events)
    raise AssertionError(f"unhandled {action!r} in force generation")


def override_caveats(crisis, state: GameState, action, events: list[Event]) -> GameState:
    """The Council overrides a contributor's national caveats on one operation: its pledges there
    count in full from now on, and the contributor answers this turn (it may withdraw), logged, at
    the rules' cost (`effects.caveats_overridden`)."""
    op = next(o for o in state.operations if o.number == action.operation)
    events.append(CaveatsOverridden(action, resourcing.cutting_caveats(crisis, op, action.to), op.option))
    ops = tuple(evolve(o, overridden=o.overridden + ((action.to, state.turn),)) if o is op else o
                for o in state.operations)
    state = state.replace(operations=ops, done=tuple(s for s in state.done if s != action.to))
    return apply_effects(crisis, state, crisis.rules.effects.caveats_overridden, events, "national caveats overridden")


def withdraw_contribution(crisis, state: GameState, action, events: list[Event]) -> GameState:
    """A contributor whose caveats were overridden takes back every pledge it made to the operation
    and leaves it (it pledges no more to it); the operation may fall short again, and a shortfall
    the Council accepted must be accepted again. Logged, at the rules' cost
    (`effects.contribution_withdrawn`)."""
    seat = action.seat
    op = next(o for o in state.operations if o.number == action.operation)
    back: dict[str, int] = {}
    for a, r, n in op.pledges:
        if a == seat:
            back[r] = back.get(r, 0) + n
    events.append(ContributionWithdrawn(action, tuple(back.items()), op.option))
    ops = tuple(evolve(o, pledges=tuple(p for p in o.pledges if p[0] != seat), walked_out=o.walked_out + (seat,),
                       shortfall_accepted=False) if o is op else o for o in state.operations)
    res = dict(state.resources)
    res[seat] = dict(res[seat])
    for r, n in back.items():
        res[seat][r] = res[seat].get(r, 0) + n
    state = state.replace(operations=ops, resources=res)
    return apply_effects(crisis, state, crisis.rules.effects.contribution_withdrawn, events,
                         "a contribution withdrawn")


def withdraw_pledge(state: GameState, action, events: list[Event]) -> GameState:
    """The seat takes back every unit of one resource it pledged to one operation (logged)."""
    seat = action.seat
    events.append(PledgeWithdrawn(action))
    back = 0
    ops = []
    for o in state.operations:
        if o.number == action.operation:
            back = sum(n for a, r, n in o.pledges if a == seat and r == action.resource)
            o = evolve(o, pledges=tuple(p for p in o.pledges if not (p[0] == seat and p[1] == action.resource)))
        ops.append(o)
    res = dict(state.resources)
    res[seat] = dict(res[seat])
    res[seat][action.resource] = res[seat].get(action.resource, 0) + back
    return state.replace(operations=tuple(ops), resources=res)


def close(crisis, state: GameState, events: list[Event]) -> GameState:
    """The conference closes: each planned operation activates if its requirements are met or its
    shortfall was accepted, or stays in planning (said once a turn); a running one left with no
    pledge at all stands down into planning (nothing pledged means nothing launched)."""
    ops = list(state.operations)
    changed = False
    for i, op in enumerate(ops):
        if op.status in resourcing.PLANNING:
            share = resourcing.coverage(crisis, op)[0]
            if resourcing.may_activate(crisis, op):
                ops[i] = evolve(op, status="running")
                events.append(OperationActivated(op.number, op.option, round(share, 3),
                                                 not resourcing.is_met(crisis, op)))
            else:
                events.append(AwaitingForces(op.number, op.option, round(share, 3)))
                if op.shortfall_accepted:  # accepted, then a pledge withdrawn: the Council must accept again
                    ops[i] = evolve(op, shortfall_accepted=False)
            changed = True
        elif op.status == "running" and op.turns_left > 0 and not op.pledges and resourcing.requirement_of(crisis, op):
            ops[i] = evolve(op, status="planning", shortfall_accepted=False)
            events.append(AwaitingForces(op.number, op.option, 0.0, True))
            changed = True
    return state.replace(operations=tuple(ops)) if changed else state  # legal and the steps disagree


def undo(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    """The seat takes back its latest pledge."""
    seat = action.seat
    events.append(Undone(action))
    last = max((i, j) for i, op in enumerate(state.operations) if op.status in ("planning", "adopted")
               for j, (a, _, _) in enumerate(op.pledges) if a == seat)
    op = state.operations[last[0]]
    _, res, amount = op.pledges[last[1]]
    ops = list(state.operations)
    ops[last[0]] = evolve(op, pledges=op.pledges[:last[1]] + op.pledges[last[1] + 1:])
    resources = {a: dict(r) for a, r in state.resources.items()}
    resources[seat][res] += amount
    return state.replace(operations=tuple(ops), resources=resources)
