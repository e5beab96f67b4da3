"""The shared game database (game/saves/store.py): several processes read and append to one game.

A move is checked against the game as it is when it is written, never against what its sender
last saw; a stale move is refused with a reason; no move is applied twice or lost; the join codes
are checked, hashed and rate-limited; the database exports as an ordinary save.
"""
from __future__ import annotations

import json
import multiprocessing
import random
import re
import sqlite3
import time
from pathlib import Path

import pytest

from game.core import actions as A
from game.core import engine
from game.core.actions import WHITE_CELL
from game.players import POLICIES, choose_for
from game.core.errors import IllegalActionError
from game.saves.log import GameLog, read_records, replay
from game.core.state import Phase
from game.saves.codes import CODE_ALPHABET, JoinRefused, TooManyGuesses, WrongCode
from game.saves.store import PROJECTOR, GameStore, StaleAction, StoreBusy


@pytest.fixture
def made(crisis, tmp_path):
    store, codes = GameStore.create(tmp_path / "game.db", crisis, 7, {"USA": "human", "SG": "human"})
    yield store, codes
    store.close()


def move(store, action, caller=None, why=None):
    return store.submit(action, store.seq, caller=caller or action.seat, why=why)


def bot_moves(store, n):
    for _ in range(n):
        if store.over:
            return
        seat = store.acting()[0]
        action, why = choose_for(store.crisis, store.current, seat, POLICIES["default"])
        move(store, action, why=why)


def to_negotiation(store):
    """Consultation passed, the chair tables the resilience package in Moldova: round 1 is open."""
    for seat in store.acting():
        move(store, A.Pass(seat))
    chair = store.crisis.scenario.chair
    move(store, A.Table(chair, "resilience_package", "host_consent", "MDA", ()))
    assert store.current.phase == Phase.NEGOTIATION


# -- making and opening ---------------------------------------------------------------------------
def test_create_then_open_gives_the_same_game(crisis, made, tmp_path):
    store, codes = made
    head = store.header
    assert head["seed"] == 7 and head["seats"] == {"USA": "human", "SG": "human"}
    assert head["sources"] and head["digest"] == crisis.digest and head["turns"] == crisis.scenario.length.turns
    bot_moves(store, 25)
    other = GameStore.open(tmp_path / "game.db")  # loads the scenario itself, replays and checks
    assert other.seq == 25 and other.current == store.current
    assert [e.to_dict() for e in other.events] == [e.to_dict() for e in store.events]
    assert [r.why for r in other.records] == [r.why for r in store.records]
    other.close()
    with pytest.raises(Exception, match="already there"):
        GameStore.create(tmp_path / "game.db", crisis, 7, {})


def test_open_uses_the_embedded_scenario_when_the_file_is_gone(crisis, made, tmp_path):
    store, _ = made
    bot_moves(store, 10)
    raw = sqlite3.connect(tmp_path / "game.db")
    head = json.loads(raw.execute("SELECT value FROM meta WHERE key = 'header'").fetchone()[0])
    head["scenario_path"] = str(tmp_path / "moved-away" / "first_response.yaml")
    raw.execute("UPDATE meta SET value = ? WHERE key = 'header'", (json.dumps(head),))
    raw.commit()
    raw.close()
    other = GameStore.open(tmp_path / "game.db")
    assert other.crisis.digest == crisis.digest and other.current == store.current
    other.close()


def test_the_log_is_append_only_and_in_order(made, tmp_path):
    store, _ = made
    bot_moves(store, 3)
    raw = sqlite3.connect(tmp_path / "game.db")
    for sql in ("UPDATE actions SET why = 'x' WHERE seq = 2", "DELETE FROM actions WHERE seq = 3",
                "INSERT INTO actions (seq, action, events, seat, created_at) VALUES (9, '{}', '[]', 'USA', 0)"):
        with pytest.raises(sqlite3.DatabaseError):
            raw.execute(sql)
    raw.close()
    mode = sqlite3.connect(tmp_path / "game.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


# -- join codes -----------------------------------------------------------------------------------
def test_codes_are_readable_and_only_their_hashes_are_stored(crisis, made, tmp_path):
    store, codes = made
    assert set(codes) == set(engine.seats(crisis)) | {WHITE_CELL, PROJECTOR}
    shape = re.compile(f"^[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}$")
    assert all(shape.match(c) for c in codes.values()) and len(set(codes.values())) == len(codes)
    assert not set("0O1IL") & set(CODE_ALPHABET)
    store.close()
    blob = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("game.db"))
    for code in codes.values():
        assert code.encode() not in blob and code.replace("-", "").encode() not in blob


def test_the_right_code_gives_the_seat_and_a_wrong_one_is_refused(made):
    store, codes = made
    assert store.seat_for(codes["FRA"], "laptop-1") == "FRA"
    assert store.seat_for(codes["FRA"].lower().replace("-", " "), "laptop-1") == "FRA"  # as typed
    assert store.seat_for(codes[WHITE_CELL], "laptop-1") == WHITE_CELL
    with pytest.raises(WrongCode, match="not one of this game's"):
        store.seat_for("ABCD-EFGH-JKMN", "laptop-2")


def test_too_many_wrong_codes_lock_that_client_out_for_the_window(crisis, tmp_path):
    now = [1000.0]
    store, codes = GameStore.create(tmp_path / "g.db", crisis, 1, {}, clock=lambda: now[0],
                                    guess_limit=5, guess_window=600)
    for i in range(5):
        with pytest.raises(WrongCode):
            store.seat_for(f"WRNG-C0DE-{i:04d}", "mallory")
        now[0] += 10
    with pytest.raises(TooManyGuesses, match="try again in") as refused:
        store.seat_for("WRNG-C0DE-0009", "mallory")
    assert 0 < refused.value.retry_after <= 600
    with pytest.raises(WrongCode):
        store.seat_for("WRNG-C0DE-0009", "someone-else")  # the limit is per client
    other = GameStore.open(tmp_path / "g.db", clock=lambda: now[0])  # and shared by every process
    with pytest.raises(TooManyGuesses):
        other.seat_for("WRNG-C0DE-0010", "mallory")
    now[0] = 1000.0 + 601  # the first wrong guess has left the window: one more try
    with pytest.raises(WrongCode, match="No tries left"):
        store.seat_for("WRNG-C0DE-0011", "mallory")
    store.close()
    other.close()


def test_wrong_guesses_from_an_address_never_lock_out_a_right_code_from_it(crisis, tmp_path):
    """Five wrong codes from one address locked the White Cell's right code out from that address
    (the host's own browser, or laptops behind one router) for 10 minutes."""
    store, codes = GameStore.create(tmp_path / "g.db", crisis, 1, {}, guess_limit=5, guess_window=600)
    for i in range(8):
        with pytest.raises((WrongCode, TooManyGuesses)):
            store.seat_for(f"WRNG-C0DE-{i:04d}", "web:127.0.0.1")
    with pytest.raises(TooManyGuesses):
        store.seat_for("WRNG-C0DE-0099", "web:127.0.0.1")  # the guesser is still held off …
    assert store.seat_for(codes["WHITE_CELL"], "web:127.0.0.1") == "WHITE_CELL"  # … the owner is not
    assert store.seat_for(codes["POL"], "web:127.0.0.1") == "POL"
    store.close()


def test_a_reissued_code_replaces_the_old_one(made):
    store, codes = made
    new = store.reissue("HUN")
    assert store.seat_for(new, "c") == "HUN"
    with pytest.raises(WrongCode):
        store.seat_for(codes["HUN"], "c")


def test_a_resume_token_takes_its_seat_back_until_the_seat_gets_a_new_code(made, tmp_path):
    """A page keeps a token, never the code: it outlives the process (a restarted host) and stops
    working when the White Cell replaces the seat's code."""
    store, codes = made
    token = store.issue_resume("HUN")
    assert codes["HUN"] not in token and len(token) <= 64
    again = GameStore.open(tmp_path / "game.db")  # another process, after a restart
    assert again.resume(token) == "HUN"
    store.reissue("HUN")
    with pytest.raises(JoinRefused, match="new code"):
        again.resume(token)
    with pytest.raises(JoinRefused, match="not one of this game's"):
        again.resume("made-up-token")
    with pytest.raises(JoinRefused):
        again.resume("x" * 65)
    again.close()
    store.close()
    blob = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("game.db"))
    assert token.encode() not in blob, "only a hash of a token is stored"


def test_the_rooms_journal_is_kept_in_order_and_append_only(made, tmp_path):
    store, _ = made
    store.journal_add("timer_started", seconds=600.0, expiry="silence")
    store.journal_add("host_started", pid=123)
    assert [(e.kind, e.data) for e in store.journal()] == [
        ("timer_started", {"seconds": 600.0, "expiry": "silence"}), ("host_started", {"pid": 123})]
    assert store.journal()[0].at <= store.journal()[1].at
    raw = sqlite3.connect(tmp_path / "game.db")
    for sql in ("UPDATE journal SET kind = 'x'", "DELETE FROM journal"):
        with pytest.raises(sqlite3.DatabaseError):
            raw.execute(sql)
    raw.close()


def test_a_note_is_replaced_only_if_nobody_changed_it_meanwhile(made):
    store, _ = made
    store.note("timer", {"left": 10})
    assert store.replace_note("timer", {"left": 10}, {"left": 9})
    store.note("timer", None)  # the White Cell stopped it meanwhile
    assert not store.replace_note("timer", {"left": 9}, {"left": 8}), "a heartbeat never revives a stopped timer"
    assert "timer" not in store.notes()


# -- who may move what ----------------------------------------------------------------------------
def test_the_projector_acts_as_nobody_and_seats_move_only_themselves(made):
    store, codes = made
    assert store.seat_for(codes[PROJECTOR], "wall") == PROJECTOR
    for action in (A.Pass("USA"), A.Pause(WHITE_CELL)):
        with pytest.raises(IllegalActionError, match="projector"):
            store.submit(action, store.seq, caller=PROJECTOR)
    with pytest.raises(IllegalActionError, match="cannot move for"):
        store.submit(A.Pass("USA"), store.seq, caller="FRA")
    assert store.seq == 0
    done = store.submit(A.Pass("USA"), store.seq, caller=WHITE_CELL)  # the White Cell enters it
    assert done.seq == 1 and store.records[-1].by == WHITE_CELL
    assert not [e for r in store.refresh(0) for e in r.events_for(PROJECTOR) if e.to is not None]
    wall = store.view(PROJECTOR)  # the public picture: nobody's brief, nobody's intelligence
    assert wall.me is None and not wall.state.private_intel
    assert all(not x.brief and not x.red_lines for x in wall.crisis.scenario.actors.values())


# -- several processes on one file ----------------------------------------------------------------
def test_a_move_through_one_store_is_seen_by_the_other(made, tmp_path):
    one, _ = made
    two = GameStore.open(tmp_path / "game.db")
    move(one, A.Pass("DEU"), why="nothing to say yet")
    new = two.refresh()
    assert [(r.seq, r.action, r.why) for r in new] == [(1, A.Pass("DEU"), "nothing to say yet")]
    assert two.current == one.current and two.refresh() == []
    move(two, A.Pass("FRA"))
    assert [r.action for r in one.refresh()] == [A.Pass("FRA")]
    assert one.current == two.current
    two.close()


def test_a_stale_move_is_refused_with_its_reason_even_when_it_would_be_legal_now(made, tmp_path):
    store, _ = made
    desk = GameStore.open(tmp_path / "game.db")  # the White Cell's process
    to_negotiation(store)
    deu = next(a for a in engine.legal_actions(store.crisis, store.current, "DEU") if isinstance(a, A.Object))
    move(store, deu)
    seen = store.seq  # the USA syndicate looks at round 1 and decides to support
    desk.refresh()
    move(desk, A.EndRound(WHITE_CELL, "timer"))  # the timer runs out: silence is broken by DEU
    move(desk, A.Recirculate(store.crisis.scenario.chair))  # the text goes out again: round 2
    assert desk.current.phase == Phase.NEGOTIATION and desk.current.proposal.round == 2
    with pytest.raises(StaleAction, match="negotiation step you answered has moved on") as refused:
        store.submit(A.Support("USA"), seen, caller="USA")
    assert "ends the round" in refused.value.reason and refused.value.rule
    engine.check(store.crisis, store.current, A.Support("USA"))  # legal in round 2: only the store refused it
    assert store.seq == seen + 2 and all(r.seat != "USA" for r in store.records[seen:])
    move(store, A.Support("USA"))  # looked again: accepted
    assert desk.refresh()[-1].action == A.Support("USA")
    desk.close()


def test_the_same_move_sent_twice_is_applied_once(made, tmp_path):
    store, _ = made
    laptop2 = GameStore.open(tmp_path / "game.db")  # a second laptop on the same seat
    to_negotiation(store)
    laptop2.refresh()
    seen = store.seq
    store.submit(A.Support("USA"), seen, caller="USA")
    for twice in (store, laptop2):  # a double click, and the other laptop's identical move
        with pytest.raises(StaleAction, match="you moved since"):
            twice.submit(A.Support("USA"), seen, caller="USA")
    # also when the move would still be legal (an undo then a second support, sent blind)
    store.submit(A.Undo("USA"), store.seq, caller="USA")
    with pytest.raises(StaleAction):
        laptop2.submit(A.Support("USA"), seen, caller="USA")
    laptop2.refresh()
    assert [r.action for r in laptop2.records[seen:] if r.seat == "USA"] == [A.Support("USA"), A.Undo("USA")]
    laptop2.close()


def test_a_busy_database_writes_nothing_and_the_move_goes_in_once_after(crisis, tmp_path):
    store, _ = GameStore.create(tmp_path / "g.db", crisis, 1, {}, busy_timeout_ms=50)
    holder = sqlite3.connect(tmp_path / "g.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process is in the middle of writing
    with pytest.raises(StoreBusy, match="nothing was written"):
        move(store, A.Pass("USA"))
    holder.execute("ROLLBACK")
    holder.close()
    assert store.seq == 0
    move(store, A.Pass("USA"))
    assert store.seq == 1 and GameStore.open(tmp_path / "g.db").seq == 1
    store.close()


def test_a_committed_move_is_not_lost_when_the_process_stumbles_before_taking_it(made, tmp_path):
    store, _ = made
    real = store._take

    def stumble(record, state):  # the commit happened; this process fails just after
        store._take = real
        raise RuntimeError("process interrupted")

    store._take = stumble
    with pytest.raises(RuntimeError):
        move(store, A.Pass("POL"))
    assert store.seq == 0
    assert [r.action for r in store.refresh()] == [A.Pass("POL")]  # read back once, from the file
    with pytest.raises(StaleAction):
        store.submit(A.Pass("POL"), 0, caller="POL")  # a blind retry is not applied again


def test_a_finished_game_takes_no_more_moves(made):
    store, _ = made
    bot_moves(store, 10_000)
    assert store.over
    with pytest.raises(IllegalActionError, match="over"):
        move(store, A.Pause(WHITE_CELL))


# -- export ---------------------------------------------------------------------------------------
def test_export_replays_as_an_ordinary_save(crisis, made, tmp_path):
    store, _ = made
    bot_moves(store, 40)
    store.submit(A.Pause(WHITE_CELL), store.seq, caller=WHITE_CELL)
    store.submit(A.Resume(WHITE_CELL), store.seq, caller=WHITE_CELL)
    seat = store.acting()[0]
    store.submit(A.Pass(seat), store.seq, caller=WHITE_CELL)  # entered for a seat: by is kept
    bot_moves(store, 10_000)
    path = store.export_log(tmp_path / "seminar.jsonl")
    head, records, warnings = read_records(path)
    assert not warnings and len(records) == store.seq
    assert head == {**store.header, "room": store.room, "journal": []}, "the header, and the room's name and journal"
    assert all(isinstance(r["at"], float) for r in records), "each move's clock time"
    assert [r["n"] for r in records] == list(range(1, store.seq + 1))
    assert sum(1 for r in records if r.get("by") == WHITE_CELL) == 1
    final = None
    for _n, _action, step in replay(crisis, head, records, verify=True):
        final = step.state
    assert final == store.state() and engine.is_over(final)
    log = GameLog.open_any(path)
    assert log.state == store.current and [e.to_dict() for e in log.events] == [e.to_dict() for e in store.events]
    log.close()


# -- load: seat processes on one database ---------------------------------------------------------
IDLE_LIMIT = 3.0  # a waiting process stops when nothing has been appended for this long


def _seat_worker(path: str, seat: str, max_actions: int, time_limit: float, ready, go, out, options) -> None:
    """One syndicate's process: look, and when its seat acts, move as the computer would."""
    tally = {"seat": seat, "accepted": [], "stale": 0, "refused": 0, "error": None, "submit_s": []}
    try:
        store = GameStore.open(path, **options)
        ready.put(seat)
        go.wait()
        end = time.monotonic() + time_limit
        policy = POLICIES["default"]
        last_news = time.monotonic()
        while len(tally["accepted"]) < max_actions and time.monotonic() < end:
            if store.refresh():
                last_news = time.monotonic()
            if store.over:
                break
            if seat not in store.acting():
                if time.monotonic() - last_news > IDLE_LIMIT:
                    break  # nothing for a while: the seats the game waits for have all stopped
                time.sleep(0.003)
                continue
            seen = store.seq
            action, why = choose_for(store.crisis, store.current, seat, policy)
            t = time.perf_counter()
            try:
                tally["accepted"].append(store.submit(action, seen, caller=seat, why=why).seq)
                tally["submit_s"].append(time.perf_counter() - t)
            except StaleAction:
                tally["stale"] += 1  # the game moved on: look again
            except IllegalActionError:
                tally["refused"] += 1  # e.g. paused by the White Cell
        store.close()
    except BaseException as exc:  # reported, so the parent fails with the cause
        tally["error"] = f"{type(exc).__name__}: {exc}"
    out.put(tally)


def _timer_worker(path: str, seat: str, max_actions: int, time_limit: float, ready, go, out, options) -> None:
    """The White Cell's process: a phase timer that runs out now and then, and a pause now and then."""
    tally = {"seat": WHITE_CELL, "accepted": [], "stale": 0, "refused": 0, "error": None, "submit_s": []}
    try:
        store = GameStore.open(path, **options)
        rng = random.Random(5)
        ready.put(WHITE_CELL)
        go.wait()
        end = time.monotonic() + time_limit
        while len(tally["accepted"]) < max_actions and time.monotonic() < end:
            time.sleep(rng.uniform(0.05, 0.25))
            store.refresh()
            if store.over:
                break
            st = store.current
            action = (A.Resume(WHITE_CELL) if st.paused else
                      A.Pause(WHITE_CELL) if rng.random() < 0.15 else A.EndRound(WHITE_CELL, "timer"))
            try:
                tally["accepted"].append(store.submit(action, store.seq, caller=WHITE_CELL).seq)
            except StaleAction:
                tally["stale"] += 1
            except IllegalActionError:
                tally["refused"] += 1
        store.refresh()
        if store.current.paused and not store.over:  # never leave the room paused
            tally["accepted"].append(store.submit(A.Resume(WHITE_CELL), store.seq, caller=WHITE_CELL).seq)
        store.close()
    except BaseException as exc:
        tally["error"] = f"{type(exc).__name__}: {exc}"
    out.put(tally)


def run_load(path: Path, crisis, processes: list[tuple[str, str]], max_actions: int = 50,
             time_limit: float = 30.0, seed: int = 11, turns: int | None = None, **options) -> dict:
    """Create a game at `path`, start one spawned process per (kind, seat) — kind "seat" or
    "timer" — let them play at once, and check the database afterwards. Returns figures.
    `options` go to every GameStore.open (e.g. synchronous="NORMAL")."""
    store, _ = GameStore.create(path, crisis, seed, {s: "human" for s in engine.seats(crisis)}, turns)
    store.close()
    ctx = multiprocessing.get_context("spawn")
    ready, out, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    workers = {"seat": _seat_worker, "timer": _timer_worker}
    procs = [ctx.Process(target=workers[kind], args=(str(path), seat, max_actions, time_limit, ready, go, out, options))
             for kind, seat in processes]
    t0 = time.monotonic()
    for p in procs:
        p.start()
    tallies = []
    for _ in procs:
        try:
            ready.get(timeout=120)
        except Exception:  # a worker died while starting: it reports why below
            break
    t1 = time.monotonic()
    go.set()
    for _ in procs:
        tallies.append(out.get(timeout=time_limit + 120))
    for p in procs:
        p.join(timeout=30)
    t2 = time.monotonic()
    errors = [t["error"] for t in tallies if t["error"]]
    assert not errors, errors

    # every accepted move is in the log exactly once, under the seat that made it
    check = GameStore.open(path)
    rows = sqlite3.connect(path).execute("SELECT seq, seat, by FROM actions ORDER BY seq").fetchall()
    seqs = [r[0] for r in rows]
    assert seqs == list(range(1, len(rows) + 1)), "seqs are contiguous from 1"
    claimed = [s for t in tallies for s in t["accepted"]]
    assert len(claimed) == len(set(claimed)), "no row was claimed by two submissions"
    assert sorted(claimed) == seqs, "every row is a move some process was told was accepted, and vice versa"
    per_seat: dict[str, int] = {}
    for t in tallies:
        per_seat[t["seat"]] = per_seat.get(t["seat"], 0) + len(t["accepted"])
    by_rows: dict[str, int] = {}
    for _seq, seat, _by in rows:
        by_rows[seat] = by_rows.get(seat, 0) + 1
    assert {s: n for s, n in per_seat.items() if n} == by_rows
    # the whole log replays (checked, every event verified) to the state the store holds
    export = check.export_log(path.with_suffix(".jsonl"))
    head, records, _ = read_records(export)
    final = engine.new_game(crisis, head["seed"], head.get("turns")).state
    for _n, _action, step in replay(check.crisis, head, records, verify=True):
        final = step.state
    assert final == check.state()
    waits = sorted(x for t in tallies for x in t["submit_s"])
    figures = {"processes": len(procs), "moves": len(rows), "start_s": round(t1 - t0, 1),
               "play_s": round(t2 - t1, 1), "stale": sum(t["stale"] for t in tallies),
               "refused": sum(t["refused"] for t in tallies), "over": check.over,
               "per_process": sorted((t["seat"], len(t["accepted"])) for t in tallies),
               "moves_per_s": round(len(rows) / max(t2 - t1, 1e-9), 1),
               "submit_ms_median": round(1000 * waits[len(waits) // 2], 1) if waits else None,
               "submit_ms_p95": round(1000 * waits[int(len(waits) * 0.95)], 1) if waits else None}
    check.close()
    return figures


def long_variant(folder: Path, turns: int = 50) -> Path:
    """first_response over `turns` turns, every end condition checked only at the end: a game long
    enough for every seat to make 50 moves."""
    import shutil
    from tests.conftest import ROOT
    shutil.copytree(ROOT / "scenarios" / "library", folder / "library")
    text = (ROOT / "scenarios" / "first_response.yaml").read_text(encoding="utf-8")
    text, n = re.subn(r"(?m)^length:.*$", f"length: {{turns: {turns}, minutes: 300}}", text)
    assert n == 1
    head, ends = text.split("\nend_conditions:\n", 1)
    ends, rest = re.split(r"\n(?=\S)", ends, maxsplit=1)
    ends = re.sub(r"(?m)^(    verdict: .*)\n(?!    final: true)", r"\1\n    final: true\n", ends + "\n")
    path = folder / "first_response_long.yaml"
    path.write_text(head + "\nend_conditions:\n" + ends + rest, encoding="utf-8")
    return path


def load_processes(crisis) -> list[tuple[str, str]]:
    """12 processes: every seat's syndicate, the White Cell's timer, and a second laptop on the chair."""
    return ([("seat", s) for s in engine.seats(crisis)] + [("timer", WHITE_CELL)]
            + [("seat", crisis.scenario.chair)])


def test_load_twelve_processes_on_one_database(tmp_path):
    """10 syndicates, the White Cell's timer and a second laptop on the chair, each up to 50 moves
    as fast as it can, on a 50-turn first_response (so the game does not end first)."""
    from game.scenario.loader import load_scenario
    crisis = load_scenario(long_variant(tmp_path))
    assert all(end.final for end in crisis.scenario.end_conditions.values())
    procs = load_processes(crisis)
    assert len(procs) == 12
    figures = run_load(tmp_path / "load.db", crisis, procs, max_actions=50, time_limit=40)
    print(figures)
    assert figures["moves"] >= 10 * 40
