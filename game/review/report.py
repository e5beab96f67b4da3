"""The after-action review (AAR): a game turned into what happened, who decided what and why,
what was delivered, what chance did, and what to learn from it.

`history()` replays a save into the states and events of every action; `build()` turns a final
state and its events into a `Report` — plain data, filtered to what one viewer may see; and
`to_markdown()` / `to_html()` render it. The HTML is one self-contained file that opens offline:
inline CSS and SVG charts, no scripts, fonts or links.

A viewer of None or the White Cell gets the facilitator's full report (every delegation's brief,
red lines and private intelligence). A seat id gets the public record plus only what that seat
was shown: its own brief, red lines, intelligence released to it and its own national score.

The parts, one module each: history (a save replayed), model (the report as data), context (what
every part reads), decisions (timeline and decision record), operations (force generation,
adjudication, meters), assessment (scores, overrides, lessons, tensions), and the editions:
markdown, html with charts. This module builds the report from them and is where callers import
from.
"""
from __future__ import annotations

from typing import Iterable

from game.core import engine
from game.core.actions import WHITE_CELL
from game.core.events import Event
from game.core.state import GameState
from game.review import assessment, operations
from game.review import decisions as record
from game.review.charts import svg_chart
from game.review.context import Ctx, turned
from game.review.history import History, HistoryStep, history
from game.review.html import to_html
from game.review.markdown import to_markdown
from game.review.model import (EXERCISE, PLAN_COLUMNS, AdjudicationRecord, DecisionRecord, Delegation, LedgerRecord,
                               LessonRecord, MeterSeries, Modifier, Objection, ObjectiveResult, OutcomeInfo,
                               OverrideRecord, Pledge, RedLineHit, Report, ResourceLine, Round, ScoreRecord, Situation,
                               Tension, Threshold, TimelineItem, TimelineTurn)
from game.review.operations import meter_points
from game.scenario.loader import LoadedScenario

__all__ = ["EXERCISE", "PLAN_COLUMNS", "AdjudicationRecord", "DecisionRecord", "Delegation", "History", "HistoryStep",
           "LedgerRecord", "LessonRecord", "MeterSeries", "Modifier", "Objection", "ObjectiveResult", "OutcomeInfo",
           "OverrideRecord", "Pledge", "RedLineHit", "Report", "ResourceLine", "Round", "ScoreRecord", "Situation",
           "Tension", "Threshold", "TimelineItem", "TimelineTurn", "build", "history", "meter_points", "svg_chart",
           "to_html", "to_markdown"]


def build(crisis: LoadedScenario, state: GameState, events: Iterable[Event], viewer: str | None = None,
          *, players: dict[str, str] | None = None, room=None) -> Report:
    """The after-action review of a game (finished or not) for one viewer.

    `events` are every event of the game from its start (GameLog.events, or History.events);
    `players` the save header's seat → "human"/"computer" map, if known; `room` the seminar's part
    (game.review.room.room_report: RFIs, timers, clock times), if built."""
    viewer = WHITE_CELL if viewer in (None, "", WHITE_CELL) else viewer
    if viewer != WHITE_CELL and viewer not in engine.seats(crisis):
        raise ValueError(f"unknown seat '{viewer}'; choose from: {', '.join(engine.seats(crisis))} or {WHITE_CELL}")
    cx = Ctx(crisis, state, viewer)
    everything = turned(events)
    seen = [(t, e) for t, e in everything if e.visible_to(viewer)]
    meters, turns, snapshots = operations.meters(cx, everything)
    adjudications = operations.adjudications(cx, seen, snapshots)
    decisions = record.decisions(cx, seen)
    scores, collective, final = assessment.scores(cx)
    ledger = operations.ledger(cx, decisions)
    return Report(
        viewer=viewer, viewer_name=cx.name(viewer), full=cx.full,
        situation=_situation(cx, players or {}),
        outcome=_outcome(cx),
        timeline=record.timeline(cx, seen),
        decisions=decisions,
        ledger=ledger,
        adjudications=adjudications,
        meters=meters, turns=turns,
        scores=scores, collective=collective, scores_final=final,
        overrides=assessment.overrides(cx, seen),
        interventions=assessment.interventions(cx, seen),
        lessons=assessment.lessons(cx),
        tensions=assessment.tensions(cx, seen, decisions, ledger, adjudications, scores, collective),
        decided=assessment.decided(cx, decisions, adjudications),
        plan=assessment.plan(cx, collective),
        room=room,
    )


def _situation(cx: Ctx, players: dict) -> Situation:
    sc = cx.sc
    dels = []
    for a in engine.seats(cx.crisis):
        x = sc.actors[a]
        know = cx.knows(a)
        dels.append(Delegation(
            a, x.name, x.kind, x.programme if x.programme != "none" else "",
            players.get(a, ""),
            brief=x.brief if know else "",
            red_lines=tuple(r.text for r in x.red_lines) if know else (),
            objectives=tuple((o.text, o.points) for o in x.objectives) if know else ()))
    return Situation(sc.id, sc.title, sc.summary, sc.situation.strip(), cx.state.seed, cx.state.turn_limit or sc.length.turns,
                     sc.length.minutes, tuple(dels))


def _outcome(cx: Ctx) -> OutcomeInfo:
    o = cx.state.outcome
    if o is None:
        return OutcomeInfo(False, "", "Game in progress",
                           f"The game was saved in turn {cx.state.turn} ({cx.state.phase.value}); "
                           "scores below are provisional.", "", cx.state.turn)
    return OutcomeInfo(True, o.end, o.title, o.text, o.verdict, o.turn)
