"""The commands as a user runs them: exit codes, output, and nothing lost on quitting."""
import json
import shutil
import subprocess
import sys

from tests.conftest import ROOT

BROKEN = ROOT / "tests" / "fixtures" / "broken"


def run(*args, stdin=""):
    return subprocess.run([sys.executable, "play.py", *map(str, args)], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_validate_shipped_scenarios_passes():
    r = run("validate", "scenarios")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 error(s)" in r.stdout


def test_validate_folder_reports_every_broken_file(tmp_path):
    for name in ("unknown_caveat", "out_of_range_trust"):
        shutil.copy(BROKEN / f"{name}.yaml", tmp_path / f"{name}.yaml")
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal.yaml", tmp_path / "good.yaml")
    r = run("validate", tmp_path)
    assert r.returncode == 1
    assert "unknown_caveat.yaml:54:15: unknown caveat 'time_limt'" in r.stdout
    assert "out_of_range_trust.yaml:26:12: 150 is out of range" in r.stdout
    assert "3 file(s) checked: 2 error(s)" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr


def test_validate_json_and_quiet():
    r = run("validate", "--json", BROKEN / "unknown_caveat.yaml")
    data = json.loads(r.stdout)
    assert r.returncode == 1
    errors = [p for p in data["problems"] if p["severity"] == "error"]
    assert len(errors) == 1 and errors[0]["line"] == 54 and errors[0]["column"] == 15
    q = run("validate", "-q", ROOT / "scenarios" / "first_response.yaml")
    assert q.returncode == 0 and q.stdout == ""


def test_validate_hostile_files_give_messages_not_tracebacks(tmp_path):
    (tmp_path / "binary.yaml").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "deep.yaml").write_text("[" * 5000 + "]" * 5000)
    r = run("validate", tmp_path / "binary.yaml", tmp_path / "deep.yaml", tmp_path / "missing.yaml")
    assert r.returncode == 1
    assert "binary file" in r.stdout and "nesting deeper than" in r.stdout and "file not found" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr


def test_line_play_saves_and_continues(tmp_path):
    """Quitting mid-game (end of input) loses nothing: the same command continues the game."""
    args = ("--scenario", ROOT / "scenarios" / "first_response.yaml", "--seat", "HUN", "--seed", "5",
            "--save-dir", tmp_path)
    first = run(*args, stdin="1\n1\n")
    assert first.returncode == 0, first.stderr
    assert "Saved. Run the same command again to continue." in first.stdout
    save = tmp_path / "first_response-HUN.jsonl"
    n_before = len(save.read_text().splitlines())
    second = run(*args, stdin="")
    assert "Continuing your unfinished game" in second.stdout
    assert len(save.read_text().splitlines()) >= n_before
    r = run("replay", save, "--verify")
    assert r.returncode == 0 and "verified" in r.stdout


def test_simulate_refuses_unknown_policy():
    r = run("simulate", ROOT / "scenarios" / "first_response.yaml", "--policy", "nope")
    assert r.returncode == 2 and "unknown policy" in r.stderr


def test_new_from_a_typed_title_validates_and_plays_50_games_to_the_end(tmp_path):
    """An author types a title as a person would: the id comes from its words, the words stay the
    title, and the file validates with no warning and plays to an ending in every game."""
    import jsonschema
    import yaml
    r = subprocess.run([sys.executable, str(ROOT / "play.py"), "new", "Test crisis"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "test_crisis.yaml"
    data = yaml.safe_load(out.read_text())
    assert data["id"] == "test_crisis" and data["title"] == "Test crisis"
    v = run("validate", out)
    assert v.returncode == 0 and "0 error(s), 0 warning(s)" in v.stdout, v.stdout
    sim = run("simulate", out, "--runs", "50", "--json")
    assert sim.returncode == 0, sim.stderr
    summary = json.loads(sim.stdout)
    assert summary["runs"] == 50 and sum(summary["outcomes"].values()) == 50
    assert summary["decisions"]["adopted_mean"] > 0  # the computer delegations agree on something
    schema = json.loads((ROOT / "docs" / "scenario.schema.json").read_text())
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert run("new", "Test crisis", "-o", out).returncode == 1  # never overwrites without --force


def test_schema_and_reference_commands_print_what_is_committed():
    assert run("schema").stdout == (ROOT / "docs" / "scenario.schema.json").read_text()
    assert run("reference").stdout == (ROOT / "docs" / "reference.md").read_text()


def _seminar_played_until_deu(crisis, game, folder):
    """A new seminar game (Germany played by people), the computer seats played until Germany must
    act: (codes, moves)."""
    from game.seminar import host
    store, codes, _ = host.open_or_create(crisis, game, folder=folder, new=True, seed=4, humans=["DEU"], turns=None)
    with store:
        room = host.Room(store, pace=0)
        while room.step():
            pass
        return codes, store.seq


def test_a_seminar_game_exports_as_a_save_that_replays_and_reports(crisis, tmp_path):
    codes, moves = _seminar_played_until_deu(crisis, tmp_path / "room.sqlite", tmp_path)
    assert moves > 0
    r = run("export", tmp_path / "room.sqlite", "-o", tmp_path / "room.jsonl")
    assert r.returncode == 0, r.stderr
    assert f"({moves} moves)" in r.stdout
    r = run("replay", tmp_path / "room.jsonl", "--verify")
    assert r.returncode == 0, r.stdout + r.stderr
    r = run("report", tmp_path / "room.jsonl")
    assert r.returncode == 0 and crisis.scenario.title in r.stdout


def test_join_refuses_a_missing_game_and_a_seminar_refuses_an_unknown_seat(tmp_path):
    r = run("join", "--game", tmp_path / "nowhere.sqlite", "--code", "AAAA-BBBB-CCCC")
    assert r.returncode == 1 and "no game database here" in (r.stdout + r.stderr)
    r = run("seminar", "scenarios/first_response.yaml", "--game", tmp_path / "g.sqlite", "--humans", "DEU,XYZ",
            "--host", "127.0.0.1", "--port", "0")
    assert r.returncode == 1 and "no seat XYZ" in r.stderr
    assert not (tmp_path / "g.sqlite").exists()


def test_a_seminar_on_a_port_in_use_says_so_and_makes_no_game(tmp_path):
    import socket
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        r = run("seminar", "scenarios/first_response.yaml", "--game", tmp_path / "g.sqlite", "--host", "127.0.0.1",
                "--port", busy.getsockname()[1])
    assert r.returncode == 1 and "choose another with --port" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "g.sqlite").exists()


def test_a_seminar_carries_on_when_its_scenario_file_was_broken_since(crisis, tmp_path):
    import socket
    from game.seminar import host
    from game.scenario.loader import load_scenario
    copy = tmp_path / "crisis.yaml"
    shutil.copy(ROOT / "scenarios" / "first_response.yaml", copy)
    shutil.copytree(ROOT / "scenarios" / "library", tmp_path / "library")
    folder = host.seminar_dir(tmp_path)
    codes, moves = _seminar_played_until_deu(load_scenario(copy), folder / "room.sqlite", folder)
    copy.write_text(copy.read_text().replace("actors:", "actors: [", 1))  # broken while the host was down
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "play.py", "seminar", str(copy), "--game", str(folder / "room.sqlite"),
                             "--host", "127.0.0.1", "--port", str(port), "--humans", "POL"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        seen = []
        for line in proc.stdout:
            seen.append(line)
            if "Ctrl+C" in line:
                break
    finally:
        proc.kill()
        proc.wait(timeout=10)
    out = "".join(seen)
    assert "has problems now" in out and "carries on with the version it started with" in out
    assert f"carried on at move {moves}" in out
    assert "--humans, --turns and --seed set up a new game" in out
    assert codes["DEU"] in out
