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
