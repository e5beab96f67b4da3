"""Saves are checked like scenarios: each hostile or damaged line of an edited save gives one line
saying `file:line: what is wrong` and exit status 1 in replay and report (no traceback); Continue,
in plain mode and at the start screen, tells the player the save was set aside and where."""
from __future__ import annotations

import json
import types

import pytest

from game import cli, lineplay
from game.saves.log import MAX_SAVE_BYTES
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "first_response-seed7.jsonl"


def edited(tmp_path, line_no: int, new_line: str | None = None, *, header=None):
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    if header is not None:
        head = json.loads(lines[0])
        head.update(header)
        lines[0] = json.dumps(head)
    if new_line is not None:
        lines[line_no - 1] = new_line
    path = tmp_path / "edited.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def first_record(tmp_path):
    return json.loads(GOLDEN.read_text(encoding="utf-8").splitlines()[1])


HOSTILE_LINES = {
    "a list, not a record": ("[1, 2, 3]", "is not a record"),
    "a number": ("42", "is not a record"),
    "null": ("null", "is not a record"),
    "no action": ('{"n": 1, "events": []}', "has no action"),
    "an unknown action kind": ('{"n": 1, "action": {"kind": "launch_missiles"}, "events": []}', "unknown action"),
    "an action with extra fields": ('{"n": 1, "action": {"kind": "pass", "seat": "SG", "x": 1}, "events": []}',
                                    "malformed"),
    "out of order": ('{"n": 7, "action": {"kind": "pass", "seat": "SG"}, "events": []}', "out of order"),
    "events not a list": ('{"n": 1, "action": {"kind": "pass", "seat": "SG"}, "events": "x"}', "events"),
    "deep nesting": ("[" * 100000 + "]" * 100000, "damaged"),
}


@pytest.mark.parametrize("command", ["replay", "report"])
@pytest.mark.parametrize("name", list(HOSTILE_LINES))
def test_each_hostile_save_line_is_a_one_line_error_with_status_1(tmp_path, capsys, command, name):
    line, words = HOSTILE_LINES[name]
    path = edited(tmp_path, 2, line)
    assert cli.main([command, str(path)]) == 1
    out = capsys.readouterr()
    said = [x for x in out.err.splitlines() if x.strip() and not x.startswith("note:")]
    assert len(said) == 1 and "Traceback" not in out.err + out.out, out.err
    assert f"{path}:2: " in said[0] and words in said[0]


@pytest.mark.parametrize("header,words", [({"seed": None}, "seed is null"), ({"seed": "seven"}, "seed is \"seven\""),
                                          ({"turns": "many"}, "turns"), ({"seats": [1]}, "seats")])
def test_a_hostile_save_header_is_a_one_line_error(tmp_path, capsys, header, words):
    path = edited(tmp_path, 1, header=header)
    assert cli.main(["replay", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{path}:1: " in err[0] and words in err[0]


def test_a_legal_looking_move_by_nobody_is_refused_in_one_line(tmp_path, capsys):
    rec = first_record(tmp_path)
    rec["action"]["seat"] = None
    path = edited(tmp_path, 2, json.dumps(rec))
    assert cli.main(["replay", str(path)]) == 1
    err = [x for x in capsys.readouterr().err.strip().splitlines() if not x.startswith("note:")]
    assert len(err) == 1 and f"{path}:2: record 1" in err[0]


def test_a_tampered_move_deep_in_a_save_names_its_line(tmp_path, capsys):
    """A move that parses but does not replay (its recorded events edited) is named by the line
    it sits on, counting the notes between moves, so an instructor can open the file there."""
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    lines.insert(3, json.dumps({"meta": {"seats": {}}}))  # a note between moves 2 and 3
    rec = json.loads(lines[9])
    rec["events"] = [{"kind": "nothing_happened"}]
    lines[9] = json.dumps(rec)
    path = tmp_path / "tampered.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli.main(["replay", "--verify", str(path)]) == 1
    err = [x for x in capsys.readouterr().err.strip().splitlines() if not x.startswith("note:")]
    assert len(err) == 1 and f"{path}:10: record {rec['n']} " in err[0], err


def test_a_save_over_the_size_cap_is_refused_unread(tmp_path, capsys):
    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as fh:
        fh.truncate(MAX_SAVE_BYTES + 1)  # sparse: no disk used
    assert cli.main(["report", str(path)]) == 1
    err = capsys.readouterr().err
    assert "saves are limited to 50 MB" in err and len(err.strip().splitlines()) == 1


def test_plain_continue_says_a_damaged_save_was_set_aside_and_where(crisis, tmp_path):
    save = tmp_path / "first_response-SG.jsonl"
    save.write_text(GOLDEN.read_text(encoding="utf-8").splitlines()[0] + "\n[1]\n{}\n", encoding="utf-8")
    said = []

    def eof(prompt=""):
        raise EOFError
    args = types.SimpleNamespace(scenario=str(ROOT / "scenarios" / "first_response.yaml"), seat="SG", seed=7,
                                 save_dir=str(tmp_path))
    assert lineplay.play(args, inp=eof, out=said.append) == 0
    aside = tmp_path / "first_response-SG.jsonl.damaged"
    assert aside.exists() and any(f"kept as {aside}" in s for s in said), said


async def test_the_start_screen_says_a_damaged_save_was_set_aside_and_where(tmp_path):
    from tests.tui.harness import notifications
    from game.tui.app import Options, make_app
    (tmp_path / "broken.jsonl").write_text(GOLDEN.read_text(encoding="utf-8").splitlines()[0] + "\n42\n{}\n",
                                           encoding="utf-8")
    app = make_app(Options(save_dir=str(tmp_path)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        said = notifications(app)
        assert any("set aside" in s and str(tmp_path / "broken.jsonl.damaged") in s for s in said), said
    assert (tmp_path / "broken.jsonl.damaged").exists()
