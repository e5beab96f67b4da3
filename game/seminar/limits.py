"""What one browser may ask of the seminar's host: how big a websocket frame may be, how much input
a connection may send, how many sessions an address and the room may hold at once, and what a
well-formed message from the page looks like. Pure bookkeeping (no server, no processes), so the
web server (game.seminar.web) stays a thin layer and each limit can be tested on its own.

The figures: a person types a few characters a second; a browser also sends mouse moves as escape
sequences (a few hundred bytes a second at most) and a resize when its window changes. A pasted
inject text is a few KB. So a frame of 8 KB and 4 KB a second (with a 32 KB burst) leave a room of
people far inside the limits while a script sending megabytes is cut off at its first frame.
"""
from __future__ import annotations

import json
import time
from typing import Callable

FRAME_LIMIT = 8 * 1024  # bytes: the largest websocket message accepted (aiohttp closes the socket beyond it)
INPUT_RATE = 4 * 1024  # bytes a second a connection may send, on average …
INPUT_BURST = 32 * 1024  # … and at once
MESSAGE_COST = 64  # the least a message counts for, so a flood of tiny ones is paid for too
SESSIONS_PER_ADDRESS = 8  # app processes one address may hold at once (the host laptop may run the White
# Cell, the projector and a few syndicates' tabs itself)
SESSIONS_TOTAL = 24  # app processes the host runs at once (~45 MB each)
EXIT_GRACE = 2.0  # seconds a session's process has to quit once its socket closes, before it is killed
COLUMNS = (20, 400)  # the terminal sizes a browser may ask for (a bigger one is clamped)
ROWS = (8, 200)

KINDS = ("stdin", "resize", "ping", "focus", "blur", "resume")
RESUME_TOKEN_MAX = 64  # characters: the page's resume token (game.saves.store issues 32)
FIRST_MESSAGE_WAIT = 2.0  # seconds the host waits for a page's first message (its resume token) before
# starting the session's process; our page sends it at once on connecting


class Malformed(ValueError):
    """A message the page never sends: the connection is closed (the message says why, one line)."""


class InputBudget:
    """A token bucket: each message costs its size (at least MESSAGE_COST); `spend` says False once
    a connection has sent more than INPUT_BURST beyond INPUT_RATE a second."""

    def __init__(self, rate: float = INPUT_RATE, burst: float = INPUT_BURST,
                 clock: Callable[[], float] = time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self.tokens = burst
        self.last = clock()

    def spend(self, size: int) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        self.tokens -= max(size, MESSAGE_COST)
        return self.tokens >= 0


class Admission:
    """Sessions open now, per address and in all; `admit` says why a new one is refused (or None)."""

    def __init__(self, per_address: int = SESSIONS_PER_ADDRESS, total: int = SESSIONS_TOTAL):
        self.per_address, self.total = per_address, total
        self.open: dict[str, int] = {}

    def refusal(self, address: str) -> str | None:
        if sum(self.open.values()) >= self.total:
            return (f"The seminar host is full ({self.total} sessions are open). Close a tab you no longer "
                    "use, or ask the White Cell, then try again.")
        if self.open.get(address, 0) >= self.per_address:
            return (f"This computer already has {self.per_address} sessions open on the seminar. Close one of "
                    "its tabs, then try again.")
        return None

    def admit(self, address: str) -> str | None:
        why = self.refusal(address)
        if why is None:
            self.open[address] = self.open.get(address, 0) + 1
        return why

    def release(self, address: str) -> None:
        left = self.open.get(address, 0) - 1
        if left > 0:
            self.open[address] = left
        else:
            self.open.pop(address, None)


def parse_message(text: str) -> tuple[str, object]:
    """(kind, data) of one message from the page, or Malformed saying what is wrong with it."""
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        raise Malformed("not JSON") from None
    if not isinstance(envelope, list) or not envelope or envelope[0] not in KINDS:
        raise Malformed("not one of the page's messages")
    kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind == "stdin" and not isinstance(data, str):
        raise Malformed("stdin without text")
    if kind == "ping" and not (isinstance(data, str) and len(data) <= 32):
        raise Malformed("a ping that is not a short text")
    if kind == "resume" and not (isinstance(data, str) and 0 < len(data) <= RESUME_TOKEN_MAX
                                 and data.replace("-", "").replace("_", "").isalnum() and data.isascii()):
        raise Malformed("a resume token that is not one")
    if kind == "resize":
        if not isinstance(data, dict):
            raise Malformed("a resize without a size")
        width, height = data.get("width"), data.get("height")
        if type(width) is not int or type(height) is not int:
            raise Malformed("a resize whose size is not two whole numbers")
        data = (clamp(width, COLUMNS), clamp(height, ROWS))
    return kind, data


def clamp(value: int, bounds: tuple[int, int]) -> int:
    return max(bounds[0], min(bounds[1], value))


def terminal_size(width: str | None, height: str | None) -> tuple[int, int]:
    """The size the page asks for in its address (`?width=…&height=…`), within bounds."""
    def number(text, default):
        try:
            return int(text)
        except (TypeError, ValueError):
            return default
    return clamp(number(width, 80), COLUMNS), clamp(number(height, 24), ROWS)
