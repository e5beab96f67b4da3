#!/usr/bin/env python3
"""A seeded mutation fuzzer for the loader, over every shipped scenario (scenarios/*.yaml).

Each mutant is one mistake of a kind authors (or a crashed editor) make, recorded with the file,
the 1-based line it touched and the line before/after:

  delete_key    delete one `key: ...` line
  wrong_type    number -> word (`start: 45` -> `start: lots`), or flow list -> scalar
                (`hosts: [MDA, ROU]` -> `hosts: MDA`)
  break_ref     append `x` to an id where it is used (not where it is declared): `profile: USA`,
                `to: [ROU]`, `hosts: [MDA]`, names inside conditions and effects ...
  stray_char    insert one of  @ ` TAB { ] & * ! % | > " '  somewhere in a line
  duplicate_key repeat a `key: value` line right below itself (same mapping, same key)
  truncate      cut the file at a random character (a partial write); the line is the last one

For each mutant, one of:
  loads     -> one game with random legal moves is played through game.core.engine (checked apply);
               any exception is a traceback
  refused   -> game.core.errors.ScenarioError; "located" if one of its problems names the mutated
               file at the mutated line +-1 (for delete_key: +-1 around where the line was)
  traceback -> any other exception (or a hang past --timeout seconds): printed with its mutant

Targets: located >= 95 % of refused mutants, per kind; zero tracebacks.

    python bench/fuzz_load.py [--mutants 10000] [--seed 2026] [--jobs 2] [--show-misses 5] [--json FILE]
"""
from __future__ import annotations

import argparse
import collections
import json
import multiprocessing
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ("delete_key", "wrong_type", "break_ref", "stray_char", "duplicate_key", "truncate")
TARGET_LOCATED = 95.0
STRAY = ["@", "`", "\t", "{", "]", "&", "*", "!", "%", "|", ">", '"', "'"]
KEY_LINE = re.compile(r"^(\s*)(-\s+)?([A-Za-z_][A-Za-z0-9_]*):(\s|$)")
NUMBER_VALUE = re.compile(r"(?<=[:,\[{]\s)(-?\d+(?:\.\d+)?)(?=\s*[,}\]]|\s*$|\s+#)")
FLOW_LIST = re.compile(r"(:\s+)\[([^\[\]]*)\]")
PROSE_KEYS = {"text", "title", "brief", "summary", "situation", "label", "name", "releasability"}


# -- the mutator --------------------------------------------------------------------------------
class FileInfo:
    """What the mutator needs to know about one scenario file: its lines, which lines are prose
    (block scalars), and the ids it declares or uses."""

    def __init__(self, path: Path):
        import yaml
        self.path = path
        self.text = path.read_text(encoding="utf-8")
        self.lines = self.text.split("\n")
        root = yaml.compose(self.text, Loader=yaml.CSafeLoader)
        self.prose: set[int] = set()
        self.declared_at: set[tuple[int, int]] = set()  # (line, column) of declaring keys
        ids: set[str] = set()
        stack = [(root, 0)]
        while stack:
            node, depth = stack.pop()
            if isinstance(node, yaml.ScalarNode):
                if node.style in ("|", ">"):
                    self.prose.update(range(node.start_mark.line, node.end_mark.line + 1))
            elif isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    stack.append((k, depth + 1))
                    stack.append((v, depth + 1))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend((x, depth + 1) for x in node.value)
        # ids declared by the scenario and its rules (the names references use)
        for k, v in root.value:
            if k.value in ("actors", "meters", "options", "injects", "end_conditions", "resources", "stakes") \
                    and isinstance(v, yaml.MappingNode):
                for ik, _ in v.value:
                    ids.add(ik.value)
                    self.declared_at.add((ik.start_mark.line, ik.start_mark.column))
        rules = yaml.safe_load((ROOT / "rules" / "default.yaml").read_text(encoding="utf-8"))
        for section in ("caveats", "legal_bases", "reasons", "stakes", "resources"):
            if isinstance(rules.get(section), dict):
                ids.update(rules[section])
        self.ids = {i for i in ids if isinstance(i, str) and len(i) >= 2}
        self.id_re = re.compile(r"(?<![A-Za-z0-9_])(" + "|".join(sorted(map(re.escape, self.ids), key=len,
                                                                            reverse=True)) + r")(?![A-Za-z0-9_])")
        self.content = [i for i, ln in enumerate(self.lines) if ln.strip() and not ln.lstrip().startswith("#")]

    def is_prose(self, i: int) -> bool:
        if i in self.prose:
            return True
        m = KEY_LINE.match(self.lines[i])
        return bool(m and m.group(3) in PROSE_KEYS)


def mutate(info: FileInfo, kind: str, rnd: random.Random, tries: int = 200):
    """One mutant of `kind`: (0-based line, before, after, new text), or None if none was found."""
    lines = info.lines
    for _ in range(tries):
        i = rnd.choice(info.content)
        line = lines[i]
        new_lines = None
        if kind == "delete_key":
            if KEY_LINE.match(line) and i not in info.prose:
                new_lines = lines[:i] + lines[i + 1:]
                after = "(deleted)"
        elif kind == "wrong_type":
            if i in info.prose:
                continue
            subs = [("num", m) for m in NUMBER_VALUE.finditer(line)] + [("list", m) for m in FLOW_LIST.finditer(line)]
            if not subs:
                continue
            what, m = rnd.choice(subs)
            if what == "num":
                after = line[:m.start(1)] + "lots" + line[m.end(1):]
            else:
                items = [x.strip() for x in m.group(2).split(",") if x.strip()]
                scalar = items[0] if items and rnd.random() < 0.7 else "none"
                after = line[:m.start(2) - 1] + scalar + line[m.end(2) + 1:]
            new_lines = lines[:i] + [after] + lines[i + 1:]
        elif kind == "break_ref":
            if info.is_prose(i):
                continue
            uses = [m for m in info.id_re.finditer(line) if (i, m.start()) not in info.declared_at]
            if not uses:
                continue
            m = rnd.choice(uses)
            after = line[:m.end()] + "x" + line[m.end():]
            new_lines = lines[:i] + [after] + lines[i + 1:]
        elif kind == "stray_char":
            j = rnd.randrange(0, len(line) + 1)
            after = line[:j] + rnd.choice(STRAY) + line[j:]
            new_lines = lines[:i] + [after] + lines[i + 1:]
        elif kind == "duplicate_key":
            m = KEY_LINE.match(line)
            if m and not m.group(2) and i not in info.prose and line[m.end():].strip() \
                    and not line[m.end():].strip().startswith(("|", ">")):
                after = line + "   <- repeated below"
                new_lines = lines[:i + 1] + [line] + lines[i + 1:]
                i += 1  # the repeated line is the mutated one
        elif kind == "truncate":
            cut = rnd.randrange(1, len(info.text) - 1)
            new_text = info.text[:cut]
            i = new_text.count("\n")
            last = new_text.split("\n")[-1]
            return i, lines[i] if i < len(lines) else "", f"(file ends here) {last!r}", new_text
        if new_lines is not None and new_lines != lines:
            return i, line, after, "\n".join(new_lines)
    return None


# -- one mutant, in a worker --------------------------------------------------------------------
_WORK: Path | None = None


def _worker_init() -> None:
    global _WORK
    _WORK = Path(tempfile.mkdtemp(prefix="consensus-fuzz-"))
    shutil.copytree(ROOT / "scenarios" / "library", _WORK / "library")


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang("timed out")


def random_game(crisis, seed: int, max_actions: int) -> int:
    from game.core import engine
    rnd = random.Random(seed)
    state = engine.new_game(crisis, seed).state
    for n in range(max_actions):
        if engine.is_over(state):
            return n
        seat = engine.acting_seats(crisis, state)[0]
        legal = engine.legal_actions(crisis, state, seat)
        state = engine.apply(crisis, state, rnd.choice(legal)).state
    raise RuntimeError(f"the game did not end within {max_actions} random legal moves")


def run_mutant(job: dict) -> dict:
    from game.core.errors import ScenarioError
    from game.scenario.loader import load_scenario
    target = _WORK / job["file"]
    target.write_text(job["text"], encoding="utf-8")
    out = {k: job[k] for k in ("n", "file", "kind", "line", "before", "after")}
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(job["timeout"])
    stage = "load"
    try:
        crisis = load_scenario(target)
        stage = "play"
        out["moves"] = random_game(crisis, job["n"], job["max_actions"])
        out["result"] = "loads"
    except ScenarioError as exc:
        out["result"] = "refused"
        here = [p for p in exc.problems if Path(p.file).name == target.name]
        lo, hi = (job["line"] - 1, job["line"] + 1)
        if job["kind"] == "delete_key":
            lo, hi = job["line"] - 1, job["line"]  # the lines either side of where it was (new numbering)
        out["located"] = any(lo <= p.line <= hi for p in here)
        out["first"] = str(exc.problems[0]) if exc.problems else "(no problem listed)"
        near = min(here, key=lambda p: abs(p.line - job["line"]), default=None)
        out["nearest"] = str(near) if near else None
    except BaseException as exc:  # noqa: BLE001 - everything else is a finding
        out["result"] = "traceback"
        out["stage"] = stage
        out["exc"] = f"{type(exc).__name__}: {exc}"[:500]
        tb = traceback.extract_tb(exc.__traceback__)
        frames = [f for f in tb if "/game/" in f.filename] or tb
        out["where"] = f"{Path(frames[-1].filename).name}:{frames[-1].lineno} in {frames[-1].name}" if frames else "?"
        out["traceback"] = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-3000:]
    finally:
        signal.alarm(0)
    return out


# -- the run ------------------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mutants", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (the machine has 2 cores)")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--timeout", type=int, default=60, help="seconds per mutant before it counts as a hang")
    ap.add_argument("--max-actions", type=int, default=50_000)
    ap.add_argument("--show-misses", type=int, default=3, help="unlocated refusals to show per kind")
    ap.add_argument("--json", help="write every result here")
    args = ap.parse_args()
    kinds = args.kinds.split(",")

    files = sorted((ROOT / "scenarios").glob("*.yaml"))
    infos = [FileInfo(p) for p in files]
    rnd = random.Random(args.seed)
    jobs = []
    for n in range(args.mutants):
        info = infos[n % len(infos)]
        kind = kinds[(n // len(infos)) % len(kinds)]
        m = mutate(info, kind, rnd)
        if m is None:
            continue
        i, before, after, text = m
        jobs.append({"n": n, "file": info.path.name, "kind": kind, "line": i + 1, "before": before,
                     "after": after, "text": text, "timeout": args.timeout, "max_actions": args.max_actions})
    print(f"{len(jobs)} mutants of {len(files)} scenarios ({', '.join(p.name for p in files)}), seed {args.seed}, "
          f"{args.jobs} job(s)", flush=True)

    t0 = time.perf_counter()
    results = []
    if args.jobs <= 1:
        _worker_init()
        for k, job in enumerate(jobs, 1):
            results.append(run_mutant(job))
            if k % 1000 == 0:
                print(f"  {k} done, {time.perf_counter() - t0:.0f} s", flush=True)
    else:
        with multiprocessing.Pool(args.jobs, initializer=_worker_init) as pool:
            for k, r in enumerate(pool.imap_unordered(run_mutant, jobs, chunksize=8), 1):
                results.append(r)
                if k % 1000 == 0:
                    print(f"  {k} done, {time.perf_counter() - t0:.0f} s", flush=True)
    secs = time.perf_counter() - t0
    results.sort(key=lambda r: r["n"])

    print(f"\n{len(results)} mutants in {secs:.0f} s ({len(results) / secs:.0f}/s)\n")
    print(f"{'kind':<14}{'mutants':>8}{'loads':>8}{'refused':>9}{'located':>9}{'located %':>11}{'tracebacks':>12}   target")
    ok = True
    by_kind = collections.defaultdict(list)
    for r in results:
        by_kind[r["kind"]].append(r)
    for kind in kinds:
        rs = by_kind.get(kind, [])
        loads = sum(r["result"] == "loads" for r in rs)
        refused = [r for r in rs if r["result"] == "refused"]
        located = sum(r["located"] for r in refused)
        tbs = sum(r["result"] == "traceback" for r in rs)
        pc = 100 * located / len(refused) if refused else 100.0
        good = pc >= TARGET_LOCATED and tbs == 0
        ok &= good
        print(f"{kind:<14}{len(rs):>8}{loads:>8}{len(refused):>9}{located:>9}{pc:>10.1f}%{tbs:>12}   "
              f">= {TARGET_LOCATED:g} %, 0 tracebacks: {'PASS' if good else 'MISS'}")
    tbs = [r for r in results if r["result"] == "traceback"]
    print(f"\ntracebacks: {len(tbs)} (target 0) {'PASS' if not tbs else 'MISS'}")

    print("\nWhat the unlocated refusals said instead (the problem nearest the mutated line), by kind:")
    for kind in kinds:
        misses = [r for r in by_kind.get(kind, []) if r["result"] == "refused" and not r["located"]]
        if not misses:
            continue
        said = collections.Counter()
        for r in misses:
            msg = (r["nearest"] or r["first"]).split(": ", 1)[-1]
            said[re.sub(r"'[^']*'", "'…'", msg)[:72]] += 1
        print(f"  {kind} ({len(misses)} unlocated):")
        for msg, n in said.most_common(5):
            print(f"    {n:5}  {msg}")

    if args.show_misses:
        print("\nUnlocated refusals (mutated line -> the problem nearest to it):")
        for kind in kinds:
            misses = [r for r in by_kind.get(kind, []) if r["result"] == "refused" and not r["located"]]
            for r in misses[:args.show_misses]:
                print(f"  [{kind}] {r['file']}:{r['line']}: {r['before'].strip()[:70]!r} -> {r['after'].strip()[:70]!r}")
                print(f"      first: {r['first'][:160]}")
                if r["nearest"] and r["nearest"] != r["first"]:
                    print(f"      nearest: {r['nearest'][:160]}")

    if tbs:
        print("\nTracebacks, grouped by where they were raised (first mutant of each shown):")
        groups = collections.defaultdict(list)
        for r in tbs:
            groups[(r["stage"], r["where"], r["exc"].split(":")[0])].append(r)
        for (stage, where, exc), rs in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            r = rs[0]
            print(f"\n  {len(rs)} x {exc} while {'loading' if stage == 'load' else 'playing'}, at {where}")
            print(f"    mutant #{r['n']} [{r['kind']}] {r['file']}:{r['line']}")
            print(f"      before: {r['before']!r}")
            print(f"      after:  {r['after']!r}")
            print(f"    {r['exc']}")
            print("    " + r["traceback"].strip().replace("\n", "\n    ")[-1500:])
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
        print(f"\nevery result: {args.json}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
