"""Per-profile computer delegations: they behave as their profile says, and see only their seat."""
import attrs

from game.core import actions as A
from game.core import engine
from game.players import POLICIES, choose_for
from tests.helpers import act, tabled

BOT = POLICIES["default"]


def _host_answers(crisis, caveats, seeds=range(60)):
    answers = []
    for seed in seeds:
        state = tabled(crisis, seed=seed, option="deploy_stabilisation", caveats=caveats)
        action, why = choose_for(crisis, state, "MDA", BOT)
        assert why  # every move can be explained
        answers.append(action)
    return answers


def test_sovereignty_sensitive_host_refuses_deployment(crisis):
    answers = _host_answers(crisis, ())
    refused = sum(isinstance(a, A.RefuseConsent) for a in answers)
    assert refused >= 0.9 * len(answers)
    # and it says what would cure it
    assert all(a.wants_caveat == "host_nation_lead" for a in answers if isinstance(a, A.RefuseConsent))


def test_host_consents_once_host_nation_lead_is_added(crisis):
    answers = _host_answers(crisis, ("host_nation_lead",))
    consented = sum(isinstance(a, A.Consent) for a in answers)
    assert consented >= 0.8 * len(answers)


def test_concession_meeting_the_ask_lifts_a_cost_objection(crisis):
    before, after = 0, 0
    for seed in range(60):
        state = tabled(crisis, seed=seed)  # a modest resilience package: cost is what bothers HUN
        action, _ = choose_for(crisis, state, "HUN", BOT)
        if not (isinstance(action, A.Object) and action.wants_concession):
            continue
        before += 1
        # the round closes on HUN's objection; the chair concedes what was asked and recirculates
        for seat in engine.acting_seats(crisis, state):
            state = act(crisis, state, {"HUN": action, "MDA": A.Consent("MDA")}.get(seat, A.Pass(seat)))
        state = act(crisis, state, A.Concede("SG", "HUN", action.wants_concession))
        state = act(crisis, state, A.Recirculate("SG"))
        again, _ = choose_for(crisis, state, "HUN", BOT)
        after += isinstance(again, A.Object)
    assert before >= 5, "the cost-averse member should ask for concessions on a costly proposal"
    assert after <= before * 0.2


def _scrub(crisis, other):
    """The same crisis with another seat's private data changed."""
    actors = dict(crisis.scenario.actors)
    x = actors[other]
    actors[other] = attrs.evolve(x, brief="CHANGED", interests={"cost": 3, "escalation": 3},
                                 red_lines=(), objectives=(), bot=attrs.evolve(x.bot, holdout=0.9))
    return attrs.evolve(crisis, scenario=attrs.evolve(crisis.scenario, actors=actors))


def test_bot_choice_ignores_other_seats_private_data(crisis):
    seen = 0
    state = engine.new_game(crisis, 5).state
    while not engine.is_over(state) and seen < 120:
        seat = engine.acting_seats(crisis, state)[0]
        mine, _ = choose_for(crisis, state, seat, BOT)
        for other in ("HUN", "MDA", "ROU"):
            if other != seat:
                theirs, _ = choose_for(_scrub(crisis, other), state, seat, BOT)
                assert theirs == mine, f"{seat}'s choice changed when {other}'s private data changed"
        state = engine.apply(crisis, state, mine).state
        seen += 1


def test_delegations_differ(crisis):
    """Profiles make delegations differ: over a few games, some block and some never do."""
    blocks = {}
    for seed in range(15):
        from game.players.simulate import play_out
        s = play_out(crisis, seed)
        for d in s.decisions:
            for b in d.blocked_by:
                blocks[b] = blocks.get(b, 0) + 1
    assert blocks.get("HUN", 0) > blocks.get("ROU", 0)
    assert len([k for k, v in blocks.items() if v]) >= 2
