"""simulate's report (issue 17): per-seat and per-option figures agree with the events of the same
seeded games counted one by one; a seat switched alone plays its baseline and only it does; the
balance warnings and the acceptance check flag a dominant trivial policy and one-sided ends."""
import collections

from game.core import actions as A
from game.core import engine, events as ev
from game.core.observation import Observer
from game.players.baselines import POLICIES
from game.players.report import acceptance, balance_warnings, format_text, seat_warnings
from game.players.simulate import decide, play_out, policy_of, simulate
from game.core.state import Phase
from game.scenario.loader import load_scenario
from tests.conftest import ROOT

DEFAULT = ROOT / "scenarios" / "first_response.yaml"
SAYS_NO = (A.Object, A.RefuseConsent)


def _events_of(crisis, seed, policy="default"):
    """One game played the way simulate plays it, keeping every event."""
    pol = policy_of(policy)
    state = engine.new_game(crisis, seed).state
    observers, out = {}, []
    while state.phase != Phase.OVER:
        seat = engine.acting_seats(crisis, state)[0]
        observer = observers.setdefault(seat, Observer(crisis, seat))
        step = engine.apply_unchecked(crisis, state, decide(observer, state, pol))
        state = step.state
        out += step.events
    return state, out


def test_per_seat_and_per_option_figures_are_the_events_counted():
    crisis = load_scenario(DEFAULT)
    runs, seed = 6, 40
    summary = simulate(DEFAULT, runs, seed=seed)
    objected, pledged, overruled = collections.Counter(), collections.Counter(), collections.Counter()
    tabled, adopted, succeeded = collections.Counter(), collections.Counter(), collections.Counter()
    good = set(crisis.rules.adjudication.success_results)
    national = collections.defaultdict(float)  # unrounded: the sum of each game's score lines
    for s in range(seed, seed + runs):
        state, events = _events_of(crisis, s)
        for seat, score in state.outcome.scores.items():
            national[seat] += sum(line.points for line in score.lines)
        said_no = collections.defaultdict(set)  # text number -> seats that objected or reserved
        ops_ok = set()
        for e in events:
            if isinstance(e, ev.Stance) and isinstance(e.action, SAYS_NO + (A.Reserve,)):
                objected[e.action.seat] += isinstance(e.action, SAYS_NO)
                said_no[e.number].add(e.action.seat)
            elif isinstance(e, ev.Pledged):
                pledged[e.action.seat] += e.action.amount
            elif isinstance(e, ev.Tabled):
                tabled[e.action.option] += 1
            elif isinstance(e, ev.Adopted):
                adopted[e.option] += 1
                overruled.update(said_no[e.number])
            elif isinstance(e, ev.Adjudication) and e.result in good and e.operation not in ops_ok:
                ops_ok.add(e.operation)
                succeeded[e.option] += 1
        assert state.outcome is not None
    for seat, row in summary["seats"].items():
        assert row["objected"] == objected[seat], seat
        assert row["pledged"] == pledged[seat], seat
        assert row["overruled"] == overruled[seat], seat
    for option, row in summary["options"].items():
        assert (row["tabled"], row["adopted"], row["succeeded"]) == (tabled[option], adopted[option],
                                                                    succeeded[option]), option
    for seat, mean in summary["scores_mean"].items():
        assert abs(mean["national"] - national[seat] / runs) < 0.01, seat
    assert sum(objected.values()) > 0 and sum(pledged.values()) > 0  # the games had something to count
    text = format_text(summary)
    hun = summary["seats"]["HUN"]
    assert f"{'Hungary':<26}" in text and f"{hun['objected'] / runs:>10.2f}" in text


def test_a_seat_switched_alone_plays_its_baseline_and_the_others_do_not():
    crisis = load_scenario(DEFAULT)
    state = play_out(crisis, 3, "always-object@HUN")
    stances = [(seat, st) for d in state.decisions for _r, seat, st, _ in d.stances]
    hungary = {st for seat, st in stances if seat == "HUN"}
    assert hungary and hungary <= {"object", "reserve"}  # a reservation once its capital is spent
    assert any(st in ("support", "silent") for seat, st in stances if seat != "HUN")


def test_scores_say_why_and_add_up():
    """A host that consents to everything sees its red line crossed and loses for it; the lines add up
    to the national score."""
    crisis = load_scenario(DEFAULT)
    w = crisis.rules.scoring
    crossed = 0
    for seed in range(8):
        state = play_out(crisis, seed, "always-support@MDA")
        for seat, score in state.outcome.scores.items():
            assert score.national == round(sum(line.points for line in score.lines)), seat
        lines = state.outcome.scores["MDA"].lines
        crossed += sum(1 for line in lines if line.kind == "red_line" and line.points == w.red_line_crossed)
        assert all(line.text and "MDA" not in line.text for line in lines)  # labels, never ids
    assert crossed > 0
    assert state.outcome.scores["SG"].lines == ()  # the chair: the collective objectives only


def _crafted() -> dict:
    """A summary as simulate --baselines writes it, with one seat for each case."""
    seat = {"objected": 0, "objected_texts": 0, "pledged": 0, "pledges": 0, "overruled": 0, "chair": False}
    return {
        "scenario": "crafted", "runs": 100, "seed": 0, "policy": "default",
        "outcomes": {"won": 75, "lost": 3, "drawn": 22, "turn_limit": 0},
        "verdicts": {"won": "success", "lost": "failure", "drawn": "mixed", "turn_limit": "mixed"},
        "injects_fired": {}, "options_adopted": {}, "meters_at_worst": {}, "blocked_by": {"A": 3, "B": 2},
        "seats": {"A": {**seat, "name": "Alpha", "interests_differ": True},
                  "B": {**seat, "name": "Bravo", "interests_differ": True},
                  "C": {**seat, "name": "Charlie", "interests_differ": True},
                  "D": {**seat, "name": "Delta", "interests_differ": False}},
        "seat_baselines": {
            # blind support 10.6 > 10 + 5 %: it pays
            "A": {"default": {"national": 10, "collective": 2}, "always-support": {"national": 10.6, "collective": 3},
                  "always-object": {"national": 1, "collective": 0}},
            # blind objection beats blind support: not the worst
            "B": {"default": {"national": 5, "collective": 2}, "always-support": {"national": -3, "collective": 3},
                  "always-object": {"national": 0, "collective": 0}},
            # within 5 % and objection the worst: fine
            "C": {"default": {"national": 10, "collective": 2}, "always-support": {"national": 10.4, "collective": 3},
                  "always-object": {"national": 2, "collective": 0}},
            # nothing to defend: supporting everything may pay
            "D": {"default": {"national": 4, "collective": 2}, "always-support": {"national": 6, "collective": 3},
                  "always-object": {"national": 1, "collective": 0}},
        },
    }


def test_warnings_flag_a_dominant_trivial_policy_and_one_sided_ends():
    summary = _crafted()
    seats = seat_warnings(summary)
    assert len(seats) == 2
    assert seats[0].startswith("Alpha: supporting everything scores 10.6")
    assert seats[1].startswith("Bravo: objecting to everything scores 0")
    warnings = balance_warnings(summary)
    assert any(w.startswith("'won' ends 75%") for w in warnings)
    assert any(w.startswith("'lost' ends 3.0%") for w in warnings)
    assert not any("drawn" in w or "Charlie" in w or "Delta" in w for w in warnings)
    ok, failed = acceptance(summary)
    assert not ok
    assert failed == ["no failure end reached in 5% of games", "'won' ends 75% of games",
                      "A: blind support pays", "B: blind objection is not the worst"]


def test_acceptance_passes_a_balanced_case():
    summary = _crafted()
    summary["outcomes"] = {"won": 40, "lost": 30, "drawn": 30, "turn_limit": 0}
    for seat in ("A", "B"):
        summary["seat_baselines"][seat] = summary["seat_baselines"]["C"]
    assert acceptance(summary) == (True, [])
    assert "check" in format_text({**summary, "turns_mean": 3, "objections_by_reason": {}, "meters_end_mean": {},
                                   "decisions": {"adopted_mean": 1, "coalitions_mean": 0, "failed_mean": 1,
                                                 "negotiation_rounds_mean": 2},
                                   "scores_mean": {s: {"national": 1, "collective": 1} for s in "ABCD"},
                                   "options": {}})


def test_policies_include_blind_objection():
    assert "always-object" in POLICIES
    assert policy_of("always-support@USA").name == "always-support@USA"
