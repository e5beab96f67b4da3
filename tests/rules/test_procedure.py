"""One test per clause of DESIGN.md's procedure, the clause quoted in the docstring."""
import attrs
import pytest

from game.core import effects
from game.core import actions as A
from game.core import adjudication, engine
from game.core import events as ev
from game.core.errors import IllegalActionError
from game.core.state import Phase
from tests.helpers import act, resourced_turn, round_with, tabled, through_consultation

CONSENT = {"MDA": A.Consent("MDA")}


def test_one_objection_blocks(crisis):
    """5. Consensus among members: one objection blocks."""
    state = tabled(crisis)
    state = round_with(crisis, state, {**CONSENT, "HUN": A.Object("HUN", "cost")})
    assert state.phase == Phase.AMENDMENT
    assert state.decisions[-1].blocked_by == ("HUN",)
    assert not state.operations


def test_silence_is_assent(crisis):
    """4. A silence procedure closes it: silence by the deadline is assent."""
    state = round_with(crisis, tabled(crisis), CONSENT)
    assert state.decisions[-1].outcome == "adopted"
    assert [op.option for op in state.operations] == ["resilience_package"]


def test_deadline_passing_records_silence(crisis):
    """4. A round closes when every seat has acted or its deadline passes (... a timer whose
    expiry the facilitator's seat records)."""
    state = act(crisis, tabled(crisis), A.Consent("MDA"))
    state = act(crisis, state, A.EndRound(A.WHITE_CELL))
    assert state.decisions[-1].outcome == "adopted"
    silent = {a for _, a, s, _ in state.decisions[-1].stances if s == "silent"}
    assert "USA" in silent and "HUN" in silent


def test_reservation_does_not_block(crisis):
    """4. A member that will not block but disagrees places a reservation (a footnote) on the record."""
    state = round_with(crisis, tabled(crisis), {**CONSENT, "DEU": A.Reserve("DEU")})
    d = state.decisions[-1]
    assert d.outcome == "adopted"
    assert (1, "DEU", "reserve", "") in d.stances


def test_partner_objection_does_not_block(crisis):
    """5. Partners shape decisions ... but do not take part in consensus."""
    state = round_with(crisis, tabled(crisis), {**CONSENT, "UKR": A.Object("UKR", "cost")})
    assert state.decisions[-1].outcome == "adopted"
    assert any(a == "UKR" and s == "concern" for _, a, s, _ in state.decisions[-1].stances)


def test_host_refusal_blocks(crisis):
    """5. An operation needs ... consent of the host nation (any non-member on whose territory it acts)."""
    state = round_with(crisis, tabled(crisis, option="cyber_support"),
                       {"MDA": A.RefuseConsent("MDA", "host_nation_lead")})
    assert state.decisions[-1].blocked_by == ("MDA",)
    assert state.phase == Phase.AMENDMENT


def test_objection_answered_by_amendment(crisis):
    """4. Objections are answered by amendments (caveats ...): the text goes back under silence."""
    state = tabled(crisis, option="cyber_support")
    state = round_with(crisis, state, {"MDA": A.RefuseConsent("MDA", "host_nation_lead")})
    state = act(crisis, state, A.Amend("SG", "host_nation_lead"))
    state = act(crisis, state, A.Recirculate("SG"))
    assert state.phase == Phase.NEGOTIATION and state.proposal.round == 2
    state = round_with(crisis, state, CONSENT)
    assert state.decisions[-1].outcome == "adopted"
    assert state.operations[0].proposal.caveats == ("host_nation_lead",)


def test_round_limit_fails_the_text(crisis):
    """4. One written objection breaks silence and sends the text back for amendment, up to a round
    limit the rules set, after which it fails."""
    state = tabled(crisis)
    limit = crisis.rules.procedure.negotiation_rounds
    for r in range(limit):
        state = round_with(crisis, state, {**CONSENT, "HUN": A.Object("HUN", "cost")})
        if r < limit - 1:
            state = act(crisis, state, A.Recirculate("SG"))
    assert state.proposal is None and state.decisions[-1].outcome == "failed"
    assert not state.operations


def test_no_legal_basis_refused_with_rule(crisis):
    """5. An operation needs one of the legal bases its option names."""
    state = through_consultation(crisis, engine.new_game(crisis, 1).state)
    with pytest.raises(IllegalActionError) as err:
        engine.apply(crisis, state, A.Table("SG", "cyber_support", "collective_defence", "MDA"))
    assert err.value.rule_id == "basis" and "may rest only on" in err.value.reason


def test_art4_refused_to_non_member(crisis):
    """5. Article 4 is any member's right to consultations — never a gate for anything else."""
    state = engine.new_game(crisis, 1).state
    with pytest.raises(IllegalActionError) as err:
        engine.apply(crisis, state, A.RequestArt4("MDA"))
    assert "Article 4" in err.value.rule and "not a member" in str(err.value)
    state = act(crisis, state, A.RequestArt4("ROU"))
    assert "ROU" in state.art4


def test_pledge_value_follows_interoperability_not_the_texts_caveats(crisis):
    """6. Interoperability scales what a contribution is worth; a caveat the whole text carries
    makes the operation harder (its difficulty), not every pledge worth less."""
    state = round_with(crisis, tabled(crisis, option="cyber_support"), CONSENT)
    op = state.operations[0]
    plain = adjudication.pledge_value(crisis, op, "USA", 2)
    caveated = adjudication.pledge_value(crisis, attrs.evolve(op, proposal=attrs.evolve(
        op.proposal, caveats=("no_combat_role",))), "USA", 2)
    assert caveated == plain
    assert adjudication.pledge_value(crisis, op, "MDA", 2) < plain  # lower interoperability


def test_consent_withdrawn_stops_the_operation(crisis):
    """5. Consent may carry conditions and may be withdrawn: withdrawn consent stops the operation."""
    opts = dict(crisis.scenario.options)
    opts["cyber_support"] = attrs.evolve(opts["cyber_support"], duration=3)
    long = attrs.evolve(crisis, scenario=attrs.evolve(crisis.scenario, options=opts))
    state = round_with(long, tabled(long, option="cyber_support"), CONSENT)
    state = resourced_turn(long, state)  # the chair passes, force generation, adjudication of turn 1
    assert state.operations[0].status == "running"
    state = act(long, state, A.WithdrawConsent("MDA"))
    assert state.operations[0].status == "stopped"
    assert state.consent["MDA"] is False
    results_before = state.operations[0].results
    while state.turn == 2 and not engine.is_over(state):
        state = act(long, state, A.Pass(engine.acting_seats(long, state)[0]))
    assert state.operations[0].results == results_before  # not adjudicated again


def test_objection_costs_political_capital(crisis):
    """Bluffing and holding out cost political capital."""
    state = tabled(crisis)
    cap = state.capital["HUN"]
    state = act(crisis, state, A.Object("HUN", "cost"))
    assert state.capital["HUN"] == cap - crisis.rules.costs.objection


def test_every_game_ends_at_the_turn_limit(crisis):
    """Every game ends: phases have round limits and scenarios a turn limit."""
    state = engine.new_game(crisis, 3).state
    for _ in range(10_000):
        if engine.is_over(state):
            break
        state = act(crisis, state, A.Pass(engine.acting_seats(crisis, state)[0]))
    assert engine.is_over(state)
    assert state.turn <= crisis.scenario.length.turns


def test_paused_game_refuses_moves(crisis):
    """White Cell: pause stops the table until resumed."""
    state = act(crisis, engine.new_game(crisis, 1).state, A.Pause(A.WHITE_CELL))
    with pytest.raises(IllegalActionError) as err:
        engine.apply(crisis, state, A.Pass("USA"))
    assert "paused" in str(err.value)
    state = act(crisis, state, A.Resume(A.WHITE_CELL))
    act(crisis, state, A.Pass("USA"))


def test_undo_while_the_round_is_open(crisis):
    """Undo of one's own last action while the round is still open, recorded as an action."""
    state = tabled(crisis)
    cap = state.capital["HUN"]
    state = act(crisis, state, A.Object("HUN", "cost"))
    assert A.Undo("HUN") in engine.legal_actions(crisis, state, "HUN")
    step = engine.apply(crisis, state, A.Undo("HUN"))
    state = step.state
    assert state.submitted("HUN") is None and state.capital["HUN"] == cap
    assert isinstance(step.events[0], ev.Undone)
    state = round_with(crisis, state, {**CONSENT, "HUN": A.Support("HUN")})
    assert state.decisions[-1].outcome == "adopted"
    with pytest.raises(IllegalActionError):  # the round has closed: nothing to take back
        engine.apply(crisis, state, A.Undo("HUN"))


def test_effect_withdrawing_consent_stops_operations(crisis):
    """An inject may withdraw a host's consent: operations resting on it stop."""
    import attrs as _attrs
    from game.core.model.types import Effect
    opts = dict(crisis.scenario.options)
    opts["cyber_support"] = _attrs.evolve(opts["cyber_support"], duration=3)
    long = _attrs.evolve(crisis, scenario=_attrs.evolve(crisis.scenario, options=opts))
    state = round_with(long, tabled(long, option="cyber_support"), CONSENT)
    from game.core import conditions
    eff = Effect(text="withdraw_consent(MDA)")
    eff.tree = conditions.parse(eff.text, "effect")
    eff.fn = conditions.compile_effect(eff.tree, conditions.Names(
        meters=frozenset(), actors=frozenset({"MDA"}), options=frozenset(), injects=frozenset(),
        resources=frozenset(), stakes=frozenset(), caveats=frozenset(), bases=frozenset(), params={}))
    events = []
    state = effects.apply_effects(long, state, (eff,), events, "test")
    assert state.consent["MDA"] is False
    assert state.operations[0].status == "stopped"
    assert any(isinstance(e, ev.ConsentWithdrawn) for e in events)


def test_white_cell_override_replaces_only_that_result(crisis):
    """White Cell: override an adjudication with a rationale; only that result's effects change."""
    state = resourced_turn(crisis, round_with(crisis, tabled(crisis, option="cyber_support"), CONSENT))
    op = state.operations[0]
    first = op.results[-1][1]
    other = "failure" if first != "failure" else "decisive"
    expected = dict(state.meters)
    for m, d in op.result_changes:
        expected[m] -= d
    opt = crisis.scenario.options["cyber_support"]
    with pytest.raises(IllegalActionError):  # a rationale is required for the record
        engine.apply(crisis, state, A.OverrideResult(A.WHITE_CELL, op.number, other, ""))
    step = engine.apply(crisis, state, A.OverrideResult(A.WHITE_CELL, op.number, other, "umpire's judgement"))
    after = step.state
    assert after.operations[0].results[-1] == (1, other)
    for eff in opt.outcomes[other]:
        text = eff.text
        if text.startswith("severity -= "):
            expected["severity"] = max(0, expected["severity"] - float(text.split("-= ")[1]))
        elif text.startswith("severity += "):
            expected["severity"] = min(100, expected["severity"] + float(text.split("+= ")[1]))
    assert after.meters["severity"] == pytest.approx(expected["severity"])
    assert after.meters["escalation"] == state.meters["escalation"]  # untouched by either result
    assert any(isinstance(e, ev.ResultOverridden) and "umpire's judgement" in e.text for e in step.events)


def test_a_chosen_length_sets_the_turn_limit(crisis):
    """Every game ends: the scenario sets its turn limit, and may offer other lengths."""
    assert engine.turn_limits(crisis) == {"standard": 5, "short": 3, "long": 7}
    state = engine.new_game(crisis, 3, turns=3).state
    while not engine.is_over(state):
        state = act(crisis, state, A.Pass(engine.acting_seats(crisis, state)[0]))
    assert state.turn <= 3 and state.outcome.turn <= 3
    with pytest.raises(IllegalActionError):
        engine.new_game(crisis, 3, turns=4)
