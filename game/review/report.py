"""The after-action review (AAR): a game turned into what happened, who decided what and why,
what was delivered, what chance did, and what to learn from it.

`history()` replays a save into the states and events of every action; `build()` turns a final
state and its events into a `Report` — plain data, filtered to what one viewer may see; and
`to_markdown()` / `to_html()` render it. The HTML is one self-contained file that opens offline:
inline CSS and SVG charts, no scripts, fonts or links.

A viewer of None or the White Cell gets the facilitator's full report (every delegation's brief,
red lines and private intelligence). A seat id gets the public record plus only what that seat
was shown: its own brief, red lines, intelligence released to it and its own national score.
"""
from __future__ import annotations

import html
from typing import Any, Iterable

import attrs

from game.core import actions as A
from game.core import adjudication as adj
from game.core import engine, words
from game.core.actions import WHITE_CELL, Action
from game.core.env import Env
from game.core.events import (Adjudication, Adopted, Amended, Art4Requested, CoalitionLaunched, Conceded, ConsentGiven,
                              ConsentWithdrawn, Event, Facilitator, GameOver, Held, Inaction, Inject, Intel, Mandated,
                              MetersMoved, MouOffered, Moved, Overridden, Paused, ProposalFailed, ResultOverridden,
                              Resumed, RoundEnded, SilenceBroken, SilenceCalled, SilenceHeld, Stance, Tabled,
                              TurnStarted, Undone, Vetoed, bind)
from game.scenario.loader import LoadedScenario
from game.core.state import GameState, Proposal

PLAN_COLUMNS = ("Objective", "Observation", "Improvement", "Owner", "Due date")
EXERCISE = "EXERCISE · EXERCISE · EXERCISE"


# -- replaying a save -----------------------------------------------------------------------------
@attrs.frozen
class HistoryStep:
    n: int  # 0: the game's start
    action: Action | None
    events: tuple[Event, ...]
    state: GameState  # after the action


@attrs.frozen
class History:
    head: dict
    steps: tuple[HistoryStep, ...]

    @property
    def state(self) -> GameState:
        return self.steps[-1].state

    @property
    def events(self) -> list[Event]:
        return [e for s in self.steps for e in s.events]


def history(crisis: LoadedScenario, head: dict, records: list[dict], verify: bool = True) -> History:
    """Replay a saved game: the start, then every recorded action with its events and state.

    A White Cell inject release leaves no event of its own in the engine's feed; it is marked
    here with a `facilitator` event so the review can list it among the facilitator's moves."""
    from game.saves.log import replay
    start = engine.new_game(crisis, head["seed"], head.get("turns"))
    steps = [HistoryStep(0, None, start.events, start.state)]
    for n, action, step in replay(crisis, head, records, verify=verify):
        events = step.events
        if action.seat == WHITE_CELL and isinstance(action, A.ReleaseInject):
            events = bind((Facilitator(action),), crisis) + tuple(events)
        steps.append(HistoryStep(n, action, tuple(events), step.state))
    return History(dict(head), tuple(steps))


# -- the report as data ---------------------------------------------------------------------------
@attrs.frozen
class Delegation:
    id: str
    name: str
    kind: str
    programme: str
    played_by: str
    brief: str = ""  # only when the viewer may see it
    red_lines: tuple[str, ...] = ()
    objectives: tuple[tuple[str, int], ...] = ()


@attrs.frozen
class Situation:
    scenario: str
    title: str
    summary: str
    text: str
    seed: int
    turns: int
    minutes: int
    delegations: tuple[Delegation, ...]


@attrs.frozen
class OutcomeInfo:
    over: bool
    end: str
    title: str
    text: str
    verdict: str
    turn: int


@attrs.frozen
class TimelineItem:
    kind: str
    text: str
    private_to: tuple[str, ...] | None = None  # names, when only some delegations saw it


@attrs.frozen
class TimelineTurn:
    turn: int
    items: tuple[TimelineItem, ...]


@attrs.frozen
class Objection:
    name: str
    reason: str
    asked: str = ""  # the amendment or concession it asked for


@attrs.frozen
class RedLineHit:
    name: str
    text: str  # the private red line
    reason: str  # the public reason it maps to


@attrs.frozen
class Round:
    round: int
    text: str  # the text as put under silence (caveats, parameters, package, concessions)
    amendments: tuple[str, ...]  # changes made before this round
    supported: tuple[str, ...]
    objected: tuple[Objection, ...]
    reserved: tuple[str, ...]
    silent: tuple[str, ...]
    partners: tuple[str, ...]  # partners' and organisations' positions (supports / concern: …)
    host: str  # the host nation's consent, when it is needed ("" otherwise)
    result: str
    broken_by: tuple[str, ...]
    red_lines: tuple[RedLineHit, ...] = ()  # private; only what the viewer may see


@attrs.frozen
class DecisionRecord:
    number: int
    turn: int
    option: str
    title: str
    text: str
    package: tuple[str, ...]
    basis: str
    host: str
    params: tuple[tuple[str, str], ...]
    caveats_tabled: tuple[str, ...]
    caveats_added: tuple[str, ...]
    concessions: tuple[tuple[str, int], ...]
    rounds: tuple[Round, ...]
    outcome: str  # adopted | coalition | failed | withdrawn | pending
    outcome_text: str
    blockers: tuple[tuple[str, str], ...]  # (name, why) that stopped it (or held it up)
    coalition: tuple[str, ...]
    operations: tuple[int, ...]
    late_amendments: tuple[str, ...] = ()  # changes made after the last round (never put to silence)


@attrs.frozen
class ResourceLine:
    resource: str
    need: int
    pledged: int
    value: float  # what the pledges are worth after interoperability and caveats
    shortfall: float


@attrs.frozen
class Pledge:
    name: str
    resource: str
    amount: int
    value: float


@attrs.frozen
class LedgerRecord:
    operation: int
    title: str
    decision: int
    coalition: bool
    adopted_turn: int
    status: str
    mandate: str
    caveats: tuple[str, ...]
    requirement: tuple[ResourceLine, ...]
    pledges: tuple[Pledge, ...]
    coverage: float
    pledged_nothing: tuple[str, ...]
    results: tuple[tuple[int, str], ...]


@attrs.frozen
class Modifier:
    factor: str
    value: float
    basis: str  # what it was read from, e.g. "coverage 100 %"


@attrs.frozen
class AdjudicationRecord:
    turn: int
    operation: int
    title: str
    dice: tuple[int, ...]
    modifiers: tuple[Modifier, ...]
    difficulty: int
    margin: float
    result: str
    label: str
    effects: tuple[str, ...]
    deciding: str  # the factor that weighed most, in words
    roll_alone: str  # the result the roll alone would have given
    overridden: str = ""  # the White Cell's replacement result and rationale
    table_row: str = ""  # the row of the rules' results table the margin fell in

    @property
    def roll(self) -> int:
        return sum(self.dice)


@attrs.frozen
class Threshold:
    at: float
    label: str
    direction: str


@attrs.frozen
class MeterSeries:
    id: str
    label: str
    text: str
    good: str
    min: float
    max: float
    thresholds: tuple[Threshold, ...]
    points: tuple[tuple[int, float], ...]  # (turn, value at its end); turn 0: the start


@attrs.frozen
class ScoreRecord:
    seat: str
    name: str
    national: int
    collective: int
    met: tuple[tuple[str, int], ...]
    missed: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return self.national + self.collective


@attrs.frozen
class ObjectiveResult:
    text: str
    points: int
    met: bool


@attrs.frozen
class OverrideRecord:
    turn: int
    what: str
    rationale: str


@attrs.frozen
class LessonRecord:
    title: str
    text: str


@attrs.frozen
class Tension:
    title: str
    points: tuple[str, ...]


@attrs.frozen
class Report:
    viewer: str  # WHITE_CELL or a seat id
    viewer_name: str
    full: bool  # the facilitator's report
    situation: Situation
    outcome: OutcomeInfo
    timeline: tuple[TimelineTurn, ...]
    decisions: tuple[DecisionRecord, ...]
    ledger: tuple[LedgerRecord, ...]
    adjudications: tuple[AdjudicationRecord, ...]
    meters: tuple[MeterSeries, ...]
    turns: tuple[int, ...]  # the x axis of the meter history (0 = start)
    scores: tuple[ScoreRecord, ...]
    collective: tuple[ObjectiveResult, ...]
    scores_final: bool
    overrides: tuple[OverrideRecord, ...]
    interventions: tuple[OverrideRecord, ...]
    lessons: tuple[LessonRecord, ...]
    tensions: tuple[Tension, ...]
    decided: tuple[str, ...]
    plan: tuple[tuple[str, ...], ...]  # improvement-plan rows (PLAN_COLUMNS), mostly blank


# -- building it ----------------------------------------------------------------------------------
class _Ctx:
    def __init__(self, crisis: LoadedScenario, state: GameState, viewer: str):
        self.crisis, self.sc, self.rules = crisis, crisis.scenario, crisis.rules
        self.state = state
        self.viewer = viewer
        self.full = viewer == WHITE_CELL

    def name(self, actor: str | None) -> str:
        if actor is None:
            return "—"
        if actor == WHITE_CELL:
            return "White Cell"
        a = self.sc.actors.get(actor)
        return a.name if a is not None else str(actor)

    def knows(self, actor: str) -> bool:
        """Whether the viewer may see `actor`'s private brief, red lines and objectives."""
        return self.full or actor == self.viewer

    def option(self, oid: str) -> str:
        o = self.sc.options.get(oid)
        return o.title if o is not None else oid

    def reason(self, r: str) -> str:
        d = self.rules.reasons.get(r)
        return d.label if d is not None else r

    def caveat(self, c: str) -> str:
        d = self.rules.caveats.get(c)
        return d.label if d is not None else c

    def basis(self, b: str) -> str:
        d = self.rules.legal_bases.get(b)
        return d.label if d is not None else b

    def resource(self, r: str) -> str:
        d = self.sc.resources.get(r) or self.rules.resources.get(r)
        return d.label if d is not None else r

    def meter(self, m: str) -> str:
        d = self.sc.meters.get(m)
        return d.label if d is not None else m

    def result(self, r: str) -> str:
        return next((b.label for b in self.rules.adjudication.results if b.result == r), r)

    def param(self, oid: str, name: str, value: str) -> tuple[str, str]:
        par = self.sc.options[oid].parameters.get(name) if oid in self.sc.options else None
        if par is None:
            return name, value
        v = par.values.get(value)
        return par.label, (v.label if v is not None else value)

    def changes(self, changes: dict) -> str:
        return ", ".join(f"{self.meter(m)} {float(d):+g}" for m, d in changes.items())

    def say(self, e: Event) -> str:
        """The event in words, as this report's viewer may read it."""
        return words.text(e, self.crisis, self.viewer)

    def is_member(self, actor: str) -> bool:
        a = self.sc.actors.get(actor)
        return a is not None and a.kind == "member"


def _turned(events: Iterable[Event]) -> list[tuple[int, Event]]:
    """Each event with the turn it happened in."""
    out, turn = [], 1
    for e in events:
        if isinstance(e, TurnStarted):
            turn = e.turn
        out.append((turn, e))
    return out


def build(crisis: LoadedScenario, state: GameState, events: Iterable[Event], viewer: str | None = None,
          *, players: dict[str, str] | None = None) -> Report:
    """The after-action review of a game (finished or not) for one viewer.

    `events` are every event of the game from its start (GameLog.events, or History.events);
    `players` the save header's seat → "human"/"computer" map, if known."""
    viewer = WHITE_CELL if viewer in (None, "", WHITE_CELL) else viewer
    if viewer != WHITE_CELL and viewer not in engine.seats(crisis):
        raise ValueError(f"unknown seat '{viewer}'; choose from: {', '.join(engine.seats(crisis))} or {WHITE_CELL}")
    cx = _Ctx(crisis, state, viewer)
    everything = _turned(events)
    seen = [(t, e) for t, e in everything if e.visible_to(viewer)]
    meters, turns, snapshots = _meters(cx, everything)
    adjudications = _adjudications(cx, seen, snapshots)
    decisions = _decisions(cx, seen)
    scores, collective, final = _scores(cx)
    ledger = _ledger(cx, decisions)
    return Report(
        viewer=viewer, viewer_name=cx.name(viewer), full=cx.full,
        situation=_situation(cx, players or {}),
        outcome=_outcome(cx),
        timeline=_timeline(cx, seen),
        decisions=decisions,
        ledger=ledger,
        adjudications=adjudications,
        meters=meters, turns=turns,
        scores=scores, collective=collective, scores_final=final,
        overrides=_overrides(cx, seen),
        interventions=_interventions(cx, seen),
        lessons=_lessons(cx),
        tensions=_tensions(cx, seen, decisions, ledger, adjudications, scores, collective),
        decided=_decided(cx, decisions, adjudications),
        plan=_plan(cx, collective),
    )


def _situation(cx: _Ctx, players: dict) -> Situation:
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


def _outcome(cx: _Ctx) -> OutcomeInfo:
    o = cx.state.outcome
    if o is None:
        return OutcomeInfo(False, "", "Game in progress",
                           f"The game was saved in turn {cx.state.turn} ({cx.state.phase.value}); "
                           "scores below are provisional.", "", cx.state.turn)
    return OutcomeInfo(True, o.end, o.title, o.text, o.verdict, o.turn)


# -- timeline -------------------------------------------------------------------------------------
_TIMELINE = (Inject, Intel, SilenceHeld, SilenceBroken, ProposalFailed, Adopted, CoalitionLaunched, Vetoed, Mandated,
             ConsentWithdrawn, ConsentGiven, Art4Requested, MouOffered, Overridden, ResultOverridden, Held, Inaction,
             RoundEnded, Facilitator, Paused, Resumed)
_SILENCE_CLOSED = (SilenceHeld, SilenceBroken, ProposalFailed)
_FACILITATOR_ONLY = (Held, Facilitator, Paused, Resumed)  # the White Cell's housekeeping


def _timeline(cx: _Ctx, seen) -> tuple[TimelineTurn, ...]:
    by_turn: dict[int, list[TimelineItem]] = {}
    number = 0
    for turn, e in seen:
        k = e.KIND
        item = None
        if isinstance(e, Tabled):
            number = e.number
            item = TimelineItem(k, f"Proposal {number} tabled: {_table_text(cx, e.action.to_dict())}")
        elif isinstance(e, Intel):
            who = tuple(cx.name(s) for s in (e.to or ()))
            item = TimelineItem(k, cx.say(e), who if cx.full else ("you",))
        elif isinstance(e, _SILENCE_CLOSED):
            item = TimelineItem(k, f"Proposal {number}: {cx.say(e)}")
        elif isinstance(e, Moved) and isinstance(e.action, (A.Withdraw, A.ShareIntel)):
            text = f"Proposal {number}: {cx.say(e)}" if isinstance(e.action, A.Withdraw) else cx.say(e)
            item = TimelineItem(e.action.kind, text)
        elif isinstance(e, Adjudication):
            item = TimelineItem(k, f"Operation {e.operation} ({cx.option(e.option)}): "
                                   f"{cx.result(e.result)} (margin {float(e.margin):+g})")
        elif isinstance(e, GameOver):
            item = TimelineItem(k, cx.say(e))
        elif isinstance(e, _TIMELINE) and (cx.full or not isinstance(e, _FACILITATOR_ONLY)):
            item = TimelineItem(k, cx.say(e))
        if item is not None:
            by_turn.setdefault(turn, []).append(item)
    return tuple(TimelineTurn(t, tuple(items)) for t, items in sorted(by_turn.items()))


def _table_text(cx: _Ctx, a: dict) -> str:
    oid = a.get("option", "")
    parts = [cx.option(oid), cx.basis(a.get("basis", ""))]
    if a.get("host"):
        parts.append(f"host {cx.name(a['host'])}")
    for n, v in a.get("params") or ():
        parts.append("{}: {}".format(*cx.param(oid, n, v)))
    if a.get("caveats"):
        parts.append("caveats " + ", ".join(cx.caveat(c) for c in a["caveats"]))
    return parts[0] + " (" + "; ".join(parts[1:]) + ")"


# -- decisions ------------------------------------------------------------------------------------
def _decisions(cx: _Ctx, seen) -> tuple[DecisionRecord, ...]:
    evs = [e for _, e in seen]
    out = []
    for d in cx.state.decisions:
        start = next((i for i, e in enumerate(evs) if isinstance(e, Tabled) and e.number == d.number), None)
        seg = []
        if start is not None:
            for e in evs[start + 1:]:
                if isinstance(e, (Tabled, TurnStarted, GameOver)):
                    break
                seg.append(e)
            tabled = evs[start].action.to_dict()
        else:  # no event for it (a partial feed): the decision record alone
            tabled = {"option": d.option, "basis": d.proposal.basis, "host": d.proposal.host,
                      "params": d.proposal.params, "caveats": d.proposal.caveats}
        out.append(_decision(cx, d, tabled, seg))
    return tuple(out)


def _decision(cx: _Ctx, d, tabled: dict, seg: list[Event]) -> DecisionRecord:
    snap = {"params": [tuple(p) for p in tabled.get("params") or ()], "caveats": list(tabled.get("caveats") or ()),
            "package": [], "concessions": []}
    opt = d.option
    pending: list[str] = []
    rounds_raw = []
    cur = None
    stance_acts: dict[str, dict] = {}
    ops: list[int] = []
    for e in seg:
        if isinstance(e, SilenceCalled):
            cur = {"round": e.round, "snap": _copy(snap), "amend": tuple(pending)}
            pending, stance_acts = [], {}
        elif isinstance(e, Stance):
            stance_acts[e.seat] = e.action.to_dict()
        elif isinstance(e, Undone):
            stance_acts.pop(e.seat, None)
        elif isinstance(e, _SILENCE_CLOSED) and cur is not None:
            broken = () if isinstance(e, SilenceHeld) else e.blocked_by
            cur.update(result=type(e), broken=broken, acts=dict(stance_acts))
            rounds_raw.append(cur)
            cur = None
        elif isinstance(e, Amended):
            a = e.action
            if isinstance(a, A.Amend):
                snap["caveats"].append(a.caveat)
                pending.append(f"caveat added: {cx.caveat(a.caveat)}")
            elif isinstance(a, A.SetParam):
                snap["params"] = [(n, v) for n, v in snap["params"] if n != a.name]
                snap["params"].append((a.name, a.value))
                pending.append("{} set to {}".format(*cx.param(opt, a.name, a.value)))
            elif isinstance(a, A.Link):
                snap["package"].append(a.option)
                pending.append(f"linked into a package: {cx.option(a.option)}")
        elif isinstance(e, Conceded):
            a = e.action
            snap["concessions"].append((a.to, int(a.amount)))
            pending.append(f"concession to {cx.name(a.to)}: {a.amount} political capital")
        elif isinstance(e, Adopted):
            ops.append(e.operation)
    by_round: dict[int, list] = {}
    for r, actor, stance, detail in d.stances:
        by_round.setdefault(r, []).append((actor, stance, detail))
    p = d.proposal
    rounds = []
    for raw in rounds_raw:
        rounds.append(_round(cx, d, raw, by_round.get(raw["round"], [])))
    tabled_cav = tuple(cx.caveat(c) for c in tabled.get("caveats") or ())
    all_cav = tuple(cx.caveat(c) for c in p.caveats)
    added = tuple(c for c in all_cav if c not in tabled_cav)
    # who stopped it (or held it up): the last round that closed without consensus
    blockers: list[tuple[str, str]] = []
    last_broken = next((r for r in reversed(rounds_raw) if r["result"] is not SilenceHeld), None)
    if last_broken is not None:
        stances = {a: (s, det) for a, s, det in by_round.get(last_broken["round"], [])}
        for b in last_broken["broken"]:
            blockers.append((cx.name(b), _why_blocked(cx, b, stances.get(b), last_broken["acts"].get(b))))
    coalition: tuple[str, ...] = ()
    last_round = rounds_raw[-1]["round"] if rounds_raw else p.round
    if d.outcome == "coalition":
        coalition = tuple(cx.name(a) for a, s, _ in by_round.get(last_round, [])
                          if cx.is_member(a) and s in ("support", "reserve"))
    if d.outcome == "adopted":
        held = next((r["round"] for r in rounds_raw if r["result"] is SilenceHeld), last_round)
        text = f"Adopted by consensus in round {held}" + (f" (operation {', '.join(map(str, ops))})" if ops else "")
    elif d.outcome == "coalition":
        text = (f"No consensus; carried out by a coalition of the willing ({', '.join(coalition) or 'none'})"
                + (f" as operation {', '.join(map(str, ops))}" if ops else ""))
    elif d.outcome == "failed":
        text = f"Failed: silence broken in the last round ({last_round}); the chair withdrew it"
    elif d.outcome == "withdrawn":
        text = f"Withdrawn by the chair after round {last_round}"
    else:
        text = f"Still on the table (round {p.round})"
    params = tuple(cx.param(d.option, n, v) for n, v in p.params)
    return DecisionRecord(
        number=d.number, turn=d.turn, option=d.option, title=cx.option(d.option),
        text=cx.sc.options[d.option].text.strip() if d.option in cx.sc.options else "",
        package=tuple(cx.option(o) for o in p.package), basis=cx.basis(p.basis),
        host=cx.name(p.host) if p.host else "", params=params, caveats_tabled=tabled_cav, caveats_added=added,
        concessions=tuple((cx.name(a), n) for a, n in p.concessions), rounds=tuple(rounds),
        outcome=d.outcome, outcome_text=text, blockers=tuple(blockers), coalition=coalition,
        operations=tuple(ops), late_amendments=tuple(pending))


def _copy(snap: dict) -> dict:
    return {k: list(v) for k, v in snap.items()}


def _why_blocked(cx: _Ctx, actor: str, stance, act: dict | None) -> str:
    stance, detail = stance or ("", "")
    act = act or {}
    if stance == "object":
        ask = _ask(cx, act)
        return f"objected: {cx.reason(detail)}" + (f" ({ask})" if ask else "")
    if stance == "refuse_consent":
        cav = act.get("wants_caveat") or detail
        return "refused consent as host nation" + (f" (would consent with {cx.caveat(cav)})" if cav else "")
    if stance in ("", "silent"):
        return "host nation did not consent (no answer)"
    return f"{stance}"


def _ask(cx: _Ctx, act: dict) -> str:
    if act.get("wants_caveat"):
        return f"asked for the caveat {cx.caveat(act['wants_caveat'])}"
    if act.get("wants_concession"):
        return f"asked for a concession of {act['wants_concession']}"
    return ""


def _round(cx: _Ctx, d, raw: dict, stances: list) -> Round:
    p = d.proposal
    snap = raw["snap"]
    basis = cx.rules.legal_bases.get(p.basis)
    host_needs = (p.host is not None and not cx.is_member(p.host)  # consent is this text's basis
                  and basis is not None and basis.needs == "host_consent")
    supported, objected, reserved, silent, partners = [], [], [], [], []
    host = ""
    for actor, stance, detail in stances:
        nm = cx.name(actor)
        act = raw["acts"].get(actor, {})
        if host_needs and actor == p.host:
            if stance == "consent":
                host = f"{nm} consented as host nation"
            else:
                host = f"{nm}: " + _why_blocked(cx, actor, (stance, detail), act)
            continue
        if not cx.is_member(actor):
            if stance == "support":
                partners.append(f"{nm} supports")
            elif stance == "concern":
                ask = _ask(cx, act)
                partners.append(f"{nm} raises a concern: {cx.reason(detail)}" + (f" ({ask})" if ask else ""))
            else:
                partners.append(f"{nm} stays silent")
            continue
        if stance == "support":
            supported.append(nm)
        elif stance == "object":
            objected.append(Objection(nm, cx.reason(detail), _ask(cx, act)))
        elif stance == "reserve":
            reserved.append(nm)
        else:
            silent.append(nm)
    parts = []
    if snap["caveats"]:
        parts.append("caveats: " + ", ".join(cx.caveat(c) for c in snap["caveats"]))
    if snap["params"]:
        parts.append(", ".join("{}: {}".format(*cx.param(d.option, n, v)) for n, v in snap["params"]))
    if snap["package"]:
        parts.append("package: " + ", ".join(cx.option(o) for o in snap["package"]))
    if snap["concessions"]:
        parts.append("concessions: " + ", ".join(f"{cx.name(a)} {n}" for a, n in snap["concessions"]))
    hits = []
    prop = Proposal(d.option, p.basis, p.host, tuple(tuple(x) for x in snap["params"]), tuple(snap["caveats"]),
                    tuple(snap["package"]), tuple(snap["concessions"]))
    env = Env(cx.state, cx.crisis, prop)
    for actor, stance, detail in stances:
        x = cx.sc.actors.get(actor)
        if x is None or not cx.knows(actor) or stance not in ("object", "refuse_consent", "concern"):
            continue
        for rl in x.red_lines:
            try:
                crossed = rl.when(env)
            except Exception:  # noqa: BLE001 - a review never fails on one condition
                crossed = False
            if crossed:
                hits.append(RedLineHit(x.name, rl.text, cx.reason(rl.reason)))
    if raw["result"] is SilenceHeld:
        result = "silence held: agreed"
    elif raw["result"] is ProposalFailed:
        result = "silence broken in the last round: the text fails"
    else:
        result = "silence broken: back for amendment"
    return Round(raw["round"], "; ".join(parts) or "as tabled", raw["amend"], tuple(supported), tuple(objected),
                 tuple(reserved), tuple(silent), tuple(partners), host, result,
                 tuple(cx.name(b) for b in raw["broken"]), tuple(hits))


# -- force generation -----------------------------------------------------------------------------
def _ledger(cx: _Ctx, decisions) -> tuple[LedgerRecord, ...]:
    out = []
    for op in cx.state.operations:
        need = adj.requirement(cx.crisis, op)
        cov, _per = adj.coverage(cx.crisis, op)
        pledged: dict[str, int] = {}
        worth: dict[str, float] = {}
        by: dict[tuple[str, str], int] = {}
        for actor, res, n in op.pledges:
            pledged[res] = pledged.get(res, 0) + n
            worth[res] = worth.get(res, 0) + adj.pledge_value(cx.crisis, op, actor, n)
            by[(actor, res)] = by.get((actor, res), 0) + n
        lines = tuple(ResourceLine(cx.resource(r), n, pledged.get(r, 0), round(worth.get(r, 0.0), 2),
                                   round(max(0.0, n - worth.get(r, 0.0)), 2)) for r, n in need.items())
        pledges = tuple(Pledge(cx.name(a), cx.resource(r), n, round(adj.pledge_value(cx.crisis, op, a, n), 2))
                        for (a, r), n in by.items())
        givers = {a for a, _, _ in op.pledges}
        caveats = [cx.caveat(c) for c in op.proposal.caveats]
        caveats += [f"{cx.name(a)}: {cx.caveat(c)} (national)" for a in sorted(givers)
                    for c in cx.sc.actors[a].caveats]
        mandate = "" if op.mandate is None else ("authorised by the UN Security Council" if op.mandate
                                                 else "vetoed in the UN Security Council")
        out.append(LedgerRecord(
            op.number, cx.option(op.option), op.proposal.number, op.coalition, op.adopted_turn, op.status,
            mandate, tuple(caveats), lines, pledges, round(cov, 3),
            tuple(cx.name(a) for a in op.contributors if a not in givers),
            tuple((t, cx.result(r)) for t, r in op.results)))
    return tuple(out)


# -- adjudication ---------------------------------------------------------------------------------
def _adjudications(cx: _Ctx, seen, snapshots: dict) -> tuple[AdjudicationRecord, ...]:
    evs = list(seen)
    out = []
    shares: dict[int, int] = {}
    for turn, e in evs:
        if isinstance(e, Moved) and isinstance(e.action, A.ShareIntel):
            shares[turn] = shares.get(turn, 0) + (2 if e.action.to == "all" else 1)
    for i, (turn, e) in enumerate(evs):
        if not isinstance(e, Adjudication):
            continue
        d = e.data
        title = cx.option(e.option)
        op = e.operation
        effects, overridden = [], ""
        for _t, f in evs[i + 1:]:
            if isinstance(f, (Adjudication, TurnStarted, GameOver)):
                break
            if isinstance(f, MetersMoved) and str(f.why).startswith(title):
                effects.append(f"{f.why}: {cx.changes(f.changes)}")
        # a White Cell override of this result comes later, before the operation's next adjudication
        for _t, f in evs[i + 1:]:
            if isinstance(f, Adjudication) and f.operation == op:
                break
            if isinstance(f, ResultOverridden) and f.operation == op:
                overridden = f"{cx.result(f.result)} — {f.rationale}"
        mods = d.get("modifiers", {})
        legit = snapshots.get(("adjudication", op, int(d.get("turn", turn))), {}).get("legitimacy")
        n_shares = shares.get(int(d.get("turn", turn)), 0)
        read = {"commitment": (float(d.get("coverage", 0)), f"coverage {100 * float(d.get('coverage', 0)):.0f} %"),
                "interoperability": (float(d.get("interoperability", 0)),
                                     f"contributors {float(d.get('interoperability', 0)):.2f}"),
                "legitimacy": (legit, f"meter {legit:g}" if legit is not None else ""),
                "intelligence": (n_shares, f"{n_shares} shares this turn"),
                "trust": (float(d.get("trust", 0)), f"trust {float(d.get('trust', 0)):g}")}
        modifiers = tuple(Modifier(k, float(v), _band_row(cx, k, *read.get(k, (None, ""))))
                          for k, v in mods.items())
        dice = tuple(int(x) for x in d.get("dice", ()))
        diff = int(d.get("difficulty", 0))
        total = sum(m.value for m in modifiers)
        top = max((abs(m.value) for m in modifiers), default=0)
        if top == 0:
            deciding = "no modifier moved it: the roll alone decided"
        else:
            names = [f"{m.factor} {m.value:+g}" for m in modifiers if abs(m.value) == top]
            deciding = " and ".join(names) + (" weighed most" if len(names) == 1 else " weighed most, equally")
        alone = adj.result_for(cx.crisis, sum(dice) - diff)
        if alone != d["result"]:
            roll_alone = (f"the roll alone ({sum(dice)} against {diff}) gave {cx.result(alone)}; "
                          f"the modifiers ({total:+g}) made it {cx.result(d['result'])}")
        else:
            roll_alone = f"the roll alone ({sum(dice)} against {diff}) gave the same result; modifiers {total:+g}"
        bands = cx.rules.adjudication.results
        row = next((b for b in bands if float(d.get("margin", 0)) >= b.at_least), bands[-1] if bands else None)
        table = "" if row is None else (f"results table: margin ≥ {row.at_least:g}" if row is not bands[-1]
                                        else "results table: the lowest row")
        out.append(AdjudicationRecord(int(d.get("turn", turn)), op, title, dice, modifiers, diff,
                                      float(d.get("margin", 0)), d["result"], cx.result(d["result"]),
                                      tuple(effects), deciding, roll_alone, overridden, table))
    return tuple(out)


def _band_row(cx: _Ctx, factor: str, value, basis: str) -> str:
    """What a modifier was read from, and the row of the rules' table it fell in."""
    bands = getattr(cx.rules.adjudication, factor, None)
    if value is None or not bands:
        return basis
    row = next((b for b in bands if value >= b.at_least), None)
    if row is None:
        return basis
    at = f"{100 * row.at_least:g} %" if factor == "commitment" else f"{row.at_least:g}"
    return f"{basis}, row ≥ {at}"


# -- meters ---------------------------------------------------------------------------------------
def _meters(cx: _Ctx, everything) -> tuple[tuple[MeterSeries, ...], tuple[int, ...], dict]:
    """Each meter at the start and at the end of every turn."""
    points, cur, snapshots = meter_points(cx.crisis, [e for _, e in everything])
    points[cx.state.turn] = {m: float(v) for m, v in cx.state.meters.items()}  # the truth at the end
    turns = tuple(sorted(points))
    series = []
    for m, x in cx.sc.meters.items():
        series.append(MeterSeries(
            m, x.label, x.text, x.good, float(x.min), float(x.max),
            tuple(Threshold(float(t.at), t.label, t.direction) for t in x.thresholds),
            tuple((t, points[t].get(m, float(x.start))) for t in turns)))
    return tuple(series), turns, snapshots


def meter_points(crisis: LoadedScenario, events: Iterable[Event]):
    """The meters rebuilt from the events alone — meter changes, White Cell meter overrides, and a
    result override's reset to before that result — as (values at the start (0) and at the end of
    each completed turn, the values after the last event, the values at each adjudication)."""
    sc = crisis.scenario

    def clamp(m, v):
        x = sc.meters[m]
        return min(x.max, max(x.min, round(float(v), 2)))

    cur = {m: float(x.start) for m, x in sc.meters.items()}
    points: dict[int, dict[str, float]] = {0: dict(cur)}
    before: dict[int, dict[str, float]] = {}
    snapshots: dict = {}
    turn = 1
    for e in events:
        if isinstance(e, TurnStarted):
            turn = e.turn
            if turn > 1:
                points[turn - 1] = dict(cur)
        elif isinstance(e, MetersMoved):
            for m, dv in e.changes.items():
                if m in cur:
                    cur[m] = clamp(m, cur[m] + float(dv))
        elif isinstance(e, Adjudication):
            before[e.operation] = dict(cur)
            snapshots[("adjudication", e.operation, e.turn)] = dict(cur)
        elif isinstance(e, Overridden):
            a = e.action
            if isinstance(a, A.OverrideMeter) and a.meter in cur:
                cur[a.meter] = clamp(a.meter, a.value)
            elif isinstance(a, A.OverrideResult) and a.operation in before:
                cur = dict(before[a.operation])
    return points, cur, snapshots


# -- scores, overrides, lessons -------------------------------------------------------------------
def _scores(cx: _Ctx):
    o = cx.state.outcome
    scores = o.scores if o is not None else engine.scores(cx.crisis, cx.state)
    out = []
    any_met: set[str] = set()
    for seat, s in scores.items():
        any_met |= set(s.met)
        if not cx.knows(seat):
            continue
        objs = cx.sc.actors[seat].objectives
        out.append(ScoreRecord(seat, cx.name(seat), s.national, s.collective,
                               tuple((x.text, x.points) for x in objs if x.id in s.met),
                               tuple((x.text, x.points) for x in objs if x.id not in s.met)))
    env = Env(cx.state, cx.crisis)
    collective = tuple(ObjectiveResult(x.text, x.points, bool(x.when(env))) for x in cx.sc.objectives)
    return tuple(out), collective, o is not None


def _overrides(cx: _Ctx, seen) -> tuple[OverrideRecord, ...]:
    out = []
    for turn, e in seen:
        if not isinstance(e, Overridden):
            continue
        a = e.action
        if isinstance(a, A.OverrideMeter):
            what = f"{cx.meter(a.meter)} set to {float(a.value):g}"
        elif isinstance(a, A.OverrideResult):
            op = next((o for o in cx.state.operations if o.number == a.operation), None)
            title = cx.option(op.option) if op is not None else f"operation {a.operation}"
            what = f"operation {a.operation} ({title}): result set to {cx.result(a.result)}"
        else:
            what = cx.say(e)
        out.append(OverrideRecord(turn, what, str(a.rationale)))
    return tuple(out)


def _interventions(cx: _Ctx, seen) -> tuple[OverrideRecord, ...]:
    """The White Cell's other moves (held, released or edited injects, rounds ended, pauses):
    in the facilitator's edition only."""
    out = []
    if not cx.full:
        return ()
    for turn, e in seen:
        if isinstance(e, (Held, RoundEnded, Paused, Resumed, Facilitator)):
            out.append(OverrideRecord(turn, cx.say(e), ""))
        elif isinstance(e, Inject) and e.edited:
            out.append(OverrideRecord(turn, f"inject released with an edited text: {cx.say(e)}", ""))
    return tuple(out)


def _lessons(cx: _Ctx) -> tuple[LessonRecord, ...]:
    env = Env(cx.state, cx.crisis)
    out = []
    for lesson in cx.sc.lessons:
        if lesson.when is None or lesson.when(env):
            out.append(LessonRecord(lesson.title, lesson.text.strip()))
    return tuple(out)


# -- how the tensions played out; what decided it -------------------------------------------------
def _sum_changes(seen, whys: tuple[str, ...]) -> dict[str, float]:
    tot: dict[str, float] = {}
    for _t, e in seen:
        if isinstance(e, MetersMoved) and any(str(e.why).startswith(w) for w in whys):
            for m, d in e.changes.items():
                tot[m] = round(tot.get(m, 0) + float(d), 2)
    return tot


def _tensions(cx: _Ctx, seen, decisions, ledger, adjudications, scores, collective) -> tuple[Tension, ...]:
    sc = cx.sc
    out = []
    # private red lines, public reasons
    reasons: dict[str, int] = {}
    blocks: dict[str, int] = {}
    for d in decisions:
        for r in d.rounds:
            for o in r.objected:
                reasons[o.reason] = reasons.get(o.reason, 0) + 1
            for b in r.broken_by:
                blocks[b] = blocks.get(b, 0) + 1
    pts = []
    if reasons:
        pts.append("Objections on the record, by public reason: "
                   + ", ".join(f"{k} {v}" for k, v in sorted(reasons.items(), key=lambda kv: -kv[1])) + ".")
    else:
        pts.append("No written objection was lodged.")
    if blocks:
        pts.append("Silence broken, by delegation (times): "
                   + ", ".join(f"{k} {v}" for k, v in sorted(blocks.items(), key=lambda kv: -kv[1])) + ".")
    hits = {(h.name, h.text, h.reason) for d in decisions for r in d.rounds for h in r.red_lines}
    for name, text, reason in sorted(hits):
        pts.append(f"{name}'s private red line — “{text}” — was stated in public as “{reason}”.")
    conceded = sum(n for d in decisions for _, n in d.concessions)
    if conceded:
        pts.append(f"The chair spent {conceded} political capital on concessions to buy agreement.")
    out.append(Tension("Private red lines, public reasons", tuple(pts)))
    # speed against strength
    idle = sorted({t for t, e in seen if isinstance(e, Inaction)})
    adopted = [d for d in decisions if d.outcome in ("adopted", "coalition")]
    pts = []
    if adopted:
        first = min(d.turn for d in adopted)
        pts.append(f"First decision in turn {first}; {len(adopted)} of {len(decisions)} proposal(s) adopted.")
        rounds = [len(d.rounds) for d in adopted if d.rounds]
        if rounds:
            pts.append(f"Adopted texts needed {sum(rounds) / len(rounds):.1f} silence round(s) on average; "
                       f"{sum(len(d.caveats_added) for d in adopted)} caveat(s) were added to get them agreed.")
    else:
        pts.append("Nothing was adopted.")
    if idle:
        cost = _sum_changes(seen, ("inaction",))
        pts.append(f"Turns without a decision: {', '.join(map(str, idle))}"
                   + (f" (inaction cost: {cx.changes(cost)})" if cost else "") + ".")
    else:
        pts.append("Every turn produced a decision.")
    out.append(Tension("Speed against strength", tuple(pts)))
    # consensus against the coalition
    pts = []
    coal = [d for d in decisions if d.outcome == "coalition"]
    cons = [d for d in decisions if d.outcome == "adopted"]
    failed = [d for d in decisions if d.outcome in ("failed", "withdrawn")]
    pts.append(f"{len(cons)} decision(s) by consensus, {len(coal)} by a coalition of the willing, "
               f"{len(failed)} failed or withdrawn.")
    for d in coal:
        pts.append(f"Proposal {d.number} ({d.title}) went ahead as a coalition: {', '.join(d.coalition) or 'none'}.")
    cost = _sum_changes(seen, ("coalition of the willing",))
    if cost:
        pts.append(f"Acting outside the Alliance frame cost: {cx.changes(cost)}.")
    cost = _sum_changes(seen, ("no consensus",))
    if cost:
        pts.append(f"Failing to agree cost: {cx.changes(cost)}.")
    out.append(Tension("Consensus against the coalition", tuple(pts)))
    # adopted is not delivered
    pts = []
    for op in ledger:
        short = [f"{r.resource} {r.shortfall:g}" for r in op.requirement if r.shortfall > 0]
        pts.append(f"Operation {op.operation} ({op.title}): {100 * op.coverage:.0f} % resourced"
                   + (f", short of {', '.join(short)}" if short else "")
                   + (f"; pledged nothing: {', '.join(op.pledged_nothing)}" if op.pledged_nothing else "") + ".")
    cost = [e for _t, e in seen if isinstance(e, MetersMoved) and str(e.why).endswith("under-resourced")]
    if cost:
        pts.append(f"Under-resourced operations cost cohesion {len(cost)} time(s).")
    if not pts:
        pts.append("No operation was adopted, so nothing had to be delivered.")
    out.append(Tension("Adopted is not delivered", tuple(pts)))
    # partners shape but do not decide
    pts = []
    concerns = sum(1 for d in decisions for r in d.rounds for p in r.partners if "concern" in p)
    refusals = sum(1 for d in decisions for r in d.rounds if r.host and "consented as host" not in r.host)
    consents = sum(1 for d in decisions for r in d.rounds if r.host and "consented as host" in r.host)
    pts.append(f"Partners raised {concerns} concern(s); host nations consented {consents} time(s) and "
               f"withheld consent {refusals} time(s).")
    for _t, e in seen:
        if isinstance(e, (ConsentWithdrawn, MouOffered)):
            pts.append(cx.say(e) + ".")
    moved = []
    for a, x in sc.actors.items():
        if x.kind in ("partner", "host_nation") and a in cx.state.trust and cx.state.trust[a] != x.trust:
            moved.append(f"{x.name} {x.trust} → {cx.state.trust[a]}")
    if moved:
        pts.append("Partners' trust in the Alliance: " + ", ".join(moved) + ".")
    out.append(Tension("Partners shape but do not decide", tuple(pts)))
    # mixed motives
    pts = []
    for s in scores:
        pts.append(f"{s.name}: national {s.national}, collective {s.collective}"
                   + (f" — met: {'; '.join(t for t, _ in s.met)}" if s.met else "")
                   + (f" — missed: {'; '.join(t for t, _ in s.missed)}" if s.missed else "") + ".")
    met = [c.text for c in collective if c.met]
    pts.append(f"Collective objectives met: {len(met)} of {len(collective)}"
               + (f" ({'; '.join(met)})" if met else "") + ".")
    out.append(Tension("Mixed motives", tuple(pts)))
    # explained chance
    pts = []
    if adjudications:
        turned = sum(1 for a in adjudications if "made it" in a.roll_alone)
        pts.append(f"{len(adjudications)} adjudication(s); in {turned} the modifiers changed the result the "
                   "roll alone would have given.")
        for a in adjudications:
            pts.append(f"Turn {a.turn}, {a.title}: {a.label} — {a.deciding}.")
    else:
        pts.append("No operation was adjudicated.")
    out.append(Tension("Explained chance", tuple(pts)))
    return tuple(out)


def _decided(cx: _Ctx, decisions, adjudications) -> tuple[str, ...]:
    out = []
    for a in adjudications:
        out.append(f"Turn {a.turn} · operation {a.operation} ({a.title}): {a.label} — {a.deciding}; {a.roll_alone}."
                   + (f" The White Cell overrode it: {a.overridden}." if a.overridden else ""))
    for op in cx.state.operations:
        if op.status == "vetoed":
            out.append(f"Operation {op.number} ({cx.option(op.option)}) was adopted but vetoed in the UN Security "
                       "Council: it never went ahead.")
    for d in decisions:
        if d.outcome in ("failed", "withdrawn", "coalition") and d.blockers:
            out.append(f"Proposal {d.number} ({d.title}), {d.outcome}: blocked by "
                       + "; ".join(f"{n} — {why}" for n, why in d.blockers) + ".")
        elif d.outcome in ("failed", "withdrawn"):
            out.append(f"Proposal {d.number} ({d.title}), {d.outcome}.")
    return tuple(out)


def _plan(cx: _Ctx, collective) -> tuple[tuple[str, ...], ...]:
    rows = [(f"{c.text} ({'met' if c.met else 'not met'})", "", "", "", "") for c in collective]
    rows += [("", "", "", "", "")] * 4
    return tuple(rows)


# -- Markdown -------------------------------------------------------------------------------------
def _cell(text: Any) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_table(head: Iterable[str], rows: Iterable[Iterable[Any]]) -> list[str]:
    head = list(head)
    out = ["| " + " | ".join(_cell(h) for h in head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out


def _turn_label(t: int) -> str:
    return "start" if t == 0 else f"T{t}"


def _pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def _blocked_cell(d: DecisionRecord) -> str:
    if not d.blockers:
        return "—"
    if d.outcome == "adopted":
        return "held up, then agreed: " + ", ".join(n for n, _ in d.blockers)
    return "; ".join(f"{n} — {w}" for n, w in d.blockers)


def _modline(a: AdjudicationRecord) -> str:
    return ", ".join(f"{m.factor} {m.value:+g}" + (f" ({m.basis})" if m.basis else "") for m in a.modifiers)


def to_markdown(r: Report) -> str:
    s = r.situation
    L: list[str] = [f"**{EXERCISE}**", "", f"# After-action review: {s.title}", ""]
    if r.full:
        L.append("*White Cell (facilitator) edition: contains every delegation's private brief, red lines and "
                 "intelligence. Do not hand to players.*")
    else:
        L.append(f"*Prepared for {r.viewer_name}: the public record, plus this delegation's own brief, "
                 "intelligence and score.*")
    L += ["", f"Scenario `{s.scenario}` · seed {s.seed} · {s.turns} turns (about {s.minutes} minutes)", ""]
    L += ["## Situation", "", s.summary.strip(), "", s.text, "", "### Delegations", ""]
    L += _md_table(("Seat", "Name", "Kind", "Played by"),
                   ((d.id, d.name, d.kind + (f" ({d.programme})" if d.programme else ""), d.played_by or "—")
                    for d in s.delegations))
    private = [d for d in s.delegations if d.brief or d.red_lines or d.objectives]
    if private:
        L += ["", "### Private briefs" if r.full else "### Your private brief", ""]
        for d in private:
            L.append(f"**{d.name}**" + (f": {d.brief.strip()}" if d.brief else ""))
            for rl in d.red_lines:
                L.append(f"- Red line: {rl}")
            for text, pts in d.objectives:
                L.append(f"- Objective ({pts} pts): {text}")
            L.append("")
    o = r.outcome
    L += ["", "## Outcome", ""]
    if o.over:
        L.append(f"**{o.title}** — verdict: {o.verdict}, turn {o.turn}. {o.text}")
    else:
        L.append(f"**{o.title}** — {o.text}")
    L += ["", "## Timeline", ""]
    for tt in r.timeline:
        L.append(f"### Turn {tt.turn}")
        L.append("")
        for it in tt.items:
            tag = f" *(private to {', '.join(it.private_to)})*" if it.private_to else ""
            L.append(f"- {it.text}{tag}")
        L.append("")
    L += ["## Decisions", ""]
    if not r.decisions:
        L += ["No proposal was tabled.", ""]
    else:
        L += _md_table(("#", "Turn", "Proposal", "Outcome", "Rounds", "Blocked or held up by"),
                       ((d.number, d.turn, d.title, d.outcome, len(d.rounds), _blocked_cell(d))
                        for d in r.decisions))
        L.append("")
    for d in r.decisions:
        L += [f"### Proposal {d.number}: {d.title} (turn {d.turn})", ""]
        L.append(f"- Basis: {d.basis}" + (f" · host: {d.host}" if d.host else ""))
        if d.params:
            L.append("- Parameters: " + ", ".join(f"{n}: {v}" for n, v in d.params))
        if d.package:
            L.append("- Package: linked with " + ", ".join(d.package))
        L.append("- Caveats: " + (", ".join(d.caveats_tabled) or "none") + " as tabled"
                 + (f"; added by amendment: {', '.join(d.caveats_added)}" if d.caveats_added else ""))
        if d.concessions:
            L.append("- Concessions: " + ", ".join(f"{n} ({k} political capital)" for n, k in d.concessions))
        for rd in d.rounds:
            L.append(f"- **Round {rd.round}** — text: {rd.text}"
                     + (f" (amended before it: {'; '.join(rd.amendments)})" if rd.amendments else ""))
            L.append(f"  - Supported: {', '.join(rd.supported) or '—'}")
            L.append("  - Objected: " + ("; ".join(f"{x.name} ({x.reason}" + (f"; {x.asked}" if x.asked else "") + ")"
                                                   for x in rd.objected) or "—"))
            L.append(f"  - Reserved (footnote, not blocking): {', '.join(rd.reserved) or '—'}")
            L.append(f"  - Silent (assent): {', '.join(rd.silent) or '—'}")
            if rd.partners:
                L.append(f"  - Partners and organisations: {'; '.join(rd.partners)}")
            if rd.host:
                L.append(f"  - Host consent: {rd.host}")
            for h in rd.red_lines:
                L.append(f"  - Private red line behind it: {h.name} — “{h.text}” (stated as {h.reason})")
            L.append(f"  - Silence result: {rd.result}"
                     + (f" (broken by {', '.join(rd.broken_by)})" if rd.broken_by else ""))
        if d.late_amendments:
            L.append("- Amended after the last round (never put to silence): " + "; ".join(d.late_amendments))
        L.append(f"- **Outcome:** {d.outcome_text}")
        if d.blockers and d.outcome != "adopted":
            L.append("- Blocked by: " + "; ".join(f"{n} — {w}" for n, w in d.blockers))
        L.append("")
    L += ["## Force generation", ""]
    if not r.ledger:
        L += ["No operation was adopted.", ""]
    for op in r.ledger:
        L += [f"### Operation {op.operation}: {op.title}", ""]
        L.append(f"Adopted in turn {op.adopted_turn} (proposal {op.decision})"
                 + (" by a coalition of the willing" if op.coalition else " by consensus")
                 + f"; status: {op.status}" + (f"; {op.mandate}" if op.mandate else "")
                 + f". Coverage: **{_pct(op.coverage)}**.")
        if op.caveats:
            L.append(f"Caveats reducing what pledges are worth: {', '.join(op.caveats)}.")
        L.append("")
        L += _md_table(("Resource", "Required", "Pledged", "Worth (after caveats, interoperability)", "Shortfall"),
                       ((x.resource, x.need, x.pledged, f"{x.value:g}", f"{x.shortfall:g}") for x in op.requirement))
        L.append("")
        if op.pledges:
            L += _md_table(("Delegation", "Resource", "Amount", "Worth"),
                           ((p.name, p.resource, p.amount, f"{p.value:g}") for p in op.pledges))
        else:
            L.append("No pledges.")
        L.append("")
        if op.pledged_nothing:
            L += [f"Pledged nothing: {', '.join(op.pledged_nothing)}.", ""]
        if op.results:
            L += ["Results: " + ", ".join(f"turn {t}: {x}" for t, x in op.results) + ".", ""]
    L += ["## Adjudications", ""]
    if not r.adjudications:
        L += ["None.", ""]
    for a in r.adjudications:
        L.append(f"- **Turn {a.turn} · operation {a.operation} ({a.title})**: roll {'+'.join(map(str, a.dice))} = "
                 f"{a.roll}; {_modline(a)}; difficulty {a.difficulty} → margin {a.margin:+g}: **{a.label}**"
                 + (f" ({a.table_row})" if a.table_row else ""))
        L.append(f"  - Deciding factor: {a.deciding}; {a.roll_alone}.")
        L.append(f"  - Effects: {'; '.join(a.effects) or 'none on the meters'}")
        if a.overridden:
            L.append(f"  - Overridden by the White Cell: {a.overridden}")
    L += ["", "## Meter history", ""]
    L += _md_table(["Meter", *(_turn_label(t) for t in r.turns), "Thresholds"],
                   ([m.label + (" (low is good)" if m.good == "low" else ""),
                     *(f"{v:g}" for _, v in m.points),
                     "; ".join(f"{t.label}: {t.direction} {t.at:g}" for t in m.thresholds) or "—"] for m in r.meters))
    L += ["", "## Scores", ""]
    if not r.scores_final:
        L += ["*Provisional: the game is not over.*", ""]
    L += _md_table(("Seat", "National", "Collective", "Total", "National objectives met"),
                   ((s.name, s.national, s.collective, s.total,
                     "; ".join(f"{t} ({p})" for t, p in s.met) or "—") for s in r.scores))
    L += ["", "Collective objectives (scored for every seat):", ""]
    L += [f"- [{'x' if c.met else ' '}] {c.text} ({c.points} pts)" for c in r.collective]
    L += ["", "## Facilitator overrides", ""]
    if r.overrides:
        L += _md_table(("Turn", "Override", "Rationale"), ((x.turn, x.what, x.rationale) for x in r.overrides))
    else:
        L.append("None: every result stood as adjudicated.")
    if r.interventions:
        L += ["", "Other facilitator interventions:", ""]
        L += [f"- Turn {x.turn}: {x.what}" for x in r.interventions]
    L += ["", "## How the tensions played out", ""]
    for t in r.tensions:
        L += [f"### {t.title}", ""] + [f"- {p}" for p in t.points] + [""]
    L += ["## What decided it", ""]
    L += [f"- {x}" for x in r.decided] or ["- Nothing was adjudicated or blocked."]
    L += ["", "## Lessons", ""]
    for les in r.lessons:
        L += [f"### {les.title}", "", les.text, ""]
    if not r.lessons:
        L += ["No lesson of this scenario applies to this game.", ""]
    L += ["## Improvement plan", "", "*For the facilitator to fill in at the debrief.*", ""]
    L += _md_table(PLAN_COLUMNS, r.plan)
    L += ["", f"**{EXERCISE}**", ""]
    return "\n".join(L)


# -- HTML -----------------------------------------------------------------------------------------
def esc(x: Any) -> str:
    return html.escape(str(x), quote=True)


_CSS = """
:root { --ink: #1b1f24; --muted: #5b6570; --rule: #c9d1d9; --bg: #fff; --accent: #1f4e79; --danger: #b3261e; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink);
       background: var(--bg); margin: 0 auto; max-width: 60rem; padding: 0 1.2rem 2rem; line-height: 1.45; }
.banner { background: #000; color: #fff; text-align: center; font-weight: 700; letter-spacing: .25em;
          padding: .3rem; margin: 0 -1.2rem 1rem; }
.banner.bottom { margin-top: 2rem; }
.handling { border: 2px solid var(--danger); padding: .4rem .7rem; font-weight: 600; }
h1 { font-size: 1.6rem; margin: .6rem 0; } h2 { border-bottom: 2px solid var(--accent); color: var(--accent);
     margin-top: 2rem; font-size: 1.25rem; } h3 { font-size: 1.05rem; margin-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid var(--rule); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.meta { color: var(--muted); }
.private { color: var(--danger); font-weight: 600; }
.roll { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
svg { max-width: 100%; height: auto; }
figure { margin: 0; } figcaption { font-size: .85rem; color: var(--muted); }
.plan td { height: 2.2rem; }
ul.timeline { padding-left: 1.2rem; }
.ok { color: #1e6b32; font-weight: 700; } .no { color: var(--danger); font-weight: 700; }
nav.toc { columns: 2; font-size: .9rem; }
@media print {
  @page { margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .banner { margin: 0 0 .6rem; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav.toc { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr, figure, .decision { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _h_table(head: Iterable[str], rows: Iterable[Iterable[Any]], cls: str = "", num: Iterable[int] = ()) -> str:
    num = set(num)
    out = [f'<table class="{cls}">' if cls else "<table>", "<thead><tr>"]
    out += [f"<th>{esc(h)}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(f'<td class="num">{esc(c)}</td>' if i in num else f"<td>{esc(c)}</td>"
                                    for i, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def svg_chart(m: MeterSeries, width: int = 420, height: int = 190) -> str:
    """A line chart of one meter per turn, with its thresholds marked (inline SVG, no script)."""
    left, right, top, bottom = 40, 14, 16, 30
    pw, ph = width - left - right, height - top - bottom
    turns = [t for t, _ in m.points]
    last = max(turns) if turns else 1
    span = (m.max - m.min) or 1.0

    def x(t):
        return left + pw * (t / last if last else 0)

    def y(v):
        return top + ph * (1 - (v - m.min) / span)

    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="{esc(m.label)} by turn">', f"<title>{esc(m.label)} by turn</title>"]
    for th in m.thresholds:  # shade the danger side, then the line
        yt = y(th.at)
        y0, y1 = (top, yt) if th.direction == "above" else (yt, top + ph)
        out.append(f'<rect x="{left}" y="{y0:.1f}" width="{pw}" height="{max(0.0, y1 - y0):.1f}" '
                   'fill="#b3261e" fill-opacity="0.07"/>')
        out.append(f'<line x1="{left}" y1="{yt:.1f}" x2="{left + pw}" y2="{yt:.1f}" stroke="#b3261e" '
                   'stroke-width="1.2" stroke-dasharray="5 3"/>')
        out.append(f'<text x="{left + pw - 2}" y="{yt - 3:.1f}" font-size="10" text-anchor="end" '
                   f'fill="#b3261e">{esc(th.label)} ({th.direction} {th.at:g})</text>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="#5b6570"/>')
    out.append(f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#5b6570"/>')
    for v in (m.min, (m.min + m.max) / 2, m.max):
        out.append(f'<text x="{left - 4}" y="{y(v) + 3:.1f}" font-size="10" text-anchor="end" '
                   f'fill="#5b6570">{v:g}</text>')
        out.append(f'<line x1="{left}" y1="{y(v):.1f}" x2="{left + pw}" y2="{y(v):.1f}" stroke="#c9d1d9" '
                   'stroke-width="0.5"/>')
    for t in turns:
        out.append(f'<text x="{x(t):.1f}" y="{top + ph + 14}" font-size="10" text-anchor="middle" '
                   f'fill="#5b6570">{esc(_turn_label(t))}</text>')
    pts = " ".join(f"{x(t):.1f},{y(v):.1f}" for t, v in m.points)
    out.append(f'<polyline points="{pts}" fill="none" stroke="#1f4e79" stroke-width="2"/>')
    for t, v in m.points:
        out.append(f'<circle cx="{x(t):.1f}" cy="{y(v):.1f}" r="3" fill="#1f4e79">'
                   f"<title>{esc(_turn_label(t))}: {v:g}</title></circle>")
        out.append(f'<text x="{x(t):.1f}" y="{y(v) - 6:.1f}" font-size="9" text-anchor="middle" '
                   f'fill="#1b1f24">{v:g}</text>')
    out.append("</svg>")
    return "".join(out)


_SECTIONS = (("situation", "Situation"), ("outcome", "Outcome"), ("timeline", "Timeline"),
             ("decisions", "Decisions"), ("force-generation", "Force generation"),
             ("adjudications", "Adjudications"), ("meters", "Meter history"), ("scores", "Scores"),
             ("overrides", "Facilitator overrides"), ("tensions", "How the tensions played out"),
             ("decided", "What decided it"), ("lessons", "Lessons"), ("plan", "Improvement plan"))


def to_html(r: Report) -> str:
    s = r.situation
    H: list[str] = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
                    '<meta name="viewport" content="width=device-width, initial-scale=1">',
                    f"<title>AAR — {esc(s.title)} — {esc(r.viewer_name)}</title>", f"<style>{_CSS}</style>",
                    "</head><body>", f'<div class="banner">{esc(EXERCISE)}</div>',
                    f"<h1>After-action review: {esc(s.title)}</h1>"]
    if r.full:
        H.append('<p class="handling">White Cell (facilitator) edition: contains every delegation\'s private '
                 "brief, red lines and intelligence. Do not hand to players.</p>")
    else:
        H.append(f'<p class="handling">Prepared for {esc(r.viewer_name)}: the public record, plus this '
                 "delegation's own brief, intelligence and score.</p>")
    H.append(f'<p class="meta">Scenario <code>{esc(s.scenario)}</code> · seed {s.seed} · {s.turns} turns '
             f"(about {s.minutes} minutes)</p>")
    H.append('<nav class="toc"><ol>' + "".join(f'<li><a href="#{i}">{esc(t)}</a></li>' for i, t in _SECTIONS)
             + "</ol></nav>")

    def section(sid: str, title: str) -> None:
        H.append(f'<section id="{sid}"><h2>{esc(title)}</h2>')

    section("situation", "Situation")
    H.append(f"<p><strong>{esc(s.summary.strip())}</strong></p>")
    H += [f"<p>{esc(p)}</p>" for p in s.text.split("\n\n")]
    H.append("<h3>Delegations</h3>")
    H.append(_h_table(("Seat", "Name", "Kind", "Played by"),
                      ((d.id, d.name, d.kind + (f" ({d.programme})" if d.programme else ""), d.played_by or "—")
                       for d in s.delegations)))
    private = [d for d in s.delegations if d.brief or d.red_lines or d.objectives]
    if private:
        H.append(f"<h3>{'Private briefs' if r.full else 'Your private brief'}</h3>")
        for d in private:
            H.append(f'<p><strong>{esc(d.name)}</strong> <span class="private">(private)</span>'
                     + (f": {esc(d.brief.strip())}" if d.brief else "") + "</p>")
            items = [f"<li>Red line: {esc(x)}</li>" for x in d.red_lines]
            items += [f"<li>Objective ({p} pts): {esc(t)}</li>" for t, p in d.objectives]
            if items:
                H.append("<ul>" + "".join(items) + "</ul>")
    H.append("</section>")

    section("outcome", "Outcome")
    o = r.outcome
    H.append(f"<p><strong>{esc(o.title)}</strong>"
             + (f" — verdict: {esc(o.verdict)}, turn {o.turn}." if o.over else " —")
             + f" {esc(o.text)}</p></section>")

    section("timeline", "Timeline")
    for tt in r.timeline:
        H.append(f"<h3>Turn {tt.turn}</h3><ul class=\"timeline\">")
        for it in tt.items:
            tag = f' <span class="private">(private to {esc(", ".join(it.private_to))})</span>' if it.private_to else ""
            H.append(f"<li>{esc(it.text)}{tag}</li>")
        H.append("</ul>")
    H.append("</section>")

    section("decisions", "Decisions")
    if not r.decisions:
        H.append("<p>No proposal was tabled.</p>")
    else:
        H.append(_h_table(("#", "Turn", "Proposal", "Outcome", "Rounds", "Blocked or held up by"),
                          ((d.number, d.turn, d.title, d.outcome, len(d.rounds), _blocked_cell(d))
                           for d in r.decisions),
                          num=(0, 1, 4)))
    for d in r.decisions:
        H.append(f'<div class="decision"><h3>Proposal {d.number}: {esc(d.title)} (turn {d.turn})</h3><ul>')
        H.append(f"<li>Basis: {esc(d.basis)}" + (f" · host: {esc(d.host)}" if d.host else "") + "</li>")
        if d.params:
            H.append("<li>Parameters: " + esc(", ".join(f"{n}: {v}" for n, v in d.params)) + "</li>")
        if d.package:
            H.append("<li>Package: linked with " + esc(", ".join(d.package)) + "</li>")
        H.append("<li>Caveats: " + esc(", ".join(d.caveats_tabled) or "none") + " as tabled"
                 + (f"; added by amendment: {esc(', '.join(d.caveats_added))}" if d.caveats_added else "") + "</li>")
        if d.concessions:
            H.append("<li>Concessions: " + esc(", ".join(f"{n} ({k} political capital)" for n, k in d.concessions))
                     + "</li>")
        H.append("</ul>")
        if d.rounds:
            rows = []
            for rd in d.rounds:
                obj = "; ".join(f"{x.name} ({x.reason}" + (f"; {x.asked}" if x.asked else "") + ")"
                                for x in rd.objected)
                extra = list(rd.partners) + ([f"Host: {rd.host}"] if rd.host else [])
                extra += [f"Private red line: {h.name} — “{h.text}” (stated as {h.reason})" for h in rd.red_lines]
                rows.append((rd.round, rd.text + (f" (amended: {'; '.join(rd.amendments)})" if rd.amendments else ""),
                             ", ".join(rd.supported) or "—", obj or "—", ", ".join(rd.reserved) or "—",
                             ", ".join(rd.silent) or "—", "; ".join(extra) or "—",
                             rd.result + (f" (broken by {', '.join(rd.broken_by)})" if rd.broken_by else "")))
            H.append(_h_table(("Round", "Text", "Supported", "Objected (reason)", "Reserved", "Silent",
                               "Partners, host, red lines", "Silence result"), rows, num=(0,)))
        if d.late_amendments:
            H.append("<p>Amended after the last round (never put to silence): "
                     + esc("; ".join(d.late_amendments)) + "</p>")
        H.append(f"<p><strong>Outcome:</strong> {esc(d.outcome_text)}</p>")
        if d.blockers and d.outcome != "adopted":
            H.append("<p>Blocked by: " + esc("; ".join(f"{n} — {w}" for n, w in d.blockers)) + "</p>")
        H.append("</div>")
    H.append("</section>")

    section("force-generation", "Force generation")
    if not r.ledger:
        H.append("<p>No operation was adopted.</p>")
    for op in r.ledger:
        H.append(f"<h3>Operation {op.operation}: {esc(op.title)}</h3>")
        H.append(f"<p>Adopted in turn {op.adopted_turn} (proposal {op.decision})"
                 + (" by a coalition of the willing" if op.coalition else " by consensus")
                 + f"; status: {esc(op.status)}" + (f"; {esc(op.mandate)}" if op.mandate else "")
                 + f". Coverage: <strong>{_pct(op.coverage)}</strong>."
                 + (f" Caveats reducing what pledges are worth: {esc(', '.join(op.caveats))}." if op.caveats else "")
                 + "</p>")
        H.append(_h_table(("Resource", "Required", "Pledged", "Worth (after caveats, interoperability)", "Shortfall"),
                          ((x.resource, x.need, x.pledged, f"{x.value:g}", f"{x.shortfall:g}") for x in op.requirement),
                          num=(1, 2, 3, 4)))
        if op.pledges:
            H.append(_h_table(("Delegation", "Resource", "Amount", "Worth"),
                              ((p.name, p.resource, p.amount, f"{p.value:g}") for p in op.pledges), num=(2, 3)))
        else:
            H.append("<p>No pledges.</p>")
        if op.pledged_nothing:
            H.append(f"<p>Pledged nothing: {esc(', '.join(op.pledged_nothing))}.</p>")
        if op.results:
            H.append("<p>Results: " + esc(", ".join(f"turn {t}: {x}" for t, x in op.results)) + ".</p>")
    H.append("</section>")

    section("adjudications", "Adjudications")
    if not r.adjudications:
        H.append("<p>None.</p>")
    else:
        H.append(_h_table(("Turn", "Operation", "Roll", "Modifiers", "Difficulty", "Margin", "Result",
                           "Deciding factor", "Effects"),
                          ((a.turn, f"{a.operation}: {a.title}", f"{'+'.join(map(str, a.dice))} = {a.roll}",
                            _modline(a), a.difficulty, f"{a.margin:+g}",
                            a.label + (f" ({a.table_row})" if a.table_row else "")
                            + (f" → overridden: {a.overridden}" if a.overridden else ""),
                            f"{a.deciding}; {a.roll_alone}", "; ".join(a.effects) or "—")
                           for a in r.adjudications), num=(0, 4, 5)))
    H.append("</section>")

    section("meters", "Meter history")
    H.append('<div class="charts">')
    for m in r.meters:
        cap = m.label + (" — low is good" if m.good == "low" else "") + (f". {m.text}" if m.text else "")
        H.append(f"<figure>{svg_chart(m)}<figcaption>{esc(cap)}</figcaption></figure>")
    H.append("</div>")
    H.append(_h_table(["Meter", *(_turn_label(t) for t in r.turns)],
                      ([m.label, *(f"{v:g}" for _, v in m.points)] for m in r.meters),
                      num=range(1, len(r.turns) + 1)))
    H.append("</section>")

    section("scores", "Scores")
    if not r.scores_final:
        H.append("<p><em>Provisional: the game is not over.</em></p>")
    H.append(_h_table(("Seat", "National", "Collective", "Total", "National objectives met", "Missed"),
                      ((x.name, x.national, x.collective, x.total,
                        "; ".join(f"{t} ({p})" for t, p in x.met) or "—",
                        "; ".join(f"{t} ({p})" for t, p in x.missed) or "—") for x in r.scores), num=(1, 2, 3)))
    H.append("<p>Collective objectives (scored for every seat):</p><ul>")
    H += [f'<li><span class="{"ok" if c.met else "no"}">{"met" if c.met else "not met"}</span> '
          f"{esc(c.text)} ({c.points} pts)</li>" for c in r.collective]
    H.append("</ul></section>")

    section("overrides", "Facilitator overrides")
    if r.overrides:
        H.append(_h_table(("Turn", "Override", "Rationale"), ((x.turn, x.what, x.rationale) for x in r.overrides),
                          num=(0,)))
    else:
        H.append("<p>None: every result stood as adjudicated.</p>")
    if r.interventions:
        H.append("<p>Other facilitator interventions:</p><ul>"
                 + "".join(f"<li>Turn {x.turn}: {esc(x.what)}</li>" for x in r.interventions) + "</ul>")
    H.append("</section>")

    section("tensions", "How the tensions played out")
    for t in r.tensions:
        H.append(f"<h3>{esc(t.title)}</h3><ul>" + "".join(f"<li>{esc(p)}</li>" for p in t.points) + "</ul>")
    H.append("</section>")

    section("decided", "What decided it")
    H.append("<ul>" + ("".join(f"<li>{esc(x)}</li>" for x in r.decided)
                       or "<li>Nothing was adjudicated or blocked.</li>") + "</ul></section>")

    section("lessons", "Lessons")
    for les in r.lessons:
        H.append(f"<h3>{esc(les.title)}</h3><p>{esc(les.text)}</p>")
    if not r.lessons:
        H.append("<p>No lesson of this scenario applies to this game.</p>")
    H.append("</section>")

    section("plan", "Improvement plan")
    H.append("<p><em>For the facilitator to fill in at the debrief.</em></p>")
    H.append(_h_table(PLAN_COLUMNS, r.plan, cls="plan"))
    H.append("</section>")
    H.append(f'<div class="banner bottom">{esc(EXERCISE)}</div></body></html>')
    return "\n".join(H) + "\n"
