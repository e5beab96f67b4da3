"""A few dozen seeded games of every shipped scenario (bench/force_generation.py plays 500): no
operation with nothing pledged ever succeeds, or is even adjudicated."""
import importlib.util

import pytest

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("force_generation_bench", ROOT / "bench" / "force_generation.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


@pytest.mark.parametrize("path", sorted((ROOT / "scenarios").glob("*.yaml")), ids=lambda p: p.stem)
def test_zero_pledges_never_launch_in_seeded_games(path):
    """6. Nothing pledged means nothing launched."""
    from game.scenario.loader import load_scenario
    crisis = load_scenario(path)
    games = [bench.game_figures(crisis, seed) for seed in range(24)]
    summary = bench.summarise(games)
    assert summary["zero_pledge_successes"] == 0
    assert all(n > 0 and cov > 0 for g in games for cov, _ok, n in g["adjudications"])
    assert summary["activated"] > 0  # operations do launch once resourced (the rule is not "never")
