"""The policy protocol, and the one place computer delegations are keyed to chance.

A policy receives one seat's Observation, that seat's LegalActions (built from the observation)
and a random generator that carries only its key — never the game state or the scenario — and
returns one of the legal moves with a one-line reason.
"""
from __future__ import annotations

import operator
import random
from typing import Protocol

from game.core import chance
from game.core.actions import Action
from game.core.legal import LegalActions
from game.core.observation import Observation, Observer
from game.core.state import GameState


class Policy(Protocol):
    name: str

    def choose(self, obs: Observation, legal: LegalActions, rng: random.Random) -> tuple[Action, str]:
        """Pick one of `legal` and say why in one line."""


class KeyedRandom:
    """chance.rng_of_text(key), seeded (the costly part) only when something is drawn; its key is
    written out then too (most choices draw nothing). It holds the key's public parts and nothing
    else: no state, no scenario."""

    __slots__ = ("_parts", "_rng")

    def __init__(self, parts: tuple):
        self._parts = parts  # (seed, seat, turn, step, decisions, round, amendments, operations)
        self._rng: random.Random | None = None

    @property
    def key(self) -> str:
        seed, seat, turn, phase, decisions, rnd, amendments, operations = self._parts
        mine = sum([_countOf(map(_first, op.pledges), seat) for op in operations if op.pledges])
        return f"{seed}|bot|{seat}|{turn}|{phase}|{decisions}|{rnd}|{amendments}|{mine}"

    def _seeded(self) -> random.Random:
        if self._rng is None:
            self._rng = chance.rng_of_text(self.key)
        return self._rng

    def random(self) -> float:  # the commonest draw, without __getattr__
        return self._seeded().random()

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._seeded(), name)


_countOf = operator.countOf  # how many of the seat's pledges an operation holds, counted in C
_first = operator.itemgetter(0)


def bot_rng(state: GameState, seat: str) -> KeyedRandom:
    """The generator for `seat`'s choice in `state`, keyed by what the choice resolves (seat, turn,
    step, proposal, round, its pledges so far), never by its position in the log."""
    p = state.proposal
    return KeyedRandom((state.seed, seat, state.turn, state.phase._value_, len(state.decisions),
                        0 if p is None else p.round, 0 if p is None else p.amendments, state.operations))


def choose_for(crisis, state: GameState, seat: str, policy: Policy,
               observer: Observer | None = None) -> tuple[Action, str]:
    """`policy`'s move for `seat`: asked with the seat's observation and legal moves only. Pass the
    seat's `observer` to keep its view and memory from one move to the next. Raises
    IllegalActionError if the policy answers with a move its legal list does not hold."""
    if observer is None:
        observer = Observer(crisis, seat)
    obs = observer.observe(state)
    legal = LegalActions.of(obs.crisis, obs.state, seat)
    action, why = policy.choose(obs, legal, bot_rng(state, seat))
    legal.check(action)
    return action, why
