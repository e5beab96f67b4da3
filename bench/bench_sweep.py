#!/usr/bin/env python3
"""The sweep's speed-up: one 2x2 balance study (`sweep`) on 1 local process, then on 2, and (with
the cluster extra installed) on a Dask LocalCluster of 2 worker processes — the same games each
time. Prints each wall time, the games per second, for local runs the CPU seconds used and so how
many cores were busy on average (below 2 with two processes: the machine was not free), the
speed-up against one process and whether the tables are identical (they must be). Target: 2
local processes >= 1.6x one.

    python bench/bench_sweep.py [--runs 500] [--scenario scenarios/first_response.yaml] [--no-dask]
Exit status 1 if the target is missed or a table differs.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.players.sweep import format_table, sweep  # noqa: E402
from game.scenario.variants import parse_vary  # noqa: E402

GRID = ["difficulty=0..1", "profile.HUN.flexibility=0.2,0.8"]
TARGET = 1.6


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (a pool's workers end with it)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(label: str, **kw) -> tuple[float, str]:
    t0, c0 = time.perf_counter(), _cpu()
    result = sweep(kw.pop("scenario"), [parse_vary(v) for v in GRID], kw.pop("runs"), **kw)
    secs, cpu = time.perf_counter() - t0, _cpu() - c0
    games = result["timing"]["games"]
    busy = "" if "dask" in kw else f"  {cpu:6.1f} CPU-s: {cpu / secs:4.2f} cores busy on average"
    print(f"  {label:<30} {secs:7.2f} s  {games / secs:6.1f} games/s{busy}")
    return secs, format_table(result)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=500, help="games per cell (4 cells)")
    ap.add_argument("--scenario", default=str(ROOT / "scenarios" / "first_response.yaml"))
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    args = ap.parse_args()
    print(f"sweep {' '.join('--vary ' + v for v in GRID)} --runs {args.runs} on {Path(args.scenario).name}: "
          f"{4 * args.runs} games; load average {os.getloadavg()[0]:.2f}")
    one, table = timed("1 local process", scenario=args.scenario, runs=args.runs, jobs=1)
    two, table2 = timed("2 local processes", scenario=args.scenario, runs=args.runs, jobs=2)
    same = table == table2
    print(f"  speed-up on 2 local processes: {one / two:.2f}x (target >= {TARGET}x) "
          f"{'PASS' if one / two >= TARGET else 'MISS'}")
    if not args.no_dask:
        try:
            from distributed import LocalCluster
        except ImportError:
            print("  Dask: the cluster extra is not installed (pip install -e '.[cluster]'); skipped")
        else:
            t0 = time.perf_counter()
            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
                start = time.perf_counter() - t0
                dask, table3 = timed("Dask LocalCluster, 2 workers", scenario=args.scenario, runs=args.runs,
                                     dask=cluster.scheduler_address)
            print(f"  speed-up on the Dask LocalCluster: {one / dask:.2f}x (cluster start-up {start:.1f} s, "
                  "not counted)")
            same = same and table3 == table
    print(f"  tables identical: {'yes' if same else 'NO'}")
    return 0 if same and one / two >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
