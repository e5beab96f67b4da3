"""One game in progress as the screens see it: the `Session` protocol that local play
(game.tui.session.LocalSession, over a GameLog) and the seminar (game.seminar.session.SharedSession,
over a GameStore) both implement, so a screen asks `session.shared` instead of guessing at the
class. It lives here, below the seminar and the TUI, because both kinds of session are built on
what this package keeps: the action log and the shared store.

A screen reads the members of `Session` on any session; the members of `SessionOnSharedGame` only
when `session.shared` is true (a seminar: other processes move the game too).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, Sequence, runtime_checkable

from game.core.actions import Action
from game.core.engine import Step
from game.core.events import Event
from game.core.legal import LegalActions
from game.core.observation import Observation
from game.core.state import GameState
if TYPE_CHECKING:  # (the shared store's sqlite is loaded only by a seminar)
    from game.saves.store import GameStore
from game.scenario.loader import LoadedScenario


@runtime_checkable
class GameRecord(Protocol):
    """What the timeline and the review read of the moves so far (a GameLog, or a view of a store)."""

    @property
    def seed(self) -> int: ...

    @property
    def turns(self) -> int | None: ...

    @property
    def records(self) -> list[dict]: ...

    @property
    def events(self) -> Sequence[Event]: ...


@runtime_checkable
class Session(Protocol):
    """A game in progress, who holds each seat, and the only way the screens reach the engine."""

    shared: bool  # one game across processes (a seminar): no branches, no hot reload, no local computer moves
    crisis: LoadedScenario
    log: GameRecord
    last_human: str | None  # the human seat last on screen (the hotseat hands the keyboard on from it)
    controls: dict[str, str]  # seat -> "human" or "computer"
    timer: dict | None  # the facilitator's phase timer as noted (game.saves.timer.PhaseTimer.to_dict)

    # -- reading --
    @property
    def state(self) -> GameState: ...

    @property
    def over(self) -> bool: ...

    @property
    def events(self) -> Sequence[Event]: ...

    @property
    def facilitated(self) -> bool: ...

    @property
    def white_cell_present(self) -> bool: ...

    def name(self, seat: str) -> str: ...

    def humans(self) -> list[str]: ...

    def acting(self) -> tuple[str, ...]: ...

    def next_computer(self) -> str | None: ...

    def next_human(self) -> str | None: ...

    def legal(self, seat: str) -> LegalActions: ...

    def observation(self, seat: str) -> Observation: ...

    def events_for(self, seat: str | None) -> list[tuple[Event, str | None]]: ...

    def timed_events_for(self, seat: str | None) -> list[tuple[float | None, Event, str | None]]: ...

    def journal(self) -> list: ...

    # -- acting --
    def check(self, action: Action) -> None: ...

    def apply(self, action: Action, why: str | None = None, based_on: int | None = None) -> Step: ...

    def act_for(self, action: Action, based_on: int | None = None) -> Step: ...

    def computer_move(self, seat: str) -> tuple[Action, str]: ...

    def set_control(self, seat: str, who: str) -> None: ...

    def start_timer(self, minutes: float, on_expiry: str = "silence") -> None: ...

    def stop_timer(self) -> None: ...

    def timer_left(self) -> float | None: ...

    def timer_running(self) -> bool: ...

    def branch(self, upto: int) -> int: ...

    def rebase(self, crisis: LoadedScenario) -> tuple[int, str | None]: ...

    def close(self) -> None: ...


@runtime_checkable
class SessionOnSharedGame(Session, Protocol):
    """What a screen also reads when `session.shared`: the seat its code gave, and the moves other
    processes append."""

    revoked: bool  # the White Cell gave this seat a new code: the screen goes back to join
    store: GameStore  # the shared game (its join codes, for the White Cell)

    @property
    def home_seat(self) -> str | None: ...

    @property
    def seq(self) -> int: ...

    def poll(self) -> int: ...

    def events_since(self, seq: int) -> list[Event]: ...
