"""Events of partners and intelligence (issue 17, items 3 and 4): consultations requested, held
or ignored, intelligence released and its releasability widened, capacity built. Part of
game.core.events (which re-exports them): one frozen class per kind, ids and numbers only, words
from game.core.words."""
from __future__ import annotations

from game.core import words
from game.core.actions import Action
from game.core.actions import from_dict as action_from_dict
from game.core.event_base import Event, Move, event, words_field


# -- partners, consultations and intelligence released (issue 17, items 3 and 4) -------------------
@event("consultations_requested", words.consultations_requested)
class ConsultationsRequested(Move):
    """A partner puts its security concern before the Council (every seat reads it)."""
    action: Action


@event("consultations_held", words.consultations_held)
class ConsultationsHeld(Move):
    """The chair convenes the Council with the partner that asked (NATO+1, or 32+N)."""
    action: Action


@event("consultations_ignored", words.consultations_ignored)
class ConsultationsIgnored(Event):
    """A partner's request for consultations was not held by the end of the turn."""
    partner: str
    turn: int

    @property
    def data(self):
        return {"partner": self.partner, "turn": self.turn}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["partner"], data["turn"])


@event("intel_released", words.intel_released)
class IntelReleased(Move):
    """A delegation shared intelligence: how many items reached whom (the contents go privately,
    as Intel events addressed to the recipients)."""
    action: Action
    released: tuple[tuple[str, int], ...] = ()  # (recipient, items released to it)

    @property
    def data(self):
        return {"seat": self.action.seat, "action": self.action.to_dict(),
                "released": [list(r) for r in self.released]}

    @classmethod
    def _from_record(cls, data, to):
        return cls(action_from_dict(data["action"]), tuple((a, n) for a, n in data.get("released", ())))


@event("release_widened", words.move)
class ReleaseWidened(Move):
    """An owner widened the releasability of an item it holds."""
    action: Action


@event("capacity_built", words.capacity_built)
class CapacityBuilt(Event):
    """A capacity-building package, adopted and funded, has built a partner's capacity: its
    interoperability and resilience are higher from the next turn on."""
    operation: int
    option: str
    partner: str
    interoperability: float
    resilience: float
    before: float = words_field()  # the partner's interoperability before

    @property
    def data(self):
        return {"operation": self.operation, "option": self.option, "partner": self.partner,
                "interoperability": self.interoperability, "resilience": self.resilience}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["operation"], data["option"], data["partner"], data["interoperability"], data["resilience"])


@event("contributors_met", words.contributors_met)
class ContributorsMet(Event):
    """Partners that pledged to an operation join its planning: a troop-contributors' meeting (their
    national caveats are weighed in its plan and in what their pledges are worth)."""
    operation: int
    option: str
    partners: tuple[str, ...]

    @property
    def data(self):
        return {"operation": self.operation, "option": self.option, "partners": list(self.partners)}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["operation"], data["option"], tuple(data["partners"]))


@event("decided_in_parallel", words.decided_in_parallel)
class DecidedInParallel(Move):
    """An international organisation decides, through its own channel, an action alongside an
    Alliance operation."""
    action: Action
