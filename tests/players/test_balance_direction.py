"""Balance warnings know which way a meter should go: one that ends at its good end (a severity
meter falling to 0) is the crisis going well; one pinned at its bad end is flagged, by its full
label."""
from game.players.simulate import balance_warnings, simulate
from tests.conftest import ROOT

MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
LABEL = "Severity of the grid crisis in the northern provinces"  # longer than any column would show


def _meter_warnings(tmp_path, good: str) -> list[str]:
    text = MINIMAL.replace("meters:\n", f"meters:\n  severity: {{label: {LABEL}, start: 20, good: {good}}}\n", 1)
    text += 'each_turn: ["severity -= 10"]\n'  # it falls to 0 in every game
    path = tmp_path / f"falls_{good}.yaml"
    path.write_text(text, encoding="utf-8")
    summary = simulate(path, 20)
    assert summary["meters_end_mean"]["severity"] == 0
    return [w for w in balance_warnings(summary) if "meter" in w and "severity" in w]


def test_a_counter_meter_falling_to_its_minimum_is_not_flagged(tmp_path):
    assert _meter_warnings(tmp_path, "low") == []


def test_a_meter_pinned_at_its_bad_end_is_flagged_by_its_full_label(tmp_path):
    assert _meter_warnings(tmp_path, "high") == [
        f"meter '{LABEL}' (severity) ends at its worst value in 100% of games: effects against it may be too strong"]
