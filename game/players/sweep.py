"""Balance studies past one laptop: a grid of scenario variants (`--vary`), many seeded games in
each, run on local processes or as tasks on a Dask cluster, and one table of the results.

A game is a pure function of (the variant's texts, the seed, the policy): every variant plays the
same seeds, a task is a batch of seeds of one variant, and results are put back in seed order
before anything is summed. So where the games ran (one process, several, a cluster) and how they
were batched never changes a figure: the tables are identical."""
from __future__ import annotations

import gc
import json
import math
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Callable, Iterable

from game.core.observation import Observer
from game.players import POLICIES
from game.players.simulate import WORKER_GC_THRESHOLD, balance_warnings, game_record, summarise
from game.scenario.variants import Vary, load_sources, variants

BATCH_MIN, BATCH_MAX = 25, 400  # games per task: enough to pay for loading the variant, small enough to share out


class ClusterMissing(RuntimeError):
    """`--dask` without the optional extra installed."""


def play_batch(sources: dict[str, str], name: str, seeds: tuple[int, ...], policy: str,
               turns: int | None) -> list[dict]:
    """One task: a batch of games of one variant, rebuilt from its texts (nothing else is read,
    nothing is kept between tasks). Runs in a local worker process or on a Dask worker alike."""
    crisis = load_sources(sources, name)
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLD)
    observers: dict[str, Observer] = {}
    try:
        return [game_record(crisis, seed, policy, turns, observers) for seed in seeds]
    finally:
        gc.unfreeze()


def _batches(runs: int, seed: int, workers: int) -> list[tuple[int, ...]]:
    size = max(BATCH_MIN, min(BATCH_MAX, math.ceil(runs / max(1, 4 * workers))))
    seeds = [seed + i for i in range(runs)]
    return [tuple(seeds[i:i + size]) for i in range(0, runs, size)]


Task = tuple[int, dict, str, tuple, str, "int | None"]  # (cell, sources, name, seeds, policy, turns)


def _local(tasks: list[Task], jobs: int) -> Iterable[tuple[int, tuple, list[dict]]]:
    if jobs <= 1:
        for cell, sources, name, seeds, policy, turns in tasks:
            yield cell, seeds, play_batch(sources, name, seeds, policy, turns)
        return
    with ProcessPoolExecutor(jobs) as pool:
        futures = {pool.submit(play_batch, *t[1:]): (t[0], t[3]) for t in tasks}
        for fut in as_completed(futures):
            cell, seeds = futures[fut]
            yield cell, seeds, fut.result()


def _dask(tasks: list[Task], address: str) -> Iterable[tuple[int, tuple, list[dict]]]:
    try:
        from distributed import Client, as_completed as dask_completed  # optional: the cluster extra
    except ImportError:
        raise ClusterMissing("--dask needs the cluster extra: pip install -e '.[cluster]' "
                             "(dask.distributed)") from None
    with Client(address, set_as_default=False) as client:
        scattered = {}  # each variant's texts sent once, not with every task
        futures = {}
        for cell, sources, name, seeds, policy, turns in tasks:
            if cell not in scattered:
                # in a list: a dict given alone would be scattered value by value, keyed by file name
                scattered[cell] = client.scatter([sources], hash=False)[0]
            fut = client.submit(play_batch, scattered[cell], name, seeds, policy, turns, pure=False)
            futures[fut] = (cell, seeds)
        for fut in dask_completed(list(futures), loop=client.loop):
            cell, seeds = futures[fut]
            yield cell, seeds, fut.result()


def sweep(path: str | Path, varies: list[Vary], runs: int, seed: int = 0, policy: str = "default",
          turns: int | None = None, jobs: int = 1, dask: str | None = None,
          progress: Callable[[int, int], None] | None = None) -> dict:
    """Every variant played `runs` times from `seed`; the summary of each (the same figures as
    `simulate` gives for that variant alone) with its balance warnings."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy '{policy}'; choose from: {', '.join(POLICIES)}")
    t0 = time.perf_counter()
    cells = variants(path, varies)
    workers = 1 if dask else max(1, jobs)
    tasks: list[Task] = []
    for i, v in enumerate(cells):
        for seeds in _batches(runs, seed, workers if not dask else 8):
            tasks.append((i, v.sources, v.crisis.path, seeds, policy, turns))
    results: dict[int, dict[int, dict]] = {i: {} for i in range(len(cells))}
    summaries: list[dict | None] = [None] * len(cells)
    done = 0
    for cell, seeds, games in (_dask(tasks, dask) if dask else _local(tasks, jobs)):
        results[cell].update(zip(seeds, games))
        done += len(seeds)
        if progress:
            progress(done, runs * len(cells))
        if len(results[cell]) == runs:  # complete: summed in seed order, then let go
            ordered = [results[cell][s] for s in sorted(results[cell])]
            summaries[cell] = summarise(cells[cell].crisis, ordered, runs, seed, policy)
            results[cell] = {}
    sc = cells[0].crisis.scenario
    out = {
        "scenario": sc.id, "runs": runs, "seed": seed, "policy": policy, "turns": turns,
        "vary": [[v.key, list(v.values)] for v in varies],
        "ends": {e: {"title": x.title, "verdict": x.verdict} for e, x in sc.end_conditions.items()},
        "seats": {s: sc.actors[s].name for s in summaries[0]["scores_mean"]},
        "cells": [{"values": v.values, "outcomes": s["outcomes"], "scores_mean": s["scores_mean"],
                   "meters_end_mean": s["meters_end_mean"], "warnings": balance_warnings(s)}
                  for v, s in zip(cells, summaries)],
    }
    out["timing"] = {"seconds": round(time.perf_counter() - t0, 2), "games": runs * len(cells),
                     "where": f"Dask cluster at {dask}" if dask else f"{workers} local process(es)"}
    return out


def _table(header: list[str], rows: list[list[str]], right_from: int) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    def line(r):
        return "  " + "  ".join(c.rjust(w) if i >= right_from else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return [line(header), *(line(r) for r in rows)]


def format_table(result: dict) -> str:
    """The sweep as text: outcome shares and mean scores per cell, full titles and names in the
    legends (no column cuts a label), then each cell's balance warnings. No timings: the same
    study prints the same table wherever it ran."""
    runs = max(1, result["runs"])
    keys = [k for k, _ in result["vary"]]
    ends = list(result["ends"])
    seats = [s for s in result["seats"] if s in result["cells"][0]["scores_mean"]]
    grid_desc = " x ".join(str(len(v)) for _, v in result["vary"]) or "1"
    lines = [f"{result['scenario']}: sweep of {grid_desc} cell(s), {result['runs']} runs each from seed "
             f"{result['seed']} (policy: {result['policy']}"
             + (f", {result['turns']} turns" if result.get("turns") else "") + ")", "",
             "Outcomes (share of games):"]
    cell_cols = [[_show(c["values"][k]) for k in keys] for c in result["cells"]]
    rows = [cols + [f"{100 * c['outcomes'].get(e, 0) / runs:.1f}%" for e in [*ends, "turn_limit"]]
            for cols, c in zip(cell_cols, result["cells"])]
    lines += _table([*keys, *ends, "turn_limit"], rows, len(keys))
    lines += ["", "Scores (mean national points per seat; the collective score is every seat's):"]
    rows = [cols + [f"{c['scores_mean'][seats[0]]['collective']:g}"] +
            [f"{c['scores_mean'][s]['national']:g}" for s in seats] for cols, c in zip(cell_cols, result["cells"])]
    lines += _table([*keys, "collective", *seats], rows, len(keys))
    lines += ["", *_legend("Endings", [f"{e} = {x['title']} ({x['verdict']})" for e, x in result["ends"].items()]
                           + ["turn_limit = no ending held when time ran out"]),
              *_legend("Seats", [f"{s} = {result['seats'][s]}" for s in seats])]
    warned = [(c, c["warnings"]) for c in result["cells"] if c["warnings"]]
    lines += ["", "Balance warnings by cell:" if warned else "No balance warnings in any cell."]
    for c, ws in warned:
        lines.append("  " + (", ".join(f"{k}={_show(v)}" for k, v in c["values"].items()) or "the scenario") + ":")
        lines += [f"    - {w}" for w in ws]
    return "\n".join(lines)


def _legend(title: str, entries: list[str], width: int = 100) -> list[str]:
    """`title: a; b; c`, wrapped between entries (never inside a name)."""
    out, line = [], f"{title}:"
    for i, entry in enumerate(entries):
        piece = f" {entry}" + (";" if i < len(entries) - 1 else "")
        if len(line) + len(piece) > width and line.strip() != f"{title}:":
            out.append(line)
            line = " "
        line += piece
    return [*out, line]


def _show(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def to_json(result: dict) -> str:
    return json.dumps(result, indent=2, sort_keys=True)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
