"""Keyed chance: every draw is derived from the seed and what it resolves, never from a sequence.

A what-if branch that changes one decision changes only the draws whose keys differ.
"""
from __future__ import annotations

import _random
import hashlib
import random


def draw(seed: int, *key: object) -> float:
    """A uniform number in [0, 1) fixed by (seed, key)."""
    text = "|".join([str(seed), *map(str, key)]).encode()
    h = hashlib.blake2b(text, digest_size=8).digest()
    return int.from_bytes(h, "big") / 2.0 ** 64


def draw_of_text(text: str) -> float:
    """draw() from its key already written out: str(seed), then str() of each part, joined by '|'."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big") / 2.0 ** 64


def roll(seed: int, dice: int, sides: int, *key: object) -> tuple[int, ...]:
    return tuple(1 + int(draw(seed, *key, "die", i) * sides) for i in range(dice))


def rng(seed: int, *key: object) -> random.Random:
    """A private generator for one decision (bots), keyed like a draw: random.Random(n), made the
    way Random.seed(n) makes it (the C seeding, then gauss_next) without its Python wrappers."""
    return rng_of_text("|".join([str(seed), *map(str, key)]))


def rng_of_text(text: str) -> random.Random:
    """rng() from its key already written out: str(seed), then str() of each part, joined by '|'."""
    r = _new(random.Random)
    _seed(r, int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big"))
    r.gauss_next = None
    return r


_new = random.Random.__new__
_seed = _random.Random.seed  # what random.Random.seed calls for an int
