"""Events of the legal frame: armed attacks, Security Council votes, refused consent, coalitions
led by a nation and operations waiting for a mandate. Part of game.core.events (which re-exports
them): one frozen class per kind, ids and numbers only, words from game.core.words."""
from __future__ import annotations

from game.core import words
from game.core.event_base import Event, event


@event("armed_attack", words.armed_attack)
class ArmedAttack(Event):
    """An armed attack on `on`'s territory (by `by`), shown to every seat."""
    on: str
    by: str | None

    @property
    def data(self):
        return {"on": self.on, "by": self.by}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["on"], data.get("by"))


@event("resolution_vote", words.resolution_vote)
class ResolutionVoted(Event):
    """The Security Council voted on resolution `number` for `option`: `status` is adopted, vetoed
    or failed; `votes` holds (who, yes/no/abstain, why, permanent member)."""
    number: int
    option: str
    status: str
    votes: tuple[tuple[str, str, str, bool], ...]

    @property
    def data(self):
        return {"number": self.number, "option": self.option, "status": self.status, "votes": self.votes}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["number"], data["option"], data["status"], tuple(tuple(v) for v in data["votes"]))


@event("consent_refused", words.consent_refused)
class ConsentRefused(Event):
    """The host refused its consent to proposal `number` (for `reason`; with `caveat` it would
    consent, without one the refusal is outright)."""
    host: str
    reason: str
    caveat: str | None
    number: int

    @property
    def data(self):
        return {"host": self.host, "reason": self.reason, "caveat": self.caveat, "number": self.number}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["host"], data["reason"], data.get("caveat"), data["number"])


@event("coalition_led", words.coalition_led)
class CoalitionLed(Event):
    """Member `lead` carries failed proposal `number` with a coalition of the willing: `members`."""
    lead: str
    number: int
    option: str
    members: tuple[str, ...]

    @property
    def data(self):
        return {"lead": self.lead, "number": self.number, "option": self.option, "members": self.members}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["lead"], data["number"], data["option"], tuple(data["members"]))


@event("operation_waits", words.operation_waits)
class OperationWaits(Event):
    """An operation under the 'mandate first' caveat waits: no resolution authorising it is in force."""
    operation: int
    option: str

    @property
    def data(self):
        return {"operation": self.operation, "option": self.option}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["operation"], data["option"])
