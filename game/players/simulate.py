"""Headless batch play: many seeded games with computer delegations in every seat, and the
statistics an author needs. The same seed gives the same figures whatever the number of jobs."""
from __future__ import annotations

import collections
import gc
import json
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from game.core import engine
from game.core.actions import Action
from game.core.legal import LegalActions
from game.core.observation import Observer
from game.players import POLICIES, Policy
from game.players.policy import bot_rng
from game.scenario.loader import LoadedScenario, load_scenario
from game.core.scoring import SAYS_NO, interest_value
from game.core.state import GameState, Phase, Proposal
from game.players.report import (balance_warnings, format_text, meter_warnings, seat_warnings,  # noqa: F401
                                 to_json, tvd, worst_end)


class SeatSwitched:
    """One seat plays `alone` (a baseline policy), every other seat the `others` policy: what a
    delegation gains or loses by switching to a trivial policy while the rest play as usual."""

    def __init__(self, others: Policy, alone: Policy, seat: str):
        self.others, self.alone, self.seat = others, alone, seat
        self.name = f"{alone.name}@{seat}"

    def choose(self, obs, legal, rng):
        return (self.alone if obs.seat == self.seat else self.others).choose(obs, legal, rng)


def policy_of(name: str | Policy) -> Policy:
    """A policy by name: one of POLICIES, or 'POLICY@SEAT' (that seat alone plays POLICY, the others
    the default)."""
    if not isinstance(name, str):
        return name
    if "@" in name:
        alone, seat = name.split("@", 1)
        return SeatSwitched(POLICIES["default"], POLICIES[alone], seat)
    return POLICIES[name]


def play_out(crisis: LoadedScenario, seed: int, policy: str = "default", max_actions: int = 100_000,
             turns: int | None = None, observers: dict[str, Observer] | None = None) -> GameState:
    """One seeded game with `policy` in every seat: each decision asked of the policy with the
    seat's observation and legal moves (custom policies included), checked, then applied.
    `observers`: one per seat, kept across a worker's games of this scenario."""
    pol = policy_of(policy)
    if observers is None:
        observers = {}
    state = engine.new_game(crisis, seed, turns).state
    acting_seats, apply_unchecked = engine.acting_seats, engine.apply_unchecked
    over = Phase.OVER
    for _ in range(max_actions):
        if state.phase == over:  # engine.is_over
            return state
        seat = acting_seats(crisis, state)[0]
        observer = observers.get(seat)
        if observer is None:
            observer = observers[seat] = Observer(crisis, seat)
        state = apply_unchecked(crisis, state, decide(observer, state, pol)).state
    raise RuntimeError(f"seed {seed}: the game did not end within {max_actions} actions")


def decide(observer: Observer, state: GameState, pol: Policy) -> Action:
    """The policy's move for the observer's seat: asked with its observation, its LegalActions
    and a keyed generator (nothing else), and checked against those legal moves."""
    obs = observer.observe(state)
    legal = LegalActions.of(obs.crisis, obs.state, observer.seat)
    action = pol.choose(obs, legal, bot_rng(state, observer.seat))[0]
    legal.check(action)
    return action


def game_record(crisis: LoadedScenario, seed: int, policy: str, turns: int | None = None,
                observers: dict[str, Observer] | None = None) -> dict:
    """One seeded game played out, as the figures `summarise` reads (simulate's and sweep's)."""
    s = play_out(crisis, seed, policy, turns=turns, observers=observers)
    blocked = collections.Counter()
    reasons = collections.Counter()
    for d in s.decisions:
        for b in d.blocked_by:
            blocked[b] += 1
        for _r, _a, stance, detail in d.stances:
            if stance == "object":
                reasons[detail] += 1
    return {
        "end": s.outcome.end, "verdict": s.outcome.verdict, "turns": s.turn,
        "adopted": sum(d.outcome in ("adopted", "coalition") for d in s.decisions),
        "coalitions": sum(d.outcome == "coalition" for d in s.decisions),
        "failed": sum(d.outcome in ("failed", "withdrawn") for d in s.decisions),
        "rounds": sum(d.proposal.round for d in s.decisions),
        "blocked_by": dict(blocked), "reasons": dict(reasons),
        "meters": dict(s.meters), "fired": list(s.fired),
        "options": [op.option for op in s.operations],
        # the national score unrounded (the sum of its lines): a game's whole-number score would move
        # each mean by up to half a point in the direction its quarter-points happen to round
        "scores": {k: [round(sum(x.points for x in v.lines), 2), v.collective] for k, v in s.outcome.scores.items()},
        **seat_and_option_counts(crisis, s),
    }




def seat_and_option_counts(crisis: LoadedScenario, s: GameState) -> dict:
    """Per seat: rounds it said no in, texts it said no to, units it pledged, texts adopted over its
    no or its reservation (overruled). Per option: texts tabled with it, blocked by whom (seats that
    broke silence on a text that then failed), adopted, operations that succeeded."""
    seat_n = {x: {"objected": 0, "objected_texts": 0, "pledged": 0, "pledges": 0, "overruled": 0}
              for x in engine.seats(crisis)}
    opt_n = {o: {"tabled": 0, "blocked_by": {}, "adopted": 0, "succeeded": 0} for o in crisis.scenario.options}
    for d in s.decisions:
        said_no = set()
        for _r, seat, stance, _detail in d.stances:
            if stance in SAYS_NO and seat in seat_n:
                seat_n[seat]["objected"] += 1
                said_no.add(seat)
            elif stance == "reserve":
                said_no.add(seat)
        acted = d.outcome in ("adopted", "coalition")
        for seat in said_no & seat_n.keys():
            seat_n[seat]["objected_texts"] += any(st in SAYS_NO for _r, x, st, _ in d.stances if x == seat)
            seat_n[seat]["overruled"] += acted
        for o in d.proposal.options:
            n = opt_n[o]
            n["tabled"] += 1
            n["adopted"] += acted
            if d.outcome in ("failed", "withdrawn"):
                for b in d.blocked_by:
                    n["blocked_by"][b] = n["blocked_by"].get(b, 0) + 1
    good = set(crisis.rules.adjudication.success_results)
    for op in s.operations:
        if any(r in good for _t, r in op.results):
            opt_n[op.option]["succeeded"] += 1
        for seat, _res, amount in op.pledges:
            if seat in seat_n:
                seat_n[seat]["pledged"] += amount
                seat_n[seat]["pledges"] += 1
    return {"seats": seat_n, "option_counts": opt_n}


def _batch(args) -> list[dict]:
    """One batch of games in a worker process: the scenario loaded, one observer per seat (its
    memory that seat's alone), the games played. Nothing is kept between batches."""
    path, seeds, policy, turns = args
    crisis = load_scenario(path)
    gc.freeze()  # what is loaded lives as long as the batch; collections walk only the games
    gc.set_threshold(*WORKER_GC_THRESHOLD)  # a game's garbage is acyclic states; ~3 % less CPU, the same games
    observers: dict[str, Observer] = {}
    try:
        return [game_record(crisis, seed, policy, turns, observers) for seed in seeds]
    finally:
        gc.unfreeze()


WORKER_GC_THRESHOLD = (20_000, 50, 100)  # young collections every 20,000 allocations, not 700
BATCHES_PER_JOB = 8  # smaller batches than one per job: a worker that finishes early takes the next


def simulate(path: str | Path, runs: int, seed: int = 0, jobs: int = 1, policy: str = "default",
             turns: int | None = None) -> dict:
    crisis = load_scenario(path)
    seeds = [seed + i for i in range(runs)]
    if jobs <= 1:
        observers: dict[str, Observer] = {}
        results = [game_record(crisis, s, policy, turns, observers) for s in seeds]
    else:
        n = min(len(seeds), jobs * BATCHES_PER_JOB)
        chunks = [seeds[i::n] for i in range(n)]
        with ProcessPoolExecutor(jobs) as pool:
            parts = list(pool.map(_batch, [(str(path), c, policy, turns) for c in chunks]))
        by_seed = {}
        for chunk, res in zip(chunks, parts):
            by_seed.update(zip(chunk, res))
        results = [by_seed[s] for s in seeds]
    return summarise(crisis, results, runs, seed, policy)


def summarise(crisis: LoadedScenario, results: list[dict], runs: int, seed: int, policy: str) -> dict:
    sc = crisis.scenario
    outcomes = collections.Counter(r["end"] for r in results)
    blocked = collections.Counter()
    reasons = collections.Counter()
    fired = collections.Counter()
    options = collections.Counter()
    for r in results:
        blocked.update(r["blocked_by"])
        reasons.update(r["reasons"])
        fired.update(set(r["fired"]))
        options.update(set(r["options"]))
    n = max(1, len(results))
    mean = lambda xs: round(sum(xs) / n, 2)  # noqa: E731
    return {
        "scenario": sc.id, "runs": runs, "seed": seed, "policy": policy,
        "outcomes": {k: outcomes.get(k, 0) for k in [*sc.end_conditions, "turn_limit"]},
        "turns_mean": mean([r["turns"] for r in results]),
        "decisions": {"adopted_mean": mean([r["adopted"] for r in results]),
                      "coalitions_mean": mean([r["coalitions"] for r in results]),
                      "failed_mean": mean([r["failed"] for r in results]),
                      "negotiation_rounds_mean": mean([r["rounds"] for r in results])},
        "blocked_by": dict(sorted(blocked.items())),
        "objections_by_reason": dict(sorted(reasons.items())),
        "injects_fired": {i: fired.get(i, 0) for i in sc.injects},
        "options_adopted": {o: options.get(o, 0) for o in sc.options},
        "meters_end_mean": {m: mean([r["meters"][m] for r in results]) for m in sc.meters},
        "meters_at_bound": {m: sum(1 for r in results if r["meters"][m] in (x.min, x.max))
                            for m, x in sc.meters.items()},
        "meters_at_worst": {m: sum(1 for r in results if r["meters"][m] == worst_end(x)) for m, x in sc.meters.items()},
        "meter_labels": {m: x.label for m, x in sc.meters.items()},
        "scores_mean": {s: {"national": mean([r["scores"][s][0] for r in results]),
                            "collective": mean([r["scores"][s][1] for r in results])}
                        for s in engine.seats(crisis)},
        "verdicts": {**{k: e.verdict for k, e in sc.end_conditions.items()}, "turn_limit": "mixed"},
        "seats": {s: {"name": sc.actors[s].name, "chair": sc.actors[s].kind == "chair",
                      "interests_differ": interests_differ(crisis, s),
                      **{k: sum(r["seats"][s][k] for r in results)
                         for k in ("objected", "objected_texts", "pledged", "pledges", "overruled")}}
                  for s in engine.seats(crisis)},
        "options": {o: {"title": x.title,
                        **{k: sum(r["option_counts"][o][k] for r in results)
                           for k in ("tabled", "adopted", "succeeded")},
                        "blocked_by": dict(sorted(sum((collections.Counter(r["option_counts"][o]["blocked_by"])
                                                       for r in results), collections.Counter()).items()))}
                    for o, x in sc.options.items()},
    }


def interests_differ(crisis: LoadedScenario, seat: str) -> bool:
    """Whether a seat has something to defend: a red line, a Security Council mandate it insists on,
    or interests that some course of action on the menu (as tabled by default) works against. A seat
    never asked for a stance under the Council's silence procedure (an international organisation,
    which acts through its own channel) has no support or objection to choose: its 'always-support'
    and 'always-object' play its default game move for move, so there is nothing to compare."""
    actor = crisis.scenario.actors[seat]
    if actor.kind == "chair" or seat not in crisis.silence:
        return False
    if actor.red_lines or actor.positions.insists_on_mandate:
        return True
    for oid, opt in crisis.scenario.options.items():
        params = tuple((n, x.default) for n, x in opt.parameters.items())
        for host in opt.hosts or (None,):
            p = Proposal(oid, opt.legal_bases[0], host, params)
            if interest_value(crisis, seat, p) < 0:
                return True
    return False




BASELINES = ("always-support", "always-object", "chair-never-tables")  # every seat plays it
SEAT_BASELINES = ("always-support", "always-object")  # one seat alone plays it, the others the default


def simulate_with_baselines(path, runs: int, seed: int = 0, jobs: int = 1, turns: int | None = None) -> dict:
    """The default play, each baseline in every seat, and, for each seat but the chair, that seat
    alone switched to each seat baseline: its national and collective scores under each policy."""
    summary = simulate(path, runs, seed, jobs, "default", turns)
    summary["baselines"] = {}
    for name in BASELINES:
        other = simulate(path, runs, seed, jobs, name, turns)
        summary["baselines"][name] = {"outcomes": other["outcomes"], "tvd": tvd(summary["outcomes"], other["outcomes"], runs)}
    summary["seat_baselines"] = {}
    for seat, info in summary["seats"].items():
        if info["chair"]:
            continue
        row = {"default": summary["scores_mean"][seat]}
        for name in SEAT_BASELINES:
            row[name] = simulate(path, runs, seed, jobs, f"{name}@{seat}", turns)["scores_mean"][seat]
        summary["seat_baselines"][seat] = row
    summary["warnings"] = balance_warnings(summary)
    return summary
