"""What a seminar adds to the record: the room's journal in words (timers started, stopped, run out
or ended with their step; the host started), wall-clock times, and the seminar's part of the
after-action review — requests for information and their answers, the timers, the host's restarts,
every move with its clock time, the overrides with their rationale. The White Cell's console reads
the same words for its live feed.

Built from what the game database holds (game.saves.store: each move's time, the journal) or what
an exported save carries; a game on one machine has no journal and its moves no times."""
from __future__ import annotations

import time as _time

import attrs

from game.core import events as ev
from game.core import texts
from game.saves.timer import clock

EXPIRY_WORDS = {"silence": "the round closes, silence is assent", "pause": "the game pauses"}


def at(when: float | None, day: bool = False) -> str:
    """A wall-clock time, as the room read it (local time): 14:05:09 (with the date: 2026-11-20 14:05)."""
    if when is None:
        return ""
    return _time.strftime("%Y-%m-%d %H:%M" if day else "%H:%M:%S", _time.localtime(when))


def _step(data: dict) -> str:
    phase = texts.PHASE_LABELS.get(data.get("phase", ""), data.get("phase", ""))
    return f"{phase}, turn {data.get('turn', '?')}"


def journal_text(kind: str, data: dict) -> str:
    """One line of the room's journal in words."""
    if kind == "timer_started":
        return (f"Timer started: {clock(data.get('seconds'))} for {_step(data)}; when it runs out, "
                f"{EXPIRY_WORDS.get(data.get('expiry'), data.get('expiry', ''))}")
    if kind == "timer_stopped":
        return f"Timer stopped by the White Cell with {clock(data.get('left'))} left ({_step(data)})"
    if kind == "timer_ran_out":
        done = EXPIRY_WORDS.get(data.get("expiry"), "") if data.get("moved", True) else "nothing left to close"
        return f"Timer ran out ({_step(data)}): {done}"
    if kind == "timer_ended":
        return f"Timer ended with its step ({_step(data)}), {clock(data.get('left'))} unused"
    if kind == "host_started":
        move = data.get("move", 0)
        return "Host started" + (f" again, carrying on at move {move}" if move else "")
    if kind == "code_reissued":
        return f"A new join code for {data.get('name') or data.get('seat', '?')}"
    return kind.replace("_", " ")


@attrs.frozen
class RoomLine:
    """One line of the seminar's record: when, what (in words), of which sort."""

    at: float | None
    sort: str  # move | inject | rfi | answer | timer | override | host | result
    text: str
    turn: int | None = None


_SORTS = ((ev.InfoRequested, "rfi"), (ev.InfoAnswered, "answer"), (ev.Overridden, "override"),
          (ev.Inject, "inject"), (ev.Intel, "inject"), (ev.Adjudication, "result"), (ev.GameOver, "result"),
          (ev.Adopted, "result"), (ev.ProposalFailed, "result"))


def sort_of(event) -> str:
    return next((s for cls, s in _SORTS if isinstance(event, cls)), "move")


def journal_sort(kind: str) -> str:
    return "timer" if kind.startswith("timer") else "host"


def room_lines(crisis, timed_events, journal, viewer: str) -> list[RoomLine]:
    """Every move's events that `viewer` may see and the room's journal, in the order of their
    clock times (events without one — the game's opening, or a game on one machine — come first,
    in their own order)."""
    out = []
    turn = None
    for when, event, _why in timed_events:
        if isinstance(event, ev.TurnStarted):
            turn = event.turn
        if event.visible_to(viewer):
            out.append(RoomLine(when, sort_of(event), event.words(crisis), turn))
    for entry in journal:
        out.append(RoomLine(entry.at, journal_sort(entry.kind), journal_text(entry.kind, entry.data),
                            entry.data.get("turn")))
    out.sort(key=lambda line: (line.at is not None, line.at or 0.0))  # stable: a move's events keep their order
    return out


# -- the seminar's part of the after-action review ----------------------------------------------------
@attrs.frozen
class RfiRecord:
    number: int
    asker: str  # the delegation's name
    question: str
    asked: str  # clock time, or ""
    answer: str  # "" while unanswered
    answered: str


@attrs.frozen
class ClockLine:
    at: str  # clock time, or ""
    turn: int | None
    sort: str
    text: str


@attrs.frozen
class RoomReport:
    """What a seminar adds to the review (and, for any game, its requests for information)."""

    room: str  # the room's name ("" for a game on one machine)
    began: str  # the first and last move's date and time ("" when unknown)
    ended: str
    rfis: tuple[RfiRecord, ...]
    timers: tuple[ClockLine, ...]  # timers started, stopped, run out, ended with their step
    overrides: tuple[ClockLine, ...]  # the White Cell's overrides, with their rationale and time
    host: tuple[ClockLine, ...]  # the host's starts (a restart: the room carried on)
    record: tuple[ClockLine, ...]  # everything the viewer may see, with clock times

    @property
    def timed(self) -> bool:
        return bool(self.began)


def room_report(crisis, steps, head: dict, viewer: str, times: dict | None = None) -> RoomReport:
    """The room's part of the review for `viewer`, from a replayed game (game.review.history's steps)
    and its save's header — a seminar's carries its room's name and journal — with each move's clock
    time (`times`: move number → wall clock; a game on one machine keeps none)."""
    times = times or {}
    timed = []
    for step in steps:
        when = times.get(step.n)
        timed.extend((when, e, None) for e in step.events)
    journal = [_Entry(j.get("at"), j.get("kind", ""), j.get("data", {})) for j in head.get("journal", ())
               if isinstance(j, dict)]
    lines = room_lines(crisis, timed, journal, viewer)
    rfis, asked = {}, {}
    for when, e, _ in timed:
        if isinstance(e, ev.InfoRequested) and e.visible_to(viewer):
            asked[e.request] = RfiRecord(e.request, texts.actor_name(crisis, e.seat), e.question or "", at(when), "", "")
        elif isinstance(e, ev.InfoAnswered) and e.visible_to(viewer) and e.request in asked:
            rfis[e.request] = attrs.evolve(asked[e.request], answer=e.answer or "", answered=at(when))
    for number, record in asked.items():
        rfis.setdefault(number, record)
    overrides = []
    for when, e, _ in timed:
        if isinstance(e, ev.Overridden) and e.visible_to(viewer):
            overrides.append(ClockLine(at(when), None, "override", _with_rationale(e, crisis)))
    known = [t for t in (times.get(s.n) for s in steps) if t is not None]
    def pick(sort):
        return tuple(ClockLine(at(x.at), x.turn, x.sort, x.text) for x in lines if x.sort == sort)
    return RoomReport(
        room=str(head.get("room", "")), began=at(min(known), day=True) if known else "",
        ended=at(max(known), day=True) if known else "",
        rfis=tuple(rfis[n] for n in sorted(rfis)), timers=pick("timer"), overrides=tuple(overrides),
        host=pick("host"), record=tuple(ClockLine(at(x.at), x.turn, x.sort, x.text) for x in lines))


def _with_rationale(e, crisis) -> str:
    said = e.words(crisis)
    rationale = str(getattr(e.action, "rationale", "") or "")
    return said if not rationale or rationale in said else f"{said} — rationale: {rationale}"


@attrs.frozen
class _Entry:
    at: float | None
    kind: str
    data: dict
