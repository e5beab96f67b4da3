"""The seminar's screens in a real browser at a laptop's size (1366×768) and a wall screen's
(1920×1080): the White Cell's console, a syndicate's page and the projector. Each is checked for cut
text (no element overflows the window; every key, meter, position and title shows whole in the
terminal) and the projector for large text (at least 32 px on 1920×1080); and when a turn is
adjudicated, the results dialog opens on the syndicate's page and never over the console.

Screenshots of each are written to the test's temporary folder (look at them when this fails)."""
from __future__ import annotations

import time

import pytest

from tests.seminar.browser import Host, Page, codes_of, free_port, needs_browser

pytestmark = needs_browser

SIZES = {"laptop": (1366, 768), "wall": (1920, 1080)}
METERS = ("Crisis severity", "Alliance cohesion", "Legitimacy", "Escalation", "Public support")
SEATS = ("NATO Secretary General", "United States", "Germany", "France", "Poland", "Romania", "Hungary",
         "Republic of Moldova", "Ukraine", "European Union")
CONSOLE_KEYS = ("Release", "Edit+release", "Hold", "Ad-hoc inject", "Pause/resume", "Timer", "End round",
                "Override meter", "Override result", "Answer RFI", "Move for seat", "Seats", "Projector",
                "Join codes")

LAYOUT_JS = """() => {
  const de = document.documentElement, screen = document.querySelector('.xterm-screen');
  const r = screen.getBoundingClientRect(), t = window.__term;
  return {scrollW: de.scrollWidth, scrollH: de.scrollHeight, w: innerWidth, h: innerHeight,
          right: r.right, bottom: r.bottom, cols: t.cols, rows: t.rows,
          cellH: r.height / t.rows, cellW: r.width / t.cols, font: t.options.fontSize};
}"""


def flat(text: str) -> str:
    return " ".join(text.split())


def fits(page: Page, where: str) -> dict:
    """Nothing overflows the window: the page does not scroll and the terminal ends inside it."""
    box = page.page.evaluate(LAYOUT_JS)
    assert box["scrollW"] <= box["w"] and box["scrollH"] <= box["h"], f"{where}: the page overflows {box}"
    assert box["right"] <= box["w"] + 0.5 and box["bottom"] <= box["h"] + 0.5, f"{where}: the terminal is cut {box}"
    return box


def shows_whole(page: Page, where: str, *texts: str) -> None:
    screen = page.screen()
    missing = [t for t in texts if t not in flat(screen)]
    assert not missing, f"{where}: cut or missing {missing}\n{screen}"


@pytest.mark.parametrize("size", list(SIZES))
def test_console_syndicate_and_projector_fit_and_the_wall_reads_from_the_back(tmp_path, browser, size):
    game, port = tmp_path / "room.sqlite", free_port()
    url = f"http://127.0.0.1:{port}/"
    host = Host(game, port, humans="DEU")
    host.start()
    requests: list[str] = []
    view = SIZES[size]
    try:
        codes = codes_of(game)
        white = Page(browser, url, requests, port, size=view)
        white.wait_for("join code")
        white.type(codes["WHITE_CELL"])
        white.press("Enter")
        white.wait_for("facilitator console")
        germany = Page(browser, url, requests, port, size=view)
        germany.join(codes["DEU"], "Germany")
        wall = Page(browser, url, requests, port, size=view)
        wall.wait_for("join code")
        wall.type(codes["PROJECTOR"])
        wall.press("Enter")
        wall.wait_for("Positions")
        time.sleep(1.0)  # the wall's text grows to the screen, and the screen is drawn again

        box = fits(wall, f"projector {size}")
        shows_whole(wall, f"projector {size}", "Dark Current: a grid attack next door", "On the table",
                    *METERS, *SEATS)
        if size == "wall":
            assert box["font"] >= 32 and box["cellH"] >= 32, f"the wall's text is {box['font']} px: {box}"
        wall.page.screenshot(path=str(tmp_path / f"projector-{size}.png"))
        fits(germany, f"syndicate {size}")
        # the delegations that answer a text (the chair takes no stance: it has no row at the table)
        shows_whole(germany, f"syndicate {size}", "You: Germany", *METERS, *SEATS[1:])
        germany.page.screenshot(path=str(tmp_path / f"syndicate-{size}.png"))
        fits(white, f"console {size}")
        shows_whole(white, f"console {size}", "Master events list", "Live: moves, injects, RFIs, timers",
                    *CONSOLE_KEYS)
        header = next(line for line in white.screen().splitlines() if "Played by" in line)
        assert "Now" in header, f"the seats table is cut: {header!r}"
        white.page.screenshot(path=str(tmp_path / f"console-{size}.png"))

        # Germany plays its turn (silent each time it is asked) until the turn is adjudicated
        deadline = time.monotonic() + 60
        while ": assessment" not in flat(germany.screen()):
            assert time.monotonic() < deadline, germany.screen()
            if "your move" in flat(germany.screen()):
                germany.press(" ")
                time.sleep(0.3)
            time.sleep(0.1)
            assert ": assessment" not in flat(white.screen()), "the results over the console"
        white.wait_for("Turn 2/5")  # the console follows the game on …
        shows_whole(white, "console after the adjudication", "Master events list", *CONSOLE_KEYS)  # … all its keys
        assert ": assessment" not in flat(white.screen())
        white.page.screenshot(path=str(tmp_path / f"console-adjudicated-{size}.png"))
    finally:
        host.kill()
    outside = [u for u in requests if u.split("/")[2] != f"127.0.0.1:{port}"]
    assert requests and not outside, f"requests left the host: {outside}"
