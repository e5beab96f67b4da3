"""validate warns about what is legal but probably wrong, with file:line:column."""
from game.scenario.loader import load_scenario
from tests.conftest import ROOT

MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")


def _warnings(tmp_path, text):
    path = tmp_path / "lint.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(w) for w in load_scenario(path).warnings]


def test_shipped_scenarios_have_no_warnings():
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        assert not load_scenario(path).warnings, path.name


def test_lint_finds_what_cannot_happen(tmp_path):
    # an inject after the last turn, and a private text for nobody who plays
    text = MINIMAL.replace("injects:\n", "injects:\n  too_late:\n    title: Too late\n    turn: 99\n"
                           "    text: Never seen.\n    private:\n      - to: []\n        text: For nobody.\n", 1)
    warnings = _warnings(tmp_path, text)
    assert any("can never fire: turn 99 comes after the last turn" in w for w in warnings), warnings
    assert any("released to nobody who plays" in w for w in warnings), warnings
    assert all("lint.yaml:" in w for w in warnings)


def test_lint_finds_an_objective_nothing_can_reach(tmp_path):
    text = MINIMAL.replace("meters:\n", "meters:\n  morale: {label: Morale, start: 50}\n", 1)
    text = text.replace("objectives:\n", "objectives:\n  - {id: impossible, text: Morale above 60, "
                        "when: \"morale > 60\", points: 1}\n", 1)
    warnings = _warnings(tmp_path, text)
    assert any("objective 'impossible' (collective) can never be met: nothing in the scenario raises 'morale'"
               in w for w in warnings), warnings


def test_lint_finds_a_seat_that_can_only_pass(tmp_path):
    text = MINIMAL.replace("actors:\n", "actors:\n  IRL: {name: Ireland, kind: partner, programme: pfp}\n", 1)
    warnings = _warnings(tmp_path, text)
    assert any("seats with no resources" in w and "IRL" in w for w in warnings), warnings


def test_lint_reads_endings_and_collective_objectives_by_the_meters_direction(tmp_path):
    """A success when a `good: low` meter is high, or a failure when it is low, is most often a
    missing `good: low` or a comparison the wrong way round; one that agrees is not flagged."""
    text = MINIMAL.replace("meters:\n", "meters:\n  severity: {label: Severity of the grid crisis in the north, "
                           "start: 40, good: low}\n", 1)
    text = text.replace("end_conditions:\n", """end_conditions:
  wrong_way:
    title: Won
    text: Severity is high.
    when: "severity >= 80 and turn >= 2"
    verdict: success
  right_way:
    title: Contained
    text: Severity is low.
    when: "severity <= 10"
    verdict: success
  lost:
    title: Lost
    text: Severity is high.
    when: "severity >= 95"
    verdict: failure
""", 1)
    text = text.replace("objectives:\n", "objectives:\n  - {id: backwards, text: Severity high, "
                        "when: \"severity > 60\", points: 2}\n", 1)
    text = text.replace("each_turn", "each_turn") + 'each_turn: ["severity += 5", "severity -= 5"]\n'
    warnings = _warnings(tmp_path, text)
    direction = [w for w in warnings if "marked good: low" in w]
    assert len(direction) == 2, warnings
    assert any(w.endswith("end condition 'wrong_way' is a success when 'Severity of the grid crisis in the north' "
                          "(severity), marked good: low, is high: is the meter's `good` or the comparison the "
                          "wrong way round?") for w in direction), direction
    assert any("collective objective 'backwards' scores when" in w for w in direction), direction
    wrong_way_line = text.splitlines().index('    when: "severity >= 80 and turn >= 2"') + 1
    assert any(f"lint.yaml:{wrong_way_line}:11: warning: end condition 'wrong_way'" in w for w in direction)
