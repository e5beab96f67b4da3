"""Files from strangers: hostile ones are refused with a clear message, in bounded time and memory,
running nothing and writing nothing (the other refusals are pinned in test_loading_errors.py)."""
import time
import tracemalloc

import pytest

from game.core.errors import ScenarioError
from game.scenario.loader import load_scenario

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
