"""Join codes for a shared game: how they look, how they are hashed, and how many wrong ones a
client may type. game.saves.store keeps the hashes and the guesses in the game's database.

A code is 3 groups of 4 characters from 31 without look-alikes (~59 random bits); only a salted
scrypt hash of it is stored. The salt is the game's (random, one per database), so a typed code is
hashed once and looked up, not tried against every seat; against guessing, a per-code salt would
add nothing. A client that types `GUESS_LIMIT` wrong codes within `GUESS_WINDOW` seconds is
refused, even with a right code, until the window has passed."""
from __future__ import annotations

import hashlib
import secrets

from game.core.errors import ConsensusError

# Join codes: 3 groups of 4 from 31 characters without look-alikes (no 0/O, 1/I/L): ~59 bits.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS, CODE_GROUP_LEN = 3, 4
KDF = {"name": "scrypt", "n": 2 ** 14, "r": 8, "p": 1, "dklen": 32}  # ~50 ms a code on this machine

GUESS_LIMIT = 5  # wrong codes a client may try …
GUESS_WINDOW = 600.0  # … per this many seconds


class JoinRefused(ConsensusError):
    """A join code was not accepted; the message says why in plain words."""


class WrongCode(JoinRefused):
    pass


class TooManyGuesses(JoinRefused):
    def __init__(self, message: str, retry_after: float):
        self.retry_after = retry_after  # seconds until this client may try again
        super().__init__(message)


def new_code() -> str:
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LEN))
                    for _ in range(CODE_GROUPS))


def normalise_code(code: str) -> str:
    """What a player typed, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in str(code).upper() if ch.isalnum())


def hash_code(kdf: dict, salt: bytes, code: str) -> bytes:
    """The stored form of a code: scrypt with the game's salt and parameters (`kdf`, as KDF)."""
    if kdf.get("name") != "scrypt":
        raise ValueError(f"unknown code hash '{kdf.get('name')}'")
    return hashlib.scrypt(normalise_code(code).encode(), salt=salt, n=kdf["n"], r=kdf["r"], p=kdf["p"],
                          dklen=kdf["dklen"])


def minutes(seconds: float) -> str:
    m = max(1, round(seconds / 60))
    return f"{m} minute{'s' if m != 1 else ''}"
