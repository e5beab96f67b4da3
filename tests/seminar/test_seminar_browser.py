"""The seminar in real browsers: `play.py seminar` serves the game; headless Chromium (Debian's
`chromium`, driven by Playwright) opens it twice, each page joins with its own code, a move on one
page shows on the other; the host process is killed and started again with the same command, a page
joins again and the game carries on; and no request the pages make leaves the host.

The browser draws the terminal on a canvas, so the screen is read from xterm.js's buffer (the page's
script is patched in flight to expose its Terminal). Skipped where Chromium or Playwright is missing,
unless CONSENSUS_REQUIRE_BROWSER=1 (as in .ci/run, which installs both)."""
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

if sync_playwright is None or not Path(CHROMIUM).exists():
    if REQUIRED:
        raise RuntimeError("the browser test needs Debian's chromium and playwright (see .ci/run)")
    pytestmark = pytest.mark.skip(reason="needs chromium (apt-get install chromium) and playwright")

EXPOSE_TERMINAL = "this.terminal.open(e)"
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

    def __init__(self, game: Path, port: int):
        self.game, self.port = game, port
        self.humans = "DEU,POL"
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

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)  # the host and every app process it started
            self.proc.wait(timeout=10)


def codes_of(game: Path) -> dict[str, str]:
    from game.seminar.host import read_codes
    return read_codes(game)


@pytest.fixture
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        yield b
        b.close()


class Page:
    """One syndicate's browser tab."""

    def __init__(self, browser, url: str, requests: list[str], port: int):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("request", lambda r: requests.append(r.url))

        def local_only(route):
            host = route.request.url.split("/")[2]
            if host != f"127.0.0.1:{port}":
                route.abort()  # recorded by the request hook above; the test fails on it
            else:
                route.continue_()

        def expose(route):
            response = route.fetch()
            body = response.text().replace(EXPOSE_TERMINAL, EXPOSE_TERMINAL + ",window.__term=this.terminal")
            route.fulfill(response=response, body=body)
        self.page.route("**/*", local_only)
        self.page.route("**/static/js/textual.js", expose)
        self.url = url
        self.page.goto(url)

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

    def join(self, code: str, seat_name: str) -> None:
        self.wait_for("join code")
        self.type(code)
        self.press("Enter")
        self.wait_for(f"Your seat: {seat_name}")  # the seat's private brief, first
        self.press("Enter")
        self.wait_for(f"You: {seat_name}")


def test_two_browsers_play_one_game_and_the_host_restarts_without_losing_it(tmp_path, browser):
    game, port = tmp_path / "room.sqlite", free_port()
    url = f"http://127.0.0.1:{port}/"
    host = Host(game, port)
    requests: list[str] = []
    host.start()
    try:
        assert any("Germany" in line for line in host.banner), "the banner lists the seats' codes"
        codes = codes_of(game)
        germany = Page(browser, url, requests, port)
        poland = Page(browser, url, requests, port)
        germany.join(codes["DEU"], "Germany")
        poland.join(codes["POL"], "Poland")
        germany.wait_for("your move")
        germany.press(" ")  # Germany stays silent in consultation
        poland.wait_for("Germany passes")

        host.kill()  # the host laptop's process dies mid-game …
        host.start()  # … and the facilitator runs the same command again
        assert any("carried on at move" in line for line in host.banner)
        poland.page.goto(url)  # the syndicate's page: join again with the same code
        poland.join(codes["POL"], "Poland")
        poland.wait_for("Germany passes")  # nothing lost
        poland.wait_for("your move")
        poland.press(" ")
        germany.page.goto(url)
        germany.join(codes["DEU"], "Germany")
        germany.wait_for("Poland passes")
    finally:
        host.kill()
    from game.saves.store import GameStore
    with GameStore.open(game) as store:
        seats = [r.seat for r in store.records]
        assert seats.count("DEU") >= 1 and seats.count("POL") >= 1
    outside = [u for u in requests if u.split("/")[2] != f"127.0.0.1:{port}"]
    assert requests and not outside, f"requests left the host: {outside}"


def test_the_whole_room_facilitator_three_syndicates_and_the_projector_survive_a_host_restart(tmp_path, browser):
    """Issue 10's acceptance: the facilitator hosts, three browsers join as three delegations, the
    projector follows, the White Cell releases an inject and overrides, the host process is killed
    and restarted mid-game, and everyone carries on with nothing lost."""
    game, port = tmp_path / "room.sqlite", free_port()
    url = f"http://127.0.0.1:{port}/"
    host = Host(game, port)
    host.humans = "DEU,POL,MDA"
    requests: list[str] = []
    host.start()
    seats = {"DEU": "Germany", "POL": "Poland", "MDA": "Republic of Moldova"}
    try:
        codes = codes_of(game)
        wall = Page(browser, url, requests, port)
        wall.wait_for("join code")
        wall.type(codes["PROJECTOR"])
        wall.press("Enter")
        wall.wait_for("Dark Current")
        white = Page(browser, url, requests, port)
        white.wait_for("join code")
        white.type(codes["WHITE_CELL"])
        white.press("Enter")
        white.wait_for("facilitator console")
        pages = {seat: Page(browser, url, requests, port) for seat in seats}
        for seat, page in pages.items():
            page.join(codes[seat], seats[seat])

        white.open_form("i", "Ad-hoc inject")  # an ad-hoc inject, released to the room
        white.type("Ferry sabotage")
        white.next_field()
        white.type("A ferry link to Moldova is cut")
        white.press("Enter")
        for page in [*pages.values(), wall]:
            page.wait_for("Ferry sabotage")
        white.press("p")  # pause, then override a meter with a rationale
        for page in pages.values():
            page.wait_for("PAUSED")
        white.open_form("o", "Override a meter")
        white.next_field()  # from the meter (the first: crisis severity) to the value
        white.type("12")
        white.next_field()
        white.type("a leak to the press")
        white.press("Enter")
        pages["POL"].wait_for("Crisis severity 12")
        wall.wait_for("Crisis severity")

        host.kill()
        host.start()
        assert any("carried on at move" in line for line in host.banner)
        for page in [wall, white, *pages.values()]:
            page.page.goto(url)
        wall.wait_for("join code")
        wall.type(codes["PROJECTOR"])
        wall.press("Enter")
        wall.wait_for("PAUSED")
        wall.wait_for("Ferry sabotage")
        for seat, page in pages.items():
            page.join(codes[seat], seats[seat])
            page.wait_for("Ferry sabotage")
            page.wait_for("Crisis severity 12")
        white.wait_for("join code")
        white.type(codes["WHITE_CELL"])
        white.press("Enter")
        white.wait_for("facilitator console")
        white.press("p")  # resume: the room plays on
        pages["MDA"].wait_for("your move")
        pages["MDA"].press(" ")
        pages["DEU"].wait_for("Republic of Moldova passes")
    finally:
        host.kill()
    from game.saves.store import GameStore
    with GameStore.open(game) as store:
        kinds = [r.action.kind for r in store.records]
        assert "adhoc_inject" in kinds and "override_meter" in kinds and "MDA" in [r.seat for r in store.records]
        assert store.current.meters["severity"] != 12 or "override_meter" in kinds
    outside = [u for u in requests if u.split("/")[2] != f"127.0.0.1:{port}"]
    assert requests and not outside, f"requests left the host: {outside}"
