"""One game shared by several processes: a SQLite database (WAL mode) that every process on the
host reads and appends to — the seminar where each syndicate's browser session runs its own app
process. The engine stays the only door into the rules; this module only orders, checks and keeps
the actions.

What the database holds:

- ``meta``: the header (the same dict as ``game.saves.log.header``: scenario sources embedded, digest,
  seed, seats, turns) and how join codes are hashed;
- ``actions``: the append-only log — ``seq`` 1, 2, 3 … with no gap (triggers refuse an UPDATE, a
  DELETE or an out-of-order seq), the action and the events it caused as JSON, the seat, who
  entered it (``by``), the mover's reason (``why``) and when;
- ``seats``: one join code per seat, the White Cell (facilitator) and the projector (which acts as
  nobody) — only a salted scrypt hash of each code is stored (game.saves.codes: how codes look
  and are hashed);
- ``guesses``: wrong codes per client, to refuse a client after too many (5 per 10 minutes by
  default).

How a move gets in (``submit``): inside one ``BEGIN IMMEDIATE`` transaction (one writer at a time,
the others wait up to ``busy_timeout``), the store reads every row newer than what it has seen,
brings its cached state up to date, and refuses the move if it has gone stale since the state its
seat looked at (``based_on_seq``): the step it answered (turn, phase, proposal and its text, round)
has closed, or the same seat has moved since (a double submission, a second laptop on the seat, or
the White Cell entering the move for it). Then ``engine.check`` against the current state, the
engine applies it, the row is inserted as ``seq = last + 1`` and committed. The cache takes the row
only after the commit succeeded; a failed commit leaves nothing behind, and a row that did commit
is read back by the next refresh, so a move is never applied twice and never lost.

Durability: ``synchronous=FULL`` — each commit fsyncs the write-ahead log, so an accepted move
survives a power cut (with NORMAL it would survive a crashed process but might lose the last
commits on an OS crash or power cut; the database would still be consistent). That is one fsync
per move, the same price GameLog pays. WAL needs every process on one machine (shared memory): keep
the file on the host's local disk, never on a network share.

Not thread-safe across threads sharing one connection unless through this class: each method
takes the store's lock, so one GameStore may serve a thread pool; separate processes each open
their own.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import sqlite3
import threading
import time
from pathlib import Path
from typing import Callable

import attrs

from game.core import engine
from game.core.actions import WHITE_CELL, Action, from_dict
from game.core.errors import IllegalActionError, SaveError, ScenarioChanged, ScenarioError
from game.core.events import Event
from game.core.event_base import reproduces
from game.scenario.loader import LoadedScenario, load_saved_version, load_scenario
from game.saves.codes import (CODE_GROUPS, GUESS_LIMIT, GUESS_WINDOW, KDF, JoinRefused, TooManyGuesses, WrongCode,
                              hash_code, minutes, new_code)
from game.saves.log import header as log_header, private
from game.saves.sqlite import (BUSY_TIMEOUT_MS, JOURNAL, NOTES, RESUME_TOKEN_MAX, RESUMES, SCHEMA, Immediate,
                               StoreBusy, StoreError, connect, dumps, fsync_dir)

__all__ = ["PROJECTOR", "GameStore", "JournalEntry", "Record", "StaleAction", "StoreBusy", "StoreError", "Submitted"]
from game.core.state import GameState
from game.core.observation import Observation, observe

STORE_FORMAT = 1
PROJECTOR = "PROJECTOR"  # the projector's code: sees what every seat may see in public, acts as nobody

R_STALE = "Seats: a move answers the step its seat saw; when the game has moved on, look again and decide again"
R_SEATS = "Seats: a code moves its own seat only; the White Cell may enter a move for a seat; the projector only watches"

# Moves that do not answer a particular step (the facilitator's pause, an RFI, an inject): they
# are refused as stale only when their own seat has moved since, never because a round closed.
TIMELESS = frozenset({"pause", "resume", "request_info", "answer_info", "adhoc_inject", "release_inject",
                      "hold_inject", "override_meter"})

# -- errors ---------------------------------------------------------------------------------------
class StaleAction(IllegalActionError):
    """The move was decided on a state the game has since left; nothing was applied."""


# -- what the store hands out ---------------------------------------------------------------------
@attrs.frozen
class Record:
    """One row of the log, as replayed here."""

    seq: int
    action: Action
    events: tuple[Event, ...]
    by: str | None = None  # the White Cell, when it entered the move for the seat
    why: str | None = None
    created_at: float = 0.0

    @property
    def seat(self) -> str:
        return self.action.seat

    def events_for(self, seat: str | None) -> list[Event]:
        """What `seat` may see of this move's events (None, or the projector: the public ones)."""
        if seat is None or seat == PROJECTOR:
            return [e for e in self.events if e.to is None]
        return [e for e in self.events if e.visible_to(seat)]


@attrs.frozen
class JournalEntry:
    """One line of the room's journal: when, what kind, and its details."""

    at: float
    kind: str
    data: dict


@attrs.frozen
class Submitted:
    """An accepted move: its place in the log and what it did."""

    seq: int
    step: engine.Step

    @property
    def events(self) -> tuple[Event, ...]:
        return self.step.events


def _step_key(state: GameState) -> tuple:
    """The step a seat answers: a move decided in one step is stale in another."""
    return (state.turn, state.phase, len(state.decisions), state.proposal)


# -- the store ------------------------------------------------------------------------------------
class GameStore:
    """One game in a SQLite file, shared by processes. Make one with `create`, join one with `open`.

    Reading: `refresh()` (new records since the last look), `state()`, `seq`, `current`,
    `records`, `events`, `view(seat)`. Joining: `seat_for(code, client_id)`. Acting:
    `submit(action, based_on_seq, caller=...)`. Keeping: `export_log(path)`.

    Options (to create/open): `clock` (for the wrong-code window), `guess_limit`, `guess_window`
    (seconds), `busy_timeout_ms` (how long a write waits for another process's), `synchronous`
    ("FULL", the default, or "NORMAL": see the module's note on durability).
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, head: dict, crisis: LoadedScenario, *,
                 clock: Callable[[], float] = time.time, guess_limit: int = GUESS_LIMIT,
                 guess_window: float = GUESS_WINDOW, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
                 synchronous: str = "FULL"):
        self.path = path
        self.header = head
        self.crisis = crisis
        self.clock = clock
        self.guess_limit = guess_limit
        self.guess_window = guess_window
        self._conn = conn
        conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        if synchronous not in ("FULL", "NORMAL"):
            raise ValueError("synchronous is FULL (every accepted move survives a power cut) or NORMAL")
        conn.execute(f"PRAGMA synchronous={synchronous}")  # FULL: the WAL is fsynced at every commit
        self._lock = threading.RLock()
        self._kdf = json.loads(self._meta("code_kdf"))
        if self._kdf.get("name") != "scrypt":
            raise StoreError(f"{path}: unknown code hash '{self._kdf.get('name')}'")
        self._salt = bytes.fromhex(self._meta("code_salt"))
        for statement in (NOTES, RESUMES, *JOURNAL):  # no-ops on a database made with them
            conn.execute(statement)
        start = engine.new_game(crisis, head["seed"], head.get("turns"))
        self.opening: tuple[Event, ...] = start.events  # game_started, the first turn's injects
        self.current: GameState = start.state  # the state after move `seq`
        self.records: list[Record] = []
        self._keys: list[tuple] = [_step_key(start.state)]  # the step key after each seq (0: the start)
        self._read_new()

    # -- making and opening --
    @classmethod
    def create(cls, path: str | Path, crisis: LoadedScenario, seed: int, seats: dict[str, str],
               turns: int | None = None, room: str | None = None, **options) -> tuple["GameStore", dict[str, str]]:
        """A new game database at `path` (which must not exist). `seats` says who plays each seat
        ("human"/"computer", as in a save's header); `room` names the seminar (default: the file's
        name). Returns the store and the join codes: one per playable seat, one for the White Cell
        and one for the projector — shown once, never stored."""
        path = Path(path)
        if path.exists():
            raise StoreError(f"{path}: a file is already there; choose another name")
        engine.new_game(crisis, seed, turns)  # refuses a length the scenario does not offer
        head = log_header(crisis, seed, dict(seats), turns)
        salt = secrets.token_bytes(16)
        kdf = dict(KDF)
        wanted = list(engine.seats(crisis)) + [WHITE_CELL, PROJECTOR]
        codes = {seat: new_code() for seat in wanted}
        hashes = {seat: hash_code(kdf, salt, code) for seat, code in codes.items()}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".creating")  # the game appears under its name complete, or not at all
        for leftover in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm"), Path(str(tmp) + "-journal")):
            leftover.unlink(missing_ok=True)
        os.close(private(tmp, os.O_WRONLY | os.O_CREAT))  # 0600: SQLite gives its -wal and -shm the same mode
        conn = sqlite3.connect(tmp, isolation_level=None)  # a rollback journal until renamed: no -wal to carry
        try:
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("BEGIN IMMEDIATE")
            for statement in SCHEMA:
                conn.execute(statement)
            now = time.time()
            conn.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("store_format", str(STORE_FORMAT)), ("header", dumps(head)),
                ("code_kdf", dumps(kdf)), ("code_salt", salt.hex()), ("room", room or path.stem)])
            conn.executemany("INSERT INTO seats VALUES (?, ?, ?)", [(s, h, now) for s, h in hashes.items()])
            conn.execute("COMMIT")
        except BaseException:
            conn.close()
            tmp.unlink(missing_ok=True)
            raise
        conn.close()
        os.replace(tmp, path)
        fsync_dir(path.parent)
        return cls.open(path, crisis, **options), codes  # the first open switches it to WAL, for good

    @classmethod
    def open(cls, path: str | Path, crisis: LoadedScenario | None = None, **options) -> "GameStore":
        """Join a game database (every process opens its own). The scenario: `crisis` if given
        (it must be the exact version the game was made with), else the file named in the header
        if it is unchanged, else the version embedded in the header. Every recorded move is
        replayed and checked against its recorded events on the way."""
        path = Path(path)
        if not path.is_file():
            raise StoreError(f"{path}: no game database here")
        for part in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):  # a game made before 0600
            try:
                os.chmod(part, 0o600)
            except OSError:
                pass
        conn = connect(path)
        try:
            fmt = conn.execute("SELECT value FROM meta WHERE key = 'store_format'").fetchone()
            row = conn.execute("SELECT value FROM meta WHERE key = 'header'").fetchone()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{path}: not a Consensus game database ({exc})") from None
        if fmt is None or row is None or int(fmt[0]) != STORE_FORMAT:
            conn.close()
            raise StoreError(f"{path}: not a Consensus game database (or a newer format)")
        head = json.loads(row[0])
        if crisis is None:
            crisis = _crisis_for(path, head)
        elif crisis.digest != head.get("digest"):
            conn.close()
            raise ScenarioChanged(path, head)
        try:
            return cls(path, conn, head, crisis, **options)
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> "GameStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading --
    @property
    def seq(self) -> int:
        """The last move this store has read (0: none yet)."""
        return len(self.records)

    def refresh(self, since: int | None = None) -> list[Record]:
        """Read what other processes appended; return the records after `since` (default: the
        ones this call read)."""
        with self._lock:
            before = self.seq
            self._read_new()
            return self.records[(before if since is None else max(0, since)):]

    def changed(self) -> bool:
        """Whether any process wrote to the database since this call last looked (SQLite's
        data_version: one cheap read, no table touched) — a screen polls this often and reads the
        game only when it says so. True the first time."""
        with self._lock:
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        seen, self._data_version = getattr(self, "_data_version", None), version
        return version != seen

    def state(self) -> GameState:
        """The game now (refreshed)."""
        self.refresh()
        return self.current

    @property
    def events(self) -> list[Event]:
        """Every event so far, in order (what a GameLog's `events` holds)."""
        return list(self.opening) + [e for r in self.records for e in r.events]

    @property
    def over(self) -> bool:
        return engine.is_over(self.current)

    @property
    def room(self) -> str:
        """The seminar's name (the room's), as the host named it; a game made before rooms: its file's."""
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'room'").fetchone()
        return row[0] if row else self.path.stem

    def acting(self) -> tuple[str, ...]:
        return engine.acting_seats(self.crisis, self.current)

    def view(self, seat: str) -> Observation:
        """What `seat` may see of the current state (the projector: the public picture)."""
        return observe(self.crisis, self.current, seat)

    # -- notes --
    def note(self, key: str, value) -> None:
        """Share a note with every process (JSON; None removes it)."""
        with self._lock, self._transaction():
            if value is None:
                self._conn.execute("DELETE FROM notes WHERE key = ?", (key,))
            else:
                self._conn.execute("INSERT OR REPLACE INTO notes VALUES (?, ?, ?)", (key, dumps(value), time.time()))

    def replace_note(self, key: str, expected, value) -> bool:
        """Write `value` only if the note is still `expected` (as JSON): the host's heartbeat never
        revives a timer the White Cell stopped meanwhile. True if written."""
        with self._lock, self._transaction():
            row = self._conn.execute("SELECT value FROM notes WHERE key = ?", (key,)).fetchone()
            if (json.loads(row[0]) if row else None) != expected:
                return False
            if value is None:
                self._conn.execute("DELETE FROM notes WHERE key = ?", (key,))
            else:
                self._conn.execute("INSERT OR REPLACE INTO notes VALUES (?, ?, ?)", (key, dumps(value), time.time()))
            return True

    def notes(self) -> dict:
        """Every shared note, as last written by any process."""
        with self._lock:
            return {k: json.loads(v) for k, v in self._conn.execute("SELECT key, value FROM notes")}

    # -- the room's journal --
    def journal_add(self, kind: str, **data) -> None:
        """Note something that happened in the room that is not a move (see JOURNAL), timed now."""
        with self._lock, self._transaction():
            self._conn.execute("INSERT INTO journal (at, kind, data) VALUES (?, ?, ?)",
                               (self.clock(), kind, dumps(data)))

    def journal(self) -> list["JournalEntry"]:
        with self._lock:
            rows = self._conn.execute("SELECT at, kind, data FROM journal ORDER BY n").fetchall()
        return [JournalEntry(at, kind, json.loads(data)) for at, kind, data in rows]

    # -- joining --
    def seat_for(self, code: str, client_id: str) -> str:
        """The seat a join code gives (a seat id, WHITE_CELL or PROJECTOR). A wrong code counts
        against `client_id` (the host's choice: a browser session or an address); after
        `guess_limit` wrong codes within `guess_window` seconds that client's wrong codes are
        answered with TooManyGuesses until the window has passed. A right code is always taken:
        a room's laptops may share an address (the host's own browser and terminal do), and
        someone else's wrong guesses must never lock the White Cell out. Guessing stays
        hopeless: ~59 bits a code, each guess an scrypt hash (~50 ms), each browser's input capped
        (game.seminar.limits). Raises WrongCode or TooManyGuesses."""
        digest = hash_code(self._kdf, self._salt, code)  # before taking the write lock: it is slow on purpose
        with self._lock:
            with self._transaction():
                now = self.clock()
                since = now - self.guess_window
                self._conn.execute("DELETE FROM guesses WHERE at < ?", (since,))
                wrong, first = self._conn.execute(
                    "SELECT COUNT(*), MIN(at) FROM guesses WHERE client = ? AND at >= ?",
                    (client_id, since)).fetchone()
                row = self._conn.execute("SELECT seat FROM seats WHERE code_hash = ?", (digest,)).fetchone()
                if row is None and wrong < self.guess_limit:
                    self._conn.execute("INSERT INTO guesses VALUES (?, ?)", (client_id, now))
            # committed: the wrong guess counts whatever the caller does with the error
        if row is not None:
            return row[0]
        if wrong >= self.guess_limit:
            wait = max(0.0, first + self.guess_window - now)
            raise TooManyGuesses(f"Too many wrong codes from here: try again in {minutes(wait)}, "
                                 "or ask the White Cell for your code.", wait)
        left = self.guess_limit - wrong - 1
        shape = "-".join(["XXXX"] * CODE_GROUPS)
        raise WrongCode(f"That code is not one of this game's (codes look like {shape}). "
                        + (f"{left} more tr{'y' if left == 1 else 'ies'} before a pause of "
                           f"{minutes(self.guess_window)}." if left else
                           f"No tries left: wait {minutes(self.guess_window)}, or ask the White Cell."))

    def issue_resume(self, seat: str) -> str:
        """A resume token for a screen that has just joined `seat` with its code: the page keeps it
        (never the code) and takes the seat back with it after a lost connection or a restart."""
        token = secrets.token_urlsafe(24)
        with self._lock, self._transaction():
            row = self._conn.execute("SELECT issued_at FROM seats WHERE seat = ?", (seat,)).fetchone()
            if row is None:
                raise StoreError(f"there is no seat '{seat}' in this game")
            self._conn.execute("INSERT INTO resumes VALUES (?, ?, ?, ?)",
                               (self._token_hash(token), seat, row[0], time.time()))
        return token

    def resume(self, token: str) -> str:
        """The seat a resume token takes back, or JoinRefused saying why (the seat's code was
        replaced since, or the token is not this game's). A wrong token counts as no guess: ~192
        random bits, hashed, and a page sends only the one it was given."""
        if not isinstance(token, str) or not 0 < len(token) <= RESUME_TOKEN_MAX:
            raise JoinRefused("This page's place at the table is not one of this game's: type your code.")
        with self._lock:
            row = self._conn.execute(
                "SELECT r.seat, r.issued_at, s.issued_at FROM resumes r JOIN seats s ON s.seat = r.seat "
                "WHERE r.token_hash = ?", (self._token_hash(token),)).fetchone()
        if row is None:
            raise JoinRefused("This page's place at the table is not one of this game's: type your code.")
        seat, made_under, current = row
        if made_under != current:
            raise JoinRefused("The White Cell has given this seat a new code since this page joined: type the new one.")
        return seat

    def _token_hash(self, token: str) -> bytes:
        return hashlib.sha256(self._salt + token.encode("utf-8", "replace")).digest()

    def issued_at(self, seat: str) -> float | None:
        """When the seat's current code was issued (a new code changes it; None: no such seat)."""
        with self._lock:
            row = self._conn.execute("SELECT issued_at FROM seats WHERE seat = ?", (seat,)).fetchone()
        return None if row is None else row[0]

    def seat_ids(self) -> list[str]:
        """Every seat that has a code (the delegations, the White Cell, the projector)."""
        with self._lock:
            return [r[0] for r in self._conn.execute("SELECT seat FROM seats ORDER BY rowid")]

    def reissue(self, seat: str) -> str:
        """A new code for `seat` (a syndicate lost its own, or it leaked); the old one stops working."""
        code = new_code()
        digest = hash_code(self._kdf, self._salt, code)
        with self._lock, self._transaction():
            cur = self._conn.execute("UPDATE seats SET code_hash = ?, issued_at = ? WHERE seat = ?",
                                     (digest, time.time(), seat))
            if cur.rowcount != 1:
                raise StoreError(f"there is no seat '{seat}' in this game")
        return code

    # -- acting --
    def submit(self, action: Action, based_on_seq: int, *, caller: str, why: str | None = None) -> Submitted:
        """Check, apply and append one move, decided by `caller` (the seat its code gave; a
        computer seat run by the host passes its own seat) on the state after move `based_on_seq`.

        Refused (IllegalActionError naming the rule, nothing applied): a caller moving another
        seat (the White Cell may: the row records by=WHITE_CELL), the projector, a move gone stale
        (StaleAction: the step it answered has closed, or its seat has moved since), and any move
        engine.check refuses on the current state."""
        by = self._authorise(action, caller)
        with self._lock:
            if based_on_seq < 0:
                raise ValueError(f"based_on_seq must be 0 or more, not {based_on_seq}")
            with self._transaction():
                self._read_new()  # under the write lock: nobody appends until we commit
                if based_on_seq > self.seq:
                    raise ValueError(f"based_on_seq {based_on_seq} is ahead of the game (move {self.seq})")
                self._refuse_if_stale(action, based_on_seq, by)
                step = engine.apply(self.crisis, self.current, action)  # engine.check, then apply
                seq = self.seq + 1
                now = time.time()
                self._conn.execute(
                    "INSERT INTO actions (seq, action, events, seat, by, why, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (seq, dumps(action.to_dict()), dumps([e.to_dict() for e in step.events]), action.seat,
                     by, why, now))
            # committed: only now does this process's picture take the move
            self._take(Record(seq, action, step.events, by, why, now), step.state)
            return Submitted(seq, step)

    # -- keeping --
    def as_save(self) -> tuple[dict, list[dict]]:
        """The game as a save holds it: the header (with the room's name and journal) and one record
        per move (with its clock time, `at`)."""
        with self._lock:
            self._read_new()
            head = dict(self.header)
            head["room"] = self.room
            head["journal"] = [{"at": e.at, "kind": e.kind, **({"data": e.data} if e.data else {})}
                               for e in self.journal()]
            records = []
            for r in self.records:
                rec = {"n": r.seq, "action": r.action.to_dict(), "events": [e.to_dict() for e in r.events],
                       "at": r.created_at}
                if r.why:
                    rec["why"] = r.why
                if r.by:
                    rec["by"] = r.by
                records.append(rec)
        return head, records

    def export_log(self, path: str | Path) -> Path:
        """The game as an ordinary save (JSON lines: the header, then one record per move; the
        room's journal in a note at the end), written atomically, so replay, report and compare work
        on a seminar game."""
        path = Path(path)
        head, records = self.as_save()
        room = {"room": head.pop("room"), "journal": head.pop("journal")}
        lines = [dumps(head)] + [dumps(r) for r in records] + [dumps({"meta": room})]
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8", opener=private) as fh:
            fh.write("\n".join(lines) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        return path

    # -- inside --
    def _meta(self, key: str) -> str:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: the game database lacks its '{key}'")
        return row[0]

    def _transaction(self):
        return Immediate(self._conn)

    def _read_new(self) -> None:
        """Replay rows newer than ours, checking each one reproduces its recorded events."""
        rows = self._conn.execute(
            "SELECT seq, action, events, by, why, created_at FROM actions WHERE seq > ? ORDER BY seq",
            (self.seq,)).fetchall()
        for seq, action_json, events_json, by, why, at in rows:
            if seq != self.seq + 1:
                raise SaveError(f"{self.path}: move {self.seq + 1} is missing from the game database")
            action = from_dict(json.loads(action_json))
            step = engine.apply(self.crisis, self.current, action)
            if not reproduces(step.events, json.loads(events_json)):
                raise SaveError(f"{self.path}: move {seq} ({action.describe()}) does not reproduce its "
                                "recorded events (another version of the scenario?)")
            self._take(Record(seq, action, step.events, by, why, at), step.state)

    def _take(self, record: Record, state: GameState) -> None:
        self.records.append(record)
        self.current = state
        self._keys.append(_step_key(state))

    def _authorise(self, action: Action, caller: str) -> str | None:
        if caller == PROJECTOR:
            raise IllegalActionError(R_SEATS, "the projector shows the game; it cannot move")
        if caller == action.seat:
            return None
        if caller == WHITE_CELL:
            return WHITE_CELL
        raise IllegalActionError(R_SEATS, f"{self._name(caller)} cannot move for {self._name(action.seat)}")

    def _refuse_if_stale(self, action: Action, based_on: int, by: str | None) -> None:
        mover = by or action.seat
        for r in self.records[based_on:]:
            if r.seat == action.seat or (r.by or r.seat) == mover:
                entered = " (entered by the White Cell)" if r.by and r.by != r.seat else ""
                who = "you" if (r.by or r.seat) == mover else self._name(r.seat)
                raise StaleAction(R_STALE, f"{who} moved since move {based_on}: move {r.seq}, "
                                           f"{self._name(r.seat)} {r.action.describe()}{entered}; "
                                           "nothing else was applied — look again")
        if action.kind in TIMELESS:
            return
        key = self._keys[based_on]
        for r in self.records[based_on:]:
            if self._keys[r.seq] != key:
                raise StaleAction(R_STALE, f"the {key[1].value} step you answered has moved on since move "
                                           f"{based_on}: move {r.seq}, {self._name(r.seat)} "
                                           f"{r.action.describe()}; look again")

    def _name(self, seat: str) -> str:
        if seat == WHITE_CELL:
            return "the White Cell"
        if seat == PROJECTOR:
            return "the projector"
        actor = self.crisis.scenario.actors.get(seat)
        return actor.name if actor else seat


def _crisis_for(path: Path, head: dict) -> LoadedScenario:
    """The scenario file if it is still the version the game was made with, else the embedded copy."""
    try:
        crisis = load_scenario(head["scenario_path"])
        if crisis.digest == head.get("digest"):
            return crisis
    except (ScenarioError, OSError, KeyError):
        pass
    return load_saved_version(head)

