"""One turn's assessment, for the screen that ends every turn: each meter before and after the
turn with what moved it, the injects that fired in it, the texts decided in it, and the events of
its end (Security Council votes, adjudications, the crisis developing, inaction). Built from the
events a viewer may see; a turn runs from its TurnStarted to the next one (or the game's end), so
the next turn's injects, fired in the same step, are never counted in this one."""
from __future__ import annotations

import attrs

from game.core import events as ev
from game.core import words
from game.review.context import turned
from game.review.operations import meter_points


@attrs.frozen
class MeterChange:
    label: str
    before: float
    after: float
    why: tuple[tuple[str, float], ...]  # (what moved it, by how much), in order


@attrs.frozen
class TurnAssessment:
    turn: int
    meters: tuple[MeterChange, ...]
    injects: tuple[str, ...]  # the headlines that fired this turn
    decisions: tuple[str, ...]  # the texts decided this turn, in words
    ending: tuple[ev.Event, ...]  # this turn's closing events (votes, adjudications, meters, the end)


_DECIDED = (ev.Adopted, ev.ProposalFailed)


def assess(crisis, events, turn: int, ending=()) -> TurnAssessment:
    """`events`: every event of the game the viewer may see, in order (the turn's and those before);
    `ending`: the events of the move that closed the turn, up to the next turn's start."""
    sc = crisis.scenario
    timed = turned(events)
    upto = [e for t, e in timed if t <= turn]
    points, after, _ = meter_points(crisis, upto)
    before = points.get(turn - 1, points[0])
    why: dict[str, list[tuple[str, float]]] = {m: [] for m in sc.meters}
    injects, decided = [], []
    for t, e in timed:
        if t != turn:
            continue
        if isinstance(e, ev.MetersMoved):
            label = (crisis.rules.legal_bases[e.basis].label + " (legitimacy)"
                     if e.basis is not None and e.basis in crisis.rules.legal_bases else e.why)
            for m, d in e.changes.items():
                if m in why:
                    why[m].append((label, float(d)))
        elif isinstance(e, ev.Inject):
            injects.append(e.title)
        elif isinstance(e, _DECIDED):
            decided.append(words.text(e, crisis, words.WHITE_CELL) if e.to is None else "")
    rows = tuple(MeterChange(x.label, float(before.get(m, x.start)), float(after.get(m, x.start)), tuple(why[m]))
                 for m, x in sc.meters.items())
    return TurnAssessment(turn, rows, tuple(injects), tuple(d for d in decided if d), tuple(ending))
