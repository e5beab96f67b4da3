"""Driving the seminar in real browsers, for the tests here and bench/bench_seminar.py: the host
(`play.py seminar` in a process of its own), a page (headless Debian Chromium through Playwright,
the screen read from xterm.js's buffer) and the skip when no browser is installed (unless
CONSENSUS_REQUIRE_BROWSER=1, as in .ci/run)."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = os.environ.get("CONSENSUS_REQUIRE_BROWSER") == "1"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

MISSING = sync_playwright is None or not Path(CHROMIUM).exists()
if MISSING and REQUIRED:
    raise RuntimeError("the browser tests need Debian's chromium and playwright (see .ci/run)")
needs_browser = pytest.mark.skipif(MISSING, reason="needs chromium (apt-get install chromium) and playwright")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]

SCREEN_JS = """() => { const t = window.__term; if (!t) return '';
  const b = t.buffer.active; const out = [];
  for (let i = 0; i < t.rows; i++) { const l = b.getLine(i); out.push(l ? l.translateToString(true) : ''); }
  return out.join('\\n'); }"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Host:
    """`python play.py seminar ...` in its own process group (killed as a crash would)."""

    def __init__(self, game: Path, port: int, humans: str = "DEU,POL"):
        self.game, self.port = game, port
        self.humans = humans
        self.proc = None

    def start(self) -> None:
        cmd = [sys.executable, "play.py", "seminar", "scenarios/first_response.yaml", "--game", str(self.game),
               "--host", "127.0.0.1", "--port", str(self.port), "--humans", self.humans, "--pace", "instant",
               "--seed", "3"]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     start_new_session=True)
        self.banner = []
        for line in self.proc.stdout:
            self.banner.append(line)
            if "Ctrl+C" in line:
                break
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=1).read()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("the seminar server did not answer:\n" + "".join(self.banner))

    def sessions(self) -> list[int]:
        """The app processes the host runs now (one per page)."""
        pid = self.proc.pid
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as fh:
                return [int(x) for x in fh.read().split()]
        except OSError:
            return []

    def crash(self) -> None:
        """SIGKILL to the host process alone, as a crash would end it: no handler runs, and its app
        processes are left to notice by themselves."""
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)  # the host and every app process it started
            self.proc.wait(timeout=10)


def codes_of(game: Path) -> dict[str, str]:
    from game.seminar.host import read_codes
    return read_codes(game)


def launch(p):
    return p.chromium.launch(executable_path=CHROMIUM, args=ARGS)


class Page:
    """One syndicate's browser tab."""

    def __init__(self, browser, url: str, requests: list[str], port: int, size=(1400, 900)):
        self.page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        self.page.on("request", lambda r: requests.append(r.url))

        def local_only(route):
            host = route.request.url.split("/")[2]
            if host != f"127.0.0.1:{port}":
                route.abort()  # recorded by the request hook above; the test fails on it
            else:
                route.continue_()

        self.page.route("**/*", local_only)
        self.url = url
        self.page.goto(url)
        self.page.evaluate("window.__loaded_once = true")  # gone if the page is ever reloaded

    def screen(self) -> str:
        return self.page.evaluate(SCREEN_JS)

    def wait_for(self, text: str, limit: float = 20.0) -> str:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in " ".join(shown.split()):
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen:\n{self.screen()}")

    def type(self, text: str) -> None:
        self.page.focus(".xterm-helper-textarea")
        self.page.keyboard.type(text)

    def press(self, key: str) -> None:
        self.page.focus(".xterm-helper-textarea")
        self.page.keyboard.press(key)

    def open_form(self, key: str, title: str) -> None:
        """Open a form with its key, and type only once its first field can have the focus (a
        person sees the cursor there first): the title alone shows before the focus moves, and a
        full-suite run once lost the first letter typed into an ad-hoc inject's headline."""
        self.press(key)
        self.wait_for(title)
        time.sleep(0.4)

    def next_field(self) -> None:
        """Tab to the next field of a form, and give the focus time to move (a person would)."""
        self.press("Tab")
        time.sleep(0.4)

    def state(self) -> str:
        """The page's connection: connecting, connected, reconnecting or left."""
        return self.page.evaluate("window.consensus ? window.consensus.state : ''")

    def not_reloaded(self) -> bool:
        return self.page.evaluate("window.__loaded_once === true")

    def join(self, code: str, seat_name: str) -> None:
        self.wait_for("join code")
        self.type(code)
        self.press("Enter")
        self.wait_for(f"Your seat: {seat_name}")  # the seat's private brief, first
        self.press("Enter")
        self.wait_for(f"You: {seat_name}")
