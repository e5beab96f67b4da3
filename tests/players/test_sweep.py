"""`sweep`: a grid of scenario variants, many seeded games in each, on local processes or a Dask
cluster, with identical tables wherever the games ran."""
import json
import os
import subprocess
import sys

import pytest

from game.players import sweep as sw
from game.players.simulate import simulate
from game.scenario.variants import VaryError, parse_values, parse_vary, variants
from tests.conftest import ROOT

SCENARIO = ROOT / "scenarios" / "first_response.yaml"
GRID = ["difficulty=0..1", "profile.HUN.flexibility=0.2,0.8"]


def test_values_are_read_as_an_author_writes_them():
    assert parse_values("1..4", "difficulty") == (1, 2, 3, 4)
    assert parse_values("0.2..0.8/0.3", "k") == (0.2, 0.5, 0.8)
    assert parse_values("2, 3,5", "rounds") == (2, 3, 5)
    assert parse_values("true,false", "k") == (True, False)
    for bad in ("4..1", "0.2..0.8", "", "1,,2"):
        with pytest.raises(VaryError):
            parse_values(bad, "k")


@pytest.mark.parametrize("spec, says", [
    ("dificulty=1..2", "did you mean 'difficulty'"),
    ("profile.HUNN.flexibility=0.5", "no actor 'HUNN' in the scenario — did you mean 'HUN'?"),
    ("profile.HUN.flexibilty=0.5", "'flexibilty' is not a key of a computer player's profile — did you mean "
                                   "'flexibility'?"),
    ("profile.HUN.stance=1", "a stance is on a stake: profile.HUN.stance.STAKE"),
    ("profile.HUN.flexibility=0.5,2", "profile.HUN.flexibility=2: 2 is out of range: must be between 0 and 1"),
    ("options.cyber_suport.difficulty=5", "the scenario has no 'options.cyber_suport'"),
    ("rounds", "write KEY=VALUES"),
])
def test_a_vary_that_cannot_apply_says_which_and_why(spec, says):
    with pytest.raises(VaryError) as err:
        variants(SCENARIO, [parse_vary(spec)])
    assert says in str(err.value)


def test_each_cell_is_the_scenario_with_its_values():
    cells = variants(SCENARIO, [parse_vary("difficulty=2"), parse_vary("rounds=4"),
                                parse_vary("profile.HUN.stance.escalation=-3"), parse_vary("turns=3")])
    (cell,) = cells
    plain = variants(SCENARIO, [])[0].crisis
    crisis = cell.crisis
    assert cell.values == {"difficulty": 2, "rounds": 4, "profile.HUN.stance.escalation": -3, "turns": 3}
    for oid, opt in crisis.scenario.options.items():
        assert opt.difficulty == plain.scenario.options[oid].difficulty + 2
    assert crisis.rules.procedure.negotiation_rounds == 4
    assert crisis.scenario.actors["HUN"].interests["escalation"] == -3
    assert crisis.scenario.actors["HUN"].bot == plain.scenario.actors["HUN"].bot  # the rest of its profile kept
    assert crisis.scenario.length.turns == 3


def test_a_cell_gives_the_figures_simulate_gives_for_that_scenario():
    result = sw.sweep(SCENARIO, [], 30)
    alone = simulate(SCENARIO, 30)
    (cell,) = result["cells"]
    assert cell["outcomes"] == alone["outcomes"] and cell["scores_mean"] == alone["scores_mean"]


def _without_timing(result: dict) -> dict:
    return {k: v for k, v in result.items() if k != "timing"}


def test_a_2x2_sweep_gives_the_same_table_in_one_process_in_two_and_on_a_dask_cluster(monkeypatch):
    varies = [parse_vary(v) for v in GRID]
    one = sw.sweep(SCENARIO, varies, 24, seed=3, jobs=1)  # each cell one batch of 24 games
    monkeypatch.setattr(sw, "BATCH_MIN", 1)  # from here: batches of 3 (2 processes) and of 1 (Dask)
    two = sw.sweep(SCENARIO, varies, 24, seed=3, jobs=2)
    assert len(one["cells"]) == 4 and _without_timing(one) == _without_timing(two)
    assert sw.format_table(one) == sw.format_table(two)
    # the cells differ: the study measures something
    assert len({json.dumps(c["outcomes"]) + json.dumps(c["scores_mean"]) for c in one["cells"]}) > 1
    if os.environ.get("CONSENSUS_REQUIRE_DASK") != "1":
        pytest.importorskip("distributed", reason="the cluster extra is not installed (pip install -e "
                                                  "'.[cluster]'): the Dask half of this test is skipped")
    from distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = sw.sweep(SCENARIO, varies, 24, seed=3, dask=cluster.scheduler_address)
    assert on_dask["timing"]["where"].startswith("Dask cluster at ")
    assert _without_timing(on_dask) == _without_timing(one)
    assert sw.format_table(on_dask) == sw.format_table(one)


def test_the_table_names_every_cell_ending_and_seat_in_full():
    result = sw.sweep(SCENARIO, [parse_vary("rounds=2,3")], 10)
    text = sw.format_table(result)
    assert "first_response: sweep of 2 cell(s), 10 runs each from seed 0 (policy: default)" in text
    header = next(line for line in text.splitlines() if line.strip().startswith("rounds"))
    assert header.split()[1:] == [*result["ends"], "turn_limit"]
    assert "contained = " + result["ends"]["contained"]["title"] in text
    assert "MDA = Republic of Moldova" in text or "MDA = Moldova" in text
    rows = [line.split() for line in text.splitlines() if line.strip()[:1] in ("2", "3")]
    assert [r[0] for r in rows] == ["2", "3", "2", "3"]  # the outcome table, then the scores table


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "play.py", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=env)


def test_the_sweep_command_prints_the_table_and_refuses_a_bad_vary():
    r = _cli("sweep", SCENARIO, "--vary", "difficulty=0,2", "--runs", "8", "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert "Outcomes (share of games):" in r.stdout and "16 games in" in r.stderr
    bad = _cli("sweep", SCENARIO, "--vary", "profile.HUN.flexibilty=0.5")
    assert bad.returncode == 2 and "did you mean 'flexibility'" in bad.stderr and "Traceback" not in bad.stderr


def test_dask_without_the_extra_says_how_to_install_it(tmp_path):
    (tmp_path / "distributed.py").write_text("raise ImportError('not installed')\n")  # shadows the real one
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    r = _cli("sweep", SCENARIO, "--runs", "2", "--dask", "tcp://127.0.0.1:1", env=env)
    assert r.returncode == 2 and "pip install -e '.[cluster]'" in r.stderr and "Traceback" not in r.stderr
