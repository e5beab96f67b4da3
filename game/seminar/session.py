"""A seat's session on a shared game: what the screens use (game.saves.session.Session, as local
play's game.tui.session.LocalSession), backed by a GameStore that other processes append to.

Differences from a game on one machine, all deliberate:
- the seat is the one its join code gave, fixed for the process: `humans()` is that seat alone (no
  handover screen), the projector has none and acts as nobody;
- the computer seats are played by the host process (game.seminar.host), never by a seat's screen,
  so `next_computer()` is always None here;
- every move is submitted with the move number the screen was showing when its seat began to
  choose (`based_on`): a move decided on a state the game has since left is refused as stale
  (game.saves.store), never applied twice;
- a screen holds its seat only while its code stands: when the White Cell gives the seat a new
  code (a leaked one), screens that joined with the old one are refused and sent back to join;
- screens call `poll()` a few times a second to take other processes' moves;
- what-if branches and hot reload belong to a game on one machine: they are refused here.
"""
from __future__ import annotations

import sqlite3
import time

from game.core import engine
from game.core.actions import WHITE_CELL, Action
from game.core.errors import ConsensusError, IllegalActionError
from game.core.legal import LegalActions
from game.saves.session import SessionOnSharedGame
from game.saves.codes import JoinRefused
from game.saves.store import PROJECTOR, R_SEATS, GameStore, StoreError
from game.saves.timer import STALE, PhaseTimer
from game.core.observation import Observation, observe
from game.seminar.shared import HUMAN, controls_of


class CodeReplaced(JoinRefused):
    """The seat's code was replaced after this screen joined with it."""


class _LogView:
    """The little of a GameLog that the timeline and the review read."""

    def __init__(self, store: GameStore):
        self._store = store

    @property
    def seed(self) -> int:
        return self._store.header["seed"]

    @property
    def turns(self) -> int | None:
        return self._store.header.get("turns")

    @property
    def records(self) -> list[dict]:
        return [{"n": r.seq, "action": r.action.to_dict()} for r in self._store.records]

    @property
    def events(self):
        return self._store.events


class SharedSession(SessionOnSharedGame):
    shared = True  # one game, many processes: no branches, no hot reload, no local computer moves

    def __init__(self, store: GameStore, seat: str):
        self.store = store
        self.crisis = store.crisis
        self.seat = seat  # the code's seat: a delegation, WHITE_CELL or PROJECTOR
        self.last_human: str | None = None
        self.log = _LogView(store)
        self._notes = store.notes()
        self._closed = False
        self._issued = store.issued_at(seat)  # the code this screen joined with; a new one revokes it
        self.revoked = False

    # -- who is who --
    @property
    def home_seat(self) -> str | None:
        """The delegation this screen plays (None for the White Cell and the projector)."""
        return self.seat if self.seat in self.crisis.scenario.actors else None

    @property
    def controls(self) -> dict[str, str]:
        """Who plays each seat in the room (people or the computer), as the White Cell last set it."""
        out = controls_of(self.store.header, self._notes)
        out[WHITE_CELL] = HUMAN
        return out

    def humans(self) -> list[str]:
        return [] if self.seat == PROJECTOR else [self.seat]

    @property
    def facilitated(self) -> bool:
        """The White Cell's own screen: the console, every private text."""
        return self.seat == WHITE_CELL

    @property
    def white_cell_present(self) -> bool:
        return True  # a seminar always has its facilitator: syndicates may ask the White Cell

    def name(self, seat: str) -> str:
        if seat == PROJECTOR:
            return "the projector"
        actor = self.crisis.scenario.actors.get(seat)
        return actor.name if actor else "White Cell"

    # -- reading --
    def poll(self) -> int:
        """Take what other processes appended (and the notes, and whether the code still stands) —
        read only when another process wrote since the last look; the move number now shown."""
        if self._closed:  # the review after the game: nothing more will come
            return self.store.seq
        try:
            if not self.store.changed():
                return self.store.seq
            self.revoked = self.store.issued_at(self.seat) != self._issued
            self.store.refresh()
            self._notes = self.store.notes()
        except sqlite3.Error as exc:  # the database unreadable for now: said on screen, tried again
            raise StoreError(f"the shared game cannot be read just now ({exc})") from exc
        return self.store.seq

    def events_since(self, seq: int) -> list:
        """Every event of the moves after move `seq` (a screen filters what its seat may see)."""
        return [e for r in self.store.records[seq:] for e in r.events]

    @property
    def seq(self) -> int:
        return self.store.seq

    @property
    def state(self):
        return self.store.current

    @property
    def over(self) -> bool:
        return engine.is_over(self.state)

    @property
    def events(self):
        return self.store.events

    def acting(self) -> tuple[str, ...]:
        return engine.acting_seats(self.crisis, self.state)

    def next_computer(self) -> str | None:
        return None  # the host plays the computer seats

    def next_human(self) -> str | None:
        home = self.home_seat
        return home if home is not None and home in self.acting() else None

    def legal(self, seat: str) -> LegalActions:
        return engine.legal_actions(self.crisis, self.state, seat)

    def observation(self, seat: str) -> Observation:
        if seat not in ("", self.seat) and self.seat != WHITE_CELL:
            seat = ""  # a screen sees its own seat's private information, or only the public picture
        return observe(self.crisis, self.state, seat)

    def events_for(self, seat: str | None):
        """(event, reason or None) for what `seat` may see; None: what everyone sees."""
        if seat is not None and seat != self.seat and self.seat != WHITE_CELL:
            seat = None
        def shown(e) -> bool:
            return e.to is None if seat is None else e.visible_to(seat)
        out = [(e, None) for e in self.store.opening if shown(e)]
        for r in self.store.records:  # the mover's reason goes with the first event of its move
            out.extend((e, r.why if e is r.events[0] else None) for e in r.events if shown(e))
        return out

    def timed_events_for(self, seat: str | None):
        """(clock time of its move or None, event, reason or None), as `events_for`."""
        if seat is not None and seat != self.seat and self.seat != WHITE_CELL:
            seat = None

        def shown(e) -> bool:
            return e.to is None if seat is None else e.visible_to(seat)
        out = [(None, e, None) for e in self.store.opening if shown(e)]
        for r in self.store.records:
            out.extend((r.created_at, e, r.why if e is r.events[0] else None) for e in r.events if shown(e))
        return out

    def journal(self):
        """The room's journal (timers, the host's starts), for the White Cell."""
        return self.store.journal() if self.seat == WHITE_CELL else []

    # -- acting --
    def check(self, action: Action) -> None:
        engine.check(self.crisis, self.state, action)

    def apply(self, action: Action, why: str | None = None, based_on: int | None = None) -> engine.Step:
        """Submit a move decided on the game as it stood after move `based_on` (the screen passes
        the move it was showing when the seat began to choose; default: the latest read); refused
        (IllegalActionError, StaleAction) if the rules or the moves since forbid it. Nothing is
        applied twice."""
        self._check_code()
        based = self.store.seq if based_on is None else based_on
        return self.store.submit(action, based, caller=self.seat, why=why).step

    def act_for(self, action: Action, based_on: int | None = None) -> engine.Step:
        """The White Cell enters a move on a seat's behalf (recorded as such); the store refuses it
        from anyone else."""
        self._check_code()
        based = self.store.seq if based_on is None else based_on
        return self.store.submit(action, based, caller=self.seat).step

    def _check_code(self) -> None:
        if self.store.issued_at(self.seat) != self._issued:
            self.revoked = True
            raise CodeReplaced("The White Cell has given this seat a new code: join again with it.")

    def _white_cell_only(self, what: str) -> None:
        if self.seat != WHITE_CELL:
            raise IllegalActionError(R_SEATS, f"only the White Cell {what}")

    def computer_move(self, seat: str):
        raise ConsensusError("the host plays the computer seats in a seminar")

    def set_control(self, seat: str, who: str) -> None:
        self._white_cell_only("hands seats to the computer and back")
        self.store.note(f"control:{seat}", who)
        self._notes = self.store.notes()

    # -- the facilitator's timer (the host runs it: heartbeat, pause, run out; game.saves.timer) --
    @property
    def timer(self) -> dict | None:
        return self._notes.get("timer")

    def phase_timer(self) -> PhaseTimer | None:
        """The timer of the step the game is in (one left over from a step that ended is none)."""
        t = PhaseTimer.from_dict(self.timer, time.time())
        return t if t is not None and t.belongs_to(self.state) else None

    def start_timer(self, minutes: float, on_expiry: str = "silence") -> None:
        self._white_cell_only("runs the timer")
        timer = PhaseTimer.start(self.state, minutes, on_expiry, time.time())
        self.store.note("timer", timer.to_dict())
        self.store.journal_add("timer_started", turn=timer.turn, phase=timer.phase, seconds=timer.seconds,
                               expiry=timer.expiry)
        self._notes = self.store.notes()

    def stop_timer(self) -> None:
        self._white_cell_only("runs the timer")
        left = self.timer_left()
        self.store.note("timer", None)
        if left is not None:
            self.store.journal_add("timer_stopped", turn=self.state.turn, phase=self.state.phase.value, left=left)
        self._notes = self.store.notes()

    def timer_left(self) -> float | None:
        """Seconds left; held (not running down) while the game is paused or the host is away."""
        t = self.phase_timer()
        return None if t is None else t.left_at(time.time(), STALE)

    def timer_running(self) -> bool:
        """The timer is running down now (False: none, or held by a pause or an absent host)."""
        t = self.phase_timer()
        return t is not None and t.running and not self.state.paused and time.time() - t.at <= STALE

    # -- what a shared game does not do --
    def branch(self, upto: int) -> int:
        raise ConsensusError("A what-if is for a game on one machine: after the seminar, export its log "
                             "(python play.py export GAME -o SAVE) and branch that")

    def rebase(self, crisis):
        raise ConsensusError("a seminar keeps the scenario version it started with")

    def close(self) -> None:
        self._closed = True
        self.store.close()
