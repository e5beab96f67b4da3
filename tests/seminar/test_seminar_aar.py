"""The after-action review of a seminar, from the game database itself (`report GAME.sqlite`) or from
its export: requests for information and their answers, timers started and run out, the host's
restarts, overrides with their rationale, and every move with its clock time."""
from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest

from game.core import actions as A
from game.core.actions import WHITE_CELL
from game.saves.store import GameStore
from game.seminar import host
from game.seminar.session import SharedSession
from tests.conftest import ROOT


def run(*args):
    return subprocess.run([sys.executable, "play.py", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture(scope="module")
def seminar(crisis, tmp_path_factory):
    """A seminar played a little: a timer that ran out, an RFI answered, one unanswered, an override
    with its rationale, a host restart."""
    folder = tmp_path_factory.mktemp("aar")
    store, _codes, _ = host.open_or_create(crisis, None, folder=folder, room="Syndicate room 2", seed=4,
                                           humans=["DEU", "POL"], turns=None)
    with store:
        store.journal_add("host_started", pid=1, move=0)
        wc = SharedSession(store, WHITE_CELL)
        store.submit(A.RequestInfo("POL", "Is the Romanian grid still at risk?"), store.seq, caller="POL")
        store.submit(A.RequestInfo("DEU", "Who pays for the generators?"), store.seq, caller="DEU")
        wc.poll()
        wc.act_for(A.AnswerInfo(WHITE_CELL, 1, "Yes: a second implant is suspected."))
        wc.act_for(A.OverrideMeter(WHITE_CELL, "severity", 12, "a leak to the press"))
        wc.start_timer(0.001, "silence")
        time.sleep(0.1)
        room = host.Room(store, pace=0)
        for _ in range(30):
            room.step()
        store.journal_add("host_started", pid=2, move=store.seq)
        path = store.path
    return path


def test_report_reads_the_seminars_database_and_lists_rfis_timers_and_clock_times(seminar):
    r = run("report", seminar)
    assert r.returncode == 0, r.stderr
    text = r.stdout
    assert "## The room: requests for information, timers and clock times" in text
    assert "Room: Syndicate room 2 · first move 20" in text
    assert "| 1 | Poland | Is the Romanian grid still at risk? |" in text
    assert "Yes: a second implant is suspected." in text
    assert "| 2 | Germany | Who pays for the generators? |" in text and "(not answered)" in text
    assert re.search(r"- \d\d:\d\d:\d\d Timer started: 00:01 for Consultation, turn 1; when it runs out, the round "
                     r"closes, silence is assent", text)
    assert re.search(r"- \d\d:\d\d:\d\d Timer ran out \(Consultation, turn 1\)", text)
    assert "Host started again, carrying on at move" in text
    assert "rationale" in text and "a leak to the press" in text
    assert re.search(r"\| \d\d:\d\d:\d\d \| 1 \| Germany asks the White Cell \(request 2\)", text)
    assert "DEU" not in text.split("## The room")[1].split("## How")[0], "labels, not ids, in the room's part"


def test_a_seat_reads_only_its_own_requests(seminar):
    r = run("report", seminar, "--seat", "DEU")
    assert r.returncode == 0, r.stderr
    room = r.stdout.split("## The room")[1]
    assert "Who pays for the generators?" in room and "Romanian grid" not in room


def test_the_export_keeps_the_room_for_the_report(seminar, tmp_path):
    assert run("export", seminar, "-o", tmp_path / "room.jsonl").returncode == 0
    r = run("report", tmp_path / "room.jsonl")
    assert r.returncode == 0, r.stderr
    assert "Room: Syndicate room 2" in r.stdout and "Timer ran out" in r.stdout
    assert run("replay", tmp_path / "room.jsonl", "--verify").returncode == 0
    assert run("replay", seminar, "--verify").returncode == 0, "replay takes the database too"


A4_TEXT_WIDTH = 688  # CSS px between the printed page's margins (210 mm less 2 x 14 mm, at 96 px an inch)

PAGE_RULES_JS = """() => { const out = [];
  for (const sheet of document.styleSheets) for (const rule of sheet.cssRules)
    if (rule instanceof CSSPageRule) for (const box of rule.cssRules || []) out.push([box.name, box.style.content]);
  return out; }"""
WIDER_JS = """() => Array.from(document.querySelectorAll('body *'))
  .filter(e => e.getBoundingClientRect().right > innerWidth + 1).map(e => e.tagName + ' ' + e.textContent.slice(0, 40))"""


def printed(browser, path):
    """The file as Chromium prints it on A4: (the page's margin boxes, elements wider than the text
    width, the PDF's number of pages)."""
    page = browser.new_page(viewport={"width": A4_TEXT_WIDTH, "height": 1000})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.emulate_media(media="print")
    page.goto(path.as_uri())
    boxes = dict(page.evaluate(PAGE_RULES_JS))
    wider = page.evaluate(WIDER_JS)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))
    page.close()
    return boxes, wider, pages



def test_the_review_and_the_papers_print_on_a4_with_page_numbers_and_markings(seminar, tmp_path, browser):
    aar, papers = tmp_path / "aar.html", tmp_path / "papers.html"
    assert run("report", seminar, "-o", aar).returncode == 0
    assert run("papers", "scenarios/first_response.yaml", "--format", "html", "-o", papers).returncode == 0
    for path in (aar, papers):
        boxes, wider, pages = printed(browser, path)
        assert boxes.get("bottom-right") == '"Page " counter(page) " of " counter(pages)', boxes
        assert "EXERCISE" in boxes.get("top-center", "") and "EXERCISE" in boxes.get("bottom-center", "")
        assert not wider, f"{path.name}: wider than an A4 page: {wider[:5]}"
        assert pages > 1
    text = papers.read_text()
    assert re.search(r"<p>Night three of rolling blackouts[^<]*not troops\.</p>", text), \
        "a paragraph wrapped in the scenario file prints as one paragraph"
