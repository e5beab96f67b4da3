"""The legal frame, one test per fact an instructor would check (diplomacy's DATC style): each
named after the fact it encodes and quoting, in its docstring, the sentence of DESIGN.md's step 5
that states it. The engine's refusals quote the same sentences (game.core.procedure)."""
import attrs
import pytest

from game.core import actions as A
from game.core import engine
from game.core import events as ev
from game.core.actions import WHITE_CELL
from game.core.procedure import R_ART5, R_BASIS, R_CHAIR, R_COALITION, R_CONSENT, R_UNSC
from game.core.state import Phase, Resolution
from game.scenario.loader import ScenarioError, load_scenario
from tests.conftest import ROOT
from tests.helpers import act, round_with, tabled, through_consultation


@pytest.fixture(scope="module")
def frontline():
    return load_scenario(ROOT / "scenarios" / "frontline_hybrid.yaml")


@pytest.fixture(scope="module")
def reference():
    return load_scenario(ROOT / "scenarios" / "reference.yaml")


def attack(crisis, state, on: str, by: str):
    """The White Cell reports an armed attack (an ad-hoc inject with the effect)."""
    return act(crisis, state, A.AdHocInject(WHITE_CELL, "Armed attack", f"{on} is attacked.",
                                           (f"armed_attack({on}, {by})",)))


def next_turn(crisis, state):
    """Every seat passes until the next turn's consultation."""
    turn = state.turn
    while state.turn == turn and not engine.is_over(state):
        seat = engine.acting_seats(crisis, state)[0]
        move = A.Recirculate(seat) if state.phase == Phase.AMENDMENT else A.Pass(seat)
        state = act(crisis, state, move)
    return state


def refusal(crisis, state, action):
    return engine.legal_actions(crisis, state, action.seat).why_not(action)


def article5_tabled(crisis, state):
    state = attack(crisis, state, "LTU", "HSA")
    state = act(crisis, state, A.RequestArt5("LTU", "LTU"))
    state = through_consultation(crisis, state)
    table = next(a for a in engine.legal_actions(crisis, state, "SG")
                 if isinstance(a, A.Table) and a.option == "article5")
    return act(crisis, state, table)


# -- Article 5 -------------------------------------------------------------------------------------
def test_no_article_5_without_an_armed_attack_on_an_ally(frontline):
    """Article 5 (collective defence, UN Charter Art. 51) exists only after an armed attack on an
    Ally's own territory."""
    state = engine.new_game(frontline, 1).state
    why = refusal(frontline, state, A.RequestArt5("LTU", "LTU"))
    assert why.rule == R_ART5 and "no armed attack" in why.reason
    state = through_consultation(frontline, state)
    why = refusal(frontline, state, A.Table("SG", "article5", "collective_defence", "LTU", (("response", "military"),)))
    assert why is not None and why.rule == R_BASIS and "armed attack" in why.reason
    assert not any(isinstance(a, A.Table) and a.basis == "collective_defence"
                   for a in engine.legal_actions(frontline, state, "SG"))


def test_an_armed_attack_is_shown_to_every_seat_and_opens_article_5(frontline):
    """... exists only after an armed attack on an Ally's own territory (the scenario or the White
    Cell raises it, and every seat sees it)."""
    step = engine.apply(frontline, engine.new_game(frontline, 1).state,
                        A.AdHocInject(WHITE_CELL, "Armed attack", "The bridge.", ("armed_attack(LTU, HSA)",)))
    shown = [e for e in step.events if isinstance(e, ev.ArmedAttack)]
    assert shown and shown[0].to is None and "Article 5 may now be invoked" in shown[0].words(frontline)
    assert A.RequestArt5("POL", "LTU") in engine.legal_actions(frontline, step.state, "POL")


def test_article_4_is_no_gate_for_article_5(frontline):
    """Article 4 is any member's right to consultations — never a gate for anything else."""
    state = article5_tabled(frontline, engine.new_game(frontline, 1).state)
    assert not state.art4 and state.phase == Phase.NEGOTIATION and state.proposal.option == "article5"


def test_article_5_is_never_invoked_by_silence(frontline):
    """Its invocation needs every member's explicit assent (never silence)."""
    state = article5_tabled(frontline, engine.new_game(frontline, 1).state)
    members = frontline.groups["members"]
    state = round_with(frontline, state, {m: A.Support(m) for m in members if m != "TUR"})
    assert not state.operations and state.decisions[-1].blocked_by == ("TUR",)
    assert state.phase == Phase.AMENDMENT
    state = act(frontline, state, A.Recirculate("SG"))
    state = round_with(frontline, state, {m: A.Support(m) for m in members})
    assert [op.option for op in state.operations] == ["article5"]


def test_after_article_5_each_ally_decides_what_it_contributes(frontline):
    """After it, each Ally decides what it contributes: only Allies pledge, and none is made to."""
    state = article5_tabled(frontline, engine.new_game(frontline, 1).state)
    state = round_with(frontline, state, {m: A.Support(m) for m in frontline.groups["members"]})
    op = state.operations[0]
    assert set(op.contributors) == set(frontline.groups["members"]) and not op.pledges


def test_an_attack_on_a_partner_is_not_an_article_5_case(crisis):
    """An attack on a partner is not an Article 5 case: the partner may request assistance (its own
    consent, Art. 51)."""
    state = attack(crisis, engine.new_game(crisis, 1).state, "MDA", "HSA")
    why = refusal(crisis, state, A.RequestArt5("ROU", "MDA"))
    assert why.rule == R_ART5 and "not an Article 5 case" in why.reason
    assert not any(isinstance(a, A.RequestArt5) for a in engine.legal_actions(crisis, state, "ROU"))
    # the partner's own consent carries help on its soil
    state = through_consultation(crisis, state)
    assert A.Table("SG", "cyber_support", "host_consent", "MDA") in engine.legal_actions(crisis, state, "SG")


def test_article_5_acts_on_allied_territory_only(tmp_path):
    """... an armed attack on an Ally's own territory: an option on the collective-defence basis
    acting on a partner's soil is refused when the scenario loads."""
    src = ROOT / "scenarios" / "first_response.yaml"
    text = src.read_text(encoding="utf-8")
    assert "    legal_bases: [host_consent]\n    hosts: [MDA]" in text
    path = tmp_path / "first_response.yaml"
    path.write_text(text.replace("    legal_bases: [host_consent]\n    hosts: [MDA]",
                                 "    legal_bases: [collective_defence]\n    hosts: [MDA]", 1), encoding="utf-8")
    (tmp_path / "library").symlink_to(ROOT / "scenarios" / "library")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert any("Article 5 acts on the territory of an attacked Ally" in p.message for p in info.value.problems)


# -- the Security Council --------------------------------------------------------------------------
def test_a_resolution_is_sought_before_a_text_relies_on_it(crisis):
    """A UN Security Council resolution ... is sought before the text relies on it."""
    state = through_consultation(crisis, engine.new_game(crisis, 1).state)
    why = refusal(crisis, state, A.Table("SG", "deploy_stabilisation", "security_council", "MDA"))
    assert why.rule == R_BASIS and "seek one first" in why.reason
    why = refusal(crisis, engine.new_game(crisis, 1).state, A.SeekResolution("MDA", "deploy_stabilisation"))
    assert why.rule == R_UNSC


def test_nine_votes_and_no_veto_pass_a_resolution(crisis):
    """... put to a vote of the fifteen members: nine votes and no veto by a permanent member."""
    state = act(crisis, engine.new_game(crisis, 1).state, A.SeekResolution("USA", "deploy_stabilisation"))
    state = next_turn(crisis, state)
    r = state.resolutions[-1]
    assert len(r.votes) == 15 and r.count("yes") >= 9 and not r.vetoed_by and r.status == "adopted"
    state = through_consultation(crisis, state)
    table = A.Table("SG", "deploy_stabilisation", "security_council", "MDA",
                    (("size", crisis.scenario.options["deploy_stabilisation"].parameters["size"].default),)) \
        if crisis.scenario.options["deploy_stabilisation"].parameters else \
        A.Table("SG", "deploy_stabilisation", "security_council", "MDA")
    assert refusal(crisis, state, table) is None


def test_a_permanent_members_objection_vetoes(reference):
    """... nine votes and no veto by a permanent member (UN Charter Art. 27(3))."""
    state = engine.new_game(reference, 1).state
    state = act(reference, state, A.OverrideMeter(WHITE_CELL, "disinformation", 80, "test: the campaign peaks"))
    state = act(reference, state, A.SeekResolution("ESP", "orf_deploy"))
    step_events = []
    turn = state.turn
    while state.turn == turn:
        step = engine.apply(reference, state, A.Pass(engine.acting_seats(reference, state)[0]))
        step_events += step.events
        state = step.state
    r = state.resolutions[-1]
    assert r.status == "vetoed" and r.vetoed_by == ("Russia",) and r.count("yes") >= 9
    voted = [e for e in step_events if isinstance(e, ev.ResolutionVoted)]
    assert "veto by Russia" in voted[0].words(reference)


def test_a_vetoed_resolution_gives_no_legitimacy_and_loses_no_pledge(reference):
    """A vetoed resolution gives no legitimacy and costs no pledge."""
    state = engine.new_game(reference, 1).state
    state = act(reference, state, A.HoldInject(WHITE_CELL, "consent_suspended"))  # the host keeps consenting
    state = act(reference, state, A.OverrideMeter(WHITE_CELL, "disinformation", 80, "test: the campaign peaks"))
    state = act(reference, state, A.SeekResolution("ESP", "orf_deploy"))
    # an operation already adopted with 'mandate first', pledged and waiting for the resolution
    state = through_consultation(reference, state)
    table = next(a for a in engine.legal_actions(reference, state, "SG")
                 if isinstance(a, A.Table) and a.option == "orf_deploy" and a.basis == "host_consent")
    state = act(reference, state, attrs.evolve(table, caveats=("mandate_first",)))
    state = round_with(reference, state, {"VAR": A.Consent("VAR")})
    if state.phase == Phase.PROPOSAL:
        state = act(reference, state, A.Pass("SG"))
    assert state.operations and state.operations[0].option == "orf_deploy"
    seat, res = next((a, r) for a in engine.acting_seats(reference, state)
                     for r, n in state.resources[a].items() if n > 0 and r in state.operations[0].requires)
    state = act(reference, state, A.Pledge(seat, 1, res, 1))
    legit = state.meters["legitimacy"]
    state = next_turn(reference, state)
    assert state.resolutions[-1].status == "vetoed"
    op = state.operations[0]
    assert op.pledges == ((seat, res, 1),) and op.status == "planning" and not op.results  # it waits
    assert reference.rules.legal_bases["security_council"].legitimacy > 0
    assert state.meters["legitimacy"] <= legit  # none of the basis's legitimacy from the vetoed text


def test_a_standing_mandate_holds_from_turn_1(reference):
    """A scenario may start with a standing mandate already in force."""
    state = through_consultation(reference, engine.new_game(reference, 1).state)
    tables = [a for a in engine.legal_actions(reference, state, "SG") if isinstance(a, A.Table)]
    assert any(a.option == "back_dialogue" and a.basis == "security_council" for a in tables)
    assert not any(a.option == "orf_deploy" and a.basis == "security_council" for a in tables)


# -- host consent ----------------------------------------------------------------------------------
def _mandated(crisis, state, option):
    return state.replace(resolutions=(Resolution(1, option, "USA", 1, "adopted"),))


def test_no_deployment_on_a_non_members_territory_without_its_consent_under_any_basis(crisis):
    """On a non-member's territory, that nation's consent is always needed, whatever else the text
    rests on."""
    state = _mandated(crisis, through_consultation(crisis, engine.new_game(crisis, 1).state), "deploy_stabilisation")
    params = tuple((n, p.default) for n, p in crisis.scenario.options["deploy_stabilisation"].parameters.items())
    state = act(crisis, state, A.Table("SG", "deploy_stabilisation", "security_council", "MDA", params))
    assert A.Consent("MDA") in engine.legal_actions(crisis, state, "MDA")
    for seat in engine.acting_seats(crisis, state):
        if seat != "MDA":
            state = act(crisis, state, A.Support(seat))
    state = act(crisis, state, A.EndRound(WHITE_CELL))  # the host never answered
    assert not state.operations and state.decisions[-1].blocked_by == ("MDA",)


def test_a_host_may_refuse_outright_and_says_why(crisis):
    """Consent may carry conditions, may be refused outright and may be withdrawn."""
    step_events = []
    state = tabled(crisis, option="cyber_support")
    for seat in engine.acting_seats(crisis, state):
        step = engine.apply(crisis, state, A.RefuseConsent("MDA", None, "sovereignty") if seat == "MDA"
                            else A.Pass(seat))
        step_events += step.events
        state = step.state
    assert state.decisions[-1].outcome == "failed" and not state.operations  # no amendment round
    refused = [e for e in step_events if isinstance(e, ev.ConsentRefused)]
    assert refused and "refuses its consent outright (sovereignty)" in refused[0].words(crisis)


def test_a_host_marked_consent_not_required_needs_none(crisis):
    """Only a scenario that says so (no functioning government) waives it, with its reason."""
    actors = dict(crisis.scenario.actors)
    actors["MDA"] = attrs.evolve(actors["MDA"], consent="not_required", consent_reason="no government in the capital")
    waived = attrs.evolve(crisis, scenario=attrs.evolve(crisis.scenario, actors=actors))
    state = tabled(waived, option="cyber_support")
    assert A.Consent("MDA") not in engine.legal_actions(waived, state, "MDA")
    state = round_with(waived, state, {})
    assert [op.option for op in state.operations] == ["cyber_support"]


def test_refusing_consent_is_only_the_hosts(crisis):
    """On a non-member's territory, that nation's consent is always needed: only that host gives or
    refuses it (an Ally's refusal is an objection)."""
    state = tabled(crisis, option="cyber_support")
    why = refusal(crisis, state, A.RefuseConsent("ROU"))
    assert why.rule == R_CONSENT


# -- the chair and coalitions ----------------------------------------------------------------------
def test_the_chair_can_neither_pledge_nor_pay_nor_lead_a_coalition(crisis):
    """The chair (Secretary General) never leads a coalition, pledges nothing and pays no one."""
    state = engine.new_game(crisis, 1).state
    for move in (A.Pledge("SG", 1, "forces", 1), A.Concede("SG", "HUN", 1), A.LeadCoalition("SG", 1),
                 A.Coalition("SG")):
        why = refusal(crisis, state, move)
        assert why is not None and why.rule == R_CHAIR, move


def _failed_with(crisis, stances):
    state = tabled(crisis)
    limit = crisis.rules.procedure.negotiation_rounds
    for r in range(limit):
        state = round_with(crisis, state, stances)
        if r < limit - 1:
            state = act(crisis, state, A.Recirculate("SG"))
    assert state.decisions[-1].outcome == "failed"
    return next_turn(crisis, state)


def test_a_coalition_names_its_lead_nation_and_only_the_willing_contribute(crisis):
    """When consensus fails, a coalition of the willing may act outside the alliance frame: a lead
    nation proposes it, willing members and partners join, at a cost in cohesion and legitimacy."""
    state = _failed_with(crisis, {"MDA": A.Consent("MDA"), "HUN": A.Object("HUN", "cost"),
                                  "USA": A.Support("USA"), "POL": A.Support("POL")})
    assert A.LeadCoalition("USA", 1) in engine.legal_actions(crisis, state, "USA")
    before = dict(state.meters)
    step = engine.apply(crisis, state, A.LeadCoalition("USA", 1))
    op = step.state.operations[0]
    assert op.coalition and op.lead == "USA"
    assert set(op.contributors) == {"USA", "POL", "MDA"}  # the silent and the objector do not join
    assert step.state.decisions[0].outcome == "coalition"
    assert step.state.meters["cohesion"] == before["cohesion"] - 12
    led = next(e for e in step.events if isinstance(e, ev.CoalitionLed))
    assert led.words(crisis).startswith("United States leads a coalition of the willing")
    why = refusal(crisis, state, A.LeadCoalition("HUN", 1))
    assert why.rule == R_COALITION and "objected" in why.reason


def test_a_coalition_never_acts_on_a_hosts_soil_without_its_consent(crisis):
    """... it never acts on a host's soil without that host's consent."""
    state = round_with(crisis, tabled(crisis), {"MDA": A.RefuseConsent("MDA"), "USA": A.Support("USA")})
    assert state.decisions[-1].outcome == "failed"
    state = next_turn(crisis, state)
    why = refusal(crisis, state, A.LeadCoalition("USA", 1))
    assert why.rule == R_COALITION and "has not consented" in why.reason


def test_legitimacy_from_a_basis_counts_once_per_course_of_action(crisis):
    """Legitimacy moves with the basis used — once: adopting the same course of action again on the
    same basis adds none."""
    bonus = crisis.rules.legal_bases["host_consent"].legitimacy
    options = dict(crisis.scenario.options)
    options["resilience_package"] = attrs.evolve(options["resilience_package"], repeatable=True)
    again = attrs.evolve(crisis, scenario=attrs.evolve(crisis.scenario, options=options))
    state = tabled(again)
    before = state.meters["legitimacy"]
    state = round_with(again, state, {"MDA": A.Consent("MDA")})
    first = state.meters["legitimacy"] - before
    state = act(again, state, A.Table("SG", "resilience_package", "host_consent", "MDA"))
    before = state.meters["legitimacy"]
    state = round_with(again, state, {"MDA": A.Consent("MDA")})
    assert len(state.operations) == 2
    assert not any("legitimacy" in e.text for e in again.rules.effects.adopted)  # only the basis moves it here
    assert bonus and first == bonus and state.meters["legitimacy"] == before
