"""The game database's SQL: its tables (the log, the seats' code hashes, wrong guesses, notes, resume
tokens, the room's journal) and the few SQLite helpers game.saves.store is built on: one
connection per process in write-ahead-log mode, explicit BEGIN IMMEDIATE transactions."""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from game.core.errors import ConsensusError

BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another's transaction before giving up


class StoreError(ConsensusError):
    """The game database cannot be created, opened or read."""


class StoreBusy(StoreError):
    """Another process held the game database longer than busy_timeout; nothing was written."""


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# Notes: what the room shares that is not a move — who plays each seat (people or the computer), the
# facilitator's phase timer. Kept apart from the log: changing them changes no rule's outcome.
NOTES = "CREATE TABLE IF NOT EXISTS notes (key TEXT PRIMARY KEY, value TEXT NOT NULL, at REAL NOT NULL)"

# Resume tokens: a page that joined with a code keeps a token (never the code) and takes its seat back
# with it after a lost connection or a restarted host. Only a hash is stored; a token stands while
# its seat's code does (a new code revokes every token made under the old one).
RESUMES = ("CREATE TABLE IF NOT EXISTS resumes (token_hash BLOB PRIMARY KEY, seat TEXT NOT NULL, "
            "issued_at REAL NOT NULL, made_at REAL NOT NULL)")

# The room's journal: what happened in the room that is not a move (a timer started, stopped, ran
# out or ended with its step; the host started; a code reissued), with its wall-clock time, for the
# after-action review. Append-only, like the log.
JOURNAL = (
    "CREATE TABLE IF NOT EXISTS journal (n INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, kind TEXT NOT NULL, "
    "data TEXT NOT NULL)",
    """CREATE TRIGGER IF NOT EXISTS journal_no_update BEFORE UPDATE ON journal
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS journal_no_delete BEFORE DELETE ON journal
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END""",
)
RESUME_TOKEN_MAX = 64  # characters: what a page may send as its token

SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE actions (
        seq INTEGER PRIMARY KEY,
        action TEXT NOT NULL,
        events TEXT NOT NULL,
        seat TEXT NOT NULL,
        by TEXT,
        why TEXT,
        created_at REAL NOT NULL)""",
    """CREATE TRIGGER actions_in_order BEFORE INSERT ON actions
        WHEN NEW.seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM actions)
        BEGIN SELECT RAISE(ABORT, 'actions are appended in order, without gaps'); END""",
    """CREATE TRIGGER actions_no_update BEFORE UPDATE ON actions
        BEGIN SELECT RAISE(ABORT, 'the action log is append-only'); END""",
    """CREATE TRIGGER actions_no_delete BEFORE DELETE ON actions
        BEGIN SELECT RAISE(ABORT, 'the action log is append-only'); END""",
    "CREATE TABLE seats (seat TEXT PRIMARY KEY, code_hash BLOB NOT NULL UNIQUE, issued_at REAL NOT NULL)",
    "CREATE TABLE guesses (client TEXT NOT NULL, at REAL NOT NULL)",
    "CREATE INDEX guesses_by_client ON guesses (client, at)",
    NOTES,
    RESUMES,
    *JOURNAL,
)


class Immediate:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception (the error goes on)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        try:
            self.conn.execute("BEGIN IMMEDIATE")  # the write lock now, waiting up to busy_timeout
        except sqlite3.OperationalError as exc:
            raise StoreBusy(f"the game database is busy ({exc}): nothing was written; try again") from exc
        return self.conn

    def __exit__(self, kind, exc, tb) -> bool:
        if kind is None:
            try:
                self.conn.execute("COMMIT")
                return False
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        return False


def connect(path: Path) -> sqlite3.Connection:
    """Autocommit (isolation_level=None): transactions are the explicit BEGIN IMMEDIATE … COMMIT."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]  # persistent; a no-op once set
    if mode.lower() != "wal":
        conn.close()
        raise StoreError(f"{path}: the game database cannot use write-ahead logging (mode {mode})")
    return conn


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
