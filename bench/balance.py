#!/usr/bin/env python3
"""Balance of every shipped scenario over many seeded runs, under the default computer
delegations and the two baselines. Prints each outcome spread and the total variation distance
(TVD) between default play and each baseline; warns where a target is missed.

    python bench/balance.py [--runs 1000] [--jobs 2] [SCENARIO ...]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.simulate import simulate  # noqa: E402


def tvd(a: dict, b: dict, runs: int) -> float:
    return sum(abs(a.get(k, 0) - b.get(k, 0)) for k in set(a) | set(b)) / (2 * runs)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    paths = [Path(p) for p in args.scenarios] or sorted((ROOT / "scenarios").glob("*.yaml"))
    failed = False
    for path in paths:
        t0 = time.perf_counter()
        res = {p: simulate(path, args.runs, 0, args.jobs, p) for p in ("default", "always-support", "chair-never-tables")}
        secs = time.perf_counter() - t0
        d = res["default"]
        print(f"\n== {d['scenario']} ({args.runs} runs per policy, {secs:.1f} s) ==")
        print(f"{'end condition':<22}" + "".join(f"{p:>20}" for p in res))
        for end in d["outcomes"]:
            print(f"{end:<22}" + "".join(f"{100 * r['outcomes'][end] / args.runs:>19.1f}%" for r in res.values()))
        t_sup = tvd(d["outcomes"], res["always-support"]["outcomes"], args.runs)
        t_nev = tvd(d["outcomes"], res["chair-never-tables"]["outcomes"], args.runs)
        print(f"TVD default vs always-support: {t_sup:.2f}; vs chair-never-tables: {t_nev:.2f}")
        warnings = []
        top = max(d["outcomes"].values()) / args.runs
        if top > 0.8:
            warnings.append(f"one end condition in {top:.0%} of runs (target: at most 80 %)")
        if sum(1 for v in d["outcomes"].values() if v) < 2:
            warnings.append("only one end condition is ever reached")
        if min(t_sup, t_nev) < 0.2:
            warnings.append("default play is too close to a baseline (TVD < 0.2): decisions barely matter")
        rare_inj = [i for i, n in d["injects_fired"].items() if n < 0.02 * args.runs]
        rare_opt = [o for o, n in d["options_adopted"].items() if n < 0.02 * args.runs]
        if rare_inj:
            warnings.append(f"injects firing in under 2 % of runs: {', '.join(rare_inj)}")
        if rare_opt:
            warnings.append(f"options adopted in under 2 % of runs: {', '.join(rare_opt)}")
        blockers = [k for k, v in d["blocked_by"].items() if v]
        if len(blockers) < 2:
            warnings.append("fewer than two delegations ever block")
        for w in warnings:
            print(f"WARNING: {w}")
        failed |= bool(warnings)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
