"""National caveats overridden and contributions withdrawn (issue 17, item 3 (b)), one test per
fact, DATC style: "Partners that pledge forces join the planning of that operation and may
withdraw their contribution if their caveats are overridden." The refusals quote the rule
'caveats' (game.core.procedure.R_CAVEATS)."""
import attrs
import pytest

from game.core import actions as A
from game.core import engine, resourcing
from game.core import events as ev
from game.core.procedure import R_CAVEATS, R_CHAIR, R_INVITE, R_TURN
from game.core.state import Phase
from game.players import POLICIES, choose_for
from tests.helpers import act, round_with, tabled

SG = "SG"


def with_caveats(crisis, **caveats):
    """The scenario with these actors' national caveats (actor id -> caveat ids)."""
    actors = dict(crisis.scenario.actors)
    for actor, cavs in caveats.items():
        actors[actor] = attrs.evolve(actors[actor], caveats=tuple(cavs))
    return attrs.evolve(crisis, scenario=attrs.evolve(crisis.scenario, actors=actors))


def planning(crisis):
    """Cyber support to Moldova (4 cyber teams, 2 intelligence) adopted: force generation."""
    params = tuple((n, x.default) for n, x in crisis.scenario.options["cyber_support"].parameters.items())
    state = round_with(crisis, tabled(crisis, option="cyber_support", host="MDA", params=params),
                       {"MDA": A.Consent("MDA")})
    if state.phase == Phase.PROPOSAL:
        state = act(crisis, state, A.Pass(SG))
    assert state.phase == Phase.FORCE_GENERATION and state.operations[-1].status == "planning"
    return state


def pledged(crisis):
    """Germany, whose caveats (no combat role, time limit) cut its pledge to 63 %, and the United
    States pledge: 3.98 of the 4 cyber teams count, so the requirement is just short."""
    crisis = with_caveats(crisis, DEU=("no_combat_role", "time_limit"))
    state = planning(crisis)
    for move in (A.Pledge("USA", 1, "cyber", 3), A.Pledge("USA", 1, "intel", 2), A.Pledge("FRA", 1, "intel", 1),
                 A.Pledge("DEU", 1, "cyber", 2)):
        state = act(crisis, state, move)
    return crisis, state


def close_turn(crisis, state):
    turn, events = state.turn, []
    while state.turn == turn and not engine.is_over(state):
        step = engine.apply(crisis, state, A.Pass(engine.acting_seats(crisis, state)[0]))
        state, events = step.state, events + list(step.events)
    return state, events


def why(crisis, state, action):
    return engine.legal_actions(crisis, state, action.seat).why_not(action)


def test_an_overridden_contributors_pledge_counts_in_full_in_the_adjudication(crisis):
    """6. Caveats limit use: a national caveat cuts a pledge's value, unless the Council overrides
    it; the commitment factor of the adjudication then counts the pledge in full."""
    crisis, state = pledged(crisis)
    op = state.operations[0]
    assert resourcing.coverage(crisis, op)[0] == pytest.approx(0.996)
    # without the override: the Council accepts the shortfall, and the roll counts 99.6 %
    short = act(crisis, state, A.AcceptShortfall(SG, 1))
    _, events = close_turn(crisis, short)
    adj = next(e for e in events if isinstance(e, ev.Adjudication))
    assert adj.coverage == pytest.approx(0.996) and adj.modifiers["commitment"] == 0
    # with it: Germany's two teams count as 1.8 (its interoperability, no caveat cut), the
    # requirement is met, and the operation activates without a shortfall to accept
    step = engine.apply(crisis, state, A.OverrideCaveats(SG, 1, "DEU"))
    said = next(e for e in step.events if isinstance(e, ev.CaveatsOverridden))
    assert said.words() == ("NATO Secretary General overrides Germany's national caveats (no combat role, time "
                            "limit) on operation 1 (Cyber rapid-reaction support to Moldova), for the Council: its "
                            "pledges there count in full; Germany may withdraw its contribution")
    cost = next(e for e in step.events if isinstance(e, ev.MetersMoved))
    assert cost.why == "national caveats overridden" and cost.changes == {"cohesion": -1}  # the rules' cost
    assert resourcing.pledge_value(crisis, step.state.operations[0], "DEU", 2) == pytest.approx(1.8)
    _, events = close_turn(crisis, step.state)
    activated = next(e for e in events if isinstance(e, ev.OperationActivated))
    assert not activated.accepted and activated.coverage == 1.0
    adj = next(e for e in events if isinstance(e, ev.Adjudication))
    assert adj.coverage == 1.0 and adj.modifiers["commitment"] == 2


def test_only_a_contributor_whose_caveats_were_overridden_may_withdraw(crisis):
    """A contributor may withdraw its contribution if its caveats are overridden; the chair speaks
    for the Council, and pledges nothing."""
    crisis, state = pledged(crisis)
    refused = why(crisis, state, A.WithdrawContribution("DEU", 1))
    assert refused.rule == R_CAVEATS and "has not overridden Germany's national caveats" in refused.reason
    for move, words in ((A.OverrideCaveats("USA", 1, "DEU"), "the chair speaks for the Council"),
                        (A.OverrideCaveats("UKR", 1, "DEU"), "the chair overrides a contributor's national caveats"),
                        (A.OverrideCaveats(SG, 1, "USA"), "no national caveat that cuts its pledges"),
                        (A.OverrideCaveats(SG, 1, "HUN"), "has pledged nothing")):
        refused = why(crisis, state, move)
        assert refused.rule == R_CAVEATS and words in refused.reason, (move, refused)
    assert why(crisis, state, A.WithdrawContribution(SG, 1)).rule == R_CHAIR
    assert [m for m in engine.legal_actions(crisis, state, SG) if m.kind == "override_caveats"] == \
        [A.OverrideCaveats(SG, 1, "DEU")]
    state = act(crisis, state, A.OverrideCaveats(SG, 1, "DEU"))
    assert A.WithdrawContribution("DEU", 1) in engine.legal_actions(crisis, state, "DEU")
    refused = why(crisis, state, A.WithdrawContribution("USA", 1))
    assert refused.rule == R_CAVEATS and "United States" in refused.reason
    assert "already overridden" in why(crisis, state, A.OverrideCaveats(SG, 1, "DEU")).reason
    later, _ = close_turn(crisis, state)
    assert why(crisis, later, A.OverrideCaveats(SG, 1, "DEU")).rule == R_TURN  # a move of force generation


def test_a_withdrawal_takes_every_pledge_back_and_the_operation_lacks_its_requirements(crisis):
    """Pledges stand until used or withdrawn: a contributor that walks out takes its pledges back, the
    operation falls short again and a shortfall the Council accepted must be accepted again; the
    rules' effects.contribution_withdrawn is the cost."""
    crisis, state = pledged(crisis)
    before = dict(state.resources["DEU"])
    state = act(crisis, state, A.AcceptShortfall(SG, 1))
    state = act(crisis, state, A.OverrideCaveats(SG, 1, "DEU"))
    assert resourcing.is_met(crisis, state.operations[0])
    step = engine.apply(crisis, state, A.WithdrawContribution("DEU", 1))
    op = step.state.operations[0]
    assert op.pledges == (("USA", "cyber", 3), ("USA", "intel", 2), ("FRA", "intel", 1)) and op.walked_out == ("DEU",)
    assert step.state.resources["DEU"] == {**before, "cyber": before["cyber"] + 2}
    assert not resourcing.is_met(crisis, op) and not op.shortfall_accepted
    said = next(e for e in step.events if isinstance(e, ev.ContributionWithdrawn))
    assert said.returned == (("cyber", 2),) and said.words() == (
        "Germany withdraws its contribution from operation 1 (Cyber rapid-reaction support to Moldova): the Council "
        "overrode its national caveats (it takes back cyber teams 2)")
    cost = next(e for e in step.events if isinstance(e, ev.MetersMoved))
    assert cost.why == "a contribution withdrawn" and cost.changes["cohesion"] == -4
    refused = why(crisis, step.state, A.Pledge("DEU", 1, "cyber", 1))
    assert refused.rule == R_CAVEATS and "pledges no more to it" in refused.reason
    assert A.AcceptShortfall(SG, 1) in engine.legal_actions(crisis, step.state, SG)  # to be accepted again
    state, events = close_turn(crisis, step.state)
    assert any(isinstance(e, ev.AwaitingForces) and e.operation == 1 for e in events)
    assert state.operations[0].status == "planning" and not any(isinstance(e, ev.Adjudication) for e in events)


def test_an_overridden_partner_answers_in_the_same_turn_and_may_walk_out(crisis):
    """5. Troop-contributing partners join the planning of what they contribute to: a partner whose
    caveats the Council overrides answers at once, even if it had finished pledging."""
    crisis = with_caveats(crisis, UKR=("no_combat_role",))
    state = planning(crisis)
    state = act(crisis, state, A.Invite(SG, "UKR", 1))
    state = act(crisis, state, A.Pledge("UKR", 1, "cyber", 1))
    state = act(crisis, state, A.Pass("UKR"))
    assert "UKR" not in engine.acting_seats(crisis, state)
    state = act(crisis, state, A.OverrideCaveats(SG, 1, "UKR"))
    assert "UKR" in engine.acting_seats(crisis, state)
    state = act(crisis, state, A.WithdrawContribution("UKR", 1))
    assert state.operations[0].pledges == () and state.operations[0].walked_out == ("UKR",)
    assert why(crisis, state, A.Invite(SG, "UKR", 1)).rule == R_INVITE


def _chair_after_invitations(crisis, state):
    """The computer chair's first move that is not an invitation (the invitations made)."""
    while True:
        move, reason = choose_for(crisis, state, SG, POLICIES["default"])
        if not isinstance(move, A.Invite):
            return move, reason
        state = act(crisis, state, move)


def test_the_computer_chair_overrides_only_a_cut_that_blocks_success_and_a_contributor_that_stays(crisis):
    """The chair overrides when the caveat cut keeps the operation from its requirement (the
    commitment factor would rise) and the contributor is not likely to walk out, as far as public
    facts tell (its sovereignty, trust, positions and conditions stated)."""
    caveated, state = pledged(crisis)
    move, reason = _chair_after_invitations(caveated, state)
    assert move == A.OverrideCaveats(SG, 1, "DEU") and "short of its requirement" in reason
    # the cut does not change the commitment factor: no override
    light = with_caveats(crisis, DEU=("time_limit",))
    state = planning(light)
    for m in (A.Pledge("USA", 1, "cyber", 2), A.Pledge("USA", 1, "intel", 2), A.Pledge("DEU", 1, "cyber", 1)):
        state = act(light, state, m)
    assert not isinstance(_chair_after_invitations(light, state)[0], A.OverrideCaveats)
    # a contributor that guards its sovereignty is not pressed
    actors = dict(caveated.scenario.actors)
    actors["DEU"] = attrs.evolve(actors["DEU"], sovereignty=2)
    guarded = attrs.evolve(caveated, scenario=attrs.evolve(caveated.scenario, actors=actors))
    _, state = pledged(guarded)
    assert not isinstance(_chair_after_invitations(guarded, state)[0], A.OverrideCaveats)


def test_a_computer_contributor_walks_out_when_its_caveat_ties_to_its_brief(crisis):
    """A contributor whose overridden caveat protects what its brief weighs withdraws; one whose
    brief does not care accepts the override."""
    # Germany's red line (no combat troops in Moldova) names 'no combat role'
    caveated, state = pledged(crisis)
    state = act(caveated, state, A.OverrideCaveats(SG, 1, "DEU"))
    move, reason = choose_for(caveated, state, "DEU", POLICIES["default"])
    assert move == A.WithdrawContribution("DEU", 1) and "a red line of its own names (no combat role)" in reason
    # without that red line, its brief still weighs against escalation, which the caveat protects
    actors = dict(caveated.scenario.actors)
    actors["DEU"] = attrs.evolve(actors["DEU"], red_lines=(), interests={"escalation": -2.0})
    wary = attrs.evolve(caveated, scenario=attrs.evolve(caveated.scenario, actors=actors))
    move, reason = choose_for(wary, state, "DEU", POLICIES["default"])
    assert move == A.WithdrawContribution("DEU", 1) and "interests its brief weighs" in reason
    # Poland's brief weighs for deterrence and does not fear escalation: it stays
    poland = with_caveats(crisis, POL=("no_combat_role",))
    state = planning(poland)
    state = act(poland, state, A.Pledge("POL", 1, "cyber", 1))
    state = act(poland, state, A.OverrideCaveats(SG, 1, "POL"))
    move, _ = choose_for(poland, state, "POL", POLICIES["default"])
    assert not isinstance(move, A.WithdrawContribution)


def test_the_review_lists_the_caveats_overridden_and_who_walked_out(crisis):
    """6. The AAR lists who pledged, who did not: and whose caveats the Council overrode, and who then
    withdrew its contribution."""
    from game.review import report
    crisis = with_caveats(crisis, DEU=("no_combat_role", "time_limit"))
    start = engine.new_game(crisis, 1)
    state, events = start.state, list(start.events)
    moves = [A.Pass(s) for s in engine.acting_seats(crisis, state)]
    params = tuple((n, x.default) for n, x in crisis.scenario.options["cyber_support"].parameters.items())
    moves.append(A.Table(SG, "cyber_support", "host_consent", "MDA", params, ()))
    for move in moves:
        step = engine.apply(crisis, state, move)
        state, events = step.state, events + list(step.events)
    for seat in engine.acting_seats(crisis, state):
        step = engine.apply(crisis, state, A.Consent("MDA") if seat == "MDA" else A.Pass(seat))
        state, events = step.state, events + list(step.events)
    if state.phase == Phase.PROPOSAL:
        step = engine.apply(crisis, state, A.Pass(SG))
        state, events = step.state, events + list(step.events)
    for move in (A.Pledge("USA", 1, "cyber", 3), A.Pledge("DEU", 1, "cyber", 2), A.OverrideCaveats(SG, 1, "DEU"),
                 A.WithdrawContribution("DEU", 1)):
        step = engine.apply(crisis, state, move)
        state, events = step.state, events + list(step.events)
    md = report.to_markdown(report.build(crisis, state, events, "WHITE_CELL"))
    assert ("National caveats the Council overrode (pledges counted in full): Germany: overridden in turn 1, then "
            "withdrew its contribution.") in md
    assert "Germany" not in next(line for line in md.splitlines() if line.startswith("Pledged nothing"))
