"""One legality object (LegalActions): what is offered is what apply() accepts, and every refusal
names the rule that actually failed. DESIGN.md: "One answer to 'is this legal?'"."""
from __future__ import annotations

import random

import attrs
import pytest

from game.core import actions as A
from game.core import engine
from game.core.actions import WHITE_CELL
from game.core.errors import IllegalActionError
from game.core.legal import LegalActions
from game.core.observation import Observer
from game.core.procedure import R_AMEND, R_CHAIR, R_CONSENT, R_TABLE, R_TURN
from game.core.state import Phase
from game.players import POLICIES, Heuristic, choose_for
from game.scenario.loader import load_scenario
from tests.conftest import SCENARIOS

FREE_TEXT = (A.RequestInfo,)  # free-text moves: any question is legal, none is listed


def _states(crisis, seed: int, limit: int):
    """States of one seeded game: computer delegations, with a random legal move now and then."""
    rnd = random.Random(seed)
    state = engine.new_game(crisis, seed).state
    observers = {}
    while not engine.is_over(state) and limit > 0:
        yield state
        limit -= 1
        seat = engine.acting_seats(crisis, state)[0]
        if rnd.random() < 0.25:
            action = rnd.choice(list(engine.legal_actions(crisis, state, seat)))
        else:
            observer = observers.setdefault(seat, Observer(crisis, seat))
            action = choose_for(crisis, state, seat, POLICIES["default"], observer)[0]
        state = engine.apply(crisis, state, action).state


def _probes(crisis, state, seat, pool):
    """Moves to ask about: every move listed for any seat here, re-addressed to `seat`, plus
    variants of the commonest moves (these are what a screen or a bot might try)."""
    out = set()
    for action in pool:
        fields = {a.name for a in attrs.fields(type(action))}
        if "seat" in fields and action.seat != WHITE_CELL:
            out.add(attrs.evolve(action, seat=seat))
    out |= {A.Pass(seat), A.Support(seat), A.Reserve(seat), A.Consent(seat), A.RefuseConsent(seat),
            A.RequestArt4(seat), A.ShareIntel(seat, "all"), A.Recirculate(seat), A.Withdraw(seat),
            A.Coalition(seat), A.Undo(seat), A.WithdrawConsent(seat)}
    return out


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_what_is_offered_is_what_apply_accepts(path):
    """Over hundreds of states per scenario (2,000+ in all), for every seat: every listed move is
    accepted by apply, every probe that is accepted is listed, and every refused probe carries a
    refusal whose rule the engine raises too."""
    crisis = load_scenario(path)
    checked = 0
    for state in _states(crisis, seed=11, limit=400):
        listed = {seat: LegalActions.of(crisis, state, seat) for seat in (*engine.seats(crisis), WHITE_CELL)}
        pool = {a for legal in listed.values() for a in legal}
        for seat in engine.seats(crisis):
            legal = listed[seat]
            offered = set(legal)
            for action in offered:
                engine.apply(crisis, state, action)  # raises if the engine refuses what is offered
            for probe in _probes(crisis, state, seat, pool):
                why = legal.why_not(probe)
                if why is None:
                    assert probe in offered or isinstance(probe, FREE_TEXT), probe
                    engine.apply(crisis, state, probe)
                else:
                    assert probe not in offered, probe
                    with pytest.raises(IllegalActionError) as exc:
                        engine.apply(crisis, state, probe)
                    assert exc.value.rule_id == why.rule.id and exc.value.reason == why.reason
            # what an observer's copy of the state offers is what the engine's state offers
            obs = Observer(crisis, seat).observe(state)
            assert list(LegalActions.of(obs.crisis, obs.state, seat)) == list(legal)
            checked += 1
    assert checked >= 2000 // len(SCENARIOS)


# -- the five false reasons the issue found (each in the seat's own step) ---------------------------
def _to(crisis, state, phase, seat=None, policy="default"):
    observers = {}
    while state.phase != phase or (seat is not None and seat not in engine.acting_seats(crisis, state)):
        s = engine.acting_seats(crisis, state)[0]
        observer = observers.setdefault(s, Observer(crisis, s))
        state = engine.apply(crisis, state, choose_for(crisis, state, s, POLICIES[policy], observer)[0]).state
    return state


def test_a_second_article_4_request_is_a_members_right_too(crisis):
    """5. Article 4 is any member's right to consultations: asking again is legal and costs nothing."""
    state = engine.new_game(crisis, 2).state
    member = crisis.scenario.members[0]
    state = state.replace(art4=(member,), capital={**state.capital, member: 0})
    assert engine.legal_actions(crisis, state, member).why_not(A.RequestArt4(member)) is None
    after = engine.apply(crisis, state, A.RequestArt4(member)).state
    assert after.art4 == (member, member) and after.capital[member] == 0


def test_a_reservation_with_a_footnote_is_a_reservation(crisis):
    """4. A member that will not block but disagrees places a reservation (a footnote) on the record."""
    state = _to(crisis, engine.new_game(crisis, 4).state, Phase.NEGOTIATION)
    member = next(m for m in crisis.scenario.members if m in engine.acting_seats(crisis, state))
    note = A.Reserve(member, "subject to parliamentary approval")
    assert engine.legal_actions(crisis, state, member).why_not(note) is None
    assert engine.apply(crisis, state, note).state.submitted(member) == note


def test_a_host_answering_support_at_its_consent_step_is_told_to_consent_or_refuse(crisis):
    """5. Decision: on a non-member's territory that nation's consent is needed; support is not an answer."""
    state = engine.new_game(crisis, 7).state
    for _ in range(400):
        if state.phase == Phase.NEGOTIATION and state.proposal.host and \
                state.proposal.host in engine.acting_seats(crisis, state) and \
                A.Consent(state.proposal.host) in engine.legal_actions(crisis, state, state.proposal.host):
            break
        s = engine.acting_seats(crisis, state)[0]
        state = engine.apply(crisis, state, choose_for(crisis, state, s, POLICIES["always-support"])[0]).state
    host = state.proposal.host
    for move in (A.Support(host), A.Pass(host), A.Object(host, next(iter(crisis.rules.reasons)))):
        why = engine.legal_actions(crisis, state, host).why_not(move)
        assert why.rule == R_CONSENT and "consent" in why.reason


def test_re_tabling_an_adopted_option_says_it_was_adopted(crisis):
    """3. Proposal: the chair tables from the menu; an option that is not repeatable is not tabled twice."""
    chair = crisis.scenario.chair
    state = engine.new_game(crisis, 7).state
    for _ in range(2000):
        done = [op.option for op in state.operations if not crisis.scenario.options[op.option].repeatable]
        if done and state.phase == Phase.PROPOSAL:
            break
        s = engine.acting_seats(crisis, state)[0]
        state = engine.apply(crisis, state, choose_for(crisis, state, s, POLICIES["always-support"])[0]).state
    op = next(o for o in state.operations if not crisis.scenario.options[o.option].repeatable)
    again = A.Table(chair, op.option, op.proposal.basis, op.proposal.host, op.proposal.params)
    why = engine.legal_actions(crisis, state, chair).why_not(again)
    assert why.rule == R_TABLE and "adopted already" in why.reason


def test_one_amendment_over_the_rounds_limit_names_the_limit(crisis):
    """4. Objections are answered by amendments — up to the round limit the rules set."""
    state = _to(crisis, engine.new_game(crisis, 1).state, Phase.AMENDMENT)
    chair = crisis.scenario.chair
    limit = crisis.rules.procedure.amendments_per_round
    state = state.replace(proposal=attrs.evolve(state.proposal, amendments=limit, failed=False))
    amend = next((a for a in engine.legal_actions(crisis, state.replace(proposal=attrs.evolve(
        state.proposal, amendments=0)), chair) if isinstance(a, (A.Amend, A.SetParam, A.Concede))))
    why = engine.legal_actions(crisis, state, chair).why_not(amend)
    assert why.rule == R_AMEND and f"limit of {limit} amendments" in why.reason


def test_a_move_in_another_step_names_the_step(crisis):
    state = engine.new_game(crisis, 1).state  # consultation
    member = crisis.scenario.members[0]
    why = engine.legal_actions(crisis, state, member).why_not(A.Support(member))
    assert why.rule == R_TURN and "negotiation step" in why.reason
    # and says in plain words when that move comes, and what the table is doing now
    assert "comes once a text is on the table" in why.reason and "no text is on the table yet" in why.reason
    assert "is a move of the" not in why.reason


def test_legal_actions_is_one_object_per_state_and_seat(crisis):
    state = engine.new_game(crisis, 1).state
    seat = engine.acting_seats(crisis, state)[0]
    legal = engine.legal_actions(crisis, state, seat)
    assert legal is engine.legal_actions(crisis, state, seat)
    assert len(legal) == legal.count() == len(list(legal)) and bool(legal)
    assert A.Pass(seat) in legal and legal.count(A.Pass(seat)) == 1
    assert A.Support(seat) not in legal


# -- simulate asks every policy, custom subclasses included --------------------------------------------
class Counting(Heuristic):
    name = "counting"

    def __init__(self):
        self.calls = 0

    def choose(self, obs, legal, rng):
        self.calls += 1
        return super().choose(obs, legal, rng)


@pytest.mark.parametrize("seed", [3, 8, 21])
def test_simulate_asks_a_custom_policy_for_every_decision(crisis, seed):
    from game.players.simulate import play_out
    pol = Counting()
    simulated = play_out(crisis, seed, pol)
    asked = pol.calls
    pol.calls = 0
    state = engine.new_game(crisis, seed).state
    moves = 0
    observers = {}
    while not engine.is_over(state):
        seat = engine.acting_seats(crisis, state)[0]
        observer = observers.setdefault(seat, Observer(crisis, seat))
        state = engine.apply(crisis, state, choose_for(crisis, state, seat, pol, observer)[0]).state
        moves += 1
    assert simulated == state
    assert asked == moves == pol.calls


def test_a_policy_that_answers_an_illegal_move_is_refused(crisis):
    class Rogue(Heuristic):
        def choose(self, obs, legal, rng):
            return A.Table(obs.seat, "nothing", "", None), "tables what is not on the menu"
    state = engine.new_game(crisis, 1).state
    seat = engine.acting_seats(crisis, state)[0]
    with pytest.raises(IllegalActionError):
        choose_for(crisis, state, seat, Rogue())


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_a_greyed_kind_of_move_says_what_stops_it_not_an_empty_field(path):
    """A key pressed for a kind of move that is not possible now gets the reason that holds for the
    kind (no capital, no text to amend, another step ...), never one about a blank field."""
    crisis = load_scenario(path)
    for state in _states(crisis, seed=5, limit=150):
        for seat in engine.seats(crisis):
            legal = LegalActions.of(crisis, state, seat)
            for kind in A.REGISTRY:
                why = legal.why_not_kind(kind)
                assert (why is None) == (kind in legal.kinds()), (seat, kind)
                if why is not None:
                    assert "''" not in why.reason and "' '" not in why.reason, (seat, kind, why.reason)


def test_the_chair_is_told_it_pays_no_one(crisis):
    """5. The chair never leads a coalition, pledges nothing and pays no one."""
    state = _to(crisis, engine.new_game(crisis, 1).state, Phase.AMENDMENT)
    chair = crisis.scenario.chair
    why = engine.legal_actions(crisis, state, chair).why_not_kind("concede")
    assert why.rule == R_CHAIR and "pays no one" in why.reason


def test_a_text_is_not_tabled_with_a_caveat_its_basis_makes_pointless():
    """4. Amendments: a caveat that adds nothing on the text's legal basis is not attached (as an
    amendment would not be), whether asked for later or written into the tabled text."""
    for path in SCENARIOS:
        crisis = load_scenario(path)
        chair = crisis.scenario.chair
        state = _to(crisis, engine.new_game(crisis, 2).state, Phase.PROPOSAL)
        legal = engine.legal_actions(crisis, state, chair)
        for table in (a for a in legal if isinstance(a, A.Table)):
            opt = crisis.scenario.options[table.option]
            for cav in opt.caveats:
                moved = attrs.evolve(table, caveats=(cav,))
                pointless = table.basis in crisis.rules.caveats[cav].redundant_with
                assert (legal.why_not(moved) is not None) == pointless, (path.stem, moved)


def test_typed_text_with_a_control_character_is_refused_everywhere(crisis):
    """Exercise: what a person types into a move is shown to every seat as written. A question, a
    footnote or an ad-hoc inject carrying an escape code (a clipboard write, a clear-screen) is
    refused by the engine with the rule, whichever screen or page it was typed in; newlines pass."""
    state = _to(crisis, engine.new_game(crisis, 4).state, Phase.NEGOTIATION)
    member = next(m for m in crisis.scenario.members if m in engine.acting_seats(crisis, state))
    hostile = "\x1b]52;c;cm0gLXJmIH4K\x07 read this"
    probes = [(member, A.RequestInfo(member, hostile)), (member, A.Reserve(member, "note\x1b[2J")),
              (WHITE_CELL, A.AdHocInject(WHITE_CELL, "Flash\x07", "text")),
              (WHITE_CELL, A.AdHocInject(WHITE_CELL, "Flash", "a\rb"))]
    for seat, move in probes:
        why = engine.legal_actions(crisis, state, seat).why_not(move)
        assert why is not None and why.rule.id == "text" and "control character" in why.reason, (move, why)
        with pytest.raises(IllegalActionError):
            engine.apply(crisis, state, move)
    fine = A.RequestInfo(member, "Two lines:\n\twhere is the ferry?")
    assert engine.legal_actions(crisis, state, member).why_not(fine) is None


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_who_acts_is_worked_out_from_the_state_alone(path):
    """The engine carries "who acts next" from one state to the next instead of working it out
    again; a saved game resumed, or a state copied for a seat, works it out afresh. Both must agree,
    or a seat is asked for a move it has no right to make (a pledge that meets a running
    operation's shortfall once kept asking its other contributors)."""
    from game.core.seats import compute_acting
    crisis = load_scenario(path)
    for seed in (3, 11):
        for state in _states(crisis, seed=seed, limit=500):
            assert engine.acting_seats(crisis, state) == compute_acting(crisis, state), (state.turn, state.phase)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_moves_carried_from_earlier_states_are_those_worked_out_afresh(path):
    """Facts that rarely change (an operation's coverage and force-generation moves, a member's
    MOU offers, the resolutions it may seek, its widenings) are carried from one state to the next
    (GameState.carried), by the engine and by each seat's observer. A state copied without them (a
    resumed save) must list exactly the same moves, or a seat would be offered a move the rules no
    longer allow, or denied one they do."""
    crisis = load_scenario(path)
    observers = {}
    compared = 0
    for seed in (5, 13):
        for state in _states(crisis, seed=seed, limit=400):
            for seat in engine.acting_seats(crisis, state)[:3] + (crisis.chair,):
                fresh = state.copy(state.private_intel, state.requests)  # no memo at all
                afresh = tuple(LegalActions(crisis, fresh, seat))
                assert tuple(LegalActions.of(crisis, state, seat)) == afresh, (seed, state.turn, state.phase, seat)
                obs = observers.setdefault(seat, Observer(crisis, seat)).observe(state)
                view = obs.state.copy(obs.state.private_intel, obs.state.requests)
                assert tuple(LegalActions.of(obs.crisis, obs.state, seat)) == tuple(LegalActions(obs.crisis, view, seat))
                compared += 1
    assert compared > 500


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_a_seat_told_it_takes_no_part_in_a_step_is_never_asked_to_move_in_it(path):
    """LegalActions.takes_part is what a screen shows for a step (no keys, and why): an international
    organisation in negotiation and force generation, the chair under silence. It must be the
    truth: such a seat never acts in that step and has no legal move there, and every seat the
    step does ask is told it takes part."""
    from game.core.procedure import R_IO
    crisis = load_scenario(path)
    kinds = {a: x.kind for a, x in crisis.scenario.actors.items()}
    apart_seen = 0
    for seed in (2, 9):
        for state in _states(crisis, seed=seed, limit=400):
            acting = engine.acting_seats(crisis, state)
            for seat in engine.seats(crisis):
                legal = LegalActions(crisis, state, seat)
                why = legal.takes_part()
                if why is None:
                    continue
                apart_seen += 1
                assert seat not in acting, (state.phase, seat)
                assert not [a for a in legal if not isinstance(a, A.Undo)], (state.phase, seat)
                if kinds[seat] == "organisation":
                    assert why.rule is R_IO and state.phase in (Phase.NEGOTIATION, Phase.FORCE_GENERATION)
                else:
                    assert seat == crisis.chair and why.rule is R_CHAIR and state.phase is Phase.NEGOTIATION
            for seat in acting:
                assert LegalActions(crisis, state, seat).takes_part() is None, (state.phase, seat)
    assert apart_seen, "the chair sits out every negotiation: some state must show it"
