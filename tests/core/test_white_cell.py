"""The facilitator's (White Cell's) actions: each is an action in the log."""
import pytest

from game.core import actions as A
from game.core import engine
from game.core import events as ev
from game.core.errors import IllegalActionError
from game.core.observation import observe
from tests.helpers import act

WC = A.WHITE_CELL


def test_hold_release_and_edit_an_inject(crisis):
    state = engine.new_game(crisis, 1).state
    assert "romania_intrusion" not in state.fired
    state = act(crisis, state, A.HoldInject(WC, "romania_intrusion"))
    while state.turn < 3:  # its turn (2) passes: held, it does not fire
        state = act(crisis, state, A.Pass(engine.acting_seats(crisis, state)[0]))
    assert "romania_intrusion" not in state.fired
    step = engine.apply(crisis, state, A.ReleaseInject(WC, "romania_intrusion", "Edited: two substations isolated."))
    assert "romania_intrusion" in step.state.fired
    assert any(isinstance(e, ev.Inject) and "Edited: two substations isolated." in e.text for e in step.events)
    assert any(isinstance(e, ev.Released) and e.data.get("edited") for e in step.events)


def test_adhoc_inject_applies_checked_effects(crisis):
    state = engine.new_game(crisis, 1).state
    step = engine.apply(crisis, state, A.AdHocInject(WC, "Storm", "A storm hits the grid.", ("severity += 5",)))
    assert step.state.meters["severity"] == state.meters["severity"] + 5
    with pytest.raises(IllegalActionError) as err:
        engine.apply(crisis, state, A.AdHocInject(WC, "Bad", "x", ("severty += 5",)))
    assert "unknown meter 'severty'" in err.value.reason and "did you mean 'severity'" in err.value.reason
    with pytest.raises(IllegalActionError):
        engine.apply(crisis, state, A.AdHocInject(WC, "Code", "x", ("__import__('os')",)))


def test_requests_for_information_are_answered_privately(crisis):
    state = engine.new_game(crisis, 1).state
    state = act(crisis, state, A.RequestInfo("HUN", "Is the malware attributed?"))
    number = state.requests[0][0]
    step = engine.apply(crisis, state, A.AnswerInfo(WC, number, "Not yet, publicly."))
    answer = next(e for e in step.events if isinstance(e, ev.InfoAnswered))
    assert answer.to == ("HUN",)
    assert answer.visible_to("HUN") and not answer.visible_to("ROU")
    assert not step.state.requests
    with pytest.raises(IllegalActionError):
        engine.apply(crisis, step.state, A.AnswerInfo(WC, number, "again"))
    with pytest.raises(IllegalActionError):
        engine.apply(crisis, state, A.RequestInfo(WC, "?"))


def test_timer_running_out_records_silence_as_the_rules_say(crisis):
    from tests.helpers import tabled
    state = act(crisis, tabled(crisis), A.Consent("MDA"))
    step = engine.apply(crisis, state, A.EndRound(WC, "timer"))
    assert step.state.decisions[-1].outcome == "adopted"  # silence by the deadline is assent
    assert "the timer ran out" in step.events[0].text


def test_the_white_cell_sees_everything_and_others_do_not(crisis):
    state = engine.new_game(crisis, 1).state
    wc = observe(crisis, state, WC)
    assert wc.crisis.scenario.actors["HUN"].red_lines
    assert not observe(crisis, state, "ROU").crisis.scenario.actors["HUN"].red_lines
