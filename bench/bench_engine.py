#!/usr/bin/env python3
"""How fast the engine and the computer delegations play, on scenarios/reference.yaml.

1. Per decision: the body of game.players.simulate.play_out, timed one decision at a time —
   acting_seats, game.players.simulate.decide (the seat's observer observes, LegalActions.of the
   observation, bot_rng, policy.choose, the answer checked) + engine.apply_unchecked, as simulate
   plays. Median, mean and p95 over --games seeded games; the split between decide and apply is
   measured on the same states in a second pass.
   Target: median <= 50 µs per decision. Also printed: games per second on one core.
2. Batch: `python play.py simulate scenarios/reference.yaml --runs 10000 --jobs 2` in a
   subprocess. Target <= 60 s on 2 cores. The reference is the same number of games at the
   single-core rate measured in step 1, spread perfectly over 2 cores (the ratio shows the
   batch's overhead: process start, loading, statistics).
3. If the per-decision target is missed (or with --profile), cProfile over --profile-games
   games: the top functions by cumulative and by own time.
4. With --against REV (issue 15's acceptance: "the median decision at most 1.3x the commit before
   this work, both measured back to back on one machine"): step 1 of REV's own bench and of ours,
   each in a fresh process, alternately (--against-rounds times each), in a temporary git worktree
   of REV; the medians of their medians and of their CPU per game, and the ratios.
5. With --tax: what the architecture itself costs on today's rules (REV may have other rules):
   the same seeded games played the real way (observe, LegalActions, choose, check) and a
   shortcut way (the policy reads the engine's own state; no check), alternately; the ratio of
   CPU per game, and whether the games came out the same.

    python bench/bench_engine.py [--games 40] [--runs 10000] [--jobs 2] [--skip-simulate] [--profile]
                                 [--against caef0be] [--against-rounds 3] [--tax]
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.core import engine  # noqa: E402
from game.players import POLICIES  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402
from game.players.simulate import decide  # noqa: E402
from game.core.legal import LegalActions  # noqa: E402
from game.core.observation import Observation, Observer  # noqa: E402
from game.players.policy import bot_rng  # noqa: E402

SCENARIO = ROOT / "scenarios" / "reference.yaml"
TARGET_DECISION_US = 50.0
TARGET_SIMULATE_S = 60.0
TARGET_AGAINST = 1.3  # the median decision against the commit before issue 15 (--against caef0be)


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def _observer_of(crisis):
    """The acting seat's observer for a state: one per seat, kept (as simulate keeps them)."""
    observers = {}

    def of(state) -> Observer:
        seat = engine.acting_seats(crisis, state)[0]
        observer = observers.get(seat)
        if observer is None:
            observer = observers[seat] = Observer(crisis, seat)
        return observer
    return of


def _decider(crisis, policy):
    """simulate's per-decision body: the acting seat's observer, then decide."""
    of = _observer_of(crisis)
    return lambda state: decide(of(state), state, policy)


def _apply(crisis, state, action):
    return engine.apply_unchecked(crisis, state, action).state


def play_plain(crisis, seeds, policy) -> tuple[int, float]:
    """Whole games exactly as game.players.simulate.play_out plays them: (decisions, wall s, CPU s)."""
    n = 0
    t0 = time.perf_counter()
    c0 = time.process_time()
    move = _decider(crisis, policy)
    for seed in seeds:
        state = engine.new_game(crisis, seed).state
        while not engine.is_over(state):
            state = _apply(crisis, state, move(state))
            n += 1
    return n, time.perf_counter() - t0, time.process_time() - c0


def play_timed(crisis, seeds, policy, keep_states: int = 0):
    """Every decision's time (ns), and the (state, seat, action) of the first `keep_states` games."""
    clock = time.perf_counter_ns
    cpu = time.thread_time_ns
    times: list[int] = []
    cpu_times: list[int] = []
    kinds: list[str] = []
    states = []
    move = _decider(crisis, policy)
    for k, seed in enumerate(seeds):
        state = engine.new_game(crisis, seed).state
        while not engine.is_over(state):
            c = cpu()
            a = clock()
            seat = engine.acting_seats(crisis, state)[0]
            action = move(state)
            nxt = _apply(crisis, state, action)
            times.append(clock() - a)
            cpu_times.append(cpu() - c)
            kinds.append(f"{state.phase.value}/{action.kind}")
            if k < keep_states:
                states.append((state, seat, action))
            state = nxt
    return times, cpu_times, kinds, states


def _shortcut(crisis, policy):
    """The per-decision body without what issue 15 added around the policy: no observer's copy of
    the state (the policy reads the engine's own, private parts and memo included), no check of
    its answer. Only for measuring: it is what the shortcuts before issue 15 did."""
    of = _observer_of(crisis)

    def move(state):
        observer = of(state)
        seat = observer.seat
        obs = Observation(seat, observer.crisis, state, observer.memory, observer.me)
        return policy.choose(obs, LegalActions.of(crisis, state, seat), bot_rng(state, seat))[0]
    return move


def tax(crisis, policy, games: int, rounds: int) -> None:
    """Step 5: what the architecture itself costs on today's rules — the same seeded games played
    the real way and the shortcut way, alternately, `rounds` times; the medians of CPU per game."""
    print(f"\n5. the architecture's own cost ({games} games each way, alternately x{rounds})")

    def play(make) -> tuple[float, list]:
        """ms CPU per game, and each game's end and running count of moves."""
        move, n, ends = make(crisis, policy), 0, []
        c0 = time.process_time()
        for seed in range(games):
            state = engine.new_game(crisis, seed).state
            while not engine.is_over(state):
                state = _apply(crisis, state, move(state))
                n += 1
            ends.append((state.outcome.end, n))
        return (time.process_time() - c0) / games * 1000, ends

    real, short, same = [], [], True
    for _ in range(rounds):
        (r_ms, r_ends), (s_ms, s_ends) = play(_decider), play(_shortcut)
        real.append(r_ms)
        short.append(s_ms)
        same = same and r_ends == s_ends
    r, s = statistics.median(real), statistics.median(short)
    print(f"   real (observe, LegalActions, choose, check): {', '.join(f'{x:.1f}' for x in real)} ms CPU per game")
    print(f"   shortcut (the engine's own state, no check): {', '.join(f'{x:.1f}' for x in short)} ms CPU per game")
    print(f"   ratio {r / s:.2f}x (issue 15 allowed 1.3x for the long way); the games "
          f"{'are the same' if same else 'differ (a bot read what its seat may not: the shortcut is not safe)'}")


def parallel_capacity(jobs: int) -> float:
    """How many cores this machine gives us right now: a fixed CPU task run alone, then `jobs`
    copies at once (a shared machine gives less than `jobs`)."""
    import multiprocessing
    n = 10_000_000
    t = time.perf_counter()
    _burn(n)
    one = time.perf_counter() - t
    with multiprocessing.Pool(jobs) as pool:
        pool.map(_burn, [10] * jobs)  # start the workers first
        t = time.perf_counter()
        pool.map(_burn, [n] * jobs, chunksize=1)
        many = time.perf_counter() - t
    return jobs * one / many


def _burn(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def split(crisis, states, policy):
    """simulate's decide (observe + LegalActions + policy.choose + the check) / the same again on a
    fresh copy of the state (nothing memoised) / apply_unchecked, per decision, on recorded states."""
    clock = time.perf_counter_ns
    decide_t, long_t, apply_t = [], [], []
    observers = {}
    for state, seat, action in states:
        observer = observers.get(seat) or observers.setdefault(seat, Observer(crisis, seat))
        a = clock()
        decide(observer, state, policy)
        b = clock()
        decide(observer, state.replace(), policy)
        c = clock()
        _apply(crisis, state, action)
        d = clock()
        decide_t.append(b - a)
        long_t.append(c - b)
        apply_t.append(d - c)
    return decide_t, long_t, apply_t


def calibrate() -> float:
    """A fixed pure-Python workload (µs), to compare figures across machines."""
    def work():
        d = {}
        for i in range(2000):
            d[i % 97] = d.get(i % 97, 0) + i
        return sorted(d.items())
    best = float("inf")
    for _ in range(200):
        t = time.perf_counter_ns()
        work()
        best = min(best, time.perf_counter_ns() - t)
    return best / 1000


def profile(crisis, policy, games: int, top: int) -> str:
    pr = cProfile.Profile()
    pr.enable()
    move = _decider(crisis, policy)
    for seed in range(games):
        state = engine.new_game(crisis, seed).state
        while not engine.is_over(state):
            state = _apply(crisis, state, move(state))
    pr.disable()
    out = io.StringIO()
    st = pstats.Stats(pr, stream=out)
    out.write(f"--- top {top} by cumulative time ({games} games) ---\n")
    st.sort_stats("cumulative").print_stats(top)
    out.write(f"--- top {top} by own time ---\n")
    st.sort_stats("tottime").print_stats(top)
    text = out.getvalue().replace(str(ROOT) + "/", "")
    text = re.sub(r"\S*/site-packages/", "site-packages/", text)
    text = re.sub(r"\S*/lib/python3\.\d+/", "stdlib/", text)
    return "\n".join(line for line in text.splitlines() if line.strip() and not line.startswith(("   Ordered", "   List reduced")))


def _step1(root: Path, games: int) -> tuple[float, float]:
    """(median decision µs by the wall clock, ms CPU per game): step 1 of the bench at `root`, run
    in a fresh process (an older commit's bench prints the same two lines)."""
    res = subprocess.run([sys.executable, str(root / "bench" / "bench_engine.py"), "--skip-simulate",
                          "--games", str(games)], cwd=root, capture_output=True, text=True)
    med = re.search(r"median\s+([\d.]+) µs.*\(wall clock\)", res.stdout)
    cpu = re.search(r"\(([\d.]+) ms CPU per game", res.stdout)
    if med is None or cpu is None:
        raise RuntimeError(f"no figures from the bench at {root}:\n{res.stdout[-1500:]}{res.stderr[-1500:]}")
    return float(med.group(1)), float(cpu.group(1))


def against(rev: str, games: int, rounds: int) -> bool:
    """Step 1 of REV's bench and of ours, alternately, back to back; PASS if our median decision is
    at most TARGET_AGAINST times REV's."""
    import tempfile
    print(f"\n4. back to back against {rev} (step 1 of each bench, {games} games, alternately x{rounds})")
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "ref"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(tree), rev], check=True)
        try:
            theirs, ours = [], []
            for _ in range(rounds):
                theirs.append(_step1(tree, games))
                ours.append(_step1(ROOT, games))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    t_med, o_med = statistics.median(x[0] for x in theirs), statistics.median(x[0] for x in ours)
    t_cpu, o_cpu = statistics.median(x[1] for x in theirs), statistics.median(x[1] for x in ours)
    print(f"   {rev}: median decision {', '.join(f'{x[0]:.1f}' for x in theirs)} µs; "
          f"CPU per game {', '.join(f'{x[1]:.1f}' for x in theirs)} ms")
    print(f"   ours: median decision {', '.join(f'{x[0]:.1f}' for x in ours)} µs; "
          f"CPU per game {', '.join(f'{x[1]:.1f}' for x in ours)} ms")
    ok = o_med <= TARGET_AGAINST * t_med
    print(f"   median decision {o_med:.1f} vs {t_med:.1f} µs: ratio {o_med / t_med:.2f}x (target <= {TARGET_AGAINST}x)"
          f"   {'PASS' if ok else 'MISS'}")
    print(f"   CPU per game {o_cpu:.1f} vs {t_cpu:.1f} ms: ratio {o_cpu / t_cpu:.2f}x (the games differ where the rules do)")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scenario", default=str(SCENARIO))
    ap.add_argument("--games", type=int, default=40)
    ap.add_argument("--runs", type=int, default=10000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--skip-simulate", action="store_true")
    ap.add_argument("--profile", action="store_true", help="profile even if the target is met")
    ap.add_argument("--profile-games", type=int, default=20)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--against", metavar="REV", help="also measure step 1 back to back with this commit's bench")
    ap.add_argument("--against-rounds", type=int, default=3)
    ap.add_argument("--tax", action="store_true",
                    help="also measure the architecture's own cost: the real path against a shortcut, same rules")
    args = ap.parse_args()

    import os
    print(f"load average at start: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    crisis = load_scenario(args.scenario)
    policy = POLICIES["default"]
    print(f"scenario {crisis.id}: {len(engine.seats(crisis))} seats, {len(crisis.scenario.injects)} injects, "
          f"{len(crisis.scenario.options)} options")
    play_plain(crisis, range(1000, 1003), policy)  # warm up caches (views, compiled conditions)
    calib = calibrate()
    decisions, wall, cpu_s = play_plain(crisis, range(args.games), policy)
    times, cpu_times, kinds, states = play_timed(crisis, range(args.games), policy, keep_states=5)
    us = [t / 1000 for t in times]
    cpu_us = [t / 1000 for t in cpu_times]
    med, mean, p95 = statistics.median(us), statistics.fmean(us), pct(us, 0.95)
    gps = args.games / wall
    gps_cpu = args.games / cpu_s
    print(f"\n1. per decision ({len(us)} decisions in {args.games} games, {len(us) / args.games:.0f} per game)")
    print(f"   median {med:7.1f} µs   mean {mean:7.1f} µs   p95 {p95:7.1f} µs   max {max(us) / 1000:.1f} ms   (wall clock)")
    print(f"   median {statistics.median(cpu_us):7.1f} µs   mean {statistics.fmean(cpu_us):7.1f} µs   "
          f"p95 {pct(cpu_us, 0.95):7.1f} µs   (CPU time of this thread: what other processes on a shared machine do not inflate)")
    total = sum(us)
    by_kind: dict[str, list[float]] = {}
    for k, t in zip(kinds, us):
        by_kind.setdefault(k, []).append(t)
    print("   where the time goes (step/action: share of all decision time, count, median, mean):")
    for k, xs in sorted(by_kind.items(), key=lambda kv: -sum(kv[1]))[:8]:
        print(f"     {k:<34} {100 * sum(xs) / total:5.1f} %  n={len(xs):<6} median {statistics.median(xs):7.1f} µs"
              f"   mean {statistics.fmean(xs):7.1f} µs")
    decide_t, long_t, apply_t = split(crisis, states, policy)
    for name, xs in (("simulate.decide", decide_t), ("(decide again, on a fresh copy of the state)", long_t),
                     ("engine.apply_unchecked", apply_t)):
        xs = [x / 1000 for x in xs]
        print(f"     {name:<36} median {statistics.median(xs):6.1f} µs   mean {statistics.fmean(xs):6.1f} µs")
    print(f"   machine calibration (fixed pure-Python loop): {calib:.0f} µs; "
          f"one decision = {med / calib:.2f} calibration loops (median), {mean / calib:.2f} (mean)")
    ok_dec = med <= TARGET_DECISION_US
    print(f"   median {med:.1f} µs vs target <= {TARGET_DECISION_US:g} µs: ratio {med / TARGET_DECISION_US:.2f}x"
          f"   {'PASS' if ok_dec else 'MISS'}")
    print(f"   (mean {mean:.1f} µs vs target: ratio {mean / TARGET_DECISION_US:.2f}x "
          f"{'PASS' if mean <= TARGET_DECISION_US else 'MISS'} — the mean is what batch throughput sees)")
    print(f"   games per second per core: {gps:.1f} by the wall clock, {gps_cpu:.1f} by CPU time  "
          f"({cpu_s / args.games * 1000:.1f} ms CPU per game, {cpu_s / decisions * 1e6:.1f} µs CPU per decision "
          f"in the untimed loop of game.players.simulate.play_out)")

    ok_sim = True
    if not args.skip_simulate:
        cmd = [sys.executable, str(ROOT / "play.py"), "simulate", args.scenario, "--runs", str(args.runs),
               "--jobs", str(args.jobs)]
        print(f"\n2. {' '.join(['python', 'play.py'] + cmd[2:])}")
        cap = parallel_capacity(args.jobs)
        print(f"   cores available to us now: {cap:.2f} of {args.jobs} (a fixed task alone vs {args.jobs} at once)")
        t0 = time.perf_counter()
        res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        secs = time.perf_counter() - t0
        if res.returncode != 0:
            print(f"   simulate failed (exit {res.returncode}):\n{res.stderr[-2000:]}")
            ok_sim = False
        else:
            ideal = args.runs / (gps_cpu * args.jobs)
            target = TARGET_SIMULATE_S * args.runs / 10000
            ok_sim = secs <= target
            print(f"   wall {secs:.1f} s = {args.runs / secs:.0f} games/s on {args.jobs} processes")
            print(f"   reference: {args.runs} games at the single-core rate (CPU time) over {args.jobs} free cores = "
                  f"{ideal:.1f} s; ratio {secs / ideal:.2f}x")
            print(f"   {secs:.1f} s vs target <= {target:g} s: ratio {secs / target:.2f}x   "
                  f"{'PASS' if ok_sim else 'MISS'}")
            if cap < args.jobs * 0.9:
                print(f"   (the machine is shared: scaled to {args.jobs} free cores this would be roughly "
                      f"{secs * cap / args.jobs:.0f} s)")
            need = args.runs / (target * args.jobs)
            print(f"   (the target needs {need:.0f} games/s per core, i.e. about "
                  f"{1e6 / (need * len(us) / args.games):.0f} µs per decision on average)")

    if not ok_dec or not ok_sim or args.profile:
        print(f"\n3. profile ({args.profile_games} games, cProfile; times inflated by profiling)")
        print(profile(crisis, policy, args.profile_games, args.top))
    ok_against = against(args.against, args.games, args.against_rounds) if args.against else True
    if args.tax:
        tax(crisis, policy, args.games, args.against_rounds)
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    return 0 if ok_dec and ok_sim and ok_against else 1


if __name__ == "__main__":
    sys.exit(main())
