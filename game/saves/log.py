"""The action log: a header, then one JSON record per action with the events it produced.

Appended and fsynced as each action is applied; loading replays it through the engine and checks
that every recorded event is reproduced. JSON lines, never pickle.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator

from game import __version__

from game.core import engine
from game.core.actions import Action, from_dict
from game.core.errors import IllegalActionError, SaveError, ScenarioChanged, ScenarioError
from game.core.events import Event
from game.core.event_base import reproduces
from game.scenario.loader import LoadedScenario, load_saved_version, load_scenario
from game.core.state import GameState

LOG_FORMAT = 1


def private(path, flags: int) -> int:
    """An `opener` for open(): the file is readable and writable by its owner only (0600) — saves,
    exports and game databases hold every delegation's private brief. A file made before keeps
    its name but loses the others' access."""
    fd = os.open(path, flags, 0o600)
    try:
        os.fchmod(fd, 0o600)
    except OSError:  # not ours to change (another user's file we may read): leave it
        pass
    return fd


def header(crisis: LoadedScenario, seed: int, seats: dict[str, str], turns: int | None = None) -> dict:
    return {"log_format": LOG_FORMAT, "program": f"consensus {__version__}", "scenario": crisis.id,
            "turns": turns or crisis.scenario.length.turns,
            "scenario_path": str(Path(crisis.path).resolve()), "digest": crisis.digest, "sources": crisis.sources,
            "seed": seed, "seats": seats}


class GameLog:
    """An open game: its state, and the file its actions are appended to (if any)."""

    def __init__(self, crisis: LoadedScenario, seed: int, seats: dict[str, str] | None = None,
                 path: str | Path | None = None, turns: int | None = None):
        self.crisis = crisis
        self.seed = seed
        self.seats = dict(seats or {})
        step = engine.new_game(crisis, seed, turns)
        self.turns = step.state.turn_limit
        self.state: GameState = step.state
        self.events: list[Event] = list(step.events)
        self.records: list[dict] = []
        self.whys: dict[int, str] = {}  # index in self.events of a step's first event -> the mover's reason
        self.path = Path(path) if path else None
        self._fh = None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "a", encoding="utf-8", opener=private)
            if self._fh.tell() == 0:
                self._write(header(crisis, seed, self.seats, self.turns))

    def _write(self, record: dict) -> None:
        self._fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def apply(self, action: Action, checked: bool = True, why: str | None = None,
              by: str | None = None) -> engine.Step:
        """Apply, then write the record (with the mover's reason, if a computer gave one) before
        anyone is shown the result."""
        step = (engine.apply if checked else engine.apply_unchecked)(self.crisis, self.state, action)
        record = {"n": len(self.records) + 1, "action": action.to_dict(),
                  "events": [e.to_dict() for e in step.events]}
        if why:
            record["why"] = why
        if by:  # entered on the seat's behalf (the White Cell, for a syndicate that called its move)
            record["by"] = by
        if self._fh is not None:
            self._write(record)  # on disk before anyone is shown the result
        self.records.append(record)
        self.state = step.state
        if why:
            self.whys[len(self.events)] = why
        self.events.extend(step.events)
        return step

    def note(self, **meta) -> None:
        """Record something that is not a move (e.g. who controls which seat); replay skips it."""
        if self._fh is not None:
            self._write({"meta": meta})
        self.seats.update(meta.get("seats", {}))

    @property
    def over(self) -> bool:
        return engine.is_over(self.state)

    @classmethod
    def resume(cls, path: str | Path, crisis: LoadedScenario | None = None) -> "GameLog":
        """Reopen a saved game where it stopped: replay it (checking every recorded event) and
        append from there. A torn last record is dropped from the file first."""
        path = Path(path)
        head, records, warnings = read_records(path)
        if crisis is None:
            crisis = load_scenario(head["scenario_path"])
        if crisis.digest != head.get("digest"):
            raise ScenarioChanged(path, head)
        game = cls(crisis, head["seed"], head.get("seats"), turns=head.get("turns"))
        for n, _action, step in replay(crisis, head, records, verify=True):
            game.state = step.state
            why = records[n - 1].get("why")
            if why:
                game.whys[len(game.events)] = why
            game.events.extend(step.events)
        game.records = list(records)
        game.warnings = warnings
        if warnings:  # rewrite without the torn tail, atomically, before appending again
            tmp = path.with_suffix(path.suffix + ".tmp")
            lines = [json.dumps(head, ensure_ascii=False, separators=(",", ":"))]
            lines += [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records]
            with open(tmp, "w", encoding="utf-8", opener=private) as fh:
                fh.write("\n".join(lines) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        game.path = path
        game._fh = open(path, "a", encoding="utf-8", opener=private)
        return game

    @classmethod
    def resume_saved_version(cls, path: str | Path) -> "GameLog":
        """Continue on exactly the scenario the game was started with (embedded in the save)."""
        head, _records, _ = read_records(Path(path))
        return cls.resume(path, load_saved_version(head))

    def rebase(self, crisis: LoadedScenario, path: str | Path | None) -> tuple["GameLog", int, str | None]:
        """Replay this game's moves onto another version of its scenario, into a new save, as far as
        they stay legal. Returns (the new game, moves replayed, why it stopped or None)."""
        new = GameLog(crisis, self.seed, dict(self.seats), path, self.turns)
        stopped = None
        for rec in self.records:
            action = from_dict(rec["action"])
            try:
                new.apply(action, why=rec.get("why"))
            except (IllegalActionError, KeyError, AttributeError) as exc:
                stopped = f"move {rec['n']} ({action.describe()}) is not legal in the new version: {exc}"
                break
        return new, len(new.records), stopped

    def branch(self, upto: int, path: str | Path | None) -> "GameLog":
        """A what-if: a new game (and save) with this game's first `upto` moves; this one is untouched."""
        if not 0 <= upto <= len(self.records):
            raise SaveError(f"there are {len(self.records)} moves: branch from 0 to {len(self.records)}")
        new = GameLog(self.crisis, self.seed, dict(self.seats), path, self.turns)
        if new._fh is not None:
            new._write({"meta": {"branched_from": str(self.path) if self.path else "", "at": upto}})
        for rec in self.records[:upto]:
            new.apply(from_dict(rec["action"]), why=rec.get("why"))
        return new

    @classmethod
    def open_any(cls, path: str | Path) -> "GameLog":
        """A save, replayed on its own scenario: the current file if unchanged, else (changed, moved
        or on another machine) the version embedded in the save."""
        try:
            return cls.resume(path)
        except (ScenarioChanged, ScenarioError):
            return cls.resume_saved_version(path)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


MAX_SAVE_BYTES = 50 * 2**20  # a 10,000-move save is ~15 MB


def read_records(path: Path) -> tuple[dict, list[dict], list[str]]:
    """Header, records, and warnings (a torn or corrupt last record is dropped, and said so).
    A save is checked like a scenario: a record that is not a move in order, or a header without a
    usable seed, is a SaveError saying `file:line: what is wrong`."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(f"{path}: the save is {size // 2**20} MB; saves are limited to "
                            f"{MAX_SAVE_BYTES // 2**20} MB (this is not one of this game's saves)")
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SaveError(f"{path}: cannot read the save: {exc}") from None
    if not lines:
        raise SaveError(f"{path}: the save is empty")
    try:
        head = json.loads(lines[0])
    except (json.JSONDecodeError, RecursionError):
        raise SaveError(f"{path}:1: the save's header is damaged") from None
    if not isinstance(head, dict) or head.get("log_format") != LOG_FORMAT:
        raise SaveError(f"{path}:1: not a Consensus save (or a newer format)")
    _check_header(head, path)
    records, warnings = Records(path), []
    for i, line in enumerate(lines[1:], start=2):
        try:
            rec = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            if i == len(lines):
                warnings.append(f"{path}:{i}: the last record was cut off (a crash while saving?) and was dropped")
                break
            raise SaveError(f"{path}:{i}: record {i - 1} is damaged") from None
        if isinstance(rec, dict) and "meta" in rec:  # not a move: who controls which seat, and the like
            meta = rec["meta"] if isinstance(rec["meta"], dict) else {}
            seats = meta.get("seats", {})
            if not isinstance(seats, dict):
                raise SaveError(f"{path}:{i}: a note whose seats are not a mapping")
            head.setdefault("seats", {}).update(seats)
            for key in ("superseded_by", "timer", "room", "journal"):  # a seminar's room: its name, journal
                if key in meta:
                    head[key] = meta[key]
            continue
        why = _bad_record(rec, len(records) + 1)
        if why:
            raise SaveError(f"{path}:{i}: {why}")
        records.append(rec)
        records.lines[rec["n"]] = i
    return head, records, warnings


class Records(list):
    """A save's move records, knowing the line of the file each came from (`lines[n]`), so that
    a move that does not replay is named `file:line` like a scenario's faults."""

    def __init__(self, path, *args):
        super().__init__(*args)
        self.path = path
        self.lines: dict[int, int] = {}


def _at(records, rec: dict, message: str) -> SaveError:
    """A replay fault, named `file:line:` when the records know where they came from."""
    line = getattr(records, "lines", {}).get(rec["n"])
    return SaveError(f"{records.path}:{line}: {message}" if line else message)


def _check_header(head: dict, path) -> None:
    seed, turns = head.get("seed"), head.get("turns")
    if type(seed) is not int:
        raise SaveError(f"{path}:1: the save's seed is {json.dumps(seed)}, not a whole number")
    if turns is not None and type(turns) is not int:
        raise SaveError(f"{path}:1: the save's number of turns is {json.dumps(turns)}, not a whole number")
    if not isinstance(head.get("seats", {}), dict) or not isinstance(head.get("sources", {}), dict):
        raise SaveError(f"{path}:1: the save's header is damaged (seats or sources are not mappings)")


def _bad_record(rec, n: int) -> str | None:
    """What is wrong with a move record expected to be move `n` (None: nothing)."""
    if not isinstance(rec, dict):
        return f"move {n} is not a record (a JSON object)"
    if rec.get("n") != n or type(rec.get("n")) is not int:
        return f"move {n} is numbered {json.dumps(rec.get('n'))}: records are out of order or missing"
    action = rec.get("action")
    if not isinstance(action, dict):
        return f"move {n} has no action"
    try:
        from_dict(action)
    except KeyError as exc:
        return f"move {n}: unknown action {exc}"
    except (TypeError, ValueError, AttributeError) as exc:
        return f"move {n}: the action is malformed ({str(exc).splitlines()[0][:100]})"
    if not isinstance(rec.get("events"), list) or not all(isinstance(e, dict) for e in rec["events"]):
        return f"move {n}: its recorded events are not a list of records"
    return None


def set_aside(path: Path) -> Path:
    """Move a save that cannot be continued out of the way (never deleted): `<name>.damaged`."""
    target = path.with_name(path.name + ".damaged")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged{n}")
    os.replace(path, target)
    return target


def replay(crisis: LoadedScenario, head: dict, records: list[dict], verify: bool = True,
           upto: int | None = None) -> Iterator[tuple[int, Action, engine.Step]]:
    """Re-run recorded actions; with verify, check each reproduces its recorded events."""
    state = engine.new_game(crisis, head["seed"], head.get("turns")).state
    for rec in records[:upto]:
        action = from_dict(rec["action"])
        try:
            step = engine.apply(crisis, state, action)
        except IllegalActionError as exc:
            raise _at(records, rec, f"record {rec['n']} ({action.describe()}) is not a legal move here: {exc}") from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # an edited action's fields
            raise _at(records, rec, f"record {rec['n']}: the action is malformed ({type(exc).__name__}: {exc})") from None
        if verify and not reproduces(step.events, rec["events"]):
            raise _at(records, rec, f"record {rec['n']} ({action.describe()}) does not reproduce its recorded events")
        state = step.state
        yield rec["n"], action, step
