"""The scenario: an immutable, checked description of one crisis, as an author wrote it.

Every class here is plain frozen data. The loader (game/loading) builds them from YAML and checks
every reference and expression before the engine sees them, so nothing here can fail mid-game.
Field docs (metadata "doc") feed docs/reference.md and the JSON Schema.
"""
from __future__ import annotations

from typing import Any, Literal

import attrs

from game.core.model.types import (
    ActorRef, BasisRef, CaveatRef, Condition, Effect, InjectRef, OptionRef, ProposalCondition, ReasonRef,
    Requirement, ResourceRef, ResultRef, StakeRef,
)


def doc(text: str, default: Any = attrs.NOTHING, factory=None, **meta) -> Any:
    meta["doc"] = text
    if factory is not None:
        return attrs.field(factory=factory, metadata=meta)
    return attrs.field(default=default, metadata=meta)


def node_field():
    return attrs.field(default=None, init=False, eq=False, repr=False)


ActorKind = Literal["member", "partner", "organisation", "host_nation", "adversary", "chair"]
Programme = Literal["none", "pfp", "mediterranean_dialogue", "istanbul_cooperation_initiative",
                    "partners_across_the_globe"]

CONSENSUS_KINDS = ("member",)


def _unique_ids(items, field: str, report) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            report(field, f"duplicate id '{item.id}' in {field}", index=i)
        seen.add(item.id)


@attrs.frozen(kw_only=True)
class Threshold:
    __label__ = "threshold"
    at: float = doc("the meter value where the threshold lies")
    label: str = doc("what crossing it means, shown beside the meter")
    direction: Literal["above", "below"] = doc("whether the danger is above or below `at`", "above")


@attrs.frozen(kw_only=True)
class Meter:
    __label__ = "meter"
    label: str = doc("the name players see")
    start: float = doc("value at the start of the game")
    min: float = doc("lowest value", 0)
    max: float = doc("highest value", 100)
    good: Literal["high", "low"] = doc("whether a high value is good for the Alliance", "high")
    thresholds: tuple[Threshold, ...] = doc("marked values, shown to players", ())
    text: str = doc("what the meter measures", "")
    _node: Any = node_field()

    def __check__(self, report) -> None:
        if self.min >= self.max:
            report("max", f"max ({self.max}) must be greater than min ({self.min})")
        elif not self.min <= self.start <= self.max:
            report("start", f"start {self.start} is outside the meter's range {self.min}..{self.max}")
        for t in self.thresholds:
            if not self.min <= t.at <= self.max:
                report("thresholds", f"threshold {t.at} is outside the meter's range {self.min}..{self.max}")


@attrs.frozen(kw_only=True)
class Declared:
    """A named thing the scenario adds to the rules' vocabulary (a resource or a stake)."""

    __label__ = "declaration"
    label: str = doc("the name players see")
    text: str = doc("a sentence on what it is", "")
    reason: ReasonRef | None = doc(
        "(stakes) the objection reason a delegation gives when this stake weighs against it", None)


@attrs.frozen(kw_only=True)
class RedLine:
    __label__ = "red line"
    text: str = doc("the red line in the delegation's own words (private)")
    when: ProposalCondition = doc("the proposal crosses the red line when this holds")
    reason: ReasonRef = doc("the objection reason given in public when it is crossed")


@attrs.frozen(kw_only=True)
class Positions:
    __label__ = "positions"
    insists_on_mandate: bool = doc("objects to operations without a UN Security Council mandate", False)
    guards_intelligence: bool = doc("shares intelligence reluctantly; loses trust when pressed", False)
    unsc_permanent: bool = doc("a permanent member of the UN Security Council: its 'no' is a veto (UN "
                               "Charter Art. 27(3))", False)
    unsc_elected: bool = doc("an elected member of the UN Security Council this year", False)


@attrs.frozen(kw_only=True)
class BotProfile:
    """How a computer player leans; each number is 0 (not at all) to 1 (strongly)."""

    __label__ = "computer-player profile"
    cost_sensitivity: float = doc("how much the cost of a proposal weighs", 0.5, min=0, max=1)
    flexibility: float = doc("how much it lets pass before it objects, and how readily an amendment satisfies it",
                             0.5, min=0, max=1)
    generosity: float = doc("how much of what it has it pledges", 0.5, min=0, max=1)
    intel_sharing: float = doc("how readily it shares intelligence", 0.5, min=0, max=1)
    holdout: float = doc("how often it holds out for an amendment it does not need", 0.1, min=0, max=1)
    domestic_pressure: float = doc("how much its public opinion constrains it", 0.3, min=0, max=1)
    variance: float = doc("how much it varies from game to game", 0.3, min=0, max=1)


@attrs.frozen(kw_only=True)
class Objective:
    __label__ = "objective"
    id: str = doc("a short id", id=True)
    text: str = doc("the objective as players read it")
    when: Condition = doc("met when this holds at the end of the game")
    points: int = doc("points scored when met", 1, min=-100, max=100)
    _node: Any = node_field()


@attrs.frozen(kw_only=True)
class Concern:
    """What a partner puts before the Council when it requests consultations (public: every seat
    reads it once it is raised)."""

    __label__ = "concern"
    text: str = doc("the concern in the partner's words, read out to the Council")
    options: dict[OptionRef, float] = doc(
        "the courses of action it touches: option id -> -3 (the partner fears it) to 3 (it asks for it); once "
        "consultations are held the chair and members weigh these", factory=dict, values={"min": -3, "max": 3})


@attrs.frozen(kw_only=True)
class Actor:
    __label__ = "actor"
    name: str = doc("the full name, e.g. 'Estonia'")
    kind: ActorKind = doc("member, partner, organisation, host_nation, adversary or chair")
    programme: Programme = doc("a partner's partnership framework", "none")
    concern: Concern | None = doc("a partner's security concern, put before the Council when it requests "
                                  "consultations", None)
    playable: bool = doc("whether a player (human or computer) holds this seat", True)
    resources: dict[ResourceRef, int] = doc("what it can commit: resource id -> amount", factory=dict)
    capital: int = doc("political capital to spend on objections and MOUs", 5,
                       min=0, max=100)
    trust: int = doc("trust in the Alliance, 0-100", 60, min=0, max=100)
    interoperability: float = doc("how well its contributions work with the Alliance's, 0-1", 0.7,
                                  min=0, max=1)
    interests: dict[StakeRef, float] = doc(
        "stake id -> weight from -3 (strongly against) to 3 (strongly for)", factory=dict, values={"min": -3, "max": 3})
    red_lines: tuple[RedLine, ...] = doc("proposals it will block whatever it is offered", ())
    sovereignty: int = doc("how sensitive it is about its sovereignty, 0-3", 1, min=0, max=3)
    caveats: tuple[CaveatRef, ...] = doc("national caveats on every pledge it makes", ())
    positions: Positions = doc("national positions", factory=Positions)
    bot: BotProfile = doc("how the computer plays this seat", factory=BotProfile)
    brief: str = doc("the private national brief (only this seat and the facilitator see it)", "")
    objectives: tuple[Objective, ...] = doc("national objectives, scored at the end", ())
    profile: str | None = doc("a profile from an included library this actor builds on", None)
    consent: Literal["required", "not_required"] = doc(
        "a non-member host's consent to operations on its territory: 'required' (always, whatever the legal "
        "basis) or 'not_required' (only where no government can give it: say why in consent_reason)", "required")
    consent_reason: str = doc("why this host's consent is not required (e.g. no functioning government)", "")
    _node: Any = node_field()

    def __check__(self, report) -> None:
        _unique_ids(self.objectives, "objectives", report)
        if self.consent == "not_required":
            if self.kind == "member":
                report("consent", "an Ally's own territory needs no host-nation consent: 'consent' is for "
                                  "non-members")
            elif not self.consent_reason.strip():
                report("consent", "a host whose consent is not required needs a consent_reason (e.g. no "
                                  "functioning government)")

    @property
    def is_member(self) -> bool:
        return self.kind == "member"

    @property
    def decides(self) -> bool:
        return self.kind in CONSENSUS_KINDS


@attrs.frozen(kw_only=True)
class PrivateText:
    __label__ = "private text"
    to: tuple[ActorRef, ...] = doc("the delegations it is released to")
    text: str = doc("the intelligence or message")
    releasability: str = doc("the releasability marking shown with it", "NATO RESTRICTED")
    release: tuple[str, ...] | None = doc(
        "who its holders may release it to by sharing: 'nato' (every member) and/or partner ids; [] keeps it "
        "national. Unless given, read from the marking: 'EYES ONLY' is national, '// REL A, B' releases to those "
        "ids, a NATO marking to every member", None)
    bears_on: dict[OptionRef, float] = doc(
        "how the item bears on courses of action: option id -> -3 (it argues against) to 3 (for); a computer "
        "delegation holding it (as a first recipient or by a share) weighs it", factory=dict,
        values={"min": -3, "max": 3})
    _node: Any = node_field()


def release_tags(pt: PrivateText) -> tuple[str, ...]:
    """A private text's releasability as tags: 'nato' and/or actor ids (empty: national)."""
    if pt.release is not None:
        return tuple(pt.release)
    marking = pt.releasability.upper()
    if "EYES ONLY" in marking:
        return ()
    if "// REL" in marking:
        rest = pt.releasability[marking.index("// REL") + len("// REL"):]
        return tuple(x.strip() for x in rest.split(",") if x.strip())
    return ("nato",) if "NATO" in marking else ()


@attrs.frozen(kw_only=True)
class ArmedAttack:
    __label__ = "armed attack"
    target: ActorRef = doc("the actor whose territory is attacked (an Ally: Article 5 may be invoked; a partner: "
                       "it may request assistance)")
    by: ActorRef | None = doc("the attacker (an adversary of the scenario)", None)


@attrs.frozen(kw_only=True)
class After:
    """Another inject this one follows, and how many turns later (written `after: ID` for the next turn)."""

    __label__ = "after"
    __shorthand__ = "inject"  # `after: cuts` is `after: {inject: cuts}`
    inject: InjectRef = doc("the inject this one follows")
    delay: int = doc("turns to wait after the turn that inject fired in (0: the same turn's inject step, "
                     "right after it)", 1, min=0, max=50)


@attrs.frozen(kw_only=True)
class Inject:
    __label__ = "inject"
    title: str = doc("a headline")
    text: str = doc("the public text everyone sees")
    turn: int | None = doc("fire at the start of this turn (with `when` or `after`: from this turn on)", None,
                           min=1, max=1000)
    when: Condition | None = doc("fire at the start of the first turn when this holds", None)
    after: After | None = doc("fire once another inject has fired, `delay` turns later (1 unless given); "
                              "with `when` or `turn`, once all of them hold", None)
    private: tuple[PrivateText, ...] = doc("texts released only to named delegations", ())
    effects: tuple[Effect, ...] = doc("what it changes when it fires", ())
    armed_attack: ArmedAttack | None = doc("an armed attack this inject reports, shown to every seat", None)
    _node: Any = node_field()

    def __check__(self, report) -> None:
        if self.turn is None and self.when is None and self.after is None:
            report(None, "an inject needs a trigger: give 'turn', 'when' or 'after'")

    def due(self, turn: int, fired_on: int | None, env_holds) -> bool:
        """Whether it fires at the inject step of `turn`: `fired_on` is the turn the inject it
        follows fired in (None: not yet), `env_holds` asks its `when`. With `turn` alone, on that
        turn only; otherwise from `turn` on (if given), once every trigger it gives holds."""
        if self.when is None and self.after is None:
            return self.turn == turn
        if self.turn is not None and turn < self.turn:
            return False
        if self.after is not None and (fired_on is None or turn < fired_on + self.after.delay):
            return False
        return self.when is None or env_holds(self.when)

    @property
    def trigger_text(self) -> str:
        """The trigger in words, e.g. 'turn 2', '1 turn after cuts and when severity >= 60'."""
        parts = []
        if self.turn is not None:
            parts.append(f"turn {self.turn}" if self.when is None and self.after is None else f"from turn {self.turn}")
        if self.after is not None:
            d = self.after.delay
            parts.append(f"right after {self.after.inject}" if d == 0 else
                         f"{d} turn{'s' if d != 1 else ''} after {self.after.inject}")
        if self.when is not None:
            parts.append(f"when {self.when.text}")
        return " and ".join(parts)


@attrs.frozen(kw_only=True)
class ParamValue:
    __label__ = "parameter value"
    label: str = doc("the name players see")
    stakes: dict[StakeRef, float] = doc("added to the option's stakes", factory=dict)
    requires: Requirement = doc("added to the option's requirement (its `all_of` resources too)",
                                factory=Requirement)
    difficulty: int = doc("added to the option's difficulty", 0, min=-20, max=20)


@attrs.frozen(kw_only=True)
class Parameter:
    __label__ = "parameter"
    label: str = doc("the name players see")
    values: dict[str, ParamValue] = doc("value id -> value", ids=True)
    default: str = doc("the value used unless the chair picks another")

    def __check__(self, report) -> None:
        if self.default not in self.values:
            report("default", f"default '{self.default}' is not one of the values: {', '.join(self.values)}")


@attrs.frozen(kw_only=True)
class Builds:
    """What a capacity-building (defence-capacity-building) package builds for a partner, once it is
    adopted and its requirements are pledged in full (issue 17, item 3)."""

    __label__ = "capacity building"
    partner: ActorRef = doc("the partner (or non-member host) whose capacity it builds")
    interoperability: float = doc("added to the partner's interoperability (0-1) in later turns, as its "
                                  "programme allows", 0, min=0, max=1)
    resilience: float = doc("added to the partner's resilience in later turns, as its programme allows "
                            "(`resilience(ACTOR)` in conditions)", 0, min=0, max=10)
    _node: Any = node_field()


@attrs.frozen(kw_only=True)
class Option:
    __label__ = "option"
    title: str = doc("a short name for the course of action")
    text: str = doc("what it means, as the chair would table it")
    legal_bases: tuple[BasisRef, ...] = doc("legal bases it may rest on (any one suffices)")
    stakes: dict[StakeRef, float] = doc("how much it engages each stake, 0-5", factory=dict)
    requires: Requirement = doc(
        "what it needs committed to succeed: resource id -> amount, each met by that resource alone (the share met "
        "is the lowest of theirs); resources under `all_of` are indispensable: the Council accepts no shortfall in "
        "them", factory=Requirement)
    hosts: tuple[ActorRef, ...] = doc("the territories it may act on (the chair picks one)", ())
    invites: tuple[ActorRef, ...] = doc("partners its text invites to contribute (besides the host nation it names); "
                                        "others contribute only when the chair invites them", ())
    caveats: tuple[CaveatRef, ...] = doc("amendments that may be attached to it", ())
    parameters: dict[str, Parameter] = doc("choices the chair makes when tabling", factory=dict, ids=True)
    difficulty: int = doc("how hard it is to carry out, against a 2d6-style roll", 7, min=0, max=30)
    duration: int = doc("turns it runs once adopted (adjudicated each turn)", 1, min=1, max=20)
    available: Condition | None = doc("it may be tabled only while this holds", None)
    coalition: bool = doc("a coalition of the willing may carry it out if consensus fails", True)
    repeatable: bool = doc("it may be adopted more than once", False)
    costs: tuple[Effect, ...] = doc("applied when it is adopted", ())
    outcomes: dict[ResultRef, tuple[Effect, ...]] = doc("adjudication result -> effects", factory=dict)
    builds: Builds | None = doc("a capacity-building package: what it builds for a partner once adopted and "
                                "funded", None)
    _node: Any = node_field()


@attrs.frozen(kw_only=True)
class EndCondition:
    __label__ = "end condition"
    title: str = doc("a headline for the outcome")
    text: str = doc("what it means, shown at the end")
    when: Condition = doc("the game ends when this holds (checked at each assessment)")
    verdict: Literal["success", "failure", "mixed"] = doc("how the Alliance fared", "mixed")
    final: bool = doc("checked only when the last turn is over: how things stand when time runs out", False)


@attrs.frozen(kw_only=True)
class Lesson:
    __label__ = "lesson"
    title: str = doc("a headline")
    text: str = doc("the teaching point for the after-action review")
    when: Condition | None = doc("shown only when this holds at the end", None)


@attrs.frozen(kw_only=True)
class Length:
    __label__ = "length"
    turns: int = doc("the turn limit: the game ends after this turn", min=1, max=50)
    minutes: int = doc("expected minutes of solo play", 30, min=1, max=600)
    choices: dict[str, int] = doc("other lengths players may choose: label -> turns, e.g. {short: 3, long: 8}",
                                  factory=dict, values={"min": 1, "max": 50})


Vote = Literal["in_favour", "against", "abstain"]  # not yes/no: YAML 1.1 reads those as true/false


@attrs.frozen(kw_only=True)
class CouncilMember:
    """A permanent member of the Security Council not seated at the table: how it votes."""

    __label__ = "council member"
    name: str = doc("its name, e.g. 'China'")
    vote: Vote = doc("how it votes on a resolution authorising an Alliance operation: in_favour, against "
                     "(a veto) or abstain", "abstain")
    reason: str = doc("why, as delegations read it", "")
    votes: dict[OptionRef, Vote] = doc("its vote on resolutions for particular options", factory=dict)
    against_when: Condition | None = doc("it votes against (a veto) while this holds: a live risk", None)
    against_reason: str = doc("why it votes against when against_when holds", "")


@attrs.frozen(kw_only=True)
class ElectedMembers:
    """The ten elected members of the Security Council not seated at the table, as a group."""

    __label__ = "elected members"
    in_favour: int = doc("how many vote in favour", 0, min=0, max=10)
    against: int = doc("how many vote against", 0, min=0, max=10)
    abstain: int = doc("how many abstain", 0, min=0, max=10)
    reason: str = doc("how they lean, as delegations read it", "")


@attrs.frozen(kw_only=True)
class StandingMandate:
    """A Security Council resolution in force from the start (a mandate of years before)."""

    __label__ = "standing mandate"
    resolution: str = doc("its name, e.g. 'UNSCR 2900 (fictional)'")
    covers: tuple[OptionRef, ...] = doc("the options a text may rest on it for")
    text: str = doc("what it authorises", "")


@attrs.frozen(kw_only=True)
class SecurityCouncil:
    __label__ = "security council"
    text: str = doc("how the Council stands in this crisis", "")
    permanent: dict[str, CouncilMember] = doc(
        "the permanent members not seated at the table (seated ones have positions.unsc_permanent)", factory=dict,
        ids=True)
    elected: ElectedMembers = doc("the elected members not seated at the table", factory=ElectedMembers)
    standing_mandate: StandingMandate | None = doc("a resolution in force from turn 1", None)


@attrs.frozen(kw_only=True)
class Scenario:
    __label__ = "scenario"
    format_version: int = doc("the format version: 1")
    id: str = doc("a short id for the scenario", id=True)
    title: str = doc("the title players see")
    summary: str = doc("one or two sentences for the scenario list")
    situation: str = doc("the public situation at the start")
    length: Length = doc("turn limit and expected playing time")
    meters: dict[str, Meter] = doc("meter id -> meter", ids=True)
    actors: dict[str, Actor] = doc("actor id -> actor (delegations, organisations, adversaries)", ids=True)
    options: dict[str, Option] = doc("option id -> course of action the chair may table", ids=True)
    injects: dict[str, Inject] = doc("inject id -> inject", factory=dict, ids=True)
    end_conditions: dict[str, EndCondition] = doc("end condition id -> end condition", factory=dict, ids=True)
    objectives: tuple[Objective, ...] = doc("collective objectives, scored for every seat", ())
    lessons: tuple[Lesson, ...] = doc("teaching points for the after-action review", ())
    resources: dict[str, Declared] = doc("resources this scenario adds to the rules' list", factory=dict, ids=True)
    stakes: dict[str, Declared] = doc("stakes this scenario adds to the rules' list", factory=dict, ids=True)
    each_turn: tuple[Effect, ...] = doc("effects at every assessment (the crisis developing)", ())
    inaction: tuple[Effect, ...] = doc("effects at an assessment when nothing was adopted that turn", ())
    security_council: SecurityCouncil = doc("the UN Security Council in this crisis", factory=SecurityCouncil)
    rules: str = doc("the rules file in rules/ this scenario plays by", "default")
    tune_rules: Any = doc("values that override the rules file (same keys, deep-merged)", None)
    include: tuple[str, ...] = doc("library files (relative paths) whose profiles actors may use", ())
    kind: Literal["scenario"] = doc("'scenario' (the default) or 'library'", "scenario")
    _node: Any = node_field()

    def __check__(self, report) -> None:
        if self.format_version != 1:
            report("format_version", f"format_version {self.format_version} is not supported; this "
                                     "version of Consensus reads format_version 1")
        chairs = [a for a, x in self.actors.items() if x.kind == "chair"]
        if len(chairs) != 1:
            report("actors", f"a scenario needs exactly one actor of kind 'chair' (found {len(chairs)})")
        if not any(x.kind == "member" for x in self.actors.values()):
            report("actors", "a scenario needs at least one member")
        _unique_ids(self.objectives, "objectives", report)
        if "all_of" in self.resources:
            report("resources", "'all_of' is a word of `requires` (resources each needed): give the resource "
                                "another id")

    @property
    def chair(self) -> str:
        return next(a for a, x in self.actors.items() if x.kind == "chair")

    @property
    def members(self) -> tuple[str, ...]:
        return tuple(a for a, x in self.actors.items() if x.kind == "member")
