"""Every shipped scenario x many seeds: random legal play never breaks the engine."""
import random

import pytest

from game.core import engine
from game.core.actions import WHITE_CELL
from game.players import POLICIES, choose_for
from game.scenario.loader import load_scenario
from game.saves.log import GameLog, read_records, replay
from tests.conftest import SCENARIOS


def _random_playout(crisis, seed, bots_share=0.5):
    rnd = random.Random(seed)
    log = GameLog(crisis, seed)
    n = 0
    while not engine.is_over(log.state):
        n += 1
        assert n < 20_000, "the game must end"
        seat = rnd.choice(engine.acting_seats(crisis, log.state))
        if rnd.random() < bots_share:
            action, _ = choose_for(crisis, log.state, seat, POLICIES["default"])
        else:
            action = rnd.choice(engine.legal_actions(crisis, log.state, seat))
        log.apply(action)
        for m, meter in crisis.scenario.meters.items():
            assert meter.min <= log.state.meters[m] <= meter.max
    return log


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_random_legal_playouts(path):
    crisis = load_scenario(path)
    for seed in range(8):
        a = _random_playout(crisis, seed)
        b = _random_playout(crisis, seed)
        assert [e.to_dict() for e in a.events] == [e.to_dict() for e in b.events], "same seed, same game"


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_saved_log_replays_identically(path, tmp_path):
    crisis = load_scenario(path)
    save = tmp_path / "game.jsonl"
    log = GameLog(crisis, 11, {s: "computer" for s in engine.seats(crisis)}, save)
    rnd = random.Random(11)
    while not engine.is_over(log.state):
        seat = rnd.choice(engine.acting_seats(crisis, log.state))
        log.apply(choose_for(crisis, log.state, seat, POLICIES["default"])[0])
    log.close()
    head, records, warnings = read_records(save)
    assert not warnings and len(records) == len(log.records)
    final = None
    for _n, _a, step in replay(crisis, head, records, verify=True):
        final = step.state
    assert final == log.state


def test_white_cell_actions_are_legal_through_a_game(crisis):
    rnd = random.Random(3)
    state = engine.new_game(crisis, 3).state
    while not engine.is_over(state):
        if rnd.random() < 0.1:
            wc = engine.legal_actions(crisis, state, WHITE_CELL)
            state = engine.apply(crisis, state, rnd.choice(wc)).state
            continue
        if state.paused:
            continue
        seat = engine.acting_seats(crisis, state)[0]
        state = engine.apply(crisis, state, choose_for(crisis, state, seat, POLICIES["default"])[0]).state
