"""The line-mode console (`play.py --plain`) speaks the scenario's words too: a whole game played
through it as the chair and as the host nation shows no id where the scenario gives a label (it
once listed "tables 'cyber_support' in MDA on the basis of host_consent")."""
from __future__ import annotations

import argparse
import re

import pytest

from game import lineplay
from tests.tui.test_words import leaks, scenario_ids


@pytest.mark.parametrize("seat", ["SG", "MDA"])
def test_a_whole_plain_game_shows_no_id(tmp_path, seat):
    from game.scenario.loader import load_scenario
    from tests.tui.harness import DEFAULT
    crisis = load_scenario(DEFAULT)
    lines: list[str] = []
    asked = []

    def answer(prompt: str) -> str:
        asked.append(prompt)
        return ""  # Enter: the first move listed

    args = argparse.Namespace(scenario=str(DEFAULT), seat=seat, seed=7, save_dir=str(tmp_path))
    assert lineplay.play(args, inp=answer, out=lambda text="": lines.append(str(text))) == 0
    shown = "\n".join(lines)
    assert asked and "Your score" in shown  # the seat was asked for its moves and the game ended
    snake = sorted(set(re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", shown)))  # a step's or rule's id ("force_generation")
    assert not snake, f"ids shown in the console: {snake}"
    found = leaks(shown, scenario_ids(crisis))
    assert not found, "ids shown in the console:\n" + "\n".join(found[:30])
