#!/usr/bin/env python3
"""Force generation over many seeded games (issue 17, item 2): does "adopted is not delivered" hold?

Plays N seeded games per shipped scenario with the default computer delegations in every seat
(game.players.simulate's machinery: one observer per seat, each move chosen from the seat's
observation and legal moves) and prints, over every adjudication of every operation:

- successful operations with zero pledges (must be 0: nothing pledged means nothing launched);
- the success rate by share of the requirement met, in buckets (it must rise with the share).

    python bench/force_generation.py [--runs 500] [--jobs 2] [SCENARIO ...]
Exit status 1 if an operation with nothing pledged succeeded, or the rate does not rise.
"""
from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.core import engine  # noqa: E402
from game.core.events import Adjudication, OperationActivated  # noqa: E402
from game.core.state import Phase  # noqa: E402
from game.players import POLICIES  # noqa: E402
from game.players.simulate import decide  # noqa: E402
from game.core.observation import Observer  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402

SUCCESS = ("decisive", "success")
BUCKETS = ((0.0, 0.25, "under 25 %"), (0.25, 0.5, "25-49 %"), (0.5, 0.75, "50-74 %"), (0.75, 1.0, "75-99 %"),
           (1.0, 1.01, "100 %"))


def bucket(coverage: float) -> str:
    for lo, hi, label in BUCKETS:
        if lo <= coverage < hi:
            return label
    return BUCKETS[-1][2]


def game_figures(crisis, seed: int, policy="default") -> dict:
    """One seeded game: every adjudication as (share met, succeeded, pledges behind it), and how
    many operations were adopted, activated (by shortfall accepted or not) and never launched."""
    pol = POLICIES[policy]
    observers: dict[str, Observer] = {}
    state = engine.new_game(crisis, seed).state
    adjudications = []
    accepted = activated = 0
    for _ in range(100_000):
        if state.phase == Phase.OVER:
            break
        seat = engine.acting_seats(crisis, state)[0]
        observer = observers.get(seat) or observers.setdefault(seat, Observer(crisis, seat))
        step = engine.apply_unchecked(crisis, state, decide(observer, state, pol))
        state = step.state
        for e in step._events:  # the events unbound: no words are needed here
            if isinstance(e, Adjudication):
                op = next(o for o in state.operations if o.number == e.operation)
                adjudications.append((e.coverage, e.result in SUCCESS, len(op.pledges)))
            elif isinstance(e, OperationActivated):
                activated += 1
                accepted += e.accepted
    never = sum(1 for op in state.operations if not op.results)
    return {"adjudications": adjudications, "operations": len(state.operations), "activated": activated,
            "accepted": accepted, "never_launched": never}


def _batch(args) -> list[dict]:
    path, seeds = args
    crisis = load_scenario(path)
    return [game_figures(crisis, s) for s in seeds]


def run(path: Path, runs: int, jobs: int) -> list[dict]:
    seeds = list(range(runs))
    chunks = [(str(path), seeds[i::jobs * 4]) for i in range(jobs * 4)]
    if jobs <= 1:
        return [g for c in chunks for g in _batch(c)]
    with ProcessPoolExecutor(jobs) as pool:
        return [g for part in pool.map(_batch, chunks) for g in part]


def summarise(games: list[dict]) -> dict:
    zero_success = sum(1 for g in games for cov, ok, n in g["adjudications"] if ok and n == 0)
    by: dict[str, list[int]] = {label: [0, 0] for _, _, label in BUCKETS}
    for g in games:
        for cov, ok, _n in g["adjudications"]:
            b = by[bucket(cov)]
            b[0] += 1
            b[1] += ok
    return {"zero_pledge_successes": zero_success, "buckets": by,
            "operations": sum(g["operations"] for g in games), "activated": sum(g["activated"] for g in games),
            "accepted": sum(g["accepted"] for g in games), "never_launched": sum(g["never_launched"] for g in games)}


def rises(buckets: dict[str, list[int]], least: int = 20) -> bool:
    """The success rate rises with the share met (over buckets with at least `least` adjudications)."""
    rates = [ok / n for n, ok in buckets.values() if n >= least]
    return all(a <= b + 0.02 for a, b in zip(rates, rates[1:])) and (len(rates) < 2 or rates[-1] > rates[0])


def format_summary(name: str, s: dict) -> str:
    lines = [f"{name}: {s['operations']} operations adopted, {s['activated']} activated "
             f"({s['accepted']} with a shortfall accepted), {s['never_launched']} never launched",
             f"  successful operations with zero pledges: {s['zero_pledge_successes']}",
             "  success rate by share of requirements met:"]
    for label, (n, ok) in s["buckets"].items():
        rate = f"{100 * ok / n:5.1f} %" if n else "    -  "
        lines.append(f"    {label:>10}: {rate}  ({ok} of {n} adjudications)")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--runs", type=int, default=500)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    paths = [Path(p) for p in args.scenarios] or sorted((ROOT / "scenarios").glob("*.yaml"))
    total = {"zero_pledge_successes": 0, "buckets": {label: [0, 0] for _, _, label in BUCKETS},
             "operations": 0, "activated": 0, "accepted": 0, "never_launched": 0}
    ok = True
    for path in paths:
        t0 = time.perf_counter()
        s = summarise(run(path, args.runs, args.jobs))
        print(format_summary(f"{path.stem} ({args.runs} games, {time.perf_counter() - t0:.0f} s)", s))
        for k in ("zero_pledge_successes", "operations", "activated", "accepted", "never_launched"):
            total[k] += s[k]
        for label, (n, y) in s["buckets"].items():
            total["buckets"][label][0] += n
            total["buckets"][label][1] += y
    print()
    print(format_summary(f"ALL {len(paths)} scenarios", total))
    rising = rises(total["buckets"])
    print(f"\nzero-pledge successes: {total['zero_pledge_successes']} (target 0): "
          f"{'PASS' if total['zero_pledge_successes'] == 0 else 'MISS'}")
    print(f"success rate rises with the share met: {'PASS' if rising else 'MISS'}")
    ok = total["zero_pledge_successes"] == 0 and rising
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
