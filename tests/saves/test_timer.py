"""The phase timer as data (game/saves/timer.py): it counts down only while the game runs and, in a
seminar, only while the host's heartbeat is fresh; it belongs to the step it was started in."""
from __future__ import annotations

import pytest

from game.core import engine
from game.saves.timer import STALE, PhaseTimer, clock


@pytest.fixture
def start(crisis):
    return engine.new_game(crisis, 3).state


def test_a_running_timer_counts_down_and_runs_out(start):
    t = PhaseTimer.start(start, 2, "silence", now=1000.0)
    assert t.left_at(1000.0) == 120 and t.left_at(1090.0) == 30
    assert not t.tick(1119.0, paused=False).run_out
    assert t.tick(1121.0, paused=False).run_out


def test_a_paused_game_holds_the_time_left_and_it_runs_again_after(start):
    t = PhaseTimer.start(start, 10, "silence", now=0.0)
    held = t.tick(100.0, paused=True)  # paused after 100 s
    assert held.left == 500 and not held.running
    assert held.left_at(5000.0) == 500, "no time runs while the game is paused"
    again = held.tick(6000.0, paused=False)  # resumed an hour and a half later
    assert again.left == 500 and again.running
    assert again.left_at(6030.0) == 470


def test_time_without_a_heartbeat_does_not_count(start):
    """The host was killed 42 s into a 5-minute timer and started again ten minutes later."""
    t = PhaseTimer.start(start, 5, "pause", now=0.0)
    beat = t.tick(42.0, paused=False)
    assert beat.left == 258
    assert beat.left_at(42.0 + STALE - 0.5, stale=STALE) == pytest.approx(258 - STALE + 0.5)
    assert beat.left_at(642.0, stale=STALE) == 258, "a page shows the time left at the crash"
    restarted = beat.tick(642.0, paused=False, stale=STALE)
    assert restarted.left == 258 and restarted.at == 642.0
    assert restarted.left_at(645.0, stale=STALE) == 255  # running again with the heartbeat


def test_a_timer_belongs_to_its_step(crisis, start):
    t = PhaseTimer.start(start, 1, "silence", now=0.0)
    assert t.belongs_to(start)
    later = engine.apply(crisis, start, next(iter(engine.legal_actions(crisis, start, engine.acting_seats(
        crisis, start)[0])))).state
    while later.phase == start.phase and later.turn == start.turn:
        later = engine.apply(crisis, later, next(iter(engine.legal_actions(
            crisis, later, engine.acting_seats(crisis, later)[0])))).state
    assert not t.belongs_to(later)


def test_notes_round_trip_and_old_or_damaged_notes_are_read_safely(start):
    t = PhaseTimer.start(start, 3, "pause", now=50.0)
    assert PhaseTimer.from_dict(t.to_dict()) == t
    old = PhaseTimer.from_dict({"ends_at": 160.0, "expiry": "silence", "turn": 1, "phase": "consultation"}, now=100.0)
    assert old.left == 60 and old.running
    assert PhaseTimer.from_dict({"turn": "x"}) is None and PhaseTimer.from_dict(None) is None
    with pytest.raises(ValueError):
        PhaseTimer.start(start, 0, "silence", now=0.0)
    with pytest.raises(ValueError):
        PhaseTimer.start(start, 1, "explode", now=0.0)


def test_the_countdown_reads_as_a_clock():
    assert clock(None) == "--:--" and clock(0) == "00:00" and clock(0.4) == "00:01"
    assert clock(754) == "12:34" and clock(3725) == "1:02:05"
