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
    refused = [a for a in answers if isinstance(a, A.RefuseConsent)]
    assert len(refused) >= 0.9 * len(answers)
    # mostly it says what would cure it; a sovereignty-sensitive host sometimes refuses outright
    conditional = [a for a in refused if a.wants_caveat == "host_nation_lead"]
    outright = [a for a in refused if a.wants_caveat is None]
    assert len(conditional) >= len(refused) / 2 and outright
    assert len(conditional) + len(outright) == len(refused)


def test_host_consents_once_host_nation_lead_is_added(crisis):
    answers = _host_answers(crisis, ("host_nation_lead",))
    consented = sum(isinstance(a, A.Consent) for a in answers)
    assert consented >= 0.8 * len(answers)


def test_an_objection_asks_the_chair_for_an_amendment_never_for_a_payment(crisis):
    """The chair pays no one: a computer delegation's objection asks for a caveat, or for nothing."""
    asked = 0
    for seed in range(60):
        state = tabled(crisis, seed=seed, option="cyber_support")
        for seat in ("HUN", "DEU", "POL", "USA"):
            action, _ = choose_for(crisis, state, seat, BOT)
            if isinstance(action, A.Object):
                assert not action.wants_concession
                asked += action.wants_caveat is not None
    assert asked >= 5, "objections should ask for the amendment that would cure them"


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


def test_a_share_is_explained_as_what_it_is(crisis):
    """The feed shows each computer move with its reason: a share with every Ally is never
    explained as a bilateral one ("Italy shares intelligence with the Alliance — shares
    intelligence bilaterally" read as a contradiction to a newcomer)."""
    from game.core.observation import Observer
    shares = {"all": 0, "one": 0}
    for seed in range(12):
        state = engine.new_game(crisis, seed).state
        observers = {}
        while not engine.is_over(state):
            seat = engine.acting_seats(crisis, state)[0]
            action, why = choose_for(crisis, state, seat, BOT, observers.setdefault(seat, Observer(crisis, seat)))
            if isinstance(action, A.ShareIntel):
                to_all = action.to == "all"
                shares["all" if to_all else "one"] += 1
                assert ("bilaterally" in why) != to_all, (action, why)
            state = engine.apply(crisis, state, action).state
    assert shares["all"] and shares["one"], shares
