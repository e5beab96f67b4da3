"""A single-line mistake in a shipped scenario is reported at that line (± 1), in plain words, with
no traceback; a mutant that still loads plays without error. (The long run is in bench/.)"""
import random
import re
import shutil

import pytest

from game.core.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.players.simulate import play_out
from tests.conftest import SCENARIOS

KEY = re.compile(r"^(\s*-?\s*)([A-Za-z_][A-Za-z0-9_]*)(:)")
IDENT = re.compile(r"\b([A-Z]{2,3}|[a-z]+_[a-z_]+)\b")


def mutate(lines: list[str], rnd: random.Random) -> tuple[int, str, list[str]] | None:
    """One single-line mistake of a kind users make: (0-based line, kind, new lines)."""
    candidates = [i for i, l in enumerate(lines) if l.strip() and not l.lstrip().startswith("#")]
    i = rnd.choice(candidates)
    line = lines[i]
    kind = rnd.choice(["typo_key", "wrong_type", "break_ref", "stray_char", "bad_condition"])
    new = None
    if kind == "typo_key" and KEY.match(line):
        m = KEY.match(line)
        key = m.group(2)
        if len(key) > 3:
            j = rnd.randrange(1, len(key) - 1)
            new = line[:m.start(2)] + key[:j] + key[j + 1:] + line[m.end(2):]
    elif kind == "wrong_type" and re.search(r":\s+\d+\s*$", line):
        new = re.sub(r"(:\s+)\d+\s*$", r"\1lots", line)
    elif kind == "break_ref":
        ms = list(IDENT.finditer(line))
        if ms:
            m = rnd.choice(ms)
            new = line[:m.start()] + m.group(1) + "x" + line[m.end():]
    elif kind == "stray_char":
        j = rnd.randrange(0, len(line))
        new = line[:j] + rnd.choice(["@", "`", "\t", "{", "]"]) + line[j:]
    elif kind == "bad_condition" and ('when: "' in line or "\"severity" in line):
        new = line.replace(" >= ", " >== ", 1).replace(" <= ", " <== ", 1)
        if new == line:
            new = None
    if new is None or new == line:
        return None
    out = list(lines)
    out[i] = new
    return i, kind, out


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_single_line_mistakes_are_located(path, tmp_path):
    rnd = random.Random(2026)
    lines = path.read_text(encoding="utf-8").split("\n")
    target = tmp_path / path.name
    if (path.parent / "library").is_dir():
        shutil.copytree(path.parent / "library", tmp_path / "library")
    tried = located = loaded = 0
    misses = []
    while tried < 60:
        m = mutate(lines, rnd)
        if m is None:
            continue
        i, kind, new = m
        tried += 1
        target.write_text("\n".join(new), encoding="utf-8")
        try:
            crisis = load_scenario(target)
        except ScenarioError as exc:
            here = [p for p in exc.problems if p.file.endswith(path.name)]
            if any(abs(p.line - (i + 1)) <= 1 for p in here):
                located += 1
            else:
                misses.append(f"line {i + 1} ({kind}): {new[i].strip()!r} -> {exc.problems[0]}")
            continue
        loaded += 1
        play_out(crisis, seed=i)  # what loads must play: no KeyError mid-game
    assert located >= 0.95 * (tried - loaded), "\n".join(misses)
