"""6. Force generation, in one place: what an operation requires, what its pledges are worth, how
much of the requirement they meet, and whether it may activate.

An adopted decision authorises planning: its operations start in "planning". A force-generation
conference each turn asks for every requirement still short; an operation activates ("running")
when each resource of its requirement is met by that resource, or when the Council accepts the
shortfall. Nothing pledged of any resource means nothing launched, and the Council accepts no
shortfall in a resource its option marks `all_of` (indispensable).
"""
from __future__ import annotations

from game.core import texts
from game.core.model.types import Requirement
from game.core.state import Operation

PLANNING = ("planning", "adopted")  # "adopted": an operation of a game before planning existed


def requirement(crisis, op: Operation) -> Requirement:
    """What an operation needs committed, by resource: its option's requirement and its parameters'
    (worked out when it is adopted and kept on it: read it, do not change it)."""
    if op.requires is not None:
        return op.requires
    return requirement_of(crisis, op)


def requirement_of(crisis, op: Operation) -> Requirement:
    """What the operation's option and parameters require (game.core.procedure re-exports it)."""
    opt = crisis.scenario.options[op.option]
    need = opt.requires
    for pname, value in op.proposal.params:
        par = opt.parameters.get(pname)
        if par is not None and value in par.values:
            need = need.plus(par.values[value].requires)
    return need.positive()


def pledge_value(crisis, op: Operation, actor: str, amount: int) -> float:
    """What a pledge is worth: scaled by the contributor's interoperability, and cut by each of its
    national caveats that the text does not already carry (a caveat the whole text carries
    restricts every contributor alike: it makes the operation harder, not one pledge worth less),
    unless the Council has overridden that contributor's caveats on this operation."""
    a = crisis.scenario.actors[actor]
    factor = a.interoperability
    if not a.caveats or overridden(op, actor):
        return amount * factor
    on_text = set(op.proposal.caveats)
    for cav in sorted(set(a.caveats) - on_text):  # a fixed order: the same float everywhere
        factor *= crisis.rules.caveats[cav].pledge_factor
    return amount * factor


def cutting_caveats(crisis, op: Operation, actor: str) -> tuple[str, ...]:
    """The contributor's national caveats that cut its pledges to this operation: not on the text,
    and worth less than a full pledge (what the Council would override)."""
    a = crisis.scenario.actors[actor]
    on_text = set(op.proposal.caveats)
    return tuple(c for c in sorted(set(a.caveats) - on_text)
                 if c in crisis.rules.caveats and crisis.rules.caveats[c].pledge_factor < 1.0)


def overridden(op: Operation, actor: str) -> bool:
    """Whether the Council has overridden this contributor's national caveats on the operation."""
    return any(a == actor for a, _ in op.overridden)


def may_contribute(op: Operation, actor: str) -> bool:
    """Whether the actor is among the operation's contributors and has not withdrawn from it."""
    return actor in op.contributors and actor not in op.walked_out


def pledged_units(op: Operation, resource: str) -> int:
    """How many units of `resource` are pledged to the operation (before their value is cut)."""
    return sum(n for _, r, n in op.pledges if r == resource)


def coverage(crisis, op: Operation) -> tuple[float, dict[str, float]]:
    """(the share of the requirement met, each resource's share): each resource met by its own
    pledges' value; the share met is the lowest (Requirement.share_met)."""
    need = requirement(crisis, op)
    if not need:
        return 1.0, {}
    got: dict[str, float] = {}
    for actor, res, n in op.pledges:
        got[res] = got.get(res, 0) + pledge_value(crisis, op, actor, n)
    per = {r: min(1.0, got.get(r, 0) / n) for r, n in need.items()}
    return need.share_met(per), per


def coverage_in(crisis, state, op: Operation) -> tuple[float, dict[str, float]]:
    """coverage(crisis, op) for an operation of `state`, worked out once per operation (every move
    of force generation asks it of each operation several times: who acts, what may be pledged,
    the chair's invitations; and most moves change no operation). Read the dict, do not change it."""
    return state.carried(("coverage", op.number), op, lambda: coverage(crisis, op))


def is_met(crisis, op: Operation, state=None) -> bool:
    """Every resource of the requirement is met in full by its own type (given the state the
    operation belongs to, worked out once per state)."""
    share = (coverage(crisis, op) if state is None else coverage_in(crisis, state, op))[0]
    return share >= 1.0 - 1e-9


def wants_pledges(crisis, op: Operation, state=None) -> bool:
    """The force-generation conference asks for this operation: it is in planning, or it runs
    short of its requirement (a later turn may fill the shortfall and relieve it)."""
    if op.status in PLANNING:
        return True
    return op.status == "running" and op.turns_left > 0 and not is_met(crisis, op, state)


def shortfall_refusal(crisis, op: Operation, title: str) -> str | None:
    """Why the Council cannot accept this operation's shortfall, or None: nothing pledged of some
    resource (nothing launched), or fewer units pledged than required of an indispensable one."""
    need = requirement(crisis, op)
    if is_met(crisis, op):
        return f"{title} has its requirements met: there is no shortfall to accept"
    for res in sorted(need.all_of):
        got = pledged_units(op, res)
        if got < need[res]:
            label = _label(crisis, res)
            many = label.endswith("s")
            return (f"{label} {'are' if many else 'is'} indispensable to {title} (all_of): the Council accepts no "
                    f"shortfall in {'them' if many else 'it'} ({got} of {need[res]} {label} pledged)")
    empty = [_label(crisis, r) for r in need if pledged_units(op, r) == 0]
    if empty:
        return (f"nothing is pledged of {', '.join(empty)} to {title}: each resource is met by its own type, and "
                "nothing pledged means nothing launched")
    return None


def may_activate(crisis, op: Operation) -> bool:
    """Whether a planned operation activates at the close of force generation: its requirements
    met, or its shortfall accepted by the Council (and still acceptable)."""
    if is_met(crisis, op):
        return bool(op.pledges) or not requirement(crisis, op)
    return op.shortfall_accepted and shortfall_refusal(crisis, op, "") is None


def pledgers(op: Operation) -> tuple[str, ...]:
    """Who pledged to the operation, in the order they first pledged."""
    out: list[str] = []
    for a, _, _ in op.pledges:
        if a not in out:
            out.append(a)
    return tuple(out)


def _label(crisis, res: str) -> str:
    return texts.lowered(texts.value_label(crisis, "pledge", "resource", res))
