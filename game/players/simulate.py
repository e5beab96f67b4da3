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
from game.core.state import GameState, Phase


def play_out(crisis: LoadedScenario, seed: int, policy: str = "default", max_actions: int = 100_000,
             turns: int | None = None, observers: dict[str, Observer] | None = None) -> GameState:
    """One seeded game with `policy` in every seat: each decision asked of the policy with the
    seat's observation and legal moves (custom policies included), checked, then applied.
    `observers`: one per seat, kept across a worker's games of this scenario."""
    pol = POLICIES[policy] if isinstance(policy, str) else policy
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
        "end": s.outcome.end, "turns": s.turn,
        "adopted": sum(d.outcome in ("adopted", "coalition") for d in s.decisions),
        "coalitions": sum(d.outcome == "coalition" for d in s.decisions),
        "failed": sum(d.outcome in ("failed", "withdrawn") for d in s.decisions),
        "rounds": sum(d.proposal.round for d in s.decisions),
        "blocked_by": dict(blocked), "reasons": dict(reasons),
        "meters": dict(s.meters), "fired": list(s.fired),
        "options": [op.option for op in s.operations],
        "scores": {k: [v.national, v.collective] for k, v in s.outcome.scores.items()},
    }


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
    }


BASELINES = ("always-support", "chair-never-tables")


def worst_end(meter) -> float:
    """The bad end of a meter: its minimum when high is good, its maximum when it is marked good: low."""
    return meter.max if meter.good == "low" else meter.min


def meter_warnings(summary: dict) -> list[str]:
    """Meters that end at their worst value in most games. A meter pinned at its good end is the
    crisis going well (a counter-meter such as severity falling to 0), not a balance problem."""
    runs = max(1, summary["runs"])
    labels = summary.get("meter_labels", {})
    out = []
    for m, n in summary.get("meters_at_worst", {}).items():
        if n > 0.5 * runs:
            name = f"'{labels[m]}' ({m})" if m in labels else f"'{m}'"
            out.append(f"meter {name} ends at its worst value in {n / runs:.0%} of games: effects against it "
                       "may be too strong")
    return out


def tvd(a: dict, b: dict, runs: int) -> float:
    """Total variation distance between two outcome spreads over the same number of runs."""
    return round(sum(abs(a.get(k, 0) - b.get(k, 0)) for k in set(a) | set(b)) / (2 * max(1, runs)), 3)


def balance_warnings(summary: dict) -> list[str]:
    """What an author should look at, in plain words."""
    runs = max(1, summary["runs"])
    out = []
    top_end, top = max(summary["outcomes"].items(), key=lambda kv: kv[1])
    if top / runs > 0.8:
        out.append(f"'{top_end}' ends {top / runs:.0%} of games (aim for at most 80 %): the crisis is too one-sided")
    if sum(1 for v in summary["outcomes"].values() if v) < 2:
        out.append("only one ending is ever reached: players' choices do not change how it ends")
    for i, n in summary["injects_fired"].items():
        if n < 0.02 * runs:
            out.append(f"inject '{i}' fires in {n / runs:.1%} of games: check its trigger")
    for o, n in summary["options_adopted"].items():
        if n < 0.02 * runs:
            out.append(f"option '{o}' is adopted in {n / runs:.1%} of games: too costly, too contested, or never available?")
    out += meter_warnings(summary)
    if sum(1 for v in summary["blocked_by"].values() if v) < 2:
        out.append("fewer than two delegations ever block: the negotiation has little tension")
    for name, base in summary.get("baselines", {}).items():
        if base["tvd"] < 0.2:
            out.append(f"default play ends much as '{name}' does (difference {base['tvd']:.2f}, aim for 0.2 or more): "
                       "decisions barely matter")
    return out


def simulate_with_baselines(path, runs: int, seed: int = 0, jobs: int = 1, turns: int | None = None) -> dict:
    summary = simulate(path, runs, seed, jobs, "default", turns)
    summary["baselines"] = {}
    for name in BASELINES:
        other = simulate(path, runs, seed, jobs, name, turns)
        summary["baselines"][name] = {"outcomes": other["outcomes"], "tvd": tvd(summary["outcomes"], other["outcomes"], runs)}
    summary["warnings"] = balance_warnings(summary)
    return summary


def format_text(summary: dict) -> str:
    runs = max(1, summary["runs"])
    lines = [f"{summary['scenario']}: {summary['runs']} runs from seed {summary['seed']} "
             f"(policy: {summary['policy']})", "", "Outcomes:"]
    for k, v in summary["outcomes"].items():
        lines.append(f"  {k:<24} {v:>6}  {100 * v / runs:5.1f} %")
    d = summary["decisions"]
    lines += ["", f"Turns played (mean): {summary['turns_mean']}",
              f"Decisions per game: adopted {d['adopted_mean']}, by coalition {d['coalitions_mean']}, "
              f"failed or withdrawn {d['failed_mean']}; negotiation rounds {d['negotiation_rounds_mean']}",
              "", "Broke silence (rounds, all games; with the round's other objectors):"]
    lines += [f"  {k:<10} {v}" for k, v in summary["blocked_by"].items()] or ["  nobody"]
    lines += ["", "Objections by reason:"]
    lines += [f"  {k:<14} {v}" for k, v in summary["objections_by_reason"].items()] or ["  none"]
    lines += ["", "Meters at the end (mean):"]
    lines += [f"  {k:<16} {v}" for k, v in summary["meters_end_mean"].items()]
    lines += ["", "Scores (mean national / collective):"]
    lines += [f"  {k:<10} {v['national']:>6} / {v['collective']}" for k, v in summary["scores_mean"].items()]
    lines += ["", "Injects fired (games):"]
    lines += [f"  {k:<24} {v:>6}" for k, v in summary["injects_fired"].items()] or ["  none"]
    lines += ["", "Options adopted (games):"]
    lines += [f"  {k:<24} {v:>6}" for k, v in summary["options_adopted"].items()]
    if summary.get("baselines"):
        lines += ["", "Outcome spread against the baselines:",
                  f"  {'end':<24}{'default':>10}" + "".join(f"{b:>20}" for b in summary["baselines"])]
        for end, n in summary["outcomes"].items():
            lines.append(f"  {end:<24}{100 * n / runs:>9.1f}%" + "".join(
                f"{100 * b['outcomes'][end] / runs:>19.1f}%" for b in summary["baselines"].values()))
        lines.append("  difference (total variation): " + ", ".join(
            f"{b}: {v['tvd']:.2f}" for b, v in summary["baselines"].items()))
    warnings = summary.get("warnings", balance_warnings(summary))
    lines += ["", "Warnings:" if warnings else "No balance warnings."]
    lines += [f"  - {w}" for w in warnings]
    return "\n".join(lines)


def to_json(summary: dict) -> str:
    return json.dumps(summary, indent=2, sort_keys=True)
