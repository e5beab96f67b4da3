"""The host's room (game/seminar/host.py): the phase timer as the host keeps it — a heartbeat of the
time left, held while the game is paused and while the host is away, ended with its step, run out
once — and what it notes in the room's journal for the after-action review."""
from __future__ import annotations

import time

import pytest

from game.core import actions as A
from game.core.actions import WHITE_CELL
from game.saves.store import GameStore
from game.saves.timer import PhaseTimer
from game.seminar import host
from game.seminar.session import SharedSession


@pytest.fixture
def store(crisis, tmp_path):
    made, _codes, _ = host.open_or_create(crisis, tmp_path / "room.sqlite", folder=tmp_path, new=True, seed=3,
                                          humans=["DEU", "POL"], turns=None)
    yield made
    made.close()


def timer_at(store, start: float, minutes: float = 10, expiry: str = "silence") -> dict:
    noted = PhaseTimer.start(store.current, minutes, expiry, start).to_dict()
    store.note("timer", noted)
    return noted


def beat(room, start: float, end: float) -> None:
    """The room's look at the game, every 0.2 s from `start` to `end` (as its thread does)."""
    now = start
    while now <= end + 1e-9:
        room.run_out_timer(now=now)
        now += 0.2


def left(store, now: float) -> float:
    return PhaseTimer.from_dict(store.notes()["timer"]).left_at(now)


def test_the_host_writes_the_time_left_every_second(store):
    timer_at(store, 1000.0)
    room = host.Room(store, pace=0)
    room.run_out_timer(now=1000.5)
    assert store.notes()["timer"]["at"] == 1000.0, "no write within a second"
    room.run_out_timer(now=1001.2)
    assert store.notes()["timer"]["at"] == 1001.2 and left(store, 1001.2) == pytest.approx(598.8)


def test_the_timer_holds_while_the_game_is_paused(store):
    timer_at(store, 0.0)
    room = host.Room(store, pace=0)
    beat(room, 0.0, 30.0)
    store.submit(A.Pause(WHITE_CELL), store.seq, caller=WHITE_CELL)
    beat(room, 30.2, 900.0)  # a quarter of an hour's break
    held = store.notes()["timer"]
    assert not held["running"] and held["left"] == pytest.approx(569.8)
    store.submit(A.Resume(WHITE_CELL), store.seq, caller=WHITE_CELL)
    beat(room, 900.2, 910.2)
    assert left(store, 910.2) == pytest.approx(559.8), "it runs again with the time that was left"


def test_a_restarted_host_carries_on_with_the_time_left_at_the_crash(store, tmp_path):
    timer_at(store, 0.0)
    first = host.Room(store, pace=0)
    beat(first, 0.0, 42.0)
    # the host is killed at 42.5 s; it is started again ten minutes later
    with GameStore.open(store.path) as again:
        page = SharedSession(again, "DEU")
        assert page.timer_left() == pytest.approx(558.0, abs=1.0), "pages show the time left at the crash"
        shown = page.timer_left()
        second = host.Room(again, pace=0)
        second.run_out_timer(now=642.0)
        assert left(again, 642.0) == pytest.approx(shown), "the outage is not counted"
        beat(second, 642.2, 652.0)
        assert left(again, 652.0) == pytest.approx(shown - 10)


def test_a_timer_ends_with_its_step_and_the_journal_says_so(store):
    timer_at(store, time.time())
    store.submit(A.EndRound(WHITE_CELL), store.seq, caller=WHITE_CELL)  # the White Cell closes the step by hand
    seq = store.seq
    room = host.Room(store, pace=0)
    room.run_out_timer()
    assert store.seq == seq and "timer" not in store.notes()
    assert [e.kind for e in store.journal()][-1] == "timer_ended"
    page = SharedSession(store, "DEU")
    store.note("timer", timer_at(store, time.time()) | {"phase": "force_generation"})  # a left-over note
    page.poll()
    assert page.timer_left() is None, "a page never shows another step's timer"


def test_a_timer_runs_out_once_and_the_journal_has_its_start_and_end(store):
    wc = SharedSession(store, WHITE_CELL)
    wc.start_timer(0.001, "pause")
    time.sleep(0.1)
    room = host.Room(store, pace=0)
    assert room.step()
    assert store.current.paused and store.records[-1].action.kind == "pause"
    assert not room.step(), "run out once"
    kinds = [e.kind for e in store.journal()]
    assert kinds == ["timer_started", "timer_ran_out"]
    assert store.journal()[0].data["seconds"] == pytest.approx(0.06)
