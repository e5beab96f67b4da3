"""The UI-side controller (not a widget) for a game on one machine: one game in progress, who
holds each seat, and the only place the UI calls the engine. Every action goes to the log before
anyone is shown it. It implements game.saves.session.Session, as the seminar's SharedSession does."""
from __future__ import annotations

import time
from pathlib import Path

import platformdirs

from game.core import actions as A
from game.core import engine
from game.core.actions import WHITE_CELL, Action, from_dict
from game.core import events as ev
from game.core.errors import SaveError
from game.core.legal import LegalActions
from game.saves.log import GameLog, read_records, set_aside
from game.saves.session import Session
from game.saves.timer import PhaseTimer
from game.scenario.loader import LoadedScenario, load_scenario
from game.core.observation import Observation, observe

HUMAN, COMPUTER = "human", "computer"
TIMER_EXPIRY = {"silence": "the rules' default: seats that have not acted are silent (assent)",
                "pause": "pause the game for the facilitator to decide"}


def save_dir(override: str | Path | None = None) -> Path:
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("consensus")) / "saves"


def unfinished_saves(folder: Path, set_aside_said: list[str] | None = None) -> list[tuple[Path, dict, int]]:
    """(path, header, actions) of saved games that have not ended, newest first. With
    `set_aside_said`, a damaged save is moved aside (`.damaged`) and a sentence saying why and
    where is added to that list, for the player."""
    out = []
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.jsonl"), key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            head, records, _ = read_records(path)
            over = records and any(isinstance(ev.from_dict(e), ev.GameOver) for e in records[-1]["events"])
        except (SaveError, KeyError, TypeError, ValueError) as exc:
            if set_aside_said is not None:
                aside = set_aside(path)
                set_aside_said.append(f"A damaged save was set aside: {aside} ({str(exc).splitlines()[0]})")
            continue
        if over:
            continue
        if head.get("superseded_by"):  # continued in another save (a reloaded scenario)
            continue
        out.append((path, head, len(records)))
    return out


class LocalSession(Session):
    """A game on this machine, saved to its log: seats at this keyboard (hotseat) or the computer's."""

    shared = False  # this process alone moves the game: what-ifs, hot reload, computer moves here

    def __init__(self, log: GameLog, controls: dict[str, str], policy: str = "default"):
        self.log = log
        self.crisis: LoadedScenario = log.crisis
        self.controls = dict(controls)
        self.policy_name = policy  # the computer delegations' policy (loaded with their first move)
        self.last_human: str | None = None
        self.timer: dict | None = None

    # -- making and reopening games --
    @classmethod
    def new(cls, crisis: LoadedScenario, seed: int, controls: dict[str, str], folder: Path | None,
            turns: int | None = None) -> "LocalSession":
        path = None
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{crisis.id}-{time.strftime('%Y%m%d-%H%M%S')}-{seed}.jsonl"
        full = {s: controls.get(s, COMPUTER) for s in engine.seats(crisis)}
        if controls.get(WHITE_CELL) == HUMAN:
            full[WHITE_CELL] = HUMAN
        return cls(GameLog(crisis, seed, full, path, turns), full)

    @classmethod
    def resume(cls, path: Path, version: str | None = None) -> "LocalSession":
        """Continue a save. If its scenario has changed, GameLog raises ScenarioChanged unless
        `version` says which to use: "saved" (embedded in the save) or "new" (replay onto it)."""
        if version is None:
            log = GameLog.resume(path)
        else:
            log = GameLog.resume_saved_version(path)
        session = cls(log, log.seats)
        if version == "new":
            session.rebase(load_scenario(read_records(Path(path))[0]["scenario_path"]))
        return session

    def branch(self, upto: int) -> int:
        """Play on from move `upto` as a what-if, in a new save; the game so far stays in its own."""
        old = self.log
        path = None
        if old.path is not None:
            path = old.path.with_name(f"{old.path.stem}-whatif-{upto}.jsonl")
            n = 1
            while path.exists():
                path = old.path.with_name(f"{old.path.stem}-whatif-{upto}-{n}.jsonl")
                n += 1
        new = old.branch(upto, path)
        old.close()
        self.log = new
        self.last_human = None
        return upto

    def rebase(self, crisis: LoadedScenario) -> tuple[int, str | None]:
        """Move the game onto another version of its scenario (hot reload): the moves so far are
        replayed onto it, into a new save; the old save is kept, marked as continued elsewhere."""
        old = self.log
        path = None
        if old.path is not None:
            stem = old.path.stem.split("-r")[0]
            n = 1
            while (path := old.path.with_name(f"{stem}-r{n}.jsonl")).exists():
                n += 1
        new, moved, stopped = old.rebase(crisis, path)
        old.note(superseded_by=str(path) if path else "")
        old.close()
        self.log, self.crisis = new, crisis
        return moved, stopped

    @classmethod
    def from_file(cls, scenario: str | Path, seed: int, controls: dict[str, str], folder: Path | None) -> "LocalSession":
        return cls.new(load_scenario(scenario), seed, controls, folder)

    # -- reading --
    @property
    def state(self):
        return self.log.state

    @property
    def over(self) -> bool:
        return engine.is_over(self.state)

    @property
    def events(self):
        return self.log.events

    def name(self, seat: str) -> str:
        actor = self.crisis.scenario.actors.get(seat)
        return actor.name if actor else "White Cell"

    def humans(self) -> list[str]:
        return [s for s, who in self.controls.items() if who == HUMAN]

    def acting(self) -> tuple[str, ...]:
        return engine.acting_seats(self.crisis, self.state)

    def next_computer(self) -> str | None:
        """The computer seat to move next, or None when a person's seat comes first. Within a step
        all delegations act at once and the log puts them in table order: a seat moves when its
        turn in that order comes, so a person's seat is not always last (with the computers first,
        a person could never be the first to ask for Article 5 or an Ally's resolution)."""
        for seat in self.acting():
            return None if self.controls.get(seat) == HUMAN else seat
        return None

    def next_human(self) -> str | None:
        acting = self.acting()
        if self.last_human in acting:
            return self.last_human
        return next((s for s in acting if self.controls.get(s) == HUMAN), None)

    def legal(self, seat: str) -> LegalActions:
        return engine.legal_actions(self.crisis, self.state, seat)

    def observation(self, seat: str) -> Observation:
        return observe(self.crisis, self.state, seat)

    def events_for(self, seat: str | None):
        """(event, reason or None) for what `seat` may see; None: what everyone sees."""
        whys = self.log.whys
        return [(e, whys.get(i)) for i, e in enumerate(self.log.events)
                if (e.to is None if seat is None else e.visible_to(seat))]

    # -- acting --
    def computer_move(self, seat: str) -> tuple[Action, str]:
        """Pure computation (safe in a worker thread): the computer's choice for `seat`."""
        from game.players import POLICIES, choose_for  # lazy: start-up
        return choose_for(self.crisis, self.state, seat, POLICIES[self.policy_name])

    def apply(self, action: Action, why: str | None = None, based_on: int | None = None) -> engine.Step:
        """Check, apply and save one action. Raises IllegalActionError naming the rule. (`based_on`
        matters to a shared game only: one keyboard cannot be overtaken while it chooses.)"""
        return self.log.apply(action, why=why)

    def check(self, action: Action) -> None:
        engine.check(self.crisis, self.state, action)

    # -- the White Cell --
    @property
    def facilitated(self) -> bool:
        return self.controls.get(WHITE_CELL) == HUMAN

    @property
    def white_cell_present(self) -> bool:
        """Someone runs the White Cell (so a syndicate may ask it for information)."""
        return self.facilitated

    def start_timer(self, minutes: float, on_expiry: str = "silence") -> None:
        """A phase timer (game.saves.timer): it belongs to this step, holds while the game is paused,
        and is noted in the save so a projector in another window shows it too."""
        self.timer = PhaseTimer.start(self.state, minutes, on_expiry, time.time()).to_dict()
        self.log.note(timer=self.timer)

    def stop_timer(self) -> None:
        self.timer = None
        self.log.note(timer=None)

    def timer_left(self) -> float | None:
        t = PhaseTimer.from_dict(self.timer, time.time())
        return None if t is None or not t.belongs_to(self.state) else t.left_at(time.time())

    def timer_running(self) -> bool:
        t = PhaseTimer.from_dict(self.timer, time.time())
        return t is not None and t.belongs_to(self.state) and t.running and not self.state.paused

    def timer_due(self) -> Action | None:
        """Look at the timer (the table does, every second): it ends with its step, holds while the
        game is paused (noted in the save when that changes), and when it has run out, the move it
        makes — the round closed as the rules say (silence is assent), or a pause; the timer is gone."""
        now = time.time()
        t = PhaseTimer.from_dict(self.timer, now)
        if t is None or self.over:
            return None
        if not t.belongs_to(self.state):
            self.stop_timer()
            return None
        ticked = t.tick(now, self.state.paused)
        if ticked.run_out:
            self.stop_timer()
            return A.EndRound(WHITE_CELL, "timer") if t.expiry == "silence" else A.Pause(WHITE_CELL)
        if ticked.running != t.running:  # paused or resumed: the time left is held or runs again
            self.timer = ticked.to_dict()
            self.log.note(timer=self.timer)
        return None

    def timed_events_for(self, seat: str | None):
        """As `events_for`, with no clock times (a game on one machine keeps none)."""
        return [(None, e, why) for e, why in self.events_for(seat)]

    def journal(self) -> list:
        return []  # a game on one machine keeps no room journal

    def act_for(self, action: Action, based_on: int | None = None) -> engine.Step:
        """The White Cell enters a move on a seat's behalf (a syndicate called it out): marked in the log."""
        return self.log.apply(action, by=WHITE_CELL)

    def set_control(self, seat: str, who: str) -> None:
        self.controls[seat] = who
        self.log.note(seats={seat: who})

    def close(self) -> None:
        self.log.close()


class Follower:
    """Follows a game as another process saves it (the projector in a second window): reads what was
    appended since the last look and replays it. Read-only: it never writes to the save."""

    def __init__(self, path: Path):
        self.path = Path(path)
        log = GameLog.open_any(self.path)  # checks every recorded event on the way
        log.close()
        self.crisis = log.crisis
        self.state = log.state
        self.events = list(log.events)
        self.seen = len(log.records)
        self.head = read_records(self.path)[0]
        self.size = self.path.stat().st_size

    def poll(self) -> bool:
        """True if new moves arrived."""
        size = self.path.stat().st_size
        if size == self.size:
            return False
        self.size = size
        head, records, _ = read_records(self.path)
        self.head = head
        for rec in records[self.seen:]:
            step = engine.apply_unchecked(self.crisis, self.state, from_dict(rec["action"]))
            self.state = step.state
            self.events.extend(step.events)
        changed = len(records) != self.seen
        self.seen = len(records)
        return changed or "timer" in head

    def timer_left(self) -> float | None:
        t = PhaseTimer.from_dict(self.head.get("timer"), time.time())
        return None if t is None or not t.belongs_to(self.state) else t.left_at(time.time())

    def timer_running(self) -> bool:
        t = PhaseTimer.from_dict(self.head.get("timer"), time.time())
        return t is not None and t.belongs_to(self.state) and t.running and not self.state.paused
