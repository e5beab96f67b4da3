"""Files that hold private briefs are the owner's alone: a game database (and its -wal and -shm),
a save, an export, a report and the papers are created 0600 whatever the umask; the codes file
was already."""
from __future__ import annotations

import os
import stat

import pytest

from game import cli
from game.saves.log import GameLog
from game.saves.store import GameStore
from tests.conftest import ROOT


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def permissive_umask():
    old = os.umask(0o022)  # the usual default: files 0644 unless we say otherwise
    yield
    os.umask(old)


def test_a_game_database_and_its_wal_and_shm_are_readable_by_their_owner_only(crisis, tmp_path):
    store, codes = GameStore.create(tmp_path / "room.sqlite", crisis, 3, {})
    store.seat_for(codes["WHITE_CELL"], "test")
    store.note("x", 1)
    files = sorted(tmp_path.glob("room.sqlite*"))
    assert {f.name for f in files} >= {"room.sqlite", "room.sqlite-wal", "room.sqlite-shm"}
    assert {f.name: oct(mode(f)) for f in files} == {f.name: oct(0o600) for f in files}
    store.export_log(tmp_path / "export.jsonl")
    store.close()
    assert mode(tmp_path / "export.jsonl") == 0o600


def test_a_game_database_made_world_readable_before_is_made_private_when_opened(crisis, tmp_path):
    GameStore.create(tmp_path / "old.sqlite", crisis, 3, {})[0].close()
    os.chmod(tmp_path / "old.sqlite", 0o644)
    GameStore.open(tmp_path / "old.sqlite").close()
    assert mode(tmp_path / "old.sqlite") == 0o600


def test_saves_reports_and_papers_are_readable_by_their_owner_only(crisis, tmp_path, capsys):
    log = GameLog(crisis, 7, {"SG": "human"}, tmp_path / "game.jsonl")
    log.close()
    assert mode(tmp_path / "game.jsonl") == 0o600
    branch = GameLog.resume(tmp_path / "game.jsonl", crisis).branch(0, tmp_path / "whatif.jsonl")
    branch.close()
    assert mode(tmp_path / "whatif.jsonl") == 0o600
    assert cli.main(["report", str(tmp_path / "game.jsonl"), "-o", str(tmp_path / "aar.html")]) == 0
    assert cli.main(["papers", str(ROOT / "scenarios" / "first_response.yaml"), "-o", str(tmp_path / "p.md")]) == 0
    assert mode(tmp_path / "aar.html") == 0o600 and mode(tmp_path / "p.md") == 0o600
