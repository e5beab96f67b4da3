"""The action log: appended as each action happens; a torn last record is dropped, not fatal."""
from game import engine
from game.bots import POLICIES, choose_for
from game.log import GameLog, read_records


def _play(crisis, log, n):
    for _ in range(n):
        seat = engine.acting_seats(crisis, log.state)[0]
        log.apply(choose_for(crisis, log.state, seat, POLICIES["default"])[0])


def test_every_action_is_on_disk_as_it_happens(crisis, tmp_path):
    save = tmp_path / "g.jsonl"
    log = GameLog(crisis, 4, {"SG": "human"}, save)
    _play(crisis, log, 15)
    # not closed: what is on disk already holds all 15 actions
    head, records, warnings = read_records(save)
    assert len(records) == 15 and not warnings
    assert head["seed"] == 4 and head["scenario"] == crisis.id and head["seats"] == {"SG": "human"}
    assert head["sources"] and head["digest"] == crisis.digest
    log.close()


def test_torn_last_record_is_dropped_and_play_continues(crisis, tmp_path):
    save = tmp_path / "g.jsonl"
    log = GameLog(crisis, 9, {}, save)
    _play(crisis, log, 20)
    log.close()
    with open(save, "rb+") as fh:  # a crash in the middle of writing record 20
        data = fh.read()
        cut = data.rstrip(b"\n").rfind(b"\n") + 1
        fh.seek(cut + 10)
        fh.truncate()
    head, records, warnings = read_records(save)
    assert len(records) == 19 and warnings and "cut off" in warnings[0]
    resumed = GameLog.resume(save, crisis)
    assert len(resumed.records) == 19
    _play(crisis, resumed, 5)
    resumed.close()
    head, records, warnings = read_records(save)
    assert len(records) == 24 and not warnings


def test_meta_records_do_not_disturb_replay(crisis, tmp_path):
    save = tmp_path / "g.jsonl"
    log = GameLog(crisis, 2, {"USA": "human"}, save)
    _play(crisis, log, 5)
    log.note(seats={"USA": "computer"})
    _play(crisis, log, 5)
    log.close()
    resumed = GameLog.resume(save, crisis)
    assert resumed.state == log.state
    assert resumed.seats["USA"] == "computer"
