"""The after-action review: a known game (pinned seed, computer delegations, one White Cell
override) saved, replayed and reported — everything the debrief needs, and nothing private to
another seat."""
import subprocess
import sys

import pytest

from game.core import actions as A
from game.core import engine
from game.core import events as ev
from game.review import report
from game.players import POLICIES, choose_for
from game.core.env import Env
from game.saves.log import GameLog, read_records
from tests.conftest import ROOT

SEED = 25
RATIONALE = "the grid operator reports only partial restoration"


@pytest.fixture(scope="module")
def game(crisis, tmp_path_factory):
    """Play the pinned game into a save; the White Cell overrides the first result in turn 2."""
    path = tmp_path_factory.mktemp("aar") / "game.jsonl"
    log = GameLog(crisis, SEED, {s: "computer" for s in engine.seats(crisis)}, path)
    overridden = False
    while not engine.is_over(log.state):
        st = log.state
        if not overridden and st.turn == 2 and any(o.results for o in st.operations):
            op = next(o for o in st.operations if o.results)
            log.apply(A.OverrideResult(A.WHITE_CELL, op.number, "partial", RATIONALE))
            overridden = True
        seat = engine.acting_seats(crisis, log.state)[0]
        action, _why = choose_for(crisis, log.state, seat, POLICIES["default"])
        log.apply(action)
    log.close()
    head, records, warnings = read_records(path)
    assert not warnings
    past = report.history(crisis, head, records)
    assert past.state == log.state  # the replay is the game
    return path, head, past


@pytest.fixture(scope="module")
def white_cell(crisis, game):
    _path, head, past = game
    rep = report.build(crisis, past.state, past.events, players=head["seats"])
    return rep, report.to_markdown(rep), report.to_html(rep)


def _seat_texts(crisis, game, seat):
    _path, head, past = game
    rep = report.build(crisis, past.state, past.events, seat, players=head["seats"])
    return report.to_markdown(rep), report.to_html(rep)


def test_the_known_game_has_what_the_review_is_about(game):
    _path, _head, past = game
    outcomes = {d.outcome for d in past.state.decisions}
    assert "adopted" in outcomes and outcomes & {"failed", "withdrawn"}
    assert past.state.operations and past.state.outcome is not None
    assert any(isinstance(e, ev.ResultOverridden) for e in past.events)


def test_markdown_names_adopted_options_blockers_and_their_reasons(crisis, game, white_cell):
    _path, _head, past = game
    _rep, md, _html = white_cell
    sc, rules = crisis.scenario, crisis.rules
    for op in past.state.operations:
        assert sc.options[op.option].title in md
    for d in past.state.decisions:
        assert f"Proposal {d.number}: {sc.options[d.option].title}" in md
        if d.outcome not in ("failed", "withdrawn"):
            continue
        last = max(r for r, _, _, _ in d.stances)
        stances = {a: (s, det) for r, a, s, det in d.stances if r == last}
        for b in d.blocked_by:
            stance, detail = stances[b]
            name = sc.actors[b].name
            if stance == "object":
                assert f"{name} — objected: {rules.reasons[detail].label}" in md
            else:  # the host nation withheld its consent
                assert f"{name} — refused consent as host nation" in md or \
                       f"{name} — host nation did not consent" in md


def test_markdown_shows_every_roll_with_its_modifiers(game, white_cell):
    _path, _head, past = game
    _rep, md, _html = white_cell
    rolls = [e.data for e in past.events if isinstance(e, ev.Adjudication)]
    assert rolls
    for d in rolls:
        assert f"roll {'+'.join(map(str, d['dice']))} = {sum(d['dice'])}; " in md
        for k, v in d["modifiers"].items():
            assert f"{k} {v:+g}" in md
        assert f"difficulty {d['difficulty']} → margin {d['margin']:+g}" in md
    assert "Deciding factor:" in md and "## What decided it" in md


def test_markdown_has_scores_overrides_lessons_and_plan(crisis, game, white_cell):
    _path, _head, past = game
    _rep, md, _html = white_cell
    sc = crisis.scenario
    for seat, s in past.state.outcome.scores.items():
        assert f"| {sc.actors[seat].name} | {s.national} | {s.collective} | {s.total} |" in md
    assert past.state.outcome.title in md
    env = Env(past.state, crisis)
    for lesson in sc.lessons:
        applies = lesson.when is None or lesson.when(env)
        assert (f"### {lesson.title}" in md) is applies
        if applies:
            assert " ".join(lesson.text.split()) in md
    assert RATIONALE in md and "## Facilitator overrides" in md
    assert "| Objective | Observation | Improvement | Owner | Due date |" in md
    for title in ("Private red lines, public reasons", "Speed against strength", "Consensus against the coalition",
                  "Adopted is not delivered", "Partners shape but do not decide", "Mixed motives",
                  "Explained chance"):
        assert f"### {title}" in md
    assert "## Force generation" in md and "Coverage:" in md and "## Meter history" in md


def test_html_is_one_offline_file_with_charts(crisis, white_cell):
    _rep, _md, page = white_cell
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == len(crisis.scenario.meters)
    assert "http://" not in page and "https://" not in page
    for external in ("<script", "<link", "src=", "@import", "url("):
        assert external not in page
    assert page.index("EXERCISE") < page.index("<h1")
    assert "@media print" in page
    assert "stroke-dasharray" in page  # thresholds are marked


def test_a_seat_sees_only_its_own_private_texts(crisis, game):
    _path, _head, past = game
    sc = crisis.scenario
    released = {i for i in past.state.fired}
    for seat in engine.seats(crisis):
        md, page = _seat_texts(crisis, game, seat)
        for text in (md, page):
            for other, actor in sc.actors.items():
                if other == seat:
                    continue
                if actor.brief:
                    assert " ".join(actor.brief.split()) not in text, (seat, other)
                for rl in actor.red_lines:
                    assert rl.text not in text, (seat, other)
                own = {o.text for o in sc.actors[seat].objectives} | {o.text for o in sc.objectives}
                for obj in actor.objectives:
                    if obj.text not in own:  # two seats may share a goal, word for word
                        assert obj.text not in text, (seat, other)
            held = {(a, i, t) for a, i, _, t in past.state.private_intel}  # first recipients and shares
            for iid, inj in sc.injects.items():
                for pt in inj.private:
                    if (seat in pt.to and iid in released) or (seat, iid, pt.text) in held:
                        assert pt.text in md, (seat, iid)
                    else:
                        assert pt.text not in text, (seat, iid)
        me = sc.actors[seat]
        if me.brief:
            assert " ".join(me.brief.split()) in md
        mine = past.state.outcome.scores[seat]
        assert f"| {me.name} | {mine.national} | {mine.collective} | {mine.total} |" in md


def test_the_white_cell_sees_released_intel_and_every_brief(crisis, game, white_cell):
    _path, _head, past = game
    _rep, md, page = white_cell
    sc = crisis.scenario
    shown = 0
    for iid in past.state.fired:
        for pt in sc.injects[iid].private:
            assert pt.text in md
            shown += 1
    assert shown
    for actor in sc.actors.values():
        if actor.brief:
            assert " ".join(actor.brief.split()) in md
        for rl in actor.red_lines:
            assert rl.text in md


def test_an_unfinished_game_reports_provisionally(crisis, game):
    path, head, _past = game
    _h, records, _w = read_records(path)
    part = report.history(crisis, head, records[:40])
    md = report.to_markdown(report.build(crisis, part.state, part.events))
    assert "Game in progress" in md and "Provisional" in md


def test_report_command_writes_the_file(game, tmp_path):
    path, _head, _past = game
    out = tmp_path / "aar.html"
    r = subprocess.run([sys.executable, "play.py", "report", str(path), "--format", "html", "-o", str(out)],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    md = tmp_path / "aar-hun.md"
    r = subprocess.run([sys.executable, "play.py", "report", str(path), "-o", str(md), "--seat", "HUN"],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    text = md.read_text(encoding="utf-8")
    assert text.startswith("**EXERCISE") and "Prepared for Hungary" in text
    bad = subprocess.run([sys.executable, "play.py", "report", str(path), "--seat", "NOPE"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "unknown seat" in bad.stderr
