"""Partners and intelligence (issue 17, items 3 and 4), one test per fact, DATC style: each named
after the fact it encodes and quoting, in its docstring, the rule the engine's refusals quote
(game.core.procedure)."""
import pytest

from game.core import actions as A
from game.core import engine, words
from game.core import events as ev
from game.core.legal import LegalActions
from game.core.observation import observe
from game.core.procedure import R_CONSULT, R_IO, R_RELEASE
from game.core.state import Phase
from game.players import POLICIES, choose_for
from game.players.heuristic import utility
from game.scenario.loader import load_scenario
from tests.conftest import ROOT, SCENARIOS
from tests.helpers import act, round_with, tabled, through_consultation


def _apply(crisis, state, action):
    step = engine.apply(crisis, state, action)
    return step.state, list(step.events)


def _requested(crisis, partner="UKR"):
    """Turn 1: the partner requests consultations, every other delegation passes."""
    state = engine.new_game(crisis, 1).state
    state, events = _apply(crisis, state, A.RequestConsultations(partner))
    return through_consultation(crisis, state), events


# -- (a) a partner may request consultations ------------------------------------------------------
def test_only_a_partner_may_request_consultations_once_a_turn(crisis):
    """PfP Framework Document: NATO will consult with any active participant in the Partnership if
    that Partner perceives a direct threat to its territorial integrity, political independence,
    or security."""
    state = engine.new_game(crisis, 1).state
    assert A.RequestConsultations("UKR") in engine.legal_actions(crisis, state, "UKR")
    for seat in ("USA", "EU"):  # a member asks under Article 4; an organisation has its own channel
        why = engine.legal_actions(crisis, state, seat).why_not(A.RequestConsultations(seat))
        assert why is not None and why.rule == R_CONSULT
    state = act(crisis, state, A.RequestConsultations("UKR"))
    assert A.RequestConsultations("UKR") not in engine.legal_actions(crisis, state, "UKR")


def test_a_request_puts_the_partners_concern_before_every_seat(crisis):
    """The concern is read to the Council: every seat sees it, in the partner's words."""
    _, events = _requested(crisis)
    asked = [e for e in events if isinstance(e, ev.ConsultationsRequested)]
    assert len(asked) == 1 and asked[0].to is None  # public
    said = words.text(asked[0], crisis, "HUN")
    assert "Ukraine" in said and "second wave" in said and "NATO+1" in said


def test_holding_consultations_moves_the_members_and_the_chairs_weighing(crisis):
    """Holding them moves the chair's and members' weighing: Ukraine asked for cyber support."""
    state, _ = _requested(crisis)
    held = act(crisis, state, A.HoldConsultations(crisis.scenario.chair, "UKR"))
    assert held.phase == Phase.PROPOSAL and held.consulted("UKR")  # the chair may table next
    p = tabled(crisis, option="cyber_support").proposal
    for seat in ("HUN", "USA", crisis.scenario.chair):
        before = utility(observe(crisis, state, seat), p)
        after = utility(observe(crisis, held, seat), p)
        assert after[0] == pytest.approx(before[0] + 2), seat  # the concern's 2 on cyber support
        assert after[1]["partners"] == 2


def test_consultations_not_held_by_the_end_of_the_turn_cost_the_alliance_trust(crisis):
    """A request the Council ignores costs the Alliance legitimacy and partners' trust (the rules'
    effects.consultations_ignored), with an event every seat sees."""
    state, _ = _requested(crisis)
    chair = crisis.scenario.chair
    held = act(crisis, state, A.HoldConsultations(chair, "UKR"))
    ends = {}
    for name, s in (("ignored", state), ("held", held)):
        step = engine.apply(crisis, s, A.Pass(chair))
        s, events = step.state, list(step.events)
        while s.turn == 1:
            seat = engine.acting_seats(crisis, s)[0]
            step = engine.apply(crisis, s, A.Pass(seat))
            s, events = step.state, events + list(step.events)
        ends[name] = (s, events)
    ignored = [e for e in ends["ignored"][1] if isinstance(e, ev.ConsultationsIgnored)]
    assert len(ignored) == 1 and ignored[0].to is None
    assert "Ukraine" in words.text(ignored[0], crisis, "USA")
    assert not any(isinstance(e, ev.ConsultationsIgnored) for e in ends["held"][1])
    assert ends["ignored"][0].meters["legitimacy"] == ends["held"][0].meters["legitimacy"] - 3
    assert ends["ignored"][0].trust["UKR"] == ends["held"][0].trust["UKR"] - 3


def test_only_the_chair_holds_consultations_and_only_when_asked(crisis):
    """The chair convenes the Council with the partner that asked; nothing to hold otherwise."""
    state = through_consultation(crisis, engine.new_game(crisis, 1).state)
    why = engine.legal_actions(crisis, state, crisis.scenario.chair).why_not(
        A.HoldConsultations(crisis.scenario.chair, "UKR"))
    assert why is not None and why.rule == R_CONSULT


# -- (e) international organisations act through their own channel --------------------------------
def test_an_international_organisation_never_objects_in_a_silence_procedure(crisis):
    """International organisations act through their own channel: they never take part in the
    Council's silence procedure."""
    state = tabled(crisis)
    assert "EU" not in engine.acting_seats(crisis, state)
    for move in (A.Object("EU", "cost"), A.Support("EU"), A.Reserve("EU")):
        why = LegalActions(crisis, state, "EU").why_not(move)
        assert why is not None and why.rule == R_IO, move
        assert R_IO.text in str(why.error())
    state = round_with(crisis, state, {"MDA": A.Consent("MDA")})
    assert state.decisions[-1].outcome == "adopted"
    assert all(a != "EU" for _, a, _, _ in state.decisions[-1].stances)


def test_no_organisation_takes_a_stance_in_computer_games():
    """Over every scenario with an organisation, computer games record no stance of one."""
    for path in SCENARIOS:
        crisis = load_scenario(path)
        orgs = {a for a, x in crisis.scenario.actors.items() if x.kind == "organisation"}
        if not orgs:
            continue
        state = engine.new_game(crisis, 3).state
        for _ in range(400):
            if engine.is_over(state):
                break
            seat = engine.acting_seats(crisis, state)[0]
            action = choose_for(crisis, state, seat, POLICIES["default"])[0]
            assert not (seat in orgs and state.phase == Phase.NEGOTIATION), (path.name, seat)
            state = act(crisis, state, action)
        assert all(a not in orgs for d in state.decisions for _, a, _, _ in d.stances), path.name


# -- item 4: intelligence that moves ----------------------------------------------------------------
SIGINT = "Signals intelligence ties the malware to a unit of the hostile state's security service."


def _holders(crisis, state):
    return {s for s in engine.seats(crisis) if any(t == SIGINT for _, _, t in observe(crisis, state, s).intel)}


def test_a_shared_item_appears_in_the_recipients_observation_and_only_there(crisis):
    """Sharing releases the item's content to the recipients its releasability allows: 'NATO SECRET
    // REL ROU, USA' goes nowhere else until its owner widens it; widened to NATO, a bilateral share
    reaches Germany alone."""
    state = engine.new_game(crisis, 1).state
    assert _holders(crisis, state) == {"ROU", "USA"}
    held, events = _apply(crisis, state, A.ShareIntel("ROU", "DEU"))
    assert _holders(crisis, held) == {"ROU", "USA"}  # not releasable to Germany: nothing moved
    assert any(isinstance(e, ev.IntelReleased) and not e.released for e in events)
    state = act(crisis, state, A.WidenRelease("ROU", "blackout", "nato"))
    state, events = _apply(crisis, state, A.ShareIntel("ROU", "DEU"))
    assert _holders(crisis, state) == {"ROU", "USA", "DEU"}
    private = [e for e in events if isinstance(e, ev.Intel)]
    assert [e.to for e in private] == [("DEU",)]
    for seat in engine.seats(crisis):
        seen = " ".join(words.text(e, crisis, seat) for e in events if e.visible_to(seat))
        assert (SIGINT in seen) == (seat == "DEU"), seat


def test_widening_releasability_is_logged_and_takes_effect(crisis):
    """Releasability (national, NATO, release to named partners) is a tag its owner can widen."""
    state = engine.new_game(crisis, 1).state
    why = engine.legal_actions(crisis, state, "DEU").why_not(A.WidenRelease("DEU", "blackout", "UKR"))
    assert why is not None and why.rule == R_RELEASE  # Germany does not own it
    state, events = _apply(crisis, state, A.WidenRelease("USA", "blackout", "UKR"))
    widened = [e for e in events if isinstance(e, ev.ReleaseWidened)]
    assert widened and widened[0].to is None and "Ukraine" in words.text(widened[0], crisis, "HUN")
    assert "USA" in engine.acting_seats(crisis, state)  # widening is not the seat's whole move
    state = act(crisis, state, A.ShareIntel("USA", "all"))
    assert _holders(crisis, state) == {"ROU", "USA", "UKR"}  # a partner named; members still not
    assert A.WidenRelease("USA", "blackout", "UKR") not in engine.legal_actions(crisis, state, "USA")


# -- (c) capacity building, (d) programmes ---------------------------------------------------------
def _adopted_and_funded(crisis, funds=4):
    """Turn 1: Moldova's resilience package adopted, the United States pledging `funds` of its 4."""
    state = round_with(crisis, tabled(crisis), {"MDA": A.Consent("MDA")})
    state = act(crisis, state, A.Pass(crisis.scenario.chair))  # nothing more tabled: force generation
    assert state.phase == Phase.FORCE_GENERATION and state.operations[-1].option == "resilience_package"
    number = state.operations[-1].number
    state = act(crisis, state, A.Pledge("USA", number, "funds", funds))
    # a pledge is worth its contributor's interoperability: the Council accepts what falls short
    state = act(crisis, state, A.AcceptShortfall(crisis.scenario.chair, number))
    events = []
    while state.turn == 1:
        step = engine.apply(crisis, state, A.Pass(engine.acting_seats(crisis, state)[0]))
        state, events = step.state, events + list(step.events)
    return state, events


def test_capacity_building_raises_interoperability_by_the_scenarios_numbers(crisis):
    """Capacity building and defence-capacity packages, once adopted and funded, raise the partner's
    interoperability and resilience in later turns (first_response: +0.1 and +2 for Moldova)."""
    from game.core.env import Env
    opt = crisis.scenario.options["resilience_package"]
    assert opt.builds.partner == "MDA"
    base = crisis.scenario.actors["MDA"].interoperability
    state, events = _adopted_and_funded(crisis)
    built = [e for e in events if isinstance(e, ev.CapacityBuilt)]
    assert len(built) == 1 and built[0].partner == "MDA"
    assert "Republic of Moldova" in words.text(built[0], crisis, "HUN")
    env = Env(state, crisis)
    assert env.interoperability("MDA") == pytest.approx(base + opt.builds.interoperability)
    assert env.resilience("MDA") == pytest.approx(opt.builds.resilience)


def test_capacity_is_built_only_once_the_package_is_funded(crisis):
    """Adopted is not funded: half the funds pledged builds nothing."""
    state, events = _adopted_and_funded(crisis, funds=2)
    assert not any(isinstance(e, ev.CapacityBuilt) for e in events)
    assert not state.built


def test_the_programme_decides_how_far_a_package_goes_and_what_may_be_offered(crisis):
    """Each partner's programme decides what it can be offered (rules' `programmes`)."""
    import attrs
    from game.core.procedure import R_PROGRAMME
    rules = crisis.rules
    half = attrs.evolve(rules, programmes={**rules.programmes,
                                           "pfp": attrs.evolve(rules.programmes["pfp"], builds=0.5)})
    state, _ = _adopted_and_funded(attrs.evolve(crisis, rules=half))
    assert state.built[0][2] == pytest.approx(0.05) and state.built[0][3] == pytest.approx(1)
    closed = attrs.evolve(rules, programmes={**rules.programmes, "pfp": attrs.evolve(
        rules.programmes["pfp"], offers=("mou", "contribution", "consultations"))})
    narrow = attrs.evolve(crisis, rules=closed)
    state = through_consultation(narrow, engine.new_game(narrow, 1).state)
    legal = engine.legal_actions(narrow, state, narrow.scenario.chair)
    move = A.Table(narrow.scenario.chair, "resilience_package", "host_consent", "MDA")
    why = legal.why_not(move)
    assert why is not None and why.rule == R_PROGRAMME and "Partnership for Peace" in why.reason
    assert move not in legal.actions and not any(a.kind == "table" and a.host == "MDA" for a in legal)


def test_the_linter_warns_of_an_offer_outside_a_partners_programme(tmp_path):
    """The loader warns an author who offers a partner what its programme does not open."""
    text = (ROOT / "scenarios" / "first_response.yaml").read_text()
    text = text.replace("programme: pfp", "programme: partners_across_the_globe", 1)  # Ukraine, far away
    text = text.replace("hosts: [MDA]\n    stakes: {solidarity: 1, cost: 1}",
                        "hosts: [MDA, UKR]\n    stakes: {solidarity: 1, cost: 1}", 1)
    path = tmp_path / "first_response.yaml"
    path.write_text(text)
    for lib in (ROOT / "scenarios" / "library").iterdir():
        (tmp_path / "library").mkdir(exist_ok=True)
        (tmp_path / "library" / lib.name).write_text(lib.read_text())
    crisis = load_scenario(path)
    said = [str(w) for w in crisis.warnings]
    assert any("UKR an operation on its territory" in w and "Partners across the globe" in w for w in said), said


def test_a_capacity_package_is_for_a_partner(tmp_path):
    """`builds` names a partner: a member is refused at load, with file, line and column."""
    from game.scenario.loader import ScenarioError
    text = (ROOT / "scenarios" / "first_response.yaml").read_text()
    text = text.replace("builds: {partner: MDA,", "builds: {partner: HUN,", 1)
    path = tmp_path / "first_response.yaml"
    path.write_text(text)
    (tmp_path / "library").mkdir()
    for lib in (ROOT / "scenarios" / "library").iterdir():
        (tmp_path / "library" / lib.name).write_text(lib.read_text())
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert "first_response.yaml:" in str(err.value) and "capacity building is for a partner" in str(err.value)


def test_a_delegation_weighs_the_intelligence_released_to_it(crisis):
    """Sharing releases the content to the recipients, whose computer delegations weigh it: the
    signals intelligence bears on cyber support (+1), and Hungary leans that way once it holds it."""
    state = engine.new_game(crisis, 1).state
    p = tabled(crisis, option="cyber_support").proposal
    before = utility(observe(crisis, state, "HUN"), p)[0]
    state = act(crisis, state, A.WidenRelease("ROU", "blackout", "nato"))
    state = act(crisis, state, A.ShareIntel("ROU", "HUN"))
    after = utility(observe(crisis, state, "HUN"), p)
    assert after[0] == pytest.approx(before + 1) and after[1]["intelligence"] == 1
    assert utility(observe(crisis, state, "DEU"), p)[0] == pytest.approx(
        utility(observe(crisis, engine.new_game(crisis, 1).state, "DEU"), p)[0])  # not shared to it: unmoved


# -- (b) troop contributors ------------------------------------------------------------------------
def test_partners_that_pledge_join_the_operations_planning(crisis):
    """Partners that pledge forces to an operation join its planning (a troop-contributors' meeting);
    members' pledges alone call none."""
    state = tabled(crisis, option="cyber_support", basis="host_consent", host="MDA")
    state = round_with(crisis, state, {"MDA": A.Consent("MDA")})
    state = act(crisis, state, A.Pass(crisis.scenario.chair))
    number = state.operations[-1].number
    state = act(crisis, state, A.Invite(crisis.scenario.chair, "UKR", number))  # partners come when invited
    state = act(crisis, state, A.Pledge("UKR", number, "cyber", 1))
    state = act(crisis, state, A.Pledge("USA", number, "cyber", 1))
    events = []
    while state.turn == 1:
        step = engine.apply(crisis, state, A.Pass(engine.acting_seats(crisis, state)[0]))
        state, events = step.state, events + list(step.events)
    met = [e for e in events if isinstance(e, ev.ContributorsMet)]
    assert [(e.operation, e.partners) for e in met] == [(number, ("UKR",))]
    assert "Ukraine" in words.text(met[0], crisis, "HUN") and "planning" in words.text(met[0], crisis, "HUN")


def test_an_organisation_decides_in_parallel_through_its_own_channel(crisis):
    """International organisations act through their own channel: the EU decides its own action
    alongside an Alliance operation (a NATO-EU exchange, the rules' effects.parallel_decision)."""
    state = tabled(crisis, option="cyber_support", basis="host_consent", host="MDA")
    state = round_with(crisis, state, {"MDA": A.Consent("MDA")})
    state = act(crisis, state, A.Pass(crisis.scenario.chair))
    number = state.operations[-1].number
    state = act(crisis, state, A.Pledge("USA", number, "cyber", 1))  # nothing pledged: nothing launched
    state = act(crisis, state, A.Pledge("USA", number, "intel", 1))
    state = act(crisis, state, A.AcceptShortfall(crisis.scenario.chair, number))
    while state.turn == 1:
        state = act(crisis, state, A.Pass(engine.acting_seats(crisis, state)[0]))
    assert state.operations[-1].status == "running"
    assert A.DecideInParallel("EU", number) in engine.legal_actions(crisis, state, "EU")
    why = engine.legal_actions(crisis, state, "USA").why_not(A.DecideInParallel("USA", number))
    assert why is not None and why.rule == R_IO
    step = engine.apply(crisis, state, A.DecideInParallel("EU", number))
    said = [words.text(e, crisis, "HUN") for e in step.events if isinstance(e, ev.DecidedInParallel)]
    assert said and "European Union" in said[0] and f"operation {number}" in said[0]
    assert step.state.meters["legitimacy"] == state.meters["legitimacy"] + 2
    assert A.DecideInParallel("EU", number) not in engine.legal_actions(crisis, step.state, "EU")
