"""Words for humans: no screen, review or paper shows a scenario's id where the scenario gives a
label for it (an option's `deploy_stabilisation` for "Deploy a stabilisation force to Moldova", a
meter's `public_support`, a seat's `MDA`, a reason's `legal_basis`, a programme's `pfp` ...).

A seeded game is walked screen by screen at 80x24 — the brief, the table at every step, the chair's
menu at each question, the confirmations, the assessments, the help, the palette, the look-back,
the projector, the White Cell's console and the review — and the whole feed; then the Markdown and
HTML review of a recorded game and the exercise papers. An id counts only as a whole word, and
only if the scenario's own prose (its titles, texts, briefs and labels) never uses that word: an
author may write "the EU" in a brief."""
from __future__ import annotations

import html
import re

import pytest

from game.core import engine
from game.core.actions import WHITE_CELL
from game.players import POLICIES, choose_for
from game.review import papers as papers_mod
from game.review import report
from game.saves.log import GameLog
from game.scenario.loader import load_scenario
from tests.conftest import ROOT
from tests.tui.harness import DEFAULT, app_for, screen_name, settle

PROGRAMMES = ("pfp", "mediterranean_dialogue", "istanbul_cooperation_initiative", "partners_across_the_globe")


def _prose(crisis) -> str:
    """Every text the author wrote for people to read (never conditions or effects)."""
    sc, rules = crisis.scenario, crisis.rules
    bits = [sc.title, sc.summary, sc.situation, sc.security_council.text or ""]
    for a in sc.actors.values():
        bits += [a.name, a.brief, *(r.text for r in a.red_lines), *(o.text for o in a.objectives)]
    for o in sc.options.values():
        bits += [o.title, o.text] + [p.label for p in o.parameters.values()] + [
            v.label for p in o.parameters.values() for v in p.values.values()]
    for i in sc.injects.values():
        bits += [i.title, i.text, *(p.text for p in i.private), *(p.releasability for p in i.private)]
    bits += [e.title + " " + e.text for e in sc.end_conditions.values()]
    bits += [o.text for o in sc.objectives] + [les.title + " " + les.text for les in sc.lessons]
    bits += [m.label + " " + (m.text or "") for m in sc.meters.values()]
    bits += [t.label for m in sc.meters.values() for t in m.thresholds]
    for table in (rules.reasons, rules.caveats, rules.legal_bases, rules.resources, rules.stakes, sc.resources,
                  sc.stakes):
        bits += [f"{d.label} {getattr(d, 'text', '') or ''}" for d in table.values()]
    return "\n".join(b for b in bits if b)


def scenario_ids(crisis) -> dict[str, str]:
    """The ids a player should never read: those with a label that differs from the id, which the
    author's prose does not use as a word of its own."""
    sc, rules = crisis.scenario, crisis.rules
    labelled: dict[str, str] = {}
    for table, label in ((sc.meters, "label"), (sc.options, "title"), (sc.injects, "title"),
                         (sc.end_conditions, "title"), (rules.reasons, "label"), (rules.caveats, "label"),
                         (rules.legal_bases, "label"), (rules.resources, "label"), (sc.resources, "label"),
                         (rules.stakes, "label"), (sc.stakes, "label")):
        for k, v in table.items():
            labelled[k] = getattr(v, label)
    for k, a in sc.actors.items():
        labelled[k] = a.name
    for o in sc.options.values():
        for name, p in o.parameters.items():
            labelled[name] = p.label
            labelled.update({v: x.label for v, x in p.values.items()})
    for p in PROGRAMMES:
        labelled[p] = "a programme's name in words"
    prose_words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", _prose(crisis)))
    # a one-word id that is its own label in lower case ("legitimacy" for "Legitimacy") reads as a word
    return {k: label for k, label in labelled.items()
            if ("_" in k or label.lower() != k.lower()) and k not in prose_words}


def leaks(text: str, ids: dict[str, str]) -> list[str]:
    """Each id found as a whole word (not as part of its own label: "domestic politics"), with the
    line it is on."""
    labels = sorted({label for label in ids.values() if label}, key=len, reverse=True)
    strip = re.compile("|".join(re.escape(x) for x in labels), re.I) if labels else None
    out = []
    for line in text.splitlines():
        bare = strip.sub(" ", line) if strip else line
        for m in re.finditer(r"[A-Za-z_][A-Za-z0-9_]*", bare):
            word = m.group(0)
            if word not in ids:
                continue
            wrapped = ids[word].lower().startswith(word.lower() + " ") and not bare[m.end():].strip(" │┃▎▊█")
            if not wrapped:  # (a label wrapped at the panel's edge: "…: domestic" / "politics")
                out.append(f"{word!r} in: {line.strip()[:160]}")
    return out


def screen_text(app) -> str:
    """What the terminal shows now (every cell of the top screen, the modal's background dimmed)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def _untagged(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)))


@pytest.fixture(scope="module")
def crisis():
    return load_scenario(DEFAULT)


def test_the_word_list_is_a_real_check(crisis):
    """The check itself can fail: ids it looks for are there, and a leak is found."""
    ids = scenario_ids(crisis)
    assert {"deploy_stabilisation", "public_support", "MDA", "DEU", "legal_basis", "host_nation_lead", "pfp",
            "intel"} <= ids.keys()
    assert "EU" not in ids and "HUN" not in ids  # the author writes "the EU" in a brief, "HUN EYES ONLY"
    assert leaks("Hungary tables 'deploy_stabilisation'", ids) and not leaks("Hungary supports", ids)


async def _walk(app, seen: list[tuple[str, str]], seat: str) -> None:
    """Play to the end with keys only, noting every screen's text; visit the side screens once."""
    visited: set[str] = set()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(500):
            await settle(pilot, app)
            name = screen_name(app)
            seen.append((name, screen_text(app)))
            if name == "AARScreen":
                seen.append(("AAR markdown", app.screen.query_one("Markdown")._markdown))
                return
            if name in ("BriefingScreen", "AssessmentScreen", "HandoverScreen", "ChooseAction", "HelpScreen",
                        "TimelineScreen", "ProjectorScreen", "FacilitatorScreen"):
                await pilot.press("escape" if name in ("TimelineScreen", "ProjectorScreen", "FacilitatorScreen")
                                  else "enter")
                continue
            if name == "ConfirmDialog":
                await pilot.press("y")
                continue
            if name == "CommandPalette":
                await pilot.press("escape")
                continue
            table = app.screen
            if table.seat is None or table.seat not in app.session.acting():
                await pilot.pause(0.05)
                continue
            seen.append(("feed", "\n".join(t.plain for t in table.query_one("Feed").texts)))
            phase = app.session.state.phase.value
            for key, screen in (("question_mark", "help:" + phase), ("ctrl+p", "palette"), ("l", "timeline"),
                                ("f6", "projector"), ("f5", "console")):
                if screen not in visited:
                    visited.add(screen)
                    await pilot.press(key)
                    break
            else:
                kinds = app.session.legal(seat).kinds()
                if phase == "proposal" and "table" in kinds and app.session.state.proposals_this_turn == 0:
                    await pilot.press("t")
                elif phase == "amendment":
                    await pilot.press("a" if "amend" in kinds else "g" if "recirculate" in kinds else "w")
                elif phase == "negotiation" and "consent" in kinds:
                    await pilot.press("c")
                else:
                    await pilot.press("space")
    raise AssertionError("the game did not reach the review")


@pytest.mark.parametrize("seat", ["SG", "MDA"])
async def test_no_screen_of_a_game_shows_an_id(tmp_path, crisis, seat):
    seen: list[tuple[str, str]] = []
    app = app_for(tmp_path, seat=seat, seed=7, white_cell=True)
    await _walk(app, seen, seat)
    screens = {name for name, _ in seen}
    assert {"BriefingScreen", "TableScreen", "AssessmentScreen", "HelpScreen", "AARScreen", "feed", "CommandPalette",
            "TimelineScreen", "ProjectorScreen", "FacilitatorScreen", "AAR markdown"} <= screens, screens
    if seat == "SG":
        assert {"ChooseAction", "ConfirmDialog"} <= screens
    ids = scenario_ids(crisis)
    found = sorted({f"{name}: {leak}" for name, text in seen for leak in leaks(text, ids)})
    assert not found, "ids shown where the scenario gives a label:\n" + "\n".join(found[:40])


SCENARIOS = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_review_and_the_papers_show_no_id(tmp_path, name):
    crisis = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
    log = GameLog(crisis, 7, {s: "computer" for s in engine.seats(crisis)}, tmp_path / "g.jsonl")
    while not engine.is_over(log.state):
        seat = engine.acting_seats(crisis, log.state)[0]
        log.apply(*choose_for(crisis, log.state, seat, POLICIES["default"]))
    log.close()
    ids = scenario_ids(crisis)
    texts = {}
    seat = next(s for s in engine.seats(crisis) if s != crisis.chair)
    for viewer in (WHITE_CELL, seat):
        r = report.build(crisis, log.state, log.events, viewer, players=log.seats)
        texts[f"AAR markdown ({viewer})"] = report.to_markdown(r)
        texts[f"AAR html ({viewer})"] = _untagged(report.to_html(r))
    pages = papers_mod.papers(crisis)
    texts["papers markdown"] = "\n".join(pages.values())
    texts["papers html"] = _untagged(papers_mod.to_html(crisis.scenario.title, pages))
    found = [f"{name}: {leak}" for name, text in texts.items() for leak in leaks(text, ids)]
    assert not found, "ids shown where the scenario gives a label:\n" + "\n".join(found[:40])
    assert "Played by" in texts[f"AAR markdown ({seat})"] and "| computer |" in texts[f"AAR markdown ({seat})"]


def test_a_brief_lists_only_interests_that_weigh_something():
    """An interest weighted 0 read "Sovereignty: against (+0)" in a partner's brief: every interest
    listed says which way it pulls, and how hard."""
    from game.core.observation import observe
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        crisis = load_scenario(path)
        state = engine.new_game(crisis, 1).state
        for seat, actor in crisis.scenario.actors.items():
            if not actor.playable or not actor.interests:
                continue
            text = papers_mod.brief_markdown(crisis, observe(crisis, state, seat))
            for stake, w in actor.interests.items():
                shown = [line for line in text.splitlines() if line.startswith("- ") and f"({w:+g})" in line]
                if w == 0:
                    assert "(+0)" not in text, (path.name, seat)
                else:
                    assert shown, (path.name, seat, stake)
            assert " for (-" not in text and " against (+" not in text, (path.name, seat)
