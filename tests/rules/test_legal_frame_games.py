"""Seeded games of every shipped scenario, counted as bench/legal_frame.py counts them (that script
plays 500 a scenario and prints the figures; here fewer, to keep the suite quick)."""
import importlib.util

import pytest

from game.scenario.loader import load_scenario
from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("legal_frame", ROOT / "bench" / "legal_frame.py")
legal_frame = importlib.util.module_from_spec(spec)
spec.loader.exec_module(legal_frame)

SCENARIOS = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def counts():
    return {name: legal_frame.count(load_scenario(ROOT / "scenarios" / f"{name}.yaml"), 40) for name in SCENARIOS}


@pytest.mark.parametrize("name", SCENARIOS)
def test_no_article_5_without_an_attack_or_by_silence_no_deployment_against_consent_no_veto_legitimacy(
        counts, name):
    c = counts[name]
    assert {k: c[k] for k in legal_frame.MUST_BE_ZERO} == dict.fromkeys(legal_frame.MUST_BE_ZERO, 0)


def test_sovereignty_sensitive_hosts_refuse_outright_in_some_games(counts):
    assert sum(c["sensitive_outright"] for c in counts.values()) > 0


def test_article_5_is_invoked_where_an_ally_is_attacked_and_nowhere_else(counts):
    assert counts["frontline_hybrid"]["art5"] > 0
    assert counts["first_response"]["art5"] == counts["ici_energy"]["art5"] == counts["reference"]["art5"] == 0


def test_a_veto_is_a_live_risk_somewhere_and_resolutions_also_pass(counts):
    live = [n for n, c in counts.items() if c["vetoes"] and c["resolutions_adopted"]]
    assert live, {n: (c["vetoes"], c["resolutions_adopted"]) for n, c in counts.items()}
