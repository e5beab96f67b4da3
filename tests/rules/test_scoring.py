"""What a national score charges for what a delegation said (issue 17: playing the brief must pay):
breaking silence to defend a red line costs capital, not standing; a reservation on the record
spares part of an adopted text's cost to the seat's interests."""
from game.core import actions as A
from game.core.env import Env
from game.core.scoring import interest_value, national_lines
from tests.helpers import act, resourced_turn, round_with, tabled, through_consultation

DEPLOY = "deploy_stabilisation"  # on Moldova's soil: crosses Germany's and Hungary's red lines without 'no combat role'


def _lines(crisis, state, seat, kind):
    return [line for line in national_lines(crisis, state, seat, Env(state, crisis))[1] if line.kind == kind]


def _adopted_after_one_amendment(crisis, round_one: dict):
    """Round 1 with `round_one`'s stances (Moldova consents); the chair adds 'no combat role' and
    recirculates; round 2 is silent and the text is adopted."""
    state = tabled(crisis, seed=2, option=DEPLOY)
    state = round_with(crisis, state, {**round_one, "MDA": A.Consent("MDA")})
    chair = crisis.scenario.chair
    state = act(crisis, state, A.Amend(chair, "no_combat_role"))
    state = act(crisis, state, A.Recirculate(chair))
    state = round_with(crisis, state, {"MDA": A.Consent("MDA")})
    assert state.decisions[-1].outcome == "adopted"
    return state


def test_each_round_keeps_the_text_as_it_was_put_under_silence(crisis):
    state = _adopted_after_one_amendment(crisis, {"DEU": A.Object("DEU", "domestic", "no_combat_role")})
    d = state.decisions[-1]
    assert [t.caveats for t in d.texts] == [(), ("no_combat_role",)]
    assert [t.round for t in d.texts] == [1, 2]


def test_an_objection_that_defends_a_red_line_costs_capital_not_standing(crisis):
    """Germany objects, for its red line's reason, to the text of round 1 that crosses it; Poland
    objects on cost; Hungary, whose red line the text also crosses, objects on cost (not the reason
    of its red line). The text is then amended and adopted: only Germany defended its brief."""
    w = crisis.rules.scoring
    state = _adopted_after_one_amendment(crisis, {
        "DEU": A.Object("DEU", "domestic", "no_combat_role"),
        "POL": A.Object("POL", "cost"),
        "HUN": A.Object("HUN", "cost"),
    })
    [deu] = _lines(crisis, state, "DEU", "objections")
    assert deu.points == 0 and "defend its brief" in deu.text
    assert _lines(crisis, state, "DEU", "capital")[0].points == -w.capital * crisis.rules.costs.objection
    for seat in ("POL", "HUN"):
        [line] = _lines(crisis, state, seat, "objections")
        assert line.points == w.objections and line.text == "Broke silence or refused consent once", seat
    # the adopted text (with 'no combat role') crosses no red line: judged by the text of round 1
    assert [line.text.startswith("Red line kept") for line in _lines(crisis, state, "DEU", "red_line")] == [True]


def test_a_reservation_on_the_record_spares_a_quarter_of_a_texts_cost(crisis):
    """The same text adopted in round 1, once with Hungary silent and once with its reservation:
    the text works against Hungary's interests, and the footnote counts 0.75 of that cost. Romania,
    which the text serves, counts it in full either way."""
    w = crisis.rules.scoring

    def adopted(stances):
        state = tabled(crisis, seed=2, option=DEPLOY, caveats=("no_combat_role",))
        state = round_with(crisis, state, {**stances, "MDA": A.Consent("MDA")})
        assert state.decisions[-1].outcome == "adopted"
        return state

    silent = adopted({})
    footnote = adopted({"HUN": A.Reserve("HUN"), "ROU": A.Reserve("ROU")})
    cost = interest_value(crisis, "HUN", silent.decisions[-1].proposal) * w.interests
    assert cost < 0
    [plain] = _lines(crisis, silent, "HUN", "interests")
    [reserved] = _lines(crisis, footnote, "HUN", "interests")
    assert plain.points == round(cost, 2)
    assert reserved.points == round(cost * w.reserved, 2) and "reservation on the record" in reserved.text
    assert w.reserved == 0.75
    assert interest_value(crisis, "ROU", silent.decisions[-1].proposal) > 0
    assert _lines(crisis, footnote, "ROU", "interests") == _lines(crisis, silent, "ROU", "interests")


def test_each_adoption_is_named_with_its_turn(crisis):
    """An option adopted again in a later turn counts again: the AAR names each by its turn, so a
    syndicate does not read one line twice."""
    state = tabled(crisis, seed=2)
    state = round_with(crisis, state, {"MDA": A.Consent("MDA")})
    state = resourced_turn(crisis, state)
    assert state.turn == 2
    state = through_consultation(crisis, state)
    state = act(crisis, state, A.Table(crisis.scenario.chair, "resilience_package", "host_consent", "MDA"))
    state = round_with(crisis, state, {"MDA": A.Consent("MDA")})
    assert [(d.turn, d.outcome) for d in state.decisions] == [(1, "adopted"), (2, "adopted")]
    lines = [line.text for line in _lines(crisis, state, "HUN", "interests")]
    title = crisis.scenario.options["resilience_package"].title
    assert lines == [f"'{title}' (turn 1) works against its interests",
                     f"'{title}' (turn 2) works against its interests"]
