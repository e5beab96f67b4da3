"""What-if branches, run comparison and exercise papers."""
import signal
import subprocess
import sys
import time

from game.core import actions as A
from game.core import engine
from game.players import POLICIES, choose_for
from game.saves.log import GameLog, read_records
from game.review.papers import papers, to_html
from tests.conftest import ROOT


def _bot_game(crisis, save, seed=8):
    log = GameLog(crisis, seed, {}, save)
    while not engine.is_over(log.state):
        seat = engine.acting_seats(crisis, log.state)[0]
        log.apply(choose_for(crisis, log.state, seat, POLICIES["default"])[0])
    log.close()
    return log


def test_branch_leaves_the_original_untouched_and_differs_only_where_decisions_differ(crisis, tmp_path):
    original = _bot_game(crisis, tmp_path / "a.jsonl")
    before = (tmp_path / "a.jsonl").read_bytes()
    at = 60  # (or the first decision after it where the seat had a choice)
    while True:
        probe = original.branch(at, None)
        seat = engine.acting_seats(crisis, probe.state)[0]
        if len(engine.legal_actions(crisis, probe.state, seat)) > 1:
            break
        at += 1
    same = original.branch(at, tmp_path / "same.jsonl")
    for rec in original.records[at:]:  # the same decisions after the branch point: the same game
        same.apply(A.from_dict(rec["action"]))
    assert [e.to_dict() for e in same.events] == [e.to_dict() for e in original.events]
    assert (tmp_path / "a.jsonl").read_bytes() == before
    other = original.branch(at, tmp_path / "other.jsonl")
    assert [e.to_dict() for e in other.events] == [e.to_dict() for e in original.events[:len(other.events)]]
    seat = engine.acting_seats(crisis, other.state)[0]
    taken = A.from_dict(original.records[at]["action"])
    different = next(a for a in engine.legal_actions(crisis, other.state, seat) if a != taken)
    other.apply(different)
    assert other.state != original.branch(at + 1, None).state or other.events[-1] != original.events[-1]
    same.close()
    other.close()


def test_cli_branch_and_compare(crisis, tmp_path):
    _bot_game(crisis, tmp_path / "a.jsonl")
    run = lambda *a: subprocess.run([sys.executable, "play.py", *map(str, a)], cwd=ROOT,  # noqa: E731
                                    capture_output=True, text=True, timeout=120)
    r = run("branch", tmp_path / "a.jsonl", "--at", 30, "-o", tmp_path / "b.jsonl")
    assert r.returncode == 0, r.stderr
    head, records, _ = read_records(tmp_path / "b.jsonl")
    assert len(records) == 30
    c = run("compare", tmp_path / "a.jsonl", tmp_path / "b.jsonl")
    assert c.returncode == 0, c.stderr
    assert "They diverge at move 31" in c.stdout and "Decisions:" in c.stdout and "Meters:" in c.stdout


def test_papers_carry_each_seat_only_its_own_brief(crisis):
    pages = papers(crisis)
    sc = crisis.scenario
    assert set(pages) == {f"brief-{s}" for s in engine.seats(crisis)} | {"master-events-list"}
    for seat in engine.seats(crisis):
        page = pages[f"brief-{seat}"]
        assert page.count("EXERCISE") >= 2
        me = sc.actors[seat]
        if me.brief:
            assert " ".join(me.brief.split())[:60] in " ".join(page.split())
        for other, actor in sc.actors.items():
            if other != seat and actor.brief:
                assert " ".join(actor.brief.split())[:60] not in " ".join(page.split())
            for rl in actor.red_lines if other != seat else ():
                assert rl.text not in page
        for inj in sc.injects.values():
            for pt in inj.private:
                assert pt.text not in page  # intelligence is released during the exercise, not before
    mel = pages["master-events-list"]
    for inj in sc.injects.values():
        assert inj.title in mel
    html = to_html("papers", pages)
    assert html.count('class="page"') == len(pages) and "http" not in html


def test_kill_9_mid_game_loses_no_action_the_screen_showed(tmp_path):
    """The line-mode game prints a move only after it is on disk; SIGKILL it mid-negotiation."""
    proc = subprocess.Popen([sys.executable, "play.py", "--plain", "--scenario", "scenarios/first_response.yaml",
                             "--seat", "SG", "--seed", "3", "--save-dir", str(tmp_path)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    shown = []
    deadline = time.time() + 60
    tabled = False
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not tabled and line.strip().split(". ", 1)[-1].startswith("tables"):  # the first text on offer
            proc.stdin.write(line.strip().split(".", 1)[0] + "\n")
            proc.stdin.flush()
            tabled = True
        if line.startswith("  ") and not line.strip()[:2].rstrip(".").isdigit():
            shown.append(line.strip())
        if "under silence procedure" in line and len(shown) > 15:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    save = next(tmp_path.glob("*.jsonl"))
    head, records, warnings = read_records(save)
    logged = [e["text"] for r in records for e in r["events"]]
    from game.scenario.loader import load_scenario
    crisis = load_scenario(head["scenario_path"])
    start = [e.text for e in engine.new_game(crisis, head["seed"]).events]
    for text in shown:
        assert text in logged or text in start, f"shown but not saved: {text}"
    resumed = GameLog.resume(save)
    assert len(resumed.records) == len(records)
    resumed.close()
