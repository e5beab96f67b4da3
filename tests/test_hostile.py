"""Files from strangers: hostile ones are refused with a clear message, in bounded time and memory,
running nothing and writing nothing (the other refusals are pinned in test_loading_errors.py)."""
import time
from pathlib import Path
import tracemalloc

import pytest

from game.core.errors import ScenarioError
from game.scenario.loader import load_scenario
from tests.conftest import ROOT

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))


def _refused(path, budget_s=2.0, budget_mb=64):
    before = {p.name for p in path.parent.iterdir()}
    tracemalloc.start()
    t0 = time.perf_counter()
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    seconds = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seconds < budget_s, f"took {seconds:.2f} s"
    assert peak < budget_mb * 2**20, f"peaked at {peak / 2**20:.0f} MB"
    assert {p.name for p in path.parent.iterdir()} == before, "loading wrote a file"
    problem = err.value.problems[0]
    assert problem.file and problem.line >= 1 and problem.message
    return problem


def test_alias_bomb_is_refused_before_it_expands(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    problem = _refused(path)
    assert "anchors and aliases" in problem.message or "anchors (&name)" in problem.message


def test_a_50_mb_file_is_refused_unread(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as fh:
        fh.write(b"# padding\n" * (5 * 2**20))
    problem = _refused(path)
    assert "limited to" in problem.message


def test_nesting_thousands_deep(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert "nesting" in _refused(path).message


@pytest.mark.parametrize("payload", [
    "!!python/object/apply:os.system ['touch PWNED']",
    "!!python/object/new:subprocess.Popen [['touch', 'PWNED']]",
    "!!python/name:os.system",
])
def test_python_tags_run_nothing(tmp_path, monkeypatch, payload):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "tag.yaml"
    path.write_text(f"format_version: 1\nid: {payload}\n", encoding="utf-8")
    assert "tags" in _refused(path).message
    assert not (tmp_path / "PWNED").exists()


def test_binary_junk_and_other_encodings(tmp_path):
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(bytes(range(256)) * 64)
    assert "binary" in _refused(junk).message
    latin = tmp_path / "latin1.yaml"
    latin.write_bytes("format_version: 1\ntitle: Bălți\n".encode("latin-1", errors="replace") + b"\xe9\xff\n")
    assert "UTF-8" in _refused(latin).message


def test_a_folder_given_as_a_file(tmp_path):
    folder = tmp_path / "looks_like.yaml"
    folder.mkdir()
    assert "folder" in _refused(folder).message


def test_a_quote_inside_prose_is_not_blamed_for_a_later_mistake(tmp_path):
    """A `|` block may hold an unbalanced quote; a syntax error further down is not reported there."""
    path = tmp_path / "prose.yaml"
    path.write_text('format_version: 1\nsituation: |\n  Night falls, "self-defence\n  units gather.\n'
                    'title: x\n  bad: indent\n', encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert err.value.problems[0].line >= 5, err.value.problems[0]


# -- validate: what reaches it from a stranger is refused in one line each, fast -------------------

def _validate(capsys, *paths):
    from game.cli import main
    status = main(["validate", *map(str, paths)])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return status, out.out.splitlines()


def test_a_list_at_the_root_is_a_one_line_error(tmp_path, capsys):
    path = tmp_path / "list.yaml"
    path.write_text("- format_version: 1\n- id: x\n", encoding="utf-8")
    status, lines = _validate(capsys, path)
    assert status == 1 and lines[0].endswith("list.yaml:1:1: a scenario file must be a mapping of keys "
                                             "(format_version, id, ...)")


def test_a_folder_named_like_a_scenario_does_not_pass_as_zero_files_checked(tmp_path, capsys):
    (tmp_path / "x.yaml").mkdir()
    status, lines = _validate(capsys, tmp_path / "x.yaml")
    assert status == 1 and "a folder with no scenario files" in lines[0]


def test_a_million_item_list_is_refused_at_the_node_limit(tmp_path):
    """A file of a million `1,` took 22 s and 673 MB, parsed three times; now the node count refuses
    it while composing (in ~0.4 s; not under tracemalloc, which makes each node ten times dearer)."""
    path = tmp_path / "million.yaml"
    path.write_text("a: [" + "1," * 1_000_000 + "1]\n", encoding="utf-8")
    t0 = time.perf_counter()
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert time.perf_counter() - t0 < 5, "refused only after building the nodes"
    problem = err.value.problems[0]
    assert "more than 100,000 values" in problem.message and problem.line == 1


def test_validate_parses_each_file_once(tmp_path, capsys, monkeypatch):
    from game.scenario import loader, yaml_source
    seen = []
    real = yaml_source.compose_file

    def counting(path, display=None):
        seen.append(Path(path).name)
        return real(path, display)
    monkeypatch.setattr(yaml_source, "compose_file", counting)
    monkeypatch.setattr(loader, "compose_file", counting)
    status, _ = _validate(capsys, ROOT / "scenarios" / "first_response.yaml")
    assert status == 0 and sorted(seen) == sorted(set(seen)) and "first_response.yaml" in seen, seen


@pytest.mark.parametrize("escape,name", [("\\e]52;c;SGVsbG8=\\a", "U+001B"), ("\\e[2J\\e[H", "U+001B"),
                                        ("ding\\a", "U+0007"), ("\\x9b31m", "U+009B"), ("over\\rwrite", "U+000D"),
                                        ("back\\bspace", "U+0008")])
def test_escape_codes_written_as_yaml_escapes_are_refused_where_they_are(tmp_path, escape, name):
    path = tmp_path / "esc.yaml"
    path.write_text(f'format_version: 1\nid: esc\n\ntitle: "A {escape} title"\n', encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    problem = err.value.problems[0]
    assert (problem.line, problem.column) == (4, 8) and name in problem.message


def test_a_raw_escape_code_is_refused_at_its_line_not_at_1_1(tmp_path):
    path = tmp_path / "raw.yaml"
    path.write_bytes(b"format_version: 1\nid: raw\ntitle: clear \x1b[2J here\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    problem = err.value.problems[0]
    assert (problem.line, problem.column) == (3, 14) and "U+001B" in problem.message


def test_newlines_and_tabs_in_text_stay_allowed(tmp_path):
    from game.scenario.yaml_source import compose_text
    assert compose_text('a: "one\\ttwo\\nthree"\nb: |\n  prose\twith a tab\n', "ok.yaml") is not None
