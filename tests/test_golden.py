"""Golden playthroughs: recorded games (scenario + seed + actions) must replay to exactly their
recorded events, and their after-action reports must read as recorded, line by line.

After an intended change to the engine's events or the report, look at the diff, then run
    CONSENSUS_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
and commit the updated files in tests/golden/. A golden file that is missing fails the test
(it is never recorded silently): record it with the same command."""
import difflib
import os
import shutil
from pathlib import Path

import pytest

from game.core import engine
from game.core.actions import WHITE_CELL
from game.players import POLICIES, choose_for
from game.scenario.loader import load_scenario
from game.saves.log import GameLog, read_records, replay
from game.review import report
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("CONSENSUS_UPDATE_GOLDEN") == "1"
GAMES = [("first_response", 7, "SG"), ("reference", 3, "ESP")]


def _record(name: str, seed: int, path: Path) -> None:
    crisis = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
    log = GameLog(crisis, seed, {s: "computer" for s in engine.seats(crisis)}, path)
    while not engine.is_over(log.state):
        seat = engine.acting_seats(crisis, log.state)[0]
        action, why = choose_for(crisis, log.state, seat, POLICIES["default"])
        log.apply(action, why=why)
    log.close()


def _missing(path: Path) -> None:
    pytest.fail(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} is missing: record it "
                "with CONSENSUS_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py, look at it, commit it")


def _golden_save(name: str, seed: int, tmp_path: Path, golden: Path = GOLDEN) -> Path:
    save = golden / f"{name}-seed{seed}.jsonl"
    if UPDATE:
        _record(name, seed, tmp_path / "new.jsonl")
        shutil.copy(tmp_path / "new.jsonl", save)
    elif not save.exists():
        _missing(save)
    return save


def _check(expected: Path, actual: str) -> None:
    if UPDATE:
        expected.write_text(actual, encoding="utf-8")
        return
    if not expected.exists():
        _missing(expected)
    want = expected.read_text(encoding="utf-8")
    if want != actual:
        diff = "\n".join(difflib.unified_diff(want.splitlines(), actual.splitlines(), str(expected), "now",
                                              lineterm="", n=1))
        pytest.fail(f"{expected.name} differs (CONSENSUS_UPDATE_GOLDEN=1 to accept):\n{diff[:4000]}")


@pytest.mark.parametrize("name,seed,seat", GAMES)
def test_golden_game_replays_and_reports_as_recorded(name, seed, seat, tmp_path):
    save = _golden_save(name, seed, tmp_path)
    log = GameLog.open_any(save)  # the version embedded in the save: scenario edits do not move it
    log.close()
    head, records, warnings = read_records(save)
    assert not warnings
    steps = list(replay(log.crisis, head, records, verify=True))  # raises on the first mismatch
    assert steps[-1][2].state == log.state and engine.is_over(log.state)
    past = report.history(log.crisis, head, records)
    for viewer in (WHITE_CELL, seat):
        md = report.to_markdown(report.build(log.crisis, past.state, past.events, viewer, players=head.get("seats")))
        _check(GOLDEN / f"{name}-seed{seed}-{viewer}.md", md)


@pytest.mark.skipif(UPDATE, reason="recording: a missing file is made, not refused")
def test_a_missing_golden_file_fails_instead_of_being_recorded(tmp_path):
    with pytest.raises(pytest.fail.Exception, match="first_response-seed7.jsonl is missing"):
        _golden_save("first_response", 7, tmp_path, golden=tmp_path)
    assert not (tmp_path / "first_response-seed7.jsonl").exists()
    with pytest.raises(pytest.fail.Exception, match="gone.md is missing"):
        _check(tmp_path / "gone.md", "# a report\n")
    assert not (tmp_path / "gone.md").exists()


def test_a_save_from_before_the_legal_frame_is_refused_in_one_clear_line(capsys):
    # tests/golden/legacy holds a save recorded before issue 16 changed the legal bases (its rules say
    # `needs: self_defence`, and `consultation_rounds`, since retired): this version cannot replay it
    # under rules it no longer reads, and says so once, naming the save and the first problem
    from game.cli import main
    save = GOLDEN / "legacy" / "first_response-seed7.jsonl"
    assert "consultation_rounds: 1" in save.read_text(encoding="utf-8")
    assert main(["replay", str(save), "--verify"]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("note:")]
    assert len(err) == 1 and "saved under rules this version no longer reads" in err[0], err
    assert "self_defence" in err[0] and "Traceback" not in err[0]
