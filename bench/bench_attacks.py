"""The attack set of issue 20 against a live seminar (`play.py seminar` in a subprocess, its app
processes real): for each attack, whether the host refused it or held, and the host's memory.

Each attack is what a laptop in the room could do with no code typed. Printed per attack: refused
(the connection or request was turned away) / held (the room kept working), what was seen, and
the host process's peak RSS plus the largest total of its session processes' RSS sampled so far.
Exit status 1 if any attack was neither refused nor held.

    python bench/bench_attacks.py [--port 8765]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def status_kb(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


class Watch:
    def __init__(self, host_pid: int):
        self.host = host_pid
        self.sessions_peak = 0

    def sample(self) -> None:
        self.sessions_peak = max(self.sessions_peak, sum(status_kb(c, "VmRSS") for c in children(self.host)))

    def line(self) -> str:
        return (f"host peak {status_kb(self.host, 'VmHWM') / 1024:.0f} MB, sessions now "
                f"{len(children(self.host))}, sessions' peak total {self.sessions_peak / 1024:.0f} MB")


async def until_closed(ws, watch: Watch, limit: float = 15.0) -> float:
    t0 = time.monotonic()
    while not ws.closed and time.monotonic() - t0 < limit:
        watch.sample()
        try:
            await ws.receive(timeout=0.2)
        except asyncio.TimeoutError:
            pass
    return time.monotonic() - t0


async def screen_until(ws, text: str, limit: float = 30.0) -> str:
    seen, t0 = "", time.monotonic()
    while text not in seen and time.monotonic() - t0 < limit:
        try:
            msg = await ws.receive(timeout=0.5)
        except asyncio.TimeoutError:
            continue
        if msg.type == aiohttp.WSMsgType.BINARY:
            seen += msg.data.decode("utf-8", "replace")
        elif msg.type != aiohttp.WSMsgType.TEXT:
            break
    return seen


async def gone_within(pids: list[int], watch: Watch, limit: float = 10.0) -> float | None:
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        watch.sample()
        if not any(Path(f"/proc/{p}").exists() for p in pids):
            return time.monotonic() - t0
        await asyncio.sleep(0.05)
    return None


async def attacks(base: str, host_pid: int, codes: dict) -> list[tuple[str, bool, str]]:
    watch = Watch(host_pid)
    results = []
    ws_url = base.replace("http", "ws") + "ws"
    async with aiohttp.ClientSession() as http:
        # 1. one 3 MB frame at the join screen
        ws = await http.ws_connect(ws_url)
        await screen_until(ws, "join code")
        before = children(host_pid)
        await ws.send_str(json.dumps(["stdin", "A" * (3 * 2**20)]))
        closed = await until_closed(ws, watch)
        gone = await gone_within(before, watch)
        ok = ws.closed and gone is not None
        results.append(("3 MB frame at the join screen", ok,
                        f"socket closed in {closed:.2f} s, process gone {gone if gone is None else f'{gone:.2f} s'} "
                        f"after; {watch.line()}"))
        # 2. 50 connections from one address
        t0 = time.monotonic()
        sockets = await asyncio.gather(*(http.ws_connect(ws_url) for _ in range(50)))
        refused = 0
        for s in sockets:
            msg = await s.receive(timeout=30)
            refused += msg.type == aiohttp.WSMsgType.BINARY and b"sessions open" in msg.data
        watch.sample()
        t1 = time.monotonic()
        async with http.get(base) as page:
            answered = time.monotonic() - t1
            full_page = page.status == 503
        results.append(("50 connections from one address", refused >= 42 and full_page,
                        f"{50 - refused} sessions started, {refused} refused in {t1 - t0:.1f} s; the page answers "
                        f"in {answered * 1000:.0f} ms with 'full' ({full_page}); {watch.line()}"))
        for s in sockets:
            await s.close()
        await asyncio.sleep(3)
        # 3. malformed messages, a flood, a huge resize
        for name, payload in [("not JSON", "{{{"), ("unknown kind", '["exec","x"]'), ("stdin as a number", '["stdin",5]'),
                              ("nested 4000 deep", "[" * 4000 + "]" * 4000), ("binary frame", b"\x00\x01")]:
            ws = await http.ws_connect(ws_url)
            await (ws.send_bytes(payload) if isinstance(payload, bytes) else ws.send_str(payload))
            closed = await until_closed(ws, watch)
            results.append((f"malformed message: {name}", ws.closed, f"closed in {closed:.2f} s"))
        ws = await http.ws_connect(ws_url)
        chunk = json.dumps(["stdin", "x" * 4000])
        sent = 0
        while not ws.closed and sent < 200:
            await ws.send_str(chunk)
            sent += 1
            await asyncio.sleep(0)
        closed = await until_closed(ws, watch)
        results.append(("flood of 4 KB messages", ws.closed, f"closed after {sent} messages; {watch.line()}"))
        ws = await http.ws_connect(ws_url + "?width=100000&height=100000")
        await ws.send_str(json.dumps(["resize", {"width": 10**6, "height": 10**6}]))
        await screen_until(ws, "join code", 10)
        await asyncio.sleep(1)
        pids = children(host_pid)
        peak = max((status_kb(p, "VmHWM") for p in pids), default=0) / 1024
        await ws.close()
        results.append(("a 10^6 x 10^6 terminal", peak < 150, f"session peak {peak:.0f} MB (clamped to 400x200)"))
        # 4. plain GET /ws, path traversal, a forwarded address
        async with http.get(base + "ws") as r:
            results.append(("plain GET /ws", r.status == 400, f"HTTP {r.status}"))
        for path in ("static/../../../etc/passwd", "static/%2e%2e/%2e%2e/etc/passwd", "download/..%2f..%2fetc%2fpasswd"):
            async with http.get(base + path) as r:
                body = await r.text()
                results.append((f"path traversal {path}", "root:" not in body, f"HTTP {r.status}"))
        # 5. guessing codes: the guesser is held off, the owner at the same address is not
        ws = await http.ws_connect(ws_url)
        await screen_until(ws, "join code")
        for i in range(7):
            await ws.send_str(json.dumps(["stdin", f"WRNG-C0DE-{i:04d}\r"]))
            await asyncio.sleep(0.4)
        seen = await screen_until(ws, "Too many", 10)
        await ws.close()
        ws = await http.ws_connect(ws_url, headers={"X-Forwarded-For": "10.9.9.9", "X-Real-IP": "10.9.9.9"})
        await screen_until(ws, "join code")
        await ws.send_str(json.dumps(["stdin", codes["WHITE_CELL"] + "\r"]))
        joined = await screen_until(ws, "facilitator", 20)
        await ws.close()
        results.append(("7 wrong codes, then the White Cell's right code from the same address",
                        "Too many" in seen and "facilitator" in joined,
                        f"guesser told 'Too many' ({'Too many' in seen}); right code taken "
                        f"({'facilitator' in joined}); forwarded headers ignored"))
        await asyncio.sleep(2)
        watch.sample()
        results.append(("after everything", True, watch.line()))
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=8765)
    args = ap.parse_args()
    from game.seminar.host import read_codes
    with tempfile.TemporaryDirectory() as tmp:
        game = Path(tmp) / "room.sqlite"
        proc = subprocess.Popen([sys.executable, "play.py", "seminar", "scenarios/first_response.yaml", "--game",
                                 str(game), "--host", "127.0.0.1", "--port", str(args.port), "--seed", "3"],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        base = f"http://127.0.0.1:{args.port}/"
        for _ in range(200):
            try:
                urllib.request.urlopen(base, timeout=1).read()
                break
            except (OSError, urllib.error.URLError):
                time.sleep(0.1)
        try:
            results = asyncio.run(attacks(base, proc.pid, read_codes(game)))
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                _, err = proc.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                _, err = proc.communicate()
    width = max(len(name) for name, _, _ in results)
    failed = 0
    for name, ok, said in results:
        print(f"{name:<{width}}  {'refused/held' if ok else 'FAILED'}  {said}")
        failed += not ok
    tracebacks = err.count("Traceback")
    lines = [x for x in err.splitlines() if x.strip()]
    print(f"host's terminal: {len(lines)} line(s), {tracebacks} traceback(s)")
    return 1 if failed or tracebacks else 0


if __name__ == "__main__":
    sys.exit(main())
