#!/usr/bin/env python3
"""Balance of every shipped scenario over many seeded runs (default 1,000): the default computer
delegations, the baselines in every seat, and each seat alone switched to always-support and to
always-object (the same report as `simulate --baselines`), then issue 17's acceptance, one line per
scenario:

    PASS|FAIL scenario: what failed
      - every non-chair seat whose interests differ: default national score >= always-support's - 5 %,
        and always-object the worst of the three;
      - a success end and a failure end each reached in >= 5 % of default games; no end over 70 %.

    python bench/balance.py [--runs 1000] [--jobs 2] [--quiet] [SCENARIO ...]
Exit status 1 if any scenario fails.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.players.report import acceptance  # noqa: E402
from game.players.simulate import format_text, simulate_with_baselines  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--quiet", action="store_true", help="print only the PASS/FAIL lines")
    args = ap.parse_args()
    paths = [Path(p) for p in args.scenarios] or sorted((ROOT / "scenarios").glob("*.yaml"))
    verdicts = []
    for path in paths:
        t0 = time.perf_counter()
        summary = simulate_with_baselines(path, args.runs, 0, args.jobs)
        secs = time.perf_counter() - t0
        ok, failed = acceptance(summary)
        games = args.runs * (4 + 2 * len(summary["seat_baselines"]))
        if not args.quiet:
            print(f"\n===== {summary['scenario']}: {games} games in {secs:.1f} s ({games / secs:.0f} games/s) =====")
            print(format_text(summary))
        verdicts.append(f"{'PASS' if ok else 'FAIL'} {summary['scenario']}" + (f": {'; '.join(failed)}" if failed else ""))
        print(verdicts[-1], flush=True)
    print(f"\n{len(paths)} scenario(s), {args.runs} runs each:")
    print("\n".join(verdicts))
    return 0 if all(v.startswith("PASS") for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
