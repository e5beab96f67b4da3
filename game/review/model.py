"""The after-action review as plain data: what build() makes of a game for one viewer, and what
the Markdown and HTML editions render."""
from __future__ import annotations

import attrs



PLAN_COLUMNS = ("Objective", "Observation", "Improvement", "Owner", "Due date")
EXERCISE = "EXERCISE · EXERCISE · EXERCISE"

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
    overrides: tuple[str, ...] = ()  # national caveats the Council overrode, and who then walked out


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
    why: tuple[tuple[str, float], ...] = ()  # each contribution to the national score, in words

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
    room: object = None  # game.review.room.RoomReport: a seminar's room, clock times and RFIs (None: not built)
