#!/usr/bin/env python3
"""Several processes on one shared game database (game/saves/store.py), as a seminar's laptops would be.

Each process opens the store and loops: refresh; when its seat acts, the computer's choice for it
is submitted on the seq it read; a stale refusal means look again. By default: the 10 seats of
first_response, the White Cell's timer (ends rounds and pauses now and then) and a second laptop on
the chair = 12 processes, up to 50 moves each, on a 50-turn copy of first_response (so the game
does not end first). Afterwards the database is checked: seqs contiguous, every accepted move
recorded exactly once (each process's tally against the rows by seat), and the whole log replays
(every event verified) to the state the store holds. The same run, at 12 x 50, is the load test in
tests/saves/test_store.py; this script varies it:

    python bench/bench_store.py [--actions 50] [--laptops 1] [--no-timer] [--synchronous FULL|NORMAL]
                                [--turns 50] [--time-limit 60] [--dir DIR]

--laptops 2 puts two processes on every seat (two browsers per syndicate: the same moves race).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.core import engine  # noqa: E402
from game.core.actions import WHITE_CELL  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402
from tests.test_store import long_variant, run_load  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--actions", type=int, default=50, help="moves per process at most")
    ap.add_argument("--laptops", type=int, default=1, help="processes per seat")
    ap.add_argument("--no-timer", action="store_true", help="no White Cell process")
    ap.add_argument("--synchronous", choices=("FULL", "NORMAL"), default="FULL")
    ap.add_argument("--turns", type=int, default=50)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--dir", type=Path, default=None, help="where the database goes (default: a temp folder)")
    args = ap.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="consensus-store-"))
    folder.mkdir(parents=True, exist_ok=True)
    crisis = load_scenario(long_variant(folder, args.turns))
    procs = [("seat", s) for s in engine.seats(crisis) for _ in range(args.laptops)]
    if not args.no_timer:
        procs.append(("timer", WHITE_CELL))
    if args.laptops == 1:
        procs.append(("seat", crisis.scenario.chair))
    figures = run_load(folder / "game.db", crisis, procs, max_actions=args.actions, time_limit=args.time_limit,
                       synchronous=args.synchronous)
    print(f"{len(procs)} processes, up to {args.actions} moves each, synchronous={args.synchronous}, "
          f"database in {folder}")
    for key, value in figures.items():
        print(f"  {key}: {value}")
    print("checks passed: contiguous seqs, each accepted move recorded once, verified replay = store state")
    return 0


if __name__ == "__main__":
    sys.exit(main())
