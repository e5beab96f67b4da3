"""Force generation, one test per fact an instructor would check (diplomacy's DATC style): each
named after the fact it encodes and quoting, in its docstring, the sentence of DESIGN.md's step 6
(or step 5, for partners and organisations) that states it. The engine's refusals quote the same
sentences (game.core.procedure)."""
import attrs
import pytest

from game.core import actions as A
from game.core import adjudication, engine, resourcing
from game.core import events as ev
from game.core.model.types import Requirement
from game.core.procedure import R_INVITE, R_SHORTFALL
from game.core.state import Phase
from tests.helpers import act, round_with, tabled

CONSENT = {"MDA": A.Consent("MDA")}


def with_option(crisis, oid, **changes):
    """The scenario with one option changed (its requirement, say)."""
    opts = dict(crisis.scenario.options)
    opts[oid] = attrs.evolve(opts[oid], **changes)
    return attrs.evolve(crisis, scenario=attrs.evolve(crisis.scenario, options=opts))


def planning(crisis, option="cyber_support", host="MDA"):
    """`option` tabled and adopted by consensus; the chair tables nothing more: force generation."""
    params = tuple((n, x.default) for n, x in crisis.scenario.options[option].parameters.items())
    state = round_with(crisis, tabled(crisis, option=option, host=host, params=params),
                       CONSENT if host == "MDA" else {})
    if state.phase == Phase.PROPOSAL:
        state = act(crisis, state, A.Pass(crisis.scenario.chair))
    assert state.phase == Phase.FORCE_GENERATION and state.operations[-1].status == "planning"
    return state


def close_turn(crisis, state):
    """Every seat still asked says it is done: the conference closes and the turn ends. The state
    and the events of the close."""
    turn, events = state.turn, []
    while state.turn == turn and not engine.is_over(state):
        step = engine.apply(crisis, state, A.Pass(engine.acting_seats(crisis, state)[0]))
        state, events = step.state, events + list(step.events)
    return state, events


def to_force_generation(crisis, state):
    """Pass through consultation and proposal to the next force-generation conference."""
    while state.phase != Phase.FORCE_GENERATION:
        state = act(crisis, state, A.Pass(engine.acting_seats(crisis, state)[0]))
    return state


def test_an_adopted_decision_authorises_planning_and_zero_pledges_never_launch(crisis):
    """6. An adopted decision authorises planning ... nothing pledged means nothing launched."""
    state = planning(crisis)
    refusal = engine.legal_actions(crisis, state, "SG").why_not(A.AcceptShortfall("SG", 1))
    assert refusal.rule == R_SHORTFALL and "nothing pledged means nothing launched" in refusal.reason
    for _ in range(2):  # turn after turn, with nothing pledged it stays in planning
        state, events = close_turn(crisis, state)
        if engine.is_over(state):
            break
        state = to_force_generation(crisis, state)
        assert not any(isinstance(e, ev.Adjudication) for e in events)
        assert any(isinstance(e, ev.AwaitingForces) and e.operation == 1 for e in events)
    op = state.operations[0]
    assert op.status == "planning" and not op.results


def test_logistics_does_not_replace_forces(crisis):
    """6. Each resource type in a requirement is met by that type."""
    assert Requirement({"forces": 6, "logistics": 3}).share_met({"forces": 0.0, "logistics": 1.0}) == 0.0
    assert Requirement({"forces": 6, "logistics": 3}).share_met({"forces": 0.5, "logistics": 1.0}) == 0.5
    state = planning(crisis, option="reinforce_romania", host="ROU")
    state = act(crisis, state, A.Pledge("USA", 1, "logistics", 3))
    share, per = resourcing.coverage(crisis, state.operations[0])
    assert share == 0.0 and per == {"forces": 0.0, "logistics": pytest.approx(0.95)}
    refusal = engine.legal_actions(crisis, state, "SG").why_not(A.AcceptShortfall("SG", 1))
    assert "nothing is pledged of deployable forces" in refusal.reason
    state, events = close_turn(crisis, state)
    assert state.operations[0].status == "planning" and not state.operations[0].results


def test_the_council_may_accept_a_shortfall_and_the_operation_runs_weakened(crisis):
    """6. The operation activates when its requirements are met or the Council accepts the
    shortfall ... partial pledges weaken the result."""
    state = planning(crisis)
    state = act(crisis, state, A.Pledge("USA", 1, "cyber", 2))
    state = act(crisis, state, A.Pledge("USA", 1, "intel", 2))
    assert A.AcceptShortfall("SG", 1) in engine.legal_actions(crisis, state, "SG")
    step = engine.apply(crisis, state, A.AcceptShortfall("SG", 1))
    assert "accepts, for the Council, that operation 1 runs short" in step.events[0].words()
    state, events = close_turn(crisis, step.state)
    activated = next(e for e in events if isinstance(e, ev.OperationActivated))
    assert activated.accepted and activated.coverage == pytest.approx(0.475)
    adj = next(e for e in events if isinstance(e, ev.Adjudication))
    assert adj.modifiers["commitment"] < 0
    assert f"requirements 48 % met: \u2212{-adj.modifiers['commitment']:g}" in adj.words()


def test_the_council_accepts_no_shortfall_in_an_all_of_resource(crisis):
    """6. all_of: a resource the option marks indispensable is never accepted short."""
    crisis = with_option(crisis, "cyber_support", requires=Requirement({"cyber": 4, "intel": 2}, all_of=["cyber"]))
    state = planning(crisis)
    state = act(crisis, state, A.Pledge("USA", 1, "cyber", 2))
    state = act(crisis, state, A.Pledge("USA", 1, "intel", 2))
    refusal = engine.legal_actions(crisis, state, "SG").why_not(A.AcceptShortfall("SG", 1))
    assert refusal.rule == R_SHORTFALL
    assert refusal.reason == ("cyber teams are indispensable to Cyber rapid-reaction support to Moldova "
                              "(operation 1) (all_of): the Council accepts no shortfall in them (2 of 4 cyber teams "
                              "pledged)")
    state = act(crisis, state, A.Pledge("DEU", 1, "cyber", 2))  # now all four teams are pledged
    assert A.AcceptShortfall("SG", 1) in engine.legal_actions(crisis, state, "SG")


def test_a_later_turn_fills_a_shortfall_and_the_operation_activates(crisis):
    """6. The operation activates when its requirements are met; later turns can fill a shortfall."""
    state = planning(crisis)
    state = act(crisis, state, A.Pledge("USA", 1, "cyber", 3))
    state = act(crisis, state, A.Pledge("USA", 1, "intel", 2))
    state, events = close_turn(crisis, state)
    assert state.operations[0].status == "planning" and state.operations[0].pledges  # the pledges stand
    state = to_force_generation(crisis, state)
    assert "DEU" in engine.acting_seats(crisis, state)  # the conference asks again
    state = act(crisis, state, A.Pledge("DEU", 1, "cyber", 2))
    state = act(crisis, state, A.Pledge("DEU", 1, "intel", 1))  # interoperability: 2 × 0.95 is short of 2
    state, events = close_turn(crisis, state)
    activated = next(e for e in events if isinstance(e, ev.OperationActivated))
    assert activated.operation == 1 and not activated.accepted
    assert "activates: its requirements are met" in activated.words()
    assert state.operations[0].results[0][0] == 2  # adjudicated from the turn it activated


def test_an_organisation_cannot_pledge_to_a_nato_operation(crisis):
    """5. International organisations act through their own channels."""
    state = planning(crisis, option="resilience_package")
    legal = engine.legal_actions(crisis, state, "EU")
    refusal = legal.why_not(A.Pledge("EU", 1, "funds", 2))
    assert refusal.rule == R_INVITE and "international organisation" in refusal.reason
    assert not any(isinstance(m, A.Pledge) for m in legal)
    assert engine.legal_actions(crisis, state, "SG").why_not(A.Invite("SG", "EU", 1)).rule == R_INVITE


def test_an_uninvited_partner_cannot_pledge_an_invited_one_can(crisis):
    """5. Partners ... offer access, intelligence and forces: they contribute when the Council invites them."""
    state = planning(crisis)
    assert engine.legal_actions(crisis, state, "UKR").why_not(A.Pledge("UKR", 1, "intel", 1)).rule == R_INVITE
    assert A.Pledge("MDA", 1, "cyber", 1) not in engine.legal_actions(crisis, state, "MDA")  # it holds no cyber
    invite = A.Invite("SG", "UKR", 1)
    assert invite in engine.legal_actions(crisis, state, "SG")
    assert engine.legal_actions(crisis, state, "USA").why_not(A.Invite("USA", "UKR", 1)) is not None  # the chair's
    step = engine.apply(crisis, state, invite)
    assert "invites Ukraine to contribute to operation 1" in step.events[0].words()
    assert A.Pledge("UKR", 1, "intel", 1) in engine.legal_actions(crisis, step.state, "UKR")


def test_a_withdrawn_pledge_is_gone_and_logged(crisis):
    """6. Pledges stand until used or withdrawn."""
    state = planning(crisis)
    before = state.resources["USA"]["cyber"]
    state = act(crisis, state, A.Pledge("USA", 1, "cyber", 2))
    state, _ = close_turn(crisis, state)
    state = to_force_generation(crisis, state)
    assert state.operations[0].pledges == (("USA", "cyber", 2),)  # it stood over the turn
    step = engine.apply(crisis, state, A.WithdrawPledge("USA", 1, "cyber"))
    assert step.state.operations[0].pledges == ()
    assert step.state.resources["USA"]["cyber"] == before
    logged = [e for e in step.events if isinstance(e, ev.PledgeWithdrawn)]
    assert len(logged) == 1 and "withdraws its pledge of cyber teams from operation 1" in logged[0].words()
    assert engine.legal_actions(crisis, step.state, "USA").why_not(A.WithdrawPledge("USA", 1, "cyber")) is not None


def test_a_national_caveat_cuts_a_pledges_value(crisis):
    """6. Caveats limit use: a nation's own caveat makes its pledge worth less (unless the whole
    text already carries that caveat)."""
    actors = dict(crisis.scenario.actors)
    actors["DEU"] = attrs.evolve(actors["DEU"], caveats=("no_combat_role",))
    caveated = attrs.evolve(crisis, scenario=attrs.evolve(crisis.scenario, actors=actors))
    state = planning(caveated)
    op = state.operations[0]
    plain = adjudication.pledge_value(crisis, op, "DEU", 2)
    cut = adjudication.pledge_value(caveated, op, "DEU", 2)
    assert cut == pytest.approx(plain * caveated.rules.caveats["no_combat_role"].pledge_factor) and cut < plain
    on_text = attrs.evolve(op, proposal=attrs.evolve(op.proposal, caveats=("no_combat_role",)))
    assert adjudication.pledge_value(caveated, on_text, "DEU", 2) == plain
