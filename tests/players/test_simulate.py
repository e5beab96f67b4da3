import json
import subprocess
import sys

from game.players.simulate import simulate
from tests.conftest import ROOT

DEFAULT = ROOT / "scenarios" / "first_response.yaml"


def test_same_seed_same_json_whatever_the_jobs():
    one = simulate(DEFAULT, 12, seed=7, jobs=1)
    two = simulate(DEFAULT, 12, seed=7, jobs=2)
    assert one == two
    assert sum(one["outcomes"].values()) == 12


def test_cli_json_has_the_promised_keys():
    out = subprocess.run([sys.executable, "play.py", "simulate", str(DEFAULT), "--runs", "5", "--seed", "3", "--json"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    for key in ("scenario", "runs", "seed", "outcomes"):
        assert key in data
    again = subprocess.run([sys.executable, "play.py", "simulate", str(DEFAULT), "--runs", "5", "--seed", "3", "--json"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out == again


def test_policies_give_different_spreads():
    """Decisions matter, not only dice: default play differs from both baselines."""
    runs = 40
    spreads = {p: simulate(DEFAULT, runs, seed=0, policy=p)["outcomes"] for p in
               ("default", "always-support", "chair-never-tables")}

    def tvd(a, b):
        return sum(abs(a[k] - b[k]) for k in a) / (2 * runs)
    assert tvd(spreads["default"], spreads["chair-never-tables"]) >= 0.2
    assert tvd(spreads["default"], spreads["always-support"]) >= 0.2


def test_quick_balance_of_every_shipped_scenario():
    """A quick version of bench/balance.py: every shipped crisis has more than one ending, and
    default play differs from both baselines (the full 1,000-run check is the bench script)."""
    from game.players.simulate import BASELINES, simulate, tvd
    from tests.conftest import SCENARIOS
    runs = 30
    for path in SCENARIOS:  # (the baselines only: each seat switched alone is the bench's, ~8x the games)
        s = simulate(path, runs, 0, 1, "default")
        ends = [k for k, v in s["outcomes"].items() if v]
        assert len(ends) >= 2, f"{path.name}: only {ends}"
        for name in BASELINES:
            far = tvd(s["outcomes"], simulate(path, runs, 0, 1, name)["outcomes"], runs)
            assert far >= 0.2, f"{path.name}: default play is too close to {name} ({far})"
