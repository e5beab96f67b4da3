"""The after-action review marks a resource an option needs under `all_of` as indispensable."""
from game.core import engine
from game.players import POLICIES, choose_for
from game.review import report
from game.scenario.loader import load_scenario
from tests.conftest import ROOT


def _played(crisis, seed):
    step = engine.new_game(crisis, seed)
    state, events = step.state, list(step.events)
    while not engine.is_over(state):
        seat = engine.acting_seats(crisis, state)[0]
        action, _why = choose_for(crisis, state, seat, POLICIES["default"])
        step = engine.apply(crisis, state, action)
        state, events = step.state, events + list(step.events)
    return state, events


def test_the_review_marks_an_all_of_resource_as_indispensable():
    crisis = load_scenario(ROOT / "scenarios" / "ici_energy.yaml")  # terminal_defence: all_of air defence, lift
    assert crisis.scenario.options["terminal_defence"].requires.all_of == {"air_defence", "logistics"}
    for seed in range(30):
        state, events = _played(crisis, seed)
        if any(op.option == "terminal_defence" for op in state.operations):
            break
    else:
        raise AssertionError("terminal_defence was adopted in none of 30 games")
    md = report.to_markdown(report.build(crisis, state, events, "WHITE_CELL"))
    air, lift = crisis.rules.resources.get("air_defence") or crisis.scenario.resources["air_defence"], \
        crisis.rules.resources["logistics"]
    assert f"{air.label} (indispensable)" in md and f"{lift.label} (indispensable)" in md
    assert "Intelligence (indispensable)" not in md  # resources counted together are not marked
