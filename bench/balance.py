#!/usr/bin/env python3
"""Balance of every shipped scenario over many seeded runs (default 1,000), under the default
computer delegations and the two baselines: the outcome spreads, the difference between them, and
plain-words warnings where a target is missed (the same report as `simulate --baselines`).

    python bench/balance.py [--runs 1000] [--jobs 2] [SCENARIO ...]
Exit status 1 if any scenario has a warning.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.players.simulate import format_text, simulate_with_baselines  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    paths = [Path(p) for p in args.scenarios] or sorted((ROOT / "scenarios").glob("*.yaml"))
    warned = []
    for path in paths:
        t0 = time.perf_counter()
        summary = simulate_with_baselines(path, args.runs, 0, args.jobs)
        secs = time.perf_counter() - t0
        print(f"\n===== {summary['scenario']}: {args.runs} runs x 3 policies in {secs:.1f} s "
              f"({3 * args.runs / secs:.0f} games/s) =====")
        print(format_text(summary))
        if summary["warnings"]:
            warned.append(summary["scenario"])
    print(f"\n{len(paths)} scenario(s); with warnings: {', '.join(warned) or 'none'}")
    return 1 if warned else 0


if __name__ == "__main__":
    sys.exit(main())
