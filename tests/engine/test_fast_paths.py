"""The engine's shortcuts for speed change nothing: memoised acting seats, unchecked play, the lazily
seeded bot generator, GameState.replace and the per-text caches give what the plain code gives."""
from __future__ import annotations

import hashlib
import random

import pytest

from game.core import legal
from game.core import seats as seats_mod
from game.core import chance, engine
from game.players import POLICIES, choose_for
from game.players.policy import _seeded, bot_rng
from game.core.state import GameState


def _states(crisis, seed, n=400):
    state = engine.new_game(crisis, seed).state
    for _ in range(n):
        if engine.is_over(state):
            return
        seat = engine.acting_seats(crisis, state)[0]
        action, _ = choose_for(crisis, state, seat, POLICIES["default"])
        yield state, seat, action
        state = engine.apply_unchecked(crisis, state, action).state


@pytest.mark.parametrize("seed", [3, 11])
def test_memoised_acting_seats_match_a_fresh_count(crisis, seed):
    for state, _seat, action in _states(crisis, seed):
        assert engine.acting_seats(crisis, state) == seats_mod.compute_acting(crisis, state)
        after = engine.apply_unchecked(crisis, state, action).state
        assert engine.acting_seats(crisis, after) == seats_mod.compute_acting(crisis, after.replace())


def test_batch_play_reaches_the_same_states_as_checked_play(crisis):
    for state, _seat, action in _states(crisis, 5, 250):
        checked = engine.apply(crisis, state, action)
        assert engine.apply_unchecked(crisis, state, action).state == checked.state
        assert engine.apply_quiet(crisis, state, action) == checked.state


def test_keyed_generator_is_random_Random_of_the_key():
    key = (42, "bot", "DEU", 3, "negotiation", 4, 1, 0, 2)
    text = "|".join(map(str, key)).encode()
    ref = random.Random(int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big"))
    ours = chance.rng(*key)
    assert [ours.random() for _ in range(5)] + [ours.gauss(0, 3), ours.choice(range(99))] == \
        [ref.random() for _ in range(5)] + [ref.gauss(0, 3), ref.choice(range(99))]


def test_lazy_bot_generator_draws_what_the_seeded_one_draws(crisis):
    for state, seat, _action in list(_states(crisis, 7, 120))[::10]:
        lazy, eager = bot_rng(state, seat), _seeded(state, seat)
        assert [lazy.random(), lazy.gauss(0, 3), lazy.choice("abcdef")] == \
            [eager.random(), eager.gauss(0, 3), eager.choice("abcdef")]


def test_replace_copies_fields_not_memos_and_refuses_unknown_names(crisis):
    state = engine.new_game(crisis, 1).state
    state.memo()["x"] = 1
    other = state.replace(turn=state.turn)
    assert other == state and other.memo() == {} and other is not state
    with pytest.raises(TypeError):
        state.replace(turns=3)
    assert isinstance(other, GameState) and "_memo" not in repr(state)


@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_simulate_decides_as_choose_for_does(crisis, policy):
    """game.players.simulate.decide skips the policy only for a forced move: the same move either way."""
    from game.players.simulate import decide
    for seed in (2, 9):
        state = engine.new_game(crisis, seed).state
        while not engine.is_over(state):
            seat = engine.acting_seats(crisis, state)[0]
            action, _ = choose_for(crisis, state, seat, POLICIES[policy])
            assert decide(crisis, state, POLICIES[policy]) == action
            state = engine.apply_unchecked(crisis, state, action).state


def test_bots_ask_for_legal_moves_as_the_table_does(crisis):
    """legal_actions(variants=False) for a member in negotiation (a shortcut) lists what the long
    way lists: the plain stances, then one objection per reason when it can afford one."""
    seen = 0
    for state, seat, _action in _states(crisis, 4):
        if state.phase.value != "negotiation" or crisis.scenario.actors[seat].kind != "member":
            continue
        seen += 1
        full = engine.legal_actions(crisis, state, seat)
        short = engine.legal_actions(crisis, state, seat, variants=False)
        assert short[:3] == full[:3]
        assert [a for a in short[3:]] == [a for a in full[3:] if not a.wants_caveat and not a.wants_concession]
    assert seen


def test_every_seat_in_negotiation_gets_the_long_ways_list_without_variants(crisis):
    """The shortcut for computer players covers members, partners and organisations: the same list
    as the long way, less each objection's asks."""
    seen = set()
    for state, seat, _action in _states(crisis, 6):
        if state.phase.value != "negotiation":
            continue
        seen.add(crisis.scenario.actors[seat].kind)
        full = engine.legal_actions(crisis, state, seat)
        short = engine.legal_actions(crisis, state, seat, variants=False)
        assert short == [a for a in full if not getattr(a, "wants_caveat", None) and not getattr(a, "wants_concession", 0)]
    assert "member" in seen and len(seen) > 1


def test_evolve_makes_what_attrs_evolve_makes(crisis):
    import attrs

    from game.core.state import evolve
    for state, _seat, _action in _states(crisis, 8):
        for d in state.decisions:
            assert evolve(d, outcome="failed") == attrs.evolve(d, outcome="failed")
            assert evolve(d.proposal, round=9) == attrs.evolve(d.proposal, round=9)
            assert hash(evolve(d.proposal, round=9)) == hash(attrs.evolve(d.proposal, round=9))
        for op in state.operations:
            assert evolve(op, status="stopped") == attrs.evolve(op, status="stopped")


def _scenario_paths():
    from pathlib import Path
    return sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module", params=[p.name for p in _scenario_paths()])
def any_crisis(request):
    from pathlib import Path

    from game.scenario.loader import load_scenario
    return load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / request.param)


def test_negotiation_shortcut_picks_what_choose_for_picks(any_crisis):
    """simulate's negotiation shortcut (engine.stance_choices, heuristic.stance_direct: no legal
    list, no observation) gives the move choose_for gives, and stance_choices reads the legal list
    as the policy does (Consent listed; Object listed), for hosts, members and partners alike."""
    from game.core import actions as A
    from game.players.heuristic import direct_stance, stance_direct
    pol = POLICIES["default"]
    assert direct_stance(pol) and not direct_stance(POLICIES["always-support"])
    kinds_seen = set()
    for seed in (1, 4, 13):
        for state, seat, action in _states(any_crisis, seed, 2000):
            if state.phase.value != "negotiation":
                continue
            kinds = {a.__class__ for a in engine.legal_actions(any_crisis, state, seat, variants=False)}
            choices = engine.stance_choices(any_crisis, state, seat)
            assert choices == (A.Consent in kinds, A.Object in kinds)
            kinds_seen.add((any_crisis.scenario.actors[seat].kind, choices))
            assert stance_direct(pol, any_crisis, state, seat, bot_rng(state, seat)) == action
    assert kinds_seen


def test_pledging_shortcut_picks_what_choose_for_picks(any_crisis):
    """simulate's force-generation shortcut (engine.pledge_choices, heuristic.pledge_direct) reads
    what legal_actions lists (the most of each resource for each operation, every amount from 1 to
    it) and gives the move choose_for gives."""
    from game.core import actions as A
    from game.players.heuristic import direct_pledge, pledge_direct
    assert all(direct_pledge(p) for p in POLICIES.values())
    pol = POLICIES["default"]
    seen = 0
    for seed in (2, 5, 13):
        for state, seat, action in _states(any_crisis, seed, 2000):
            if state.phase.value != "force_generation":
                continue
            listed = [a for a in engine.legal_actions(any_crisis, state, seat, variants=False) if isinstance(a, A.Pledge)]
            most = engine.pledge_choices(any_crisis, state, seat)
            assert listed == [A.Pledge(seat, n, r, k) for (n, r), top in most.items() for k in range(1, top + 1)]
            assert pledge_direct(pol, any_crisis, state, seat, bot_rng(state, seat)) == action
            seen += isinstance(action, A.Pledge)
    assert seen


def test_bot_generator_is_chance_rng_of_its_key(crisis):
    """policy._seeded writes its key and seeds inline: the generator chance.rng makes of the key
    (seed, "bot", seat, turn, phase, decisions, round, amendments, the seat's pledges so far)."""
    phases = set()
    for state, seat, _action in _states(crisis, 12, 600):
        p = state.proposal
        mine = sum(1 for op in state.operations for a, _, _ in op.pledges if a == seat)
        ref = chance.rng(state.seed, "bot", seat, state.turn, state.phase.value, len(state.decisions),
                         p.round if p else 0, p.amendments if p else 0, mine)
        ours, lazy = _seeded(state, seat), bot_rng(state, seat)
        assert [ours.random(), ours.gauss(0, 3)] == [ref.random(), ref.gauss(0, 3)] == [lazy.random(), lazy.gauss(0, 3)]
        phases.add((state.phase.value, p is None))
    assert len(phases) >= 4


def test_memoised_acting_seats_match_a_fresh_count_in_every_scenario(any_crisis):
    """The seats carried over by _finished and by a pledge are the seats a fresh count finds."""
    for state, _seat, action in _states(any_crisis, 6, 3000):
        after = engine.apply_quiet(any_crisis, state, action)
        assert engine.acting_seats(any_crisis, after) == seats_mod.compute_acting(any_crisis, after.replace())


def test_consultation_shortcut_picks_what_choose_for_picks(any_crisis):
    """simulate's consultation shortcut (engine.consultation_choices, heuristic.consult_direct)
    reads what legal_actions lists and gives the move choose_for gives."""
    from game.core import actions as A
    from game.players.heuristic import consult_direct, direct_consult
    assert all(direct_consult(p) for p in POLICIES.values())
    pol = POLICIES["default"]
    kinds = set()
    for seed in (3, 8, 13):
        for state, seat, action in _states(any_crisis, seed, 2000):
            if state.phase.value != "consultation":
                continue
            groups = engine.consultation_choices(any_crisis, state, seat)
            assert engine.legal_actions(any_crisis, state, seat, variants=False) == [A.Pass(seat)] + [a for g in groups for a in g]
            assert consult_direct(pol, any_crisis, state, seat, bot_rng(state, seat)) == action
            kinds.add(action.__class__.__name__)
    assert "ShareIntel" in kinds and "Pass" in kinds


def test_a_draw_from_its_written_key_is_the_draw():
    for key in [(7, "lean", "DEU", 3, "evacuation"), (0, "lean", "x", 12, "y"), (2**40, "a")]:
        assert chance.draw_of_text("|".join(map(str, key))) == chance.draw(*key)


def test_can_table_is_whether_anything_is_tableable(any_crisis):
    """_close_proposal asks _can_table (stops at the first text) where it asked for the whole list."""
    seen = set()
    for state, _seat, _action in _states(any_crisis, 9, 3000):
        listed = bool(legal.tableable(any_crisis, state, any_crisis.scenario.chair))
        assert legal.can_table(any_crisis, state) == listed
        seen.add(listed)
    assert True in seen


def test_amendment_shortcut_picks_what_the_long_way_picks(any_crisis):
    """simulate's amendment shortcut (engine.amendment_choices without links, simulate.amend_direct)
    lists legal_actions' moves less the links, in the same order, and gives the move choose_for
    gives (and the long way of decide: legal list, forced move, observe, choose)."""
    from game.core import actions as A
    from game.players.heuristic import direct_amend
    from game.players.simulate import amend_direct
    from game.core.observation import observe
    assert direct_amend(POLICIES["default"])
    kinds = set()
    for name, pol in sorted(POLICIES.items()):
        if not direct_amend(pol):
            continue
        for seed in (2, 7, 13):
            for state, seat, _action in _states(any_crisis, seed, 3000):
                if state.phase.value != "amendment":
                    continue
                legal = engine.legal_actions(any_crisis, state, seat, variants=False)
                short = engine.amendment_choices(any_crisis, state, seat)
                assert short == [a for a in legal if not isinstance(a, A.Link)]
                assert engine.amendment_choices(any_crisis, state, seat, links=True) == legal
                long = legal[0] if len(legal) == 1 else pol.choose(observe(any_crisis, state, seat), legal,
                                                                  bot_rng(state, seat))[0]
                got = amend_direct(pol, any_crisis, state, seat, bot_rng(state, seat))
                assert got == long
                if name == "default":
                    assert got == choose_for(any_crisis, state, seat, pol)[0]
                kinds.add(got.__class__.__name__)
    assert "Recirculate" in kinds or "Withdraw" in kinds


def test_the_chairs_benefit_reads_the_meters_a_full_draft_reaches(any_crisis):
    """Heuristic.benefit applies an option's success effects to a Draft that changes only meters
    (_MeterDraft): the meters are those a full Draft reaches, for every option at every tabling."""
    from game.players.heuristic import _MeterDraft
    from game.core.env import Draft, Env
    good = any_crisis.rules.adjudication.success_results
    seen = 0
    for seed in (1, 6):
        for state, _seat, _action in _states(any_crisis, seed, 3000):
            if state.phase.value != "proposal":
                continue
            for opt in any_crisis.scenario.options.values():
                effects = [e for r in good for e in opt.outcomes.get(r, ())]
                full, lean_ = Draft(state, any_crisis), _MeterDraft(state, any_crisis)
                env = Env(state, any_crisis)
                for e in effects:
                    e.apply(full, env)
                    e.apply(lean_, env)
                assert lean_.meters == full.meters
                seen += bool(effects)
    assert seen
