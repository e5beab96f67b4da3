"""What happened: the vocabulary of the log, the table's feed and the after-action review.

One small frozen class per kind of event, holding ids and numbers, never sentences: the engine
makes millions of them in batch play, so making one costs a few attribute stores. Its words are
built when someone reads them, by game.core.words (each class names its sentence there).

On disk an event is the record `{"kind", "text", "data", ["to"]}` that saves and game databases
have always held; `to_dict()` writes exactly that record, and `from_dict()` reads it back into the
class for its kind. A field the record holds in `data` (or `to`) is a *record field*: it decides
equality, so `from_dict(e.to_dict()) == e`. A few events also carry *words fields* (`eq=False`):
what their sentence needs that the record never held apart from the sentence itself (an edited
inject's text, the reasons behind a broken silence ...). A record read back keeps its sentence as
written, and its words fields are None.

Who may see an event: `to` is None (everyone) or the seats it was addressed to (and the White
Cell); `visible_to(seat)` answers it. Consumers dispatch on the class (isinstance, match), never on
the kind string, which lives only here as each class's `KIND`. The base class, the registry of
kinds and the record round trip are in game.core.event_base, re-exported here.
"""
from __future__ import annotations

from typing import Any, Mapping

from game.core import words
from game.core.actions import Action
from game.core.actions import from_dict as action_from_dict
# The base, the registry and the record round trip live in game.core.event_base; callers import
# them from here, with the classes.
from game.core.event_base import REGISTRY, Event, Move, bind, event, from_dict, words_field  # noqa: F401
from game.core.state import Phase


# -- a seat's move (and the White Cell's) ----------------------------------------------------------
class _Numbered(Move):
    """A move on proposal `number`."""

    __slots__ = ()
    number: int

    @property
    def data(self):
        return {"seat": self.action.seat, "action": self.action.to_dict(), "number": self.number}

    @classmethod
    def _from_record(cls, data, to):
        return cls(action_from_dict(data["action"]), data["number"])


@event("action", words.move)
class Moved(Move):
    """A move with no event of its own: intelligence shared, consent withdrawn, the text
    recirculated or withdrawn."""
    action: Action


@event("stance", words.stance)
class Stance(_Numbered):
    """A delegation's stance on proposal `number` under silence (support, object, reserve, pass,
    consent, refuse consent)."""
    action: Action
    number: int

    @property
    def data(self):
        a = self.action
        return {"seat": a.seat, "action": a.to_dict(), "stance": a.kind, "number": self.number}


@event("done", words.done)
class Done(Move):
    """A seat is done with consultation, or with pledging."""
    action: Action
    step: Phase | None = words_field()  # CONSULTATION or FORCE_GENERATION


@event("art4", words.move)
class Art4Requested(Move):
    action: Action


@event("mou", words.move)
class MouOffered(Move):
    action: Action


@event("pledge", words.move)
class Pledged(Move):
    action: Action


@event("undo", words.move)
class Undone(Move):
    action: Action


@event("amended", words.move)
class Amended(_Numbered):
    """The chair amends proposal `number`: a caveat, a parameter, a linked option."""
    action: Action
    number: int


@event("concession", words.move)
class Conceded(_Numbered):
    action: Action
    number: int


@event("coalition", words.move)
class CoalitionLaunched(Move):
    """The chair turned a failed text into a coalition (games before issue 16 only)."""
    action: Action


@event("art5", words.move)
class Art5Requested(Move):
    """A member asks the Council to invoke Article 5 after an armed attack on an Ally."""
    action: Action


@event("resolution_sought", words.move)
class ResolutionSought(Move):
    """A member proposes seeking a Security Council resolution for a course of action."""
    action: Action


@event("no_proposal", words.move)
class NothingTabled(Move):
    action: Action


@event("tabled", words.move)
class Tabled(_Numbered):
    action: Action
    number: int

    @property
    def data(self):
        a = self.action
        return {"seat": a.seat, "action": a.to_dict(), "option": a.option, "number": self.number}


@event("round_ended", words.move)
class RoundEnded(Move):
    """The White Cell ends a timed round."""
    action: Action

    @property
    def data(self):
        a = self.action
        return {"seat": a.seat, "action": a.to_dict(), "reason": a.reason}


@event("paused", words.move)
class Paused(Move):
    action: Action


@event("resumed", words.move)
class Resumed(Move):
    action: Action


@event("held", words.move)
class Held(Move):
    action: Action


@event("released", words.move)
class Released(Move):
    """The White Cell releases an inject (edited or not), or makes one up."""
    action: Action

    @property
    def data(self):
        a = self.action
        d = {"seat": a.seat, "action": a.to_dict()}
        if hasattr(a, "inject"):
            d.update(inject=a.inject, edited=a.text is not None)
        else:
            d["adhoc"] = True
        return d


@event("override", words.move)
class Overridden(Move):
    """The White Cell overrides a meter or a result, with its rationale."""
    action: Action

    @property
    def data(self):
        a = self.action
        return {"seat": a.seat, "action": a.to_dict(), "rationale": a.rationale}


@event("facilitator", words.facilitator)
class Facilitator(Move):
    """Not the engine's: the review's mark of a White Cell move among the facilitator's moves."""
    action: Action


# -- the game and its turns ------------------------------------------------------------------------
@event("game_started", words.game_started)
class GameStarted(Event):
    scenario: str
    seed: int
    turns: int

    @property
    def data(self):
        return {"scenario": self.scenario, "seed": self.seed, "turns": self.turns}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["scenario"], data["seed"], data["turns"])


@event("turn", words.turn)
class TurnStarted(Event):
    turn: int

    @property
    def data(self):
        return {"turn": self.turn}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["turn"])


@event("inject", words.inject)
class Inject(Event):
    """An inject fires: on schedule, released by the White Cell (`edited`: with its own text), or
    made up by the White Cell (`adhoc`, no id)."""
    inject: str | None
    title: str
    edited: bool = False
    adhoc: bool = False
    body: str | None = words_field()  # the White Cell's text, when it gave one

    @property
    def data(self):
        if self.adhoc:
            return {"inject": self.inject, "title": self.title, "adhoc": True}
        return {"inject": self.inject, "title": self.title, "edited": self.edited}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["inject"], data["title"], data.get("edited", False), data.get("adhoc", False))


@event("intel", words.intel)
class Intel(Event):
    """Private intelligence an inject releases to some delegations only."""
    inject: str
    to: tuple[str, ...]
    marking: str | None = words_field()  # its releasability marking
    body: str | None = words_field()

    @property
    def data(self):
        return {"inject": self.inject}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["inject"], to)


@event("meters", words.meters)
class MetersMoved(Event):
    """Meters moved (`changes`: meter -> delta) because of `why`."""
    why: str
    changes: Mapping[str, float]
    basis: str | None = words_field()  # the legal basis that moved legitimacy, if that is the why

    @property
    def data(self):
        return {"why": self.why, "changes": self.changes}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["why"], data["changes"])


@event("consent", words.consent)
class ConsentGiven(Event):
    actor: str

    @property
    def data(self):
        return {"actor": self.actor}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["actor"])


@event("consent_withdrawn", words.consent_withdrawn)
class ConsentWithdrawn(Event):
    """A host withdraws its consent; the operations on its territory that needed it stop."""
    actor: str
    stopped: tuple[int, ...] = ()

    @property
    def data(self):
        return {"actor": self.actor, "stopped": self.stopped}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["actor"], tuple(data.get("stopped", ())))


@event("inaction", words.inaction)
class Inaction(Event):
    """A turn went by without a decision."""

    @classmethod
    def _from_record(cls, data, to):
        return cls()


@event("game_over", words.game_over)
class GameOver(Event):
    """The game ends: `end` is the end condition (or "turn_limit"); scores are seat -> (national,
    collective)."""
    end: str
    verdict: str
    scores: Mapping[str, tuple[int, int]]
    final_turn: int | None = words_field()  # set when time ran out rather than an end condition

    @property
    def data(self):
        return {"end": self.end, "verdict": self.verdict, "scores": self.scores}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["end"], data["verdict"], {s: tuple(v) for s, v in data["scores"].items()})


# -- proposals under silence -----------------------------------------------------------------------
@event("silence", words.silence)
class SilenceCalled(Event):
    """Proposal `number` goes under silence procedure, round `round`."""
    round: int
    number: int

    @property
    def data(self):
        return {"round": self.round, "number": self.number}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["round"], data["number"])


@event("silence_held", words.silence_held)
class SilenceHeld(Event):
    round: int
    reservations: tuple[str, ...]
    number: int

    @property
    def data(self):
        return {"round": self.round, "reservations": self.reservations, "number": self.number}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["round"], tuple(data["reservations"]), data["number"])


class _Broken(Event):
    """Silence broken by `blocked_by` (objecting members, then a host that did not consent)."""

    __slots__ = ()
    round: int
    blocked_by: tuple[str, ...]
    number: int
    objections: tuple[tuple[str, str], ...]  # (member, reason id): the words fields
    host: str | None

    @property
    def data(self):
        return {"round": self.round, "blocked_by": self.blocked_by, "number": self.number}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["round"], tuple(data["blocked_by"]), data["number"])


@event("silence_broken", words.silence_broken)
class SilenceBroken(_Broken):
    """Silence broken: the text goes back for amendment."""
    round: int
    blocked_by: tuple[str, ...]
    number: int
    objections: tuple[tuple[str, str], ...] = words_field(())
    host: str | None = words_field()  # the host whose consent was missing
    unassented: tuple[str, ...] = words_field(())  # members silent on an Article 5 text


@event("proposal_failed", words.proposal_failed)
class ProposalFailed(_Broken):
    """Silence broken in the last round (or the host refused outright): the text fails."""
    round: int
    blocked_by: tuple[str, ...]
    number: int
    objections: tuple[tuple[str, str], ...] = words_field(())
    host: str | None = words_field()
    unassented: tuple[str, ...] = words_field(())


@event("adopted", words.adopted)
class Adopted(Event):
    """Proposal `number` adopted (by consensus, or a coalition): `option` becomes `operation`."""
    option: str
    operation: int
    coalition: bool
    number: int

    @property
    def data(self):
        return {"option": self.option, "operation": self.operation, "coalition": self.coalition,
                "number": self.number}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["option"], data["operation"], data["coalition"], data["number"])


# -- operations ------------------------------------------------------------------------------------
class _Council(Event):
    __slots__ = ()
    operation: int
    option: str | None

    @property
    def data(self):
        return {"operation": self.operation}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["operation"])


@event("veto", words.veto)
class Vetoed(_Council):
    """A permanent member vetoes the Security Council resolution an operation needed."""
    operation: int
    option: str | None = words_field()


@event("mandate", words.mandate)
class Mandated(_Council):
    """The Security Council authorises an operation."""
    operation: int
    option: str | None = words_field()


@event("adjudication", words.adjudication)
class Adjudication(Event):
    """An operation resolved: the keyed roll, each modifier, the difficulty, the margin and the
    result, with what the modifiers were read from."""
    operation: int
    option: str
    dice: tuple[int, ...]
    modifiers: Mapping[str, float]
    difficulty: int
    margin: float
    result: str
    coverage: float
    interoperability: float
    trust: float
    turn: int
    legitimacy: float | None
    intel_shares: int

    @property
    def data(self):
        return {"operation": self.operation, "option": self.option, "dice": self.dice,
                "modifiers": self.modifiers, "difficulty": self.difficulty, "margin": self.margin,
                "result": self.result, "coverage": self.coverage, "interoperability": self.interoperability,
                "trust": self.trust, "turn": self.turn, "legitimacy": self.legitimacy,
                "intel_shares": self.intel_shares}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["operation"], data["option"], tuple(data["dice"]), data["modifiers"], data["difficulty"],
                   data["margin"], data["result"], data["coverage"], data["interoperability"], data["trust"],
                   data["turn"], data["legitimacy"], data["intel_shares"])


@event("result_overridden", words.result_overridden)
class ResultOverridden(Event):
    """The White Cell replaced an operation's latest result."""
    operation: int
    result: str
    rationale: str
    option: str | None = words_field()

    @property
    def data(self):
        return {"operation": self.operation, "result": self.result, "rationale": self.rationale}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["operation"], data["result"], data["rationale"])


# -- requests for information (private to the asker) -----------------------------------------------
class _Request(Event):
    __slots__ = ()
    request: int
    seat: str

    @property
    def to(self) -> tuple[str, ...]:
        return (self.seat,)

    @property
    def data(self):
        return {"request": self.request, "seat": self.seat}

    @classmethod
    def _from_record(cls, data, to):
        return cls(data["request"], data["seat"])


@event("rfi", words.rfi)
class InfoRequested(_Request):
    """A delegation asks the White Cell a question."""
    request: int
    seat: str
    question: str | None = words_field()


@event("rfi_answer", words.rfi_answer)
class InfoAnswered(_Request):
    """The White Cell answers a request, privately."""
    request: int
    seat: str
    question: str | None = words_field()
    answer: str | None = words_field()


# The legal frame's events live in their own module; callers import them from here.
from game.core.law_events import (ArmedAttack, CoalitionLed, ConsentRefused, OperationWaits,  # noqa: E402,F401
                                  ResolutionVoted)

# Force generation's events (issue 17) live in their own module too; callers import them from here.
from game.core.forcegen_events import (AwaitingForces, CaveatsOverridden, ContributionWithdrawn,  # noqa: E402,F401
                                       Invited, OperationActivated, PledgeWithdrawn, ShortfallAccepted)

# partners, consultations, intelligence released and capacity built (issue 17, items 3 and 4)
from game.core.partner_events import (CapacityBuilt, ContributorsMet, ConsultationsHeld, DecidedInParallel, ConsultationsIgnored,  # noqa: E402,F401
                                      ConsultationsRequested, IntelReleased, ReleaseWidened)
