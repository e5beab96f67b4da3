"""What an objection changes: the default delegation breaks silence only where its objection buys
something, judged from public facts (DESIGN.md step 4; issue 17: defending the brief must pay)."""
import attrs
import pytest

from game.core import actions as A
from game.core.observation import observe
from game.core.state import evolve
from game.players import POLICIES, choose_for
from game.players.brief import goes_back, needless, secured
from game.scenario.loader import load_scenario
from tests.conftest import ROOT
from tests.helpers import act, tabled

BOT = POLICIES["default"]


@pytest.fixture(scope="module")
def reference():
    return load_scenario(ROOT / "scenarios" / "reference.yaml")


def _orf(reference, seed=1):
    """Deploy the reserve to Vardenia (a non-member) on its consent alone: no mandate."""
    return tabled(reference, seed=seed, option="orf_deploy", host="VAR", params=(("scale", "company"),))


def test_a_members_public_insistence_on_a_mandate_secures_mandate_first(reference):
    """Spain states in public that it insists on a Security Council mandate: until it has spoken,
    every other delegation can count on it asking for 'mandate first'."""
    state = _orf(reference)
    firm, caveats = secured(observe(reference, state, "DEU"))
    assert not firm and caveats == {"mandate_first"}
    assert needless(observe(reference, state, "DEU"), "mandate_first")
    # once Spain has spoken without asking for it, nothing is secured
    state = act(reference, state, A.Reserve("ESP"))
    assert secured(observe(reference, state, "DEU")) == (False, frozenset())
    assert not needless(observe(reference, state, "DEU"), "mandate_first")


def test_what_is_secured_reads_public_positions_never_a_brief(reference):
    """Another seat's private data (interests, red lines, brief, profile) changes nothing of what a
    delegation counts on; its stated public position does."""
    state = _orf(reference)
    actors = dict(reference.scenario.actors)
    esp = actors["ESP"]
    actors["ESP"] = attrs.evolve(esp, brief="CHANGED", interests={"cost": 3}, red_lines=(), objectives=(),
                                 bot=attrs.evolve(esp.bot, holdout=0.9))
    private = attrs.evolve(reference, scenario=attrs.evolve(reference.scenario, actors=actors))
    assert secured(observe(private, state, "DEU")) == secured(observe(reference, state, "DEU"))
    for seed in range(20):
        s = _orf(reference, seed)
        assert choose_for(private, s, "DEU", BOT)[0] == choose_for(reference, s, "DEU", BOT)[0]
    actors["ESP"] = attrs.evolve(esp, positions=attrs.evolve(esp.positions, insists_on_mandate=False))
    public = attrs.evolve(reference, scenario=attrs.evolve(reference.scenario, actors=actors))
    assert secured(observe(public, state, "DEU")) == (False, frozenset())


def test_no_objection_for_a_caveat_another_objection_already_asks_for(crisis):
    """Hungary's objection on the record asks for 'no combat role': Germany, whose red line the same
    caveat cures, does not pay for a second objection asking the same."""
    for seed in range(20):
        state = tabled(crisis, seed=seed, option="deploy_stabilisation")
        state = act(crisis, state, A.Object("HUN", "domestic", "no_combat_role"))
        action, why = choose_for(crisis, state, "DEU", BOT)
        assert not isinstance(action, A.Object), why


def test_an_amendment_waits_for_the_round_the_text_comes_back_in(crisis):
    """Silence already broken (Moldova refuses consent unless the host leads): Germany's red line can
    wait for the amended text, since another round remains — but not in the last round."""
    state = tabled(crisis, seed=3, option="deploy_stabilisation")
    state = act(crisis, state, A.RefuseConsent("MDA", "host_nation_lead", "sovereignty"))
    assert goes_back(observe(crisis, state, "DEU"))
    action, why = choose_for(crisis, state, "DEU", BOT)
    assert isinstance(action, A.Reserve) and "next round" in why
    last = state.replace(proposal=evolve(state.proposal, round=crisis.rules.procedure.negotiation_rounds))
    assert not goes_back(observe(crisis, last, "DEU"))
    action, why = choose_for(crisis, last, "DEU", BOT)
    assert isinstance(action, A.Object) and action.wants_caveat == "no_combat_role", why


def test_the_first_word_in_a_round_is_judged_on_the_text_alone(crisis):
    """Nothing on the record and no public position that breaks silence: Germany's red line is
    crossed, so it objects and asks for the caveat that cures it."""
    state = tabled(crisis, seed=3, option="deploy_stabilisation")
    assert not goes_back(observe(crisis, state, "DEU"))
    action, _ = choose_for(crisis, state, "DEU", BOT)
    assert isinstance(action, A.Object) and action.wants_caveat == "no_combat_role"


def test_the_record_of_an_earlier_text_secures_what_the_chair_added_then(crisis):
    """Hungary broke silence on an earlier text of the stabilisation force, which the chair then
    amended with 'no combat role': on the record for all, Germany counts on Hungary asking again."""
    state = tabled(crisis, seed=3, option="deploy_stabilisation")
    state = act(crisis, state, A.Object("HUN", "domestic", "no_combat_role"))
    for seat in ("USA", "DEU", "FRA", "POL", "ROU", "UKR"):
        state = act(crisis, state, A.Pass(seat))
    state = act(crisis, state, A.RefuseConsent("MDA", "host_nation_lead", "sovereignty"))
    chair = crisis.scenario.chair
    state = act(crisis, state, A.Amend(chair, "no_combat_role"))
    state = act(crisis, state, A.Withdraw(chair))
    if state.phase.value != "proposal":
        pytest.skip("the chair may table once a turn here")
    state = act(crisis, state, A.Table(chair, "deploy_stabilisation", "host_consent", "MDA", (), ()))
    firm, caveats = secured(observe(crisis, state, "DEU"))
    assert "no_combat_role" in caveats
    # every seat reads the same public record; Hungary's own view is not built on it
    assert "no_combat_role" not in secured(observe(crisis, state, "HUN"))[1]
