"""Events of force generation (issue 17): a pledge withdrawn, a partner invited, a shortfall
accepted, an operation activated or still waiting for forces, a contributor's national caveats
overridden and its contribution withdrawn. Part of game.core.events (which
re-exports them): one frozen class per kind, ids and numbers only, words from game.core.words."""
from __future__ import annotations

from game.core import words
from game.core.actions import Action
from game.core.actions import from_dict as action_from_dict
from game.core.event_base import Event, Move, event, words_field


@event("pledge_withdrawn", words.move)
class PledgeWithdrawn(Move):
    """A delegation withdrew its pledge of one resource from an operation (`amount` units returned)."""
    action: Action


@event("invited", words.move)
class Invited(Move):
    """The chair (or a coalition's lead nation) invited a partner to contribute to an operation."""
    action: Action


@event("shortfall_accepted", words.move)
class ShortfallAccepted(Move):
    """The chair, for the Council, accepted that an operation runs short of its requirement."""
    action: Action


@event("operation_activated", words.operation_activated)
class OperationActivated(Event):
    """A planned operation activates: its requirements met (`accepted` False) or its shortfall
    accepted by the Council; `coverage` is the share of the requirement met."""
    operation: int
    option: str
    coverage: float
    accepted: bool

    @property
    def data(self):
        return {"operation": self.operation, "option": self.option, "coverage": self.coverage,
                "accepted": self.accepted}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["operation"], data["option"], data["coverage"], data["accepted"])


@event("awaiting_forces", words.awaiting_forces)
class AwaitingForces(Event):
    """A planned operation does not activate this turn: its requirement is short (`coverage` met),
    and the Council has not accepted the shortfall. `running` is True for an operation that was
    running and lost all its pledges (it goes back to planning)."""
    operation: int
    option: str
    coverage: float
    running: bool = False

    @property
    def data(self):
        return {"operation": self.operation, "option": self.option, "coverage": self.coverage,
                "running": self.running}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["operation"], data["option"], data["coverage"], data.get("running", False))


# -- national caveats overridden, a contribution withdrawn (issue 17, item 3 (b)) ------------------
@event("caveats_overridden", words.caveats_overridden)
class CaveatsOverridden(Move):
    """The chair, for the Council (or a coalition's lead nation), overrode a contributor's national
    caveats on an operation: its pledges there count in full from now on. `caveats` are the ones
    that cut them (in the sentence only)."""
    action: Action
    caveats: tuple[str, ...] = words_field(())
    option: str | None = words_field()


@event("contribution_withdrawn", words.contribution_withdrawn)
class ContributionWithdrawn(Move):
    """A contributor whose national caveats were overridden withdrew its whole contribution from the
    operation: `returned` is what it took back, (resource, units)."""
    action: Action
    returned: tuple[tuple[str, int], ...] = ()
    option: str | None = words_field()

    @property
    def data(self):
        return {"seat": self.action.seat, "action": self.action.to_dict(),
                "returned": [list(r) for r in self.returned]}

    @classmethod
    def _from_record(cls, data, to):
        return cls(action_from_dict(data["action"]), tuple((r, n) for r, n in data.get("returned", ())))
