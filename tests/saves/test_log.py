"""The action log: appended as each action happens; a torn last record is dropped, not fatal."""
from game.core import engine
from game.players import POLICIES, choose_for
from game.saves.log import GameLog, read_records


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


def _changed_copy(tmp_path, crisis_path, old, new):
    import shutil
    folder = tmp_path / "scen"
    shutil.copytree(crisis_path.parent / "library", folder / "library")
    target = folder / crisis_path.name
    target.write_text(crisis_path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return target


def test_changed_scenario_continue_on_saved_version_or_replay_onto_new(tmp_path):
    import pytest
    from game.core.errors import ScenarioChanged
    from game.scenario.loader import load_scenario
    from tests.conftest import ROOT
    original = ROOT / "scenarios" / "first_response.yaml"
    path = _changed_copy(tmp_path, original, "each_turn: [\"severity += 6\"]", "each_turn: [\"severity += 6\"]")
    crisis = load_scenario(path)
    save = tmp_path / "g.jsonl"
    log = GameLog(crisis, 5, {"SG": "human"}, save)
    _play(crisis, log, 30)
    log.close()
    # the author edits the scenario while the game is saved
    path.write_text(path.read_text(encoding="utf-8").replace('each_turn: ["severity += 6"]',
                                                             'each_turn: ["severity += 7"]'), encoding="utf-8")
    with pytest.raises(ScenarioChanged):
        GameLog.resume(save)
    kept = GameLog.resume_saved_version(save)  # the exact version it was played with, from the save
    assert kept.state == log.state
    kept.close()
    newer = load_scenario(path)
    rebased, moved, stopped = log.rebase(newer, tmp_path / "rebased.jsonl")
    assert moved == 30 and stopped is None  # the same moves are still legal
    assert rebased.state.meters != log.state.meters or rebased.state.turn == 1
    rebased.close()
    assert read_records(save)[1] == log.records  # the original save is untouched


def test_a_save_with_other_words_still_replays_but_not_other_events(tmp_path):
    """Saves record moves; their events' words are rebuilt when the game is read. A save written
    before a sentence was corrected still replays and verifies; a save whose recorded events differ
    in what happened (kind, data or addressees) does not."""
    import json

    import pytest

    from game.core.errors import SaveError
    from game.saves.log import GameLog
    from tests.conftest import ROOT
    golden = ROOT / "tests" / "golden" / "first_response-seed7.jsonl"
    lines = golden.read_text(encoding="utf-8").splitlines()
    reworded = [lines[0]]
    for line in lines[1:]:
        rec = json.loads(line)
        for e in rec["events"]:
            e["text"] = "words of an older version"
        reworded.append(json.dumps(rec))
    path = tmp_path / "old.jsonl"
    path.write_text("\n".join(reworded) + "\n", encoding="utf-8")
    log = GameLog.open_any(path)
    log.close()
    assert len(log.records) == len(lines) - 1
    assert "words of an older version" not in "\n".join(e.text for e in log.events)  # rebuilt, not read back
    rec = json.loads(reworded[5])
    rec["events"][0]["data"] = {"changed": True}
    reworded[5] = json.dumps(rec)
    path.write_text("\n".join(reworded) + "\n", encoding="utf-8")
    with pytest.raises(SaveError, match="does not reproduce"):
        GameLog.open_any(path)
