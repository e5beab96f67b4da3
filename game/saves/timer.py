"""The facilitator's phase timer, as data both kinds of game keep (a note in a save, a note in a
seminar's database): how long it was set for, how long was left at a moment, whether it is running.

A timer belongs to the step it was started in (turn and phase) and ends with it. It runs only while
the game runs: the game paused, it holds the time left; in a seminar it also runs only while the
host does — the host writes the time left every second (a heartbeat), and time that passed with no
heartbeat (the host stopped or was killed) is not counted: a restarted host carries on with the time
that was left when it stopped.

Nothing here reads a clock: the caller passes `now` (wall-clock seconds), so it is tested as data.
"""
from __future__ import annotations

import attrs

EXPIRIES = ("silence", "pause")
HEARTBEAT = 1.0  # seconds between the host's writes of the time left (a crash loses at most this)
STALE = 4.0  # a heartbeat older than this: the host is away and the time does not run


@attrs.frozen
class PhaseTimer:
    turn: int
    phase: str  # the step it belongs to (GameState.phase.value)
    expiry: str  # "silence": the round closes as the rules say; "pause": the game pauses
    seconds: float  # as set
    left: float  # seconds left at `at`
    at: float  # wall clock of `left`
    running: bool = True  # False while the game is paused (the time left is held)
    started_at: float = 0.0  # wall clock of the start (names this timer: a stopped one is not revived)

    @classmethod
    def start(cls, state, minutes: float, expiry: str, now: float) -> "PhaseTimer":
        if expiry not in EXPIRIES:
            raise ValueError(f"a timer runs out with {' or '.join(EXPIRIES)}, not {expiry!r}")
        seconds = float(minutes) * 60
        if not seconds > 0:
            raise ValueError("a timer runs for more than 0 minutes")
        return cls(state.turn, state.phase.value, expiry, seconds, seconds, now, not state.paused, now)

    @classmethod
    def from_dict(cls, data, now: float | None = None) -> "PhaseTimer | None":
        """A timer as noted (None: no timer). A note from before this shape ({"ends_at": …}) is read
        as running from `now`."""
        if not isinstance(data, dict):
            return None
        try:
            if "left" not in data and "ends_at" in data:  # the first shape: an end time only
                at = now if now is not None else float(data["ends_at"])
                left = max(0.0, float(data["ends_at"]) - at)
                return cls(int(data["turn"]), str(data["phase"]), str(data.get("expiry", "silence")), left, left, at,
                           True, at)
            return cls(int(data["turn"]), str(data["phase"]), str(data["expiry"]), float(data["seconds"]),
                       float(data["left"]), float(data["at"]), bool(data.get("running", True)),
                       float(data.get("started_at", data["at"])))
        except (KeyError, TypeError, ValueError):
            return None  # a damaged note is no timer

    def to_dict(self) -> dict:
        return attrs.asdict(self)

    def belongs_to(self, state) -> bool:
        """Still the timer of the step the game is in."""
        return (self.turn, self.phase) == (state.turn, state.phase.value)

    def left_at(self, now: float, stale: float | None = None) -> float:
        """Seconds left at `now`. With `stale` (a seminar), a timer whose last heartbeat is older
        than that is held where the heartbeat left it: the host is away."""
        if not self.running:
            return max(0.0, self.left)
        elapsed = max(0.0, now - self.at)
        if stale is not None and elapsed > stale:
            elapsed = 0.0
        return max(0.0, self.left - elapsed)

    def tick(self, now: float, paused: bool, stale: float | None = None) -> "PhaseTimer":
        """The timer at `now`: the time that ran since `at` taken off (if it was running, and, with
        `stale`, if the heartbeat is fresh), held from now on if the game is `paused`."""
        return attrs.evolve(self, left=self.left_at(now, stale), at=now, running=not paused)

    @property
    def run_out(self) -> bool:
        return self.running and self.left <= 0


def clock(seconds: float | None) -> str:
    """mm:ss (or h:mm:ss) for a countdown; '--:--' for none."""
    if seconds is None:
        return "--:--"
    s = int(seconds + 0.999) if seconds > 0 else 0  # 0.4 s left still shows 00:01: it has not run out
    h, rest = divmod(s, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60:02d}:{rest % 60:02d}"
