"""`after:` triggers and `all_of` requirements in play: when an inject that follows another fires,
and what an indispensable resource left unpledged does to an operation."""
from pathlib import Path

import pytest

from game.core import actions as A
from game.core import engine
from game.core import events as ev
from game.players.simulate import play_out
from game.scenario.loader import load_scenario
from tests.helpers import act, through_consultation

MINIMAL = (Path(__file__).resolve().parents[1] / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
WC = A.WHITE_CELL


def scenario(tmp_path, replace: dict[str, str], turns: int = 3):
    text = MINIMAL.replace("length: {turns: 3, minutes: 10}", f"length: {{turns: {turns}, minutes: 10}}")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


FOLLOWERS = {
    "injects:\n": """injects:
  same_turn:                       # listed before the inject it follows: still fires in its step
    title: Same turn
    after: {inject: attack, delay: 0}
    text: Right after the attack.
  next_turn:
    title: Next turn
    after: attack
    text: A turn after the attack.
  two_later:
    title: Two turns later
    after: {inject: attack, delay: 2}
    text: Two turns after the attack.
  chained:
    title: Chained
    after: next_turn
    text: A turn after the next-turn inject.
""",
}


def fired_turns(state) -> dict[str, int]:
    return dict(zip(state.fired, state.fired_turns))


def test_an_inject_fires_the_given_number_of_turns_after_the_one_it_follows(tmp_path):
    crisis = scenario(tmp_path, FOLLOWERS, turns=4)
    for seed in (1, 2):
        final = play_out(crisis, seed)
        turns = fired_turns(final)
        assert turns["attack"] == 1
        assert turns["same_turn"] == 1 and turns["next_turn"] == 2 and turns["two_later"] == 3
        assert turns["chained"] == 3


def test_a_follower_fires_in_the_same_inject_step_after_what_it_follows(tmp_path):
    crisis = scenario(tmp_path, FOLLOWERS)
    step = engine.new_game(crisis, 1)
    titles = [e.title for e in step.events if isinstance(e, ev.Inject)]
    assert titles == ["The attack", "Same turn"]  # the one followed first, whatever the file's order


def test_after_counts_from_the_turn_the_white_cell_released_it(tmp_path):
    crisis = scenario(tmp_path, {"    turn: 1\n    text: Power fails": "    turn: 3\n    text: Power fails",
                                 **FOLLOWERS})
    state = engine.new_game(crisis, 1).state
    assert "attack" not in state.fired
    state = act(crisis, state, A.ReleaseInject(WC, "attack"))  # released early, in turn 1
    assert fired_turns(state)["attack"] == 1 and "same_turn" not in state.fired  # the step has passed
    while state.turn < 2:
        state = act(crisis, state, A.Pass(engine.acting_seats(crisis, state)[0]))
    turns = fired_turns(state)
    assert turns["next_turn"] == 2 and turns["same_turn"] == 2  # at the next inject step
    assert "two_later" not in state.fired


def test_a_held_inject_holds_back_what_follows_it(tmp_path):
    crisis = scenario(tmp_path, {"    turn: 1\n    text: Power fails": "    turn: 2\n    text: Power fails",
                                 **FOLLOWERS})
    state = act(crisis, engine.new_game(crisis, 1).state, A.HoldInject(WC, "attack"))
    while state.phase != engine.Phase.OVER:
        state = act(crisis, state, A.Pass(engine.acting_seats(crisis, state)[0]))
    assert not {"attack", "same_turn", "next_turn", "two_later", "chained"} & set(state.fired)


def test_after_with_when_waits_for_both(tmp_path):
    crisis = scenario(tmp_path, {"injects:\n": """injects:
  strike:
    title: Strike
    after: attack
    when: "cohesion < 50"
    text: The unions strike once the Alliance looks divided.
"""})
    state = engine.new_game(crisis, 1).state
    while state.turn < 3:  # cohesion stays at 60 or so: no strike, though 'attack' fired on turn 1
        state = act(crisis, state, A.Pass(engine.acting_seats(crisis, state)[0]))
    assert "strike" not in state.fired
    state = act(crisis, engine.new_game(crisis, 1).state, A.AdHocInject(WC, "Leak", "A leak.", ("cohesion -= 30",)))
    while state.turn < 2:
        state = act(crisis, state, A.Pass(engine.acting_seats(crisis, state)[0]))
    assert fired_turns(state)["strike"] == 2


def test_lint_warns_when_the_delay_runs_past_the_last_turn(tmp_path):
    crisis = scenario(tmp_path, {"injects:\n": """injects:
  too_late:
    title: Too late
    after: {inject: attack, delay: 3}
    text: Never seen.
"""})
    warning = next(w for w in crisis.warnings if "too_late" in w.message)
    assert warning.message == ("inject 'too_late' can never fire: 'attack' fires on turn 1 at the earliest, and 3 "
                               "turn(s) later is turn 4, after the last turn (3)")
    assert (warning.line, warning.column) == (71, 12)


# --- all_of ------------------------------------------------------------------------------------

FULL_VALUE = {"    trust: 70\n": "    trust: 70\n    interoperability: 1.0\n"}  # Estonia's pledge counts in full
POOLED = {**FULL_VALUE, "    requires: {cyber: 2}\n": "    requires: {cyber: 2, logistics: 1}\n"}
EACH = {**FULL_VALUE, "    requires: {cyber: 2}\n": "    requires: {cyber: 2, all_of: {logistics: 1}}\n"}


def adjudicated(crisis, seed: int = 1):
    """Cyber support tabled in Finland and agreed; Estonia pledges its cyber teams, nobody pledges
    logistics; the turn ends. The operation's Adjudication event and the turn's events."""
    state = through_consultation(crisis, engine.new_game(crisis, seed).state)
    state = act(crisis, state, A.Table("SG", "cyber_help", "host_consent", "FIN"))
    events = []
    while state.turn == 1:
        seat = engine.acting_seats(crisis, state)[0]
        legal = engine.legal_actions(crisis, state, seat)
        if A.Consent(seat) in legal:
            action = A.Consent(seat)
        elif A.Support(seat) in legal:
            action = A.Support(seat)
        elif seat == "EST" and state.phase == engine.Phase.FORCE_GENERATION and \
                not any(a == "EST" for op in state.operations for a, _, _ in op.pledges):
            action = A.Pledge("EST", state.operations[0].number, "cyber", 2)
        else:
            action = A.Pass(seat)
        step = engine.apply(crisis, state, action)
        state, events = step.state, events + list(step.events)
    return next((e for e in events if isinstance(e, ev.Adjudication)), None), events


def test_a_resource_left_unpledged_keeps_the_operation_in_planning(tmp_path):
    """Each resource is met by its own type: cyber teams do not make up for logistics nobody
    pledged, whether logistics is indispensable (all_of) or not: the operation stays in planning."""
    for name, change in (("pooled", POOLED), ("each", EACH)):
        (tmp_path / name).mkdir()
        adjudication, events = adjudicated(scenario(tmp_path / name, change))
        assert adjudication is None
        waiting = [e for e in events if isinstance(e, ev.AwaitingForces)]
        assert [(w.operation, w.coverage) for w in waiting] == [(1, 0.0)]


def test_all_of_adds_up_with_a_parameters_requirement(tmp_path):
    crisis = scenario(tmp_path, {
        "    requires: {cyber: 2}\n": """    requires: {cyber: 2}
    parameters:
      scale:
        label: Scale
        default: small
        values:
          small: {label: Small}
          large: {label: Large, requires: {cyber: 1, all_of: {logistics: 1}}}
""", "    caveats: [time_limit]\n": "    caveats: [time_limit]\n"})
    from game.core.procedure import requirement_of
    from game.core.state import Operation, Proposal
    opt = crisis.scenario.options["cyber_help"]
    assert dict(opt.requires) == {"cyber": 2} and not opt.requires.all_of
    proposal = Proposal("cyber_help", "host_consent", "FIN", (("scale", "large"),))
    need = requirement_of(crisis, Operation(1, "cyber_help", proposal, False, 1, 1, ()))
    assert dict(need) == {"cyber": 3, "logistics": 1} and need.all_of == {"logistics"}
