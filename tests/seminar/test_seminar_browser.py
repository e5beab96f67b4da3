"""The seminar in real browsers: `play.py seminar` serves the game; headless Chromium (Debian's
`chromium`, driven by Playwright) opens the pages of a room — three syndicates, the White Cell and
the projector — each joins with its own code; the host process is killed with SIGKILL mid-round and
started again, and every page is back at its seat by itself; no request the pages make leaves the
host. The screens are also checked at a laptop's and a wall screen's size (test_seminar_screens.py).

The browser draws the terminal on a canvas, so the screen is read from xterm.js's buffer (our page
hands its terminal to `window.__term`). Skipped where Chromium or Playwright is missing, unless
CONSENSUS_REQUIRE_BROWSER=1 (as in .ci/run, which installs both)."""
from __future__ import annotations

import re
import time

from tests.seminar.browser import Host, Page, codes_of, free_port, needs_browser

pytestmark = needs_browser


def countdown(page: Page) -> int | None:
    """The seconds the page's countdown shows (None: no timer on screen)."""
    found = re.search(r"[⏱⏸] (\d+):(\d\d)", page.screen())
    return int(found.group(1)) * 60 + int(found.group(2)) if found else None


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"  # a zombie has ended
    except OSError:
        return False


def test_a_room_survives_its_host_being_killed_and_every_page_is_back_at_its_seat(tmp_path, browser):
    """Issue 19's acceptance: three syndicates, the White Cell and the projector; a phase timer
    running; the host is killed with SIGKILL mid-round and started again. Every page is back at its
    seat within 15 s without a reload or a code typed, no move is lost, the countdown shows the time
    that was left at the crash (the outage does not count), and no process of the first host remains."""
    game, port = tmp_path / "room.sqlite", free_port()
    url = f"http://127.0.0.1:{port}/"
    host = Host(game, port, humans="DEU,POL,MDA")
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

        white.open_form("t", "Phase timer")
        white.press("Enter")  # the default: 10 minutes; silence is assent when it runs out
        for page in pages.values():
            page.wait_for("left")
        pages["DEU"].wait_for("your move")
        pages["DEU"].press(" ")  # Germany stays silent in consultation; Poland and Moldova have not acted
        pages["POL"].wait_for("Germany passes")
        time.sleep(2.5)  # the timer runs a little
        before = {seat: countdown(page) for seat, page in pages.items()}
        assert all(b is not None and 560 <= b <= 598 for b in before.values()), before
        first_host, sessions = host.proc.pid, host.sessions()
        assert len(sessions) == 5, f"one app process per page: {sessions}"

        host.crash()  # mid-round, the timer running
        time.sleep(1.0)
        assert all(p.state() == "reconnecting" for p in [wall, white, *pages.values()]), "the pages say so"
        time.sleep(5.0)  # the outage: the timer must not run through it
        restarted = time.monotonic()
        host.start()
        everyone = [wall, white, *pages.values()]
        while any(p.state() != "connected" for p in everyone):
            assert time.monotonic() - restarted < 15, {p.url: p.state() for p in everyone}
            time.sleep(0.1)
        for seat, page in pages.items():
            page.wait_for(f"You: {seats[seat]}", limit=15 - (time.monotonic() - restarted))
        white.wait_for("facilitator console", limit=15 - (time.monotonic() - restarted))
        wall.wait_for("Dark Current", limit=15 - (time.monotonic() - restarted))
        back = time.monotonic() - restarted
        assert back < 15, f"every page back at its seat in {back:.1f} s"
        assert all(p.not_reloaded() for p in everyone), "no page was reloaded"

        pages["POL"].wait_for("Germany passes")  # no move lost
        after = countdown(pages["POL"])
        ran = time.monotonic() - restarted
        assert after is not None and before["POL"] - 2 - ran <= after <= before["POL"], (before, after, ran)
        pages["POL"].wait_for("your move")
        pages["POL"].press(" ")  # and the room plays on
        pages["MDA"].wait_for("Poland passes")

        moldova = pages["MDA"]
        moldova.press("q")  # a syndicate leaves on purpose: no reconnecting by itself …
        deadline = time.monotonic() + 10
        while moldova.state() != "left":
            assert time.monotonic() < deadline, moldova.state()
            time.sleep(0.1)
        time.sleep(1.0)
        assert moldova.state() == "left"
        moldova.page.get_by_role("button", name="Join again", exact=True).click()  # … until asked: its seat, no code
        deadline = time.monotonic() + 15
        while moldova.state() != "connected":  # a fresh screen is drawn once connected
            assert time.monotonic() < deadline, moldova.state()
            time.sleep(0.1)
        moldova.wait_for("You: Republic of Moldova")
        assert moldova.not_reloaded()

        deadline = time.monotonic() + 10
        while alive(first_host) or any(alive(pid) for pid in sessions):
            assert time.monotonic() < deadline, [p for p in sessions if alive(p)]
            time.sleep(0.2)
    finally:
        host.kill()
    from game.saves.store import GameStore
    with GameStore.open(game) as store:
        assert [r.seat for r in store.records].count("DEU") == 1 and "POL" in [r.seat for r in store.records]
        kinds = [e.kind for e in store.journal()]
        assert kinds.count("host_started") == 2 and "timer_started" in kinds
    outside = [u for u in requests if u.split("/")[2] != f"127.0.0.1:{port}"]
    assert requests and not outside, f"requests left the host: {outside}"
