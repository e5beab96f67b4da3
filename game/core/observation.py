"""What one seat may see (its observation), built by one observer per seat (OpenSpiel's model).

An observation holds the scenario as the seat knows it (others' briefs, interests, red lines,
objectives and computer profiles blanked; every inject's private texts removed), the state with
only the intelligence released to this seat and only its own requests to the White Cell, and
the seat's own memory. Every policy — computer
delegations, the chair, custom ones — receives an observation, the seat's `LegalActions` built
from it and a random generator: nothing reachable from those holds another seat's private data.
The White Cell sees everything: it is the umpire.
"""
from __future__ import annotations

import attrs

from game.core.actions import WHITE_CELL
from game.core.model.crisis import LoadedScenario
from game.core.model.scenario import Actor, BotProfile
from game.core.state import _MEMO, GameState, Phase

_new_state = object.__new__
_FORCE_GENERATION = Phase.FORCE_GENERATION
MEMORY_LIMIT = 50_000  # entries a seat's memory may hold before it is emptied (long batch runs)


def public_actor(actor: Actor) -> Actor:
    """An actor as others see it: name, kind, programme, resources, stated national positions."""
    return attrs.evolve(actor, interests={}, red_lines=(), brief="", objectives=(), bot=BotProfile())


def redacted(crisis: LoadedScenario, seat: str) -> LoadedScenario:
    """The scenario as `seat` knows it: others' private data blanked, no inject's private texts
    (what reaches the seat arrives in the state, when released), no source files."""
    if seat == WHITE_CELL:
        return crisis
    sc = crisis.scenario
    actors = {a: (x if a == seat else public_actor(x)) for a, x in sc.actors.items()}
    injects = {i: attrs.evolve(x, private=()) if x.private else x for i, x in sc.injects.items()}
    return attrs.evolve(crisis, scenario=attrs.evolve(sc, actors=actors, injects=injects), sources={}, digest="")


class Observation:
    """One seat's view of one state. `memory` is the seat's own scratch (a computer delegation's
    cached judgements), kept by its observer from one state to the next and never shared."""

    __slots__ = ("seat", "crisis", "state", "memory", "me")

    def __init__(self, seat: str, crisis: LoadedScenario, state: GameState, memory: dict | None = None,
                 me: Actor | None = None):
        self.seat = seat
        self.crisis = crisis  # redacted for this seat
        self.state = state  # a copy: private intel filtered to this seat's
        self.memory = {} if memory is None else memory
        self.me = me if me is not None else crisis.scenario.actors.get(seat)  # the seat's own (None: White Cell)

    def __repr__(self) -> str:
        return f"Observation(seat={self.seat!r}, turn={self.state.turn}, phase={self.state.phase.value})"

    @property
    def intel(self) -> tuple[tuple[str, str, str], ...]:
        """(inject, releasability marking, text) released to this seat."""
        return tuple((i, m, t) for a, i, m, t in self.state.private_intel if a == self.seat)


class Observer:
    """Builds one seat's observations. Its view of the scenario is made once; its memory belongs to
    this seat alone. Keep one per seat for a game (or a batch of games of one scenario)."""

    __slots__ = ("seat", "crisis", "memory", "me", "_last", "_carried")

    def __init__(self, crisis: LoadedScenario, seat: str):
        self.seat = seat
        self.crisis = redacted(crisis, seat)
        self.memory: dict = {}
        self.me = self.crisis.scenario.actors.get(seat)
        self._last: list = [((), ())] * 4  # per private part: the last tuple seen, the seat's share of it
        self._carried: dict = {}  # GameState.carried's facts, worked out on this seat's views

    def observe(self, state: GameState) -> Observation:
        if len(self.memory) > MEMORY_LIMIT:
            self.memory.clear()
        if len(self._carried) > 256:  # (operation numbers of many games of a batch)
            self._carried.clear()
        # always a copy (GameState.copy, written out: one is made for every decision): its memo is
        # the seat's own, never the engine's; who acts now, a plain tuple of seat ids, is carried
        # over, and so are the facts this seat worked out on its earlier views (GameState.carried)
        view = _new_state(GameState)
        d = view.__dict__
        d.update(state.__dict__)
        memo = d.pop(_MEMO, None)
        acting = None if memo is None else memo.get("acting")
        d[_MEMO] = {"carried": self._carried} if acting is None else {"carried": self._carried, "acting": acting}
        if memo is not None and d["phase"] is _FORCE_GENERATION:
            self._public_coverage(memo.get("carried"), d["operations"])
        if self.seat != WHITE_CELL:
            # each private part is filtered to the seat's own entries; the engine keeps a part's
            # tuple from one state to the next until it changes, so the last answer is kept
            if d["private_intel"]:
                d["private_intel"] = self._own(0, d["private_intel"])
            if d["requests"]:  # (number, seat, question): a seat sees its own questions only
                d["requests"] = self._own(1, d["requests"], 1)
            if d["releasable"]:  # an owner's releasability tags are its own
                d["releasable"] = self._own(2, d["releasable"])
            if d["bearing"]:
                d["bearing"] = self._own(3, d["bearing"])
        return Observation(self.seat, self.crisis, view, self.memory, self.me)

    def _public_coverage(self, engine_facts: dict | None, operations: tuple) -> None:
        """Each operation's coverage as the engine worked it out for this state (resourcing.coverage_in):
        a public fact — public pledges valued by the contributors' public interoperability and
        caveats — the same for every seat, so the seat's view takes it rather than working it out
        again after every pledge (18 seats, one engine). Only that: the engine's other facts stay
        its own."""
        if not engine_facts:
            return
        mine = self._carried
        for op in operations:
            key = ("coverage", op.number)
            fact = engine_facts.get(key)
            if fact is not None and fact[0] is op:
                known = mine.get(key)
                if known is None or known[0] is not op:
                    mine[key] = fact

    def _own(self, part: int, entries: tuple, at: int = 0) -> tuple:
        """The seat's own entries of a private part of the state (those whose field `at` is it)."""
        last = self._last[part]
        if last[0] is not entries:
            seat = self.seat
            mine = tuple(x for x in entries if x[at] == seat)
            # another seat's change leaves this seat's share as it was: the same object, so that
            # what was worked out from it (GameState.carried) still holds
            last = self._last[part] = (entries, last[1] if mine == last[1] else mine)
        return last[1]


def observe(crisis: LoadedScenario, state: GameState, seat: str) -> Observation:
    """One observation, with a fresh observer (keep an Observer to observe a seat repeatedly)."""
    return Observer(crisis, seat).observe(state)
