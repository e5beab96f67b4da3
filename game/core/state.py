"""The game state: frozen values; the engine makes a new one for every action."""
from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from game.core.actions import Action


class Phase(str, enum.Enum):
    CONSULTATION = "consultation"
    PROPOSAL = "proposal"
    NEGOTIATION = "negotiation"
    AMENDMENT = "amendment"
    FORCE_GENERATION = "force_generation"
    OVER = "over"


@attrs.frozen(cache_hash=True)
class Proposal:
    option: str
    basis: str
    host: str | None
    params: tuple[tuple[str, str], ...]
    caveats: tuple[str, ...] = ()
    package: tuple[str, ...] = ()
    concessions: tuple[tuple[str, int], ...] = ()
    round: int = 1
    amendments: int = 0  # changes made since the text was last put under silence
    failed: bool = False  # the round limit passed without consensus: coalition or withdraw
    number: int = 1  # the n-th proposal of the game

    @property
    def options(self) -> tuple[str, ...]:
        return (self.option, *self.package)

    def param(self, name: str) -> str | None:
        return dict(self.params).get(name)

    def conceded(self, actor: str) -> int:
        return sum(n for a, n in self.concessions if a == actor)


@attrs.frozen
class Operation:
    """An adopted course of action: resourced in force generation, adjudicated each turn it runs."""

    number: int
    option: str
    proposal: Proposal
    coalition: bool
    adopted_turn: int
    turns_left: int
    contributors: tuple[str, ...]  # who may pledge
    pledges: tuple[tuple[str, str, int], ...] = ()  # (actor, resource, amount)
    status: str = "planning"  # planning | running | stopped | done ("adopted"/"vetoed": games before planning/the vote)
    results: tuple[tuple[int, str], ...] = ()  # (turn, result)
    result_changes: tuple[tuple[str, float], ...] | None = None  # meters its latest result moved (for an override)
    mandate: bool | None = None  # it rests on a Security Council resolution in force
    lead: str | None = None  # the lead nation of a coalition of the willing
    requires: Mapping[str, int] | None = attrs.field(default=None, eq=False, repr=False)  # a Requirement (immutable)
    shortfall_accepted: bool = False  # the Council accepted that it runs short of its requirement
    overridden: tuple[tuple[str, int], ...] = ()  # contributors whose national caveats the Council overrode: (actor, turn)
    walked_out: tuple[str, ...] = ()  # contributors that withdrew their contribution once their caveats were overridden


@attrs.frozen
class Resolution:
    """A Security Council resolution a member sought for a course of action: voted at the end of
    the turn it was sought in (UN Charter Art. 27(3): nine votes and no permanent member's no)."""

    number: int
    option: str
    sought_by: str
    turn: int
    status: str = "pending"  # pending | adopted | vetoed | failed | standing (in force from the start)
    votes: tuple[tuple[str, str, str, bool], ...] = ()  # (who, yes/no/abstain, why, permanent)

    @property
    def in_force(self) -> bool:
        return self.status in ("adopted", "standing")

    def count(self, vote: str) -> int:
        return sum(1 for _, v, _, _ in self.votes if v == vote)

    @property
    def vetoed_by(self) -> tuple[str, ...]:
        return tuple(w for w, v, _, p in self.votes if p and v == "no")


@attrs.frozen
class Decision:
    """The record of one proposal: who said what, and how it ended."""

    number: int
    turn: int
    option: str
    proposal: Proposal
    stances: tuple[tuple[int, str, str, str], ...]  # (round, actor, stance, detail)
    outcome: str  # pending | adopted | failed | withdrawn | coalition
    blocked_by: tuple[str, ...] = ()
    texts: tuple[Proposal, ...] = ()  # the text as it stood in each closed round of silence, in order


@attrs.frozen(slots=False)
class GameState:
    """One point of a game. Not slotted, so that `replace` copies the fields as one dict (the engine
    makes 2-3 states per action) and the engine may memoise derived facts on it (`memo`)."""

    seed: int
    turn: int
    phase: Phase
    meters: dict[str, float]
    capital: dict[str, int]
    trust: dict[str, int]
    resources: dict[str, dict[str, int]]
    consent: dict[str, bool]  # host nations' standing consent (False once withdrawn)
    fired: tuple[str, ...] = ()
    fired_turns: tuple[int, ...] = ()  # the turn each of `fired` fired in, in the same order
    held: tuple[str, ...] = ()
    proposal: Proposal | None = None
    submissions: tuple[tuple[str, Action], ...] = ()  # this round's (seat, action), in order
    done: tuple[str, ...] = ()  # seats that have finished the current step
    decisions: tuple[Decision, ...] = ()
    operations: tuple[Operation, ...] = ()
    proposals_this_turn: int = 0
    adopted_this_turn: bool = False
    intel_shares: int = 0  # intelligence shared this turn (shares with all count double)
    art4: tuple[str, ...] = ()  # members that requested Article 4 consultations, once per request
    attacks: tuple[tuple[str, str | None, int], ...] = ()  # armed attacks: (on, by, turn)
    art5: tuple[tuple[str, str], ...] = ()  # Article 5 requests: (requesting member, the Ally attacked)
    resolutions: tuple[Resolution, ...] = ()  # Security Council resolutions sought (and a standing one)
    legitimised: tuple[tuple[str, str], ...] = ()  # (option, basis) whose legitimacy has counted once
    mous: tuple[tuple[str, str], ...] = ()
    private_intel: tuple[tuple[str, str, str, str], ...] = ()  # (actor, inject, marking, text)
    paused: bool = False
    requests: tuple[tuple[int, str, str], ...] = ()  # open requests for information: (number, seat, question)
    requests_made: int = 0
    # -- partners and releasability (issue 17, items 3 and 4) --
    consultations: tuple[tuple[str, int, bool], ...] = ()  # partners' requests: (partner, turn, held)
    releasable: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (owner, inject, tags): 'nato' / actor ids
    bearing: tuple[tuple[str, str, tuple[tuple[str, float], ...]], ...] = ()  # (holder, inject, (option, w)...)
    parallel: tuple[tuple[str, int], ...] = ()  # organisations' own decisions: (organisation, operation)
    built: tuple[tuple[int, str, float, float], ...] = ()  # capacity built: (operation, partner, interop, resilience)
    outcome: Any = None  # game.core.outcome.Outcome once over
    turn_limit: int = 0  # the game ends after this turn (the scenario's length, or a chosen one)

    def fired_on(self, inject: str) -> int | None:
        """The turn an inject fired in, or None while it has not."""
        for iid, turn in zip(self.fired, self.fired_turns):
            if iid == inject:
                return turn
        return None

    def replace(self, **changes) -> "GameState":
        """attrs.evolve, faster: the engine makes a new state for every action. Memos are not copied."""
        if not changes.keys() <= _STATE_FIELD_SET:
            raise TypeError(f"GameState has no field(s) {', '.join(sorted(changes.keys() - _STATE_FIELD_SET))}")
        return self._replace_known(changes)

    def _replace_known(self, changes: dict) -> "GameState":
        """replace(**changes) for the engine's own literal field names: no check of the names. The
        memo is not copied, but for its carried facts (GameState.carried): most moves change few
        parts of the state, so the next state need not work them out again."""
        new = object.__new__(GameState)
        d = new.__dict__
        d.update(self.__dict__)
        memo = d.pop(_MEMO, None)
        d.update(changes)
        if memo is not None:
            kept = memo.get(_CARRY)
            if kept is not None:
                d[_MEMO] = {_CARRY: kept}
        return new

    def copy(self, private_intel: tuple, requests: tuple, releasable: tuple | None = None,
             bearing: tuple | None = None) -> "GameState":
        """An equal state but for the private parts given (one seat's intelligence and its own open
        requests to the White Cell), with a memo of its own: what an observer hands a seat, so
        nothing the engine memoises on the original is reachable from it."""
        changes = {"private_intel": private_intel, "requests": requests}
        if releasable is not None:  # an owner's releasability tags are its own
            changes["releasable"] = releasable
        if bearing is not None:  # what the intelligence a seat holds says of the options
            changes["bearing"] = bearing
        new = self._replace_known(changes)
        new.__dict__.pop(_MEMO, None)  # nothing of the engine's memo, not even its carried facts
        return new

    def memo(self) -> dict:
        """A scratch dict for facts derived from this (immutable) state, e.g. the seats that act now
        or a seat's legal moves. Never part of equality, repr or a copy. It holds plain values
        worked out from this state (never the scenario), so nothing private is reachable from a
        state handed to a computer delegation."""
        d = self.__dict__
        m = d.get(_MEMO)
        if m is None:
            m = d[_MEMO] = {}
        return m

    def carried(self, key, part, make):
        """make(), a fact worked out from one part of this state (`part`, e.g. its resolutions or an
        operation) and the scenario alone, kept until that part changes: the engine keeps a part's
        object from one state to the next until it changes, and carries these facts to the next
        state; an observer keeps its seat's own (Observer.observe). Compared by identity, and the
        entry holds its part, so an id is never reused while it is kept."""
        memo = self.memo()
        known = memo.get(_CARRY)
        if known is None:
            known = memo[_CARRY] = {}
        hit = known.get(key)
        if hit is None or hit[0] is not part:
            hit = known[key] = (part, make())
        return hit[1]

    def memoised(self, key):
        """A fact memoised on this state, or None (without making the memo)."""
        m = self.__dict__.get(_MEMO)
        return None if m is None else m.get(key)

    def consulted(self, partner: str) -> bool:
        """Whether the Council has held consultations with this partner (at its request) this game."""
        return any(p == partner and held for p, _, held in self.consultations)

    def submitted(self, seat: str) -> Action | None:
        for s, a in self.submissions:
            if s == seat:
                return a
        return None


def evolve(inst, **changes):
    """attrs.evolve, cheaper (the engine makes a changed Proposal, Operation or Decision at many
    steps): the same new value, with the field names listed once, when this module loads."""
    cls = inst.__class__
    names = _INIT_NAMES.get(cls)
    if names is None:
        return attrs.evolve(inst, **changes)
    for name in names:
        if name not in changes:
            changes[name] = getattr(inst, name)
    return cls(**changes)


_INIT_NAMES = {cls: tuple(a.name for a in attrs.fields(cls) if a.init)
               for cls in (Proposal, Operation, Decision, Resolution)}
_STATE_FIELDS = tuple(f.name for f in attrs.fields(GameState))
_STATE_FIELD_SET = frozenset(_STATE_FIELDS)
_MEMO = "_memo"
_CARRY = "carried"  # the memo's entry carried from a state to the next (GameState.carried)
