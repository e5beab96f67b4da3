"""The policy protocol, the registry of policies, and the one place bots are keyed to chance."""
from __future__ import annotations

import hashlib
import random
from typing import Protocol

from game.core import chance, engine
from game.core.actions import Action
from game.core.observation import Observation, observe


class Policy(Protocol):
    name: str

    def choose(self, obs: Observation, legal: list[Action], rng: random.Random) -> tuple[Action, str]:
        """Pick one of `legal` and say why in one line."""


def bot_rng(state, seat: str) -> random.Random:
    """Keyed by what the choice resolves (seat, turn, step, proposal, round), not by log position.
    Made on first use (most decisions never draw); it draws exactly what the seeded generator would."""
    return LazyRandom(state, seat)


def _seeded(state, seat: str) -> random.Random:
    p = state.proposal
    ops = state.operations
    last = _last_count.get(seat)
    mine = last[1] if last is not None and last[0] is ops else _pledges_by(ops, seat)  # _pledges_by, its hit inline
    # chance.rng(state.seed, "bot", seat, state.turn, phase, len(decisions), round, amendments, mine),
    # its key text written at once (the same text: str() of each part, joined by "|")
    text = (f"{state.seed}|bot|{seat}|{state.turn}|{state.phase._value_}|{len(state.decisions)}|"
            f"{p.round}|{p.amendments}|{mine}" if p is not None else
            f"{state.seed}|bot|{seat}|{state.turn}|{state.phase._value_}|{len(state.decisions)}|0|0|{mine}")
    r = _new(_Random)  # chance.rng_of_text(text), inline
    _seed(r, _from_bytes(_blake2b(text.encode(), digest_size=8).digest(), "big"))
    r.gauss_next = None
    return r


_new = random.Random.__new__
_Random = random.Random
_seed = chance._seed
_from_bytes = int.from_bytes
_blake2b = hashlib.blake2b


_last_count: dict = {}  # seat -> (operations, its pledges in them): the operations change only with a pledge


def _pledges_by(operations, seat: str) -> int:
    last = _last_count.get(seat)
    if last is None or last[0] is not operations:
        last = _last_count[seat] = (operations, sum(1 for op in operations for a, _, _ in op.pledges if a == seat))
    return last[1]


class LazyRandom:
    """Stands in for bot_rng's random.Random, which is seeded (the costly part) only when something
    is drawn."""

    __slots__ = ("_state", "_seat", "_rng")

    def __init__(self, state, seat: str):
        self._state = state
        self._seat = seat
        self._rng = None

    def random(self) -> float:  # the commonest draw, without __getattr__
        rng = self._rng
        if rng is None:
            rng = self._rng = _seeded(self._state, self._seat)
        return rng.random()

    def __getattr__(self, name):
        rng = self._rng
        if rng is None:
            rng = self._rng = _seeded(self._state, self._seat)
        return getattr(rng, name)


def choose_for(crisis, state, seat: str, policy: "Policy") -> tuple[Action, str]:
    legal = engine.legal_actions(crisis, state, seat, variants=False)  # the bot names its own ask
    return policy.choose(observe(crisis, state, seat), legal, bot_rng(state, seat))


