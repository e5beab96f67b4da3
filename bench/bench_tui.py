#!/usr/bin/env python3
"""The terminal table against a bare Textual app with the same kinds of widgets.

The bare app ("reference") has a Header, a Footer, a 10-row DataTable, a RichLog, an OptionList
and 4 Statics, laid out in two columns like the table; its `s` key updates a DataTable cell and a
Static. Ours is game.tui.app.make_app(Options(scenario=first_response, seat=..., seed=...,
pace="instant", save_dir=<temp>)). Both run headless; a frame counts as written when Textual's
App._display has been handed the compositor's update AND its terminal bytes have been rendered
(the hook calls render_segments(console), the work a real driver does before writing; the
headless driver skips it).

(a) Start-up: a fresh interpreter per run (--runs of each, alternating), from just before the
    process is spawned to the first frame written of the TableScreen or BriefingScreen (ours) /
    the bare app's screen. Median. Target: ours <= 1.3x the bare app. Also shown: time until the
    human seat's brief (every computer delegation before it has moved) and whole-process wall time.
(c) Peak memory: resource.getrusage(RUSAGE_SELF).ru_maxrss in those same child processes, taken
    at the table once the human seat can act (ours: after the brief is closed and the table
    redrawn) and after the first frame (bare). Median. Target: ours <= 1.3x.
(b) Key press -> first frame: measured inside the app. The key is sent as the terminal driver
    sends it (driver.send_message(Key)), timestamped just before; the first frame written after
    the key's action handler has run ends the sample (the split: queue -> handler, handler,
    handler -> frame is printed). Ours: the human seat (a member) presses `s` (support) in
    negotiation and `space` (silent/done) in consultation and force generation, whenever it is
    its move, over several seeded games. Reference: the bare app's `s`. At 80x24 and 120x40 (issue
    18; any size with --sizes).
    Targets: median <= 30 ms and p95 <= 60 ms (ours, all keys); the ratio to the bare app is printed.
    To explain slow presses: the process CPU used meanwhile, garbage-collection pauses inside
    them (gc.callbacks), computer moves applied before the frame, Footer rebuilds and the most
    FooterKey widgets alive at once. An exception raised by the app ends that game and is listed.

    Both start-up children run from compiled bytecode (written once, by the uncounted warm-up runs,
    to a temporary folder): pass --no-bytecode-cache to keep the environment's setting.

    python bench/bench_tui.py [--runs 7] [--samples 60] [--sizes 80x24,120x40] [--skip-start] [--skip-keys]
                              [--no-bytecode-cache]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCENARIO = str(ROOT / "scenarios" / "first_response.yaml")
START_SEAT, KEY_SEAT = "SG", "DEU"
TARGET_START_RATIO = 1.3
TARGET_RSS_RATIO = 1.3
TARGET_KEY_MEDIAN_MS = 30.0
TARGET_KEY_P95_MS = 60.0

FRAMES: list[tuple[float, str, dict, float]] = []  # (perf_counter when the frame's bytes were ready, screen class,
#                                                    COUNTS then, process CPU time then)
COUNTS: dict[str, int] = {}  # calls of counted methods since the key was sent
TOTALS: dict[str, int] = {}  # calls of counted methods over the whole run
GC_LOG: list[tuple[float, float, int, int]] = []  # garbage collections: (start, end, generation, objects examined)
_gc_start: list[float] = [0.0]


def install_gc_log() -> None:
    """Time every garbage collection (a full one can take hundreds of ms with a big heap)."""
    import gc

    def cb(phase, info):
        if phase == "start":
            _gc_start[0] = time.perf_counter()
        else:
            GC_LOG.append((_gc_start[0], time.perf_counter(), info["generation"], info.get("collected", 0)))
    if cb not in gc.callbacks:
        gc.callbacks.append(cb)


def install_frame_hook() -> None:
    """Wrap App._display: render the terminal bytes as a real driver would, and timestamp them."""
    from textual.app import App
    from textual._compositor import CompositorUpdate

    original = App._display
    if getattr(original, "_bench", False):
        return

    def _display(self, screen, renderable):
        original(self, screen, renderable)
        if renderable is None or self._batch_count:
            return
        if self.is_headless:
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(self.console)
            else:
                self.console._render_buffer(self.console.render(renderable))
        FRAMES.append((time.perf_counter(), type(screen).__name__, dict(COUNTS), time.process_time()))
        hook = getattr(self, "_bench_on_frame", None)
        if hook is not None:
            hook(type(screen).__name__)

    _display._bench = True
    App._display = _display


def bare_app_class():
    from textual.app import App
    from textual.binding import Binding
    from textual.containers import Horizontal, Vertical
    from textual.widgets import DataTable, Footer, Header, OptionList, RichLog, Static

    class BareApp(App):
        CSS = """
        #status { height: 1; }
        #left { width: 3fr; }
        #right { width: 2fr; }
        DataTable { height: 1fr; }
        RichLog { height: 1fr; }
        OptionList { height: 6; }
        """
        BINDINGS = [Binding("s", "bump", "Support"), Binding("space", "bump", "Done"), Binding("q", "quit", "Quit")]

        def __init__(self):
            super().__init__()
            self.n = 0

        def compose(self):
            yield Header()
            yield Static("Turn 1/5  Consultation  You: Germany", id="status")
            with Horizontal():
                with Vertical(id="left"):
                    yield Static("On the table: nothing yet", id="proposal")
                    yield DataTable(id="delegations")
                    yield Static("Force generation: no operation adopted", id="ledger")
                with Vertical(id="right"):
                    yield Static("Severity 45  Cohesion 65  Legitimacy 55", id="meters")
                    yield RichLog(id="feed")
            yield OptionList(*[f"Action {i}  [{k}]" for i, k in enumerate("srouta")], id="actions")
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Delegation", "Kind", "Stance", "Capital", "Trust")
            for i in range(10):
                table.add_row(f"Delegation {i}", "member", "—", str(5 + i % 3), str(60 + i))
            log = self.query_one(RichLog)
            for i in range(10):
                log.write(f"Event {i}: something happened at the table")

        def action_bump(self) -> None:
            self.n += 1
            self.query_one(DataTable).update_cell_at((self.n % 10, 2), f"support {self.n}")
            self.query_one("#status", Static).update(f"Turn 1/5  Negotiation  You: Germany  move {self.n}")

    return BareApp


# -- (a) + (c): one fresh process per run ---------------------------------------------------------
def child_start(kind: str, t0: float, size: tuple[int, int]) -> None:
    """Runs in a fresh interpreter: start the app, note when the screen is first written, exit."""
    install_frame_hook()
    out = {}
    if kind == "bare":
        app = bare_app_class()()

        def on_frame(name: str) -> None:
            if "first" not in out:
                out["first"] = time.time() - t0
                out["rss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                app.exit()
    else:
        from game.tui.app import Options, make_app
        save_dir = tempfile.mkdtemp(prefix="consensus-bench-tui-")
        app = make_app(Options(scenario=SCENARIO, seat=START_SEAT, seed=7, pace="instant", save_dir=save_dir))

        def on_frame(name: str) -> None:
            if "first" not in out and name in ("TableScreen", "BriefingScreen"):
                out["first"] = time.time() - t0
            if name == "BriefingScreen" and "brief" not in out:
                out["brief"] = time.time() - t0
                app.call_later(app.screen.action_close)  # to the table, as the player would
            elif name == "TableScreen" and "brief" in out and "rss_kib" not in out:
                out["table_ready"] = time.time() - t0
                out["rss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                app.exit()
    app._bench_on_frame = on_frame
    app.run(headless=True, size=size)
    out["exit"] = time.time() - t0
    print("BENCH " + json.dumps(out), flush=True)


CHILD_ENV: dict[str, str] | None = None  # set by bench_start: where the children cache their bytecode


def run_child(kind: str, size: tuple[int, int]) -> dict:
    t0 = time.time()
    res = subprocess.run([sys.executable, __file__, "--child", kind, "--t0", repr(t0),
                          "--size", f"{size[0]}x{size[1]}"], capture_output=True, text=True, timeout=120,
                         env=CHILD_ENV)
    wall = time.time() - t0
    line = next((ln for ln in res.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"{kind} child failed (exit {res.returncode}):\n{res.stdout[-1000:]}\n{res.stderr[-3000:]}")
    data = json.loads(line[6:])
    data["wall"] = wall
    return data


def bench_start(runs: int, size: tuple[int, int], bytecode_cache: bool = True) -> bool:
    global CHILD_ENV
    ours, bare = [], []
    cache = tempfile.TemporaryDirectory(prefix="consensus-bench-pyc-")
    if bytecode_cache:
        # Both apps run from compiled bytecode, as an installed program (or a checkout run once) does.
        # Textual's is already compiled in site-packages; ours would be compiled from source in every
        # run where PYTHONDONTWRITEBYTECODE is set (as in some sandboxes): 40-60 ms and ~3 MiB of peak
        # memory that no player pays. The caches go to a temporary folder, not into the repository.
        CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        CHILD_ENV["PYTHONPYCACHEPREFIX"] = cache.name
    run_child("bare", size)  # warm the file cache, and write the bytecode, once (not counted)
    run_child("ours", size)
    for _ in range(runs):
        bare.append(run_child("bare", size))
        ours.append(run_child("ours", size))
    med = lambda rows, k: statistics.median(r[k] for r in rows)  # noqa: E731
    b_first, o_first = med(bare, "first"), med(ours, "first")
    cache.cleanup()
    CHILD_ENV = None
    print(f"(a) start-up, fresh process, headless {size[0]}x{size[1]}, median of {runs} each; "
          + ("bytecode compiled once beforehand (cached in a temporary folder)" if bytecode_cache
             else "bytecode as the environment has it" + (" (PYTHONDONTWRITEBYTECODE: ours compiled from source each run)"
                                                           if os.environ.get("PYTHONDONTWRITEBYTECODE") else "")))
    print(f"    bare app (reference): first frame {b_first * 1000:6.0f} ms   whole process {med(bare, 'wall') * 1000:6.0f} ms")
    print(f"    ours: first frame of the table {o_first * 1000:6.0f} ms   whole process {med(ours, 'wall') * 1000:6.0f} ms")
    print(f"          the seat's brief (computers moved) {med(ours, 'brief') * 1000:.0f} ms; "
          f"table ready for the seat {med(ours, 'table_ready') * 1000:.0f} ms")
    ratio = o_first / b_first
    ok_a = ratio <= TARGET_START_RATIO
    print(f"    ratio ours/bare {ratio:.2f}x vs target <= {TARGET_START_RATIO}x   {'PASS' if ok_a else 'MISS'}"
          f"   (to the seat's brief: {med(ours, 'brief') / b_first:.2f}x)")
    b_rss, o_rss = med(bare, "rss_kib") / 1024, med(ours, "rss_kib") / 1024
    ratio_m = o_rss / b_rss
    ok_c = ratio_m <= TARGET_RSS_RATIO
    print(f"(c) peak RSS: bare app {b_rss:.1f} MiB, ours at the table {o_rss:.1f} MiB: "
          f"ratio {ratio_m:.2f}x vs target <= {TARGET_RSS_RATIO}x   {'PASS' if ok_c else 'MISS'}")
    return ok_a and ok_c


# -- (b) key press -> first frame -----------------------------------------------------------------
class KeyTimer:
    """Times one key: sent -> action handler start/end -> first frame written after the handler."""

    def __init__(self):
        self.t_action = self.t_action_end = None

    def count(self, cls, name: str) -> None:
        """Count calls of cls.name (e.g. computer moves applied) between the key and its frame."""
        original = getattr(cls, name)
        def counted(obj, *a, **kw):
            COUNTS[name] = COUNTS.get(name, 0) + 1
            TOTALS[name] = TOTALS.get(name, 0) + 1
            return original(obj, *a, **kw)
        setattr(cls, name, counted)

    def wrap(self, cls, name: str) -> None:
        original = getattr(cls, name)
        timer = self

        def wrapped(obj, *a, **kw):
            timer.t_action = time.perf_counter()
            try:
                return original(obj, *a, **kw)
            finally:
                timer.t_action_end = time.perf_counter()
        setattr(cls, name, wrapped)

    async def press(self, app, key: str, timeout: float = 5.0) -> dict | None:
        from textual import events
        self.t_action = self.t_action_end = None
        COUNTS.clear()
        GC_LOG.clear()
        char = " " if key == "space" else key
        event = events.Key(key, char)
        event.set_sender(app)
        FRAMES.clear()
        t_sent = time.perf_counter()
        c_sent = time.process_time()
        app._driver.send_message(event)
        deadline = t_sent + timeout
        while time.perf_counter() < deadline:
            await asyncio.sleep(0.002)
            if self.t_action_end is None:
                continue
            frame = next((f for f in FRAMES if f[0] > self.t_action_end), None)
            if frame is not None:  # (the key that ends a turn is answered by the results screen)
                gcs = [(a, b, g) for a, b, g, _ in GC_LOG if a >= t_sent and b <= frame[0]]
                return {"counts": frame[2], "cpu": frame[3] - c_sent,
                        "gc": sum(b - a for a, b, _ in gcs), "gc_full": sum(b - a for a, b, g in gcs if g == 2),"total": frame[0] - t_sent, "queue": self.t_action - t_sent, "screen": frame[1],
                        "handler": self.t_action_end - self.t_action, "render": frame[0] - self.t_action_end}
        return None


async def settle(pilot, app, limit: float = 20.0) -> None:
    waited = 0.0
    while waited < limit:
        await pilot.pause(0.02)
        waited += 0.02
        table = next((s for s in app.screen_stack if type(s).__name__ == "TableScreen"), None)
        if table is None or (not table.busy and not app.workers._workers):
            return


def ours_timer() -> "KeyTimer":
    """One timer for all of our games: the app's classes are wrapped once per process."""
    if _OURS_TIMER:
        return _OURS_TIMER[0]
    from textual.widgets import Footer
    from game.tui.screens.table import TableScreen
    timer = KeyTimer()
    timer.wrap(TableScreen, "action_act")
    timer.count(TableScreen, "computer_moved")
    timer.count(TableScreen, "refresh_view")
    timer.count(Footer, "recompose")
    _OURS_TIMER.append(timer)
    return timer


_OURS_TIMER: list = []


async def keys_ours(size, samples: int, save_dir: str) -> list[dict]:
    from game.tui.app import Options, make_app
    timer = ours_timer()
    out: list[dict] = []
    seed = 100
    while len(out) < samples:
        seed += 1
        app = make_app(Options(scenario=SCENARIO, seat=KEY_SEAT, seed=seed, pace="instant", save_dir=save_dir))
        stage = "playing"
        try:
            async with app.run_test(size=size) as pilot:
                await play_keys(pilot, app, timer, samples, out, seed)
                stage = "closing the app"
        except Exception as exc:  # noqa: BLE001 - an app error is a finding, not the end of the benchmark
            APP_ERRORS.append(f"seed {seed}, {size[0]}x{size[1]}, while {stage} (screen {type(app.screen).__name__ if app.screen_stack else '?'}): "
                              f"{type(exc).__name__}: {exc}")
    return out


APP_ERRORS: list[str] = []
MAX_FOOTER_KEYS = [0]


def count_footer_keys() -> None:
    import gc
    from textual.widgets._footer import FooterKey
    MAX_FOOTER_KEYS[0] = max(MAX_FOOTER_KEYS[0], sum(1 for o in gc.get_objects() if isinstance(o, FooterKey)))


async def play_keys(pilot, app, timer, samples: int, out: list, seed: int) -> None:
    for _ in range(600):
        await settle(pilot, app)
        name = type(app.screen).__name__
        if name == "AARScreen" or len(out) >= samples:
            return
        if name in ("BriefingScreen", "ResultsScreen", "AssessmentScreen", "HelpScreen", "ChooseAction",
                    "HandoverScreen"):
            await pilot.press("enter")
            continue
        if name == "ConfirmDialog":
            await pilot.press("y")
            continue
        table = app.screen
        s = app.session
        if table.seat is None or table.seat not in s.acting() or table.busy:
            await pilot.pause(0.05)
            continue
        phase = s.state.phase.value
        kinds = {a.kind for a in s.legal(table.seat)}
        key = "s" if phase == "negotiation" and "support" in kinds else "space" if "pass" in kinds else None
        if key is None:
            await pilot.pause(0.05)
            continue
        await pilot.pause(0.05)  # let the screen go quiet: nothing pending before the key
        r = await timer.press(app, key)
        if r is None:
            raise RuntimeError(f"no frame after '{key}' in {phase} (seed {seed})")
        r["key"], r["phase"] = key, phase
        out.append(r)
        if len(out) % 10 == 0:
            count_footer_keys()  # (between presses: not in any measurement)


async def keys_bare(size, samples: int) -> list[dict]:
    BareApp = bare_app_class()
    timer = KeyTimer()
    timer.wrap(BareApp, "action_bump")
    out = []
    app = BareApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.2)
        for _ in range(samples):
            await pilot.pause(0.05)
            r = await timer.press(app, "s")
            if r is None:
                raise RuntimeError("no frame after 's' in the bare app")
            out.append(r)
    return out


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def bench_keys(sizes, samples: int) -> bool:
    import gc
    install_frame_hook()
    install_gc_log()
    ok = True
    with tempfile.TemporaryDirectory(prefix="consensus-bench-keys-") as tmp:
        for size in sizes:
            gc.collect()  # each side starts from a clean heap (the other side's garbage is not its cost)
            bare = asyncio.run(keys_bare(size, samples))
            gc.collect()
            ours = asyncio.run(keys_ours(size, samples, tmp))
            ms = lambda rows, k="total": [r[k] * 1000 for r in rows]  # noqa: E731
            b, o = ms(bare), ms(ours)
            print(f"(b) key -> first frame, {size[0]}x{size[1]} ({len(o)} presses ours, {len(b)} bare)")
            print(f"    bare app `s` (reference): median {statistics.median(b):5.1f} ms   p95 {pct(b, .95):5.1f} ms"
                  f"   (slowest {max(b):.0f} ms, of which garbage collection "
                  f"{max(bare, key=lambda r: r['total'])['gc'] * 1000:.0f} ms)")
            neg = [r for r in ours if r["key"] == "s"]
            for label, rows in (("ours, all keys", ours), ("ours, `s` in negotiation", neg),
                                ("ours, `space` (consultation, pledging)", [r for r in ours if r["key"] == "space"])):
                if rows:
                    xs = ms(rows)
                    print(f"    {label:<40} median {statistics.median(xs):5.1f} ms   p95 {pct(xs, .95):5.1f} ms   "
                          f"(n={len(xs)}; handler median {statistics.median(ms(rows, 'handler')):.1f} ms, "
                          f"handler->frame {statistics.median(ms(rows, 'render')):.1f} ms, "
                          f"queue {statistics.median(ms(rows, 'queue')):.1f} ms; process CPU "
                          f"{statistics.median(ms(rows, 'cpu')):.1f} ms)")
            worst = max(ours, key=lambda r: r["total"])
            c = worst["counts"]
            print(f"    slowest of ours: {worst['total'] * 1000:.0f} ms, `{worst['key']}` in {worst['phase']} -> "
                  f"{worst['screen']} (handler {worst['handler'] * 1000:.1f} ms, "
                  f"handler->frame {worst['render'] * 1000:.1f} ms; CPU used by the process meanwhile "
                  f"{worst['cpu'] * 1000:.0f} ms, of which garbage collection {worst['gc'] * 1000:.0f} ms; before that frame: "
                  f"{c.get('computer_moved', 0)} computer moves applied, {c.get('refresh_view', 0)} refresh_view calls)")
            slow = [r for r in ours if r["total"] > TARGET_KEY_P95_MS / 1000]
            if slow:
                print(f"    presses over {TARGET_KEY_P95_MS:g} ms: {len(slow)} of {len(ours)}; {sum(r['gc_full'] > 0.05 for r in slow)} "
                      f"of them include a full (generation 2) garbage collection of more than 50 ms "
                      f"(median full-GC pause in them {statistics.median([r['gc_full'] * 1000 for r in slow]):.0f} ms); "
                      f"heap now {len(gc.get_objects())} tracked objects")
            print(f"    over these games: {TOTALS.get('recompose', 0)} Footer rebuilds (recompose), "
                  f"{TOTALS.get('refresh_view', 0)} refresh_view calls for {len(ours)} presses; "
                  f"most live FooterKey widgets seen at once: {MAX_FOOTER_KEYS[0]}")
            TOTALS.clear()
            MAX_FOOTER_KEYS[0] = 0
            moved = [r for r in ours if r["counts"].get("computer_moved")]
            print(f"    presses whose first frame came only after computer moves were applied: {len(moved)} of {len(ours)}"
                  + (f" (median {statistics.median(ms(moved)):.0f} ms; the others "
                     f"{statistics.median(ms([r for r in ours if r not in moved]) or [0]):.0f} ms)" if moved else ""))
            med, p95 = statistics.median(o), pct(o, .95)
            ok_m, ok_p = med <= TARGET_KEY_MEDIAN_MS, p95 <= TARGET_KEY_P95_MS
            ok &= ok_m and ok_p
            print(f"    median {med:.1f} ms vs target <= {TARGET_KEY_MEDIAN_MS:g} ms   {'PASS' if ok_m else 'MISS'};  "
                  f"p95 {p95:.1f} ms vs target <= {TARGET_KEY_P95_MS:g} ms   {'PASS' if ok_p else 'MISS'};  "
                  f"ratio ours/bare {med / statistics.median(b):.2f}x (median), {p95 / pct(b, .95):.2f}x (p95)")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--samples", type=int, default=60)
    ap.add_argument("--sizes", default="80x24,120x40")
    ap.add_argument("--start-size", default="80x24")
    ap.add_argument("--skip-start", action="store_true")
    ap.add_argument("--skip-keys", action="store_true")
    ap.add_argument("--no-bytecode-cache", action="store_true",
                    help="start-up: leave the bytecode as the environment has it (see bench_start)")
    ap.add_argument("--child", choices=["ours", "bare"], help=argparse.SUPPRESS)
    ap.add_argument("--t0", type=float, help=argparse.SUPPRESS)
    ap.add_argument("--size", help=argparse.SUPPRESS)
    args = ap.parse_args()
    parse = lambda s: tuple(int(x) for x in s.split("x"))  # noqa: E731
    if args.child:
        child_start(args.child, args.t0, parse(args.size))
        return 0
    print(f"load average at start: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    ok = True
    if not args.skip_start:
        ok &= bench_start(args.runs, parse(args.start_size), not args.no_bytecode_cache)
    if not args.skip_keys:
        ok &= bench_keys([parse(s) for s in args.sizes.split(",")], args.samples)
    if APP_ERRORS:
        print(f"\nThe app raised {len(APP_ERRORS)} error(s) while being driven (those games were cut short):")
        for e in APP_ERRORS:
            print("  " + e)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
