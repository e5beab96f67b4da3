"""The procedure as data: what rules/*.yaml may say. The engine reads numbers from here."""
from __future__ import annotations

from typing import Literal

import attrs

from game.core.model.types import BasisRef, Effect, StakeRef
from game.core.model.scenario import Declared, doc


@attrs.frozen(kw_only=True)
class Band:
    __label__ = "band"
    at_least: float = doc("the band applies from this value upwards")
    modifier: int = doc("added to the roll", min=-20, max=20)


@attrs.frozen(kw_only=True)
class ResultBand:
    __label__ = "result band"
    result: str = doc("the result's id, e.g. success", id=True)
    label: str = doc("the name players see")
    at_least: float = doc("reached when roll + modifiers - difficulty is at least this")


@attrs.frozen(kw_only=True)
class Roll:
    __label__ = "roll"
    dice: int = doc("how many dice", 2, min=1, max=10)
    sides: int = doc("sides per die", 6, min=2, max=100)


@attrs.frozen(kw_only=True)
class Adjudication:
    __label__ = "adjudication"
    roll: Roll = doc("the dice thrown for each adopted operation", factory=Roll)
    results: tuple[ResultBand, ...] = doc("result bands, highest first; the last is the floor")
    commitment: tuple[Band, ...] = doc("modifier by share of the requirement met (0-1+)")
    interoperability: tuple[Band, ...] = doc("modifier by the contributors' weighted interoperability")
    legitimacy: tuple[Band, ...] = doc("modifier by the legitimacy meter")
    intelligence: tuple[Band, ...] = doc("modifier by intelligence shared this turn (count of shares)")
    trust: tuple[Band, ...] = doc("modifier by the host's (or partners') trust in the Alliance")
    success_results: tuple[str, ...] = doc("results that count as success", ("decisive", "success"))

    def __check__(self, report) -> None:
        if not self.results:
            report("results", "at least one result band is needed")


@attrs.frozen(kw_only=True)
class LegalBasis:
    __label__ = "legal basis"
    label: str = doc("the name players see")
    needs: Literal["host_consent", "security_council", "collective_defence", "none"] = doc(
        "what makes the basis valid: the host's consent (a partner's request for assistance is one), a Security "
        "Council resolution in force, Article 5 invoked after an armed attack on an Ally, or nothing more")
    legitimacy: int = doc("added to the legitimacy meter when an operation rests on it", 0,
                          min=-50, max=50)
    text: str = doc("a sentence for players", "")


@attrs.frozen(kw_only=True)
class CaveatDef:
    __label__ = "caveat"
    label: str = doc("the name players see")
    text: str = doc("what the caveat says")
    stakes: dict[StakeRef, float] = doc("added to the proposal's stakes", factory=dict)
    pledge_factor: float = doc("a pledge under this caveat counts this much", 1.0, min=0, max=1)
    difficulty: int = doc("added to the operation's difficulty", 0, min=-20, max=20)
    redundant_with: tuple[BasisRef, ...] = doc("legal bases that already give what the caveat asks for "
                                                "(it is not offered on a text resting on one)", ())
    needs_resolution: bool = doc("the operation deploys only once a Security Council resolution authorising it "
                                 "is in force (until then it waits, its pledges kept)", False)


@attrs.frozen(kw_only=True)
class ReasonDef:
    __label__ = "objection reason"
    label: str = doc("the name players see")
    text: str = doc("what objecting for this reason means")


@attrs.frozen(kw_only=True)
class Costs:
    __label__ = "costs"
    objection: int = doc("political capital a written objection costs", 1, min=0, max=20)
    mou: int = doc("political capital an MOU costs the member offering it", 2, min=0, max=20)


@attrs.frozen(kw_only=True)
class Scoring:
    """What a seat's national score counts besides its objectives: its red lines kept or crossed, its
    interests served by what was adopted, and what it spent (core/scoring.py)."""

    __label__ = "scoring"
    red_line_kept: float = doc("national points for each of a seat's red lines that no adopted text crossed",
                               1.0, min=-20, max=20)
    red_line_crossed: float = doc("national points for each text adopted by consensus that crossed one of the "
                                  "seat's red lines (negative: a loss)", -4.0, min=-50, max=50)
    interests: float = doc("national points per point of the seat's interests served by each adopted text "
                           "(interest weight x the text's stake; negative when it works against them)",
                           1.0, min=-10, max=10)
    capital: float = doc("national points per point of political capital gained (spent counts the same, "
                         "negative)", 0.25, min=-10, max=10)
    reserved: float = doc("the share of an adopted text's cost to the seat's interests that counts when the "
                          "seat's reservation was on the record in the round it was adopted: it said at home "
                          "and abroad that it does not associate itself with the text", 0.75, min=0, max=1)
    objections: float = doc("national points for each round the seat broke silence (a member's objection, a "
                            "partner's concern, a host's refusal of consent): the standing it costs abroad; none "
                            "when it defended its red lines or the Security Council mandate it insists on",
                            -0.25, min=-10, max=10)
    resources: float = doc("national points per unit of resources the seat spent (pledged); negative: a cost",
                           -0.25, min=-10, max=10)
    blocked: float = doc("national points for each text that failed or was withdrawn with the seat among those "
                         "who broke silence on it, when none of the seat's red lines (nor a Security Council "
                         "mandate it insists on) was at stake: a veto spent on interests, the isolation it "
                         "costs abroad, shared among the text's blockers (negative: a loss)", -1.5, min=-20, max=20)


@attrs.frozen(kw_only=True)
class Procedure:
    __label__ = "procedure"
    negotiation_rounds: int = doc("silence-procedure rounds before a proposal fails", 3, min=1, max=10)
    amendments_per_round: int = doc("changes the chair may make before recirculating", 3, min=1, max=10)
    proposals_per_turn: int = doc("proposals the chair may table in one turn", 2, min=1, max=10)
    resolution_votes: int = doc("votes of the fifteen a Security Council resolution needs (UN Charter Art. "
                                "27(3)), with no permanent member voting no", 9, min=1, max=15)


Offer = Literal["mou", "capacity_building", "operation", "contribution", "consultations"]


@attrs.frozen(kw_only=True)
class ProgrammeDef:
    """What a partnership programme opens to its partners (issue 17, item 3)."""

    __label__ = "partnership programme"
    label: str = doc("the name players see, e.g. 'Partnership for Peace'")
    format: str = doc("how the Council meets the partner, e.g. 'NATO+1' or '32+N'", "NATO+1")
    offers: tuple[Offer, ...] = doc(
        "what a partner of this programme can be offered or do: mou (a bilateral MOU), capacity_building (an "
        "option that `builds` for it), operation (an option acting on its territory), contribution (pledging "
        "to an operation), consultations (requesting consultations)", ())
    builds: float = doc("how much of a capacity-building package's numbers the programme lets through (0-1)", 1.0,
                        min=0, max=1)
    text: str = doc("a sentence for players", "")


@attrs.frozen(kw_only=True)
class Rules:
    __label__ = "rules"
    format_version: int = doc("the format version: 1")
    kind: Literal["rules"] = doc("always 'rules'")
    id: str = doc("a short id", id=True)
    title: str = doc("what this rule set is")
    procedure: Procedure = doc("round and turn limits", factory=Procedure)
    reasons: dict[str, ReasonDef] = doc("objection reasons", ids=True)
    legal_bases: dict[str, LegalBasis] = doc("legal bases an operation may rest on", ids=True)
    caveats: dict[str, CaveatDef] = doc("caveats (amendments) that may be attached", ids=True)
    resources: dict[str, Declared] = doc("resources every scenario has", factory=dict, ids=True)
    stakes: dict[str, Declared] = doc("stakes every scenario has", factory=dict, ids=True)
    costs: Costs = doc("what actions cost in political capital", factory=Costs)
    scoring: Scoring = doc("how a seat's national score weighs its red lines, interests and spending, "
                           "besides its objectives", factory=Scoring)
    adjudication: Adjudication = doc("how adopted operations are resolved")
    effects: "RuleEffects" = doc("effects the procedure applies (on the scenario's meters)")
    required_meters: tuple[str, ...] = doc("meters every scenario using these rules must declare", ())
    programmes: dict[str, ProgrammeDef] = doc(
        "partnership programme id -> what it opens to its partners (a partner of a programme not listed, or "
        "'none', is offered nothing a programme gives)", factory=dict, ids=True)


@attrs.frozen(kw_only=True)
class RuleEffects:
    __label__ = "rule effects"
    coalition: tuple[Effect, ...] = doc("when a coalition of the willing acts outside the Alliance", ())
    coalition_mandated: tuple[Effect, ...] = doc(
        "when a coalition of the willing acts under a Security Council resolution in force", ())
    resolution_vetoed: tuple[Effect, ...] = doc("when a permanent member vetoes a resolution the Alliance sought", ())
    resolution_failed: tuple[Effect, ...] = doc("when a resolution the Alliance sought falls short of the votes", ())
    consent_refused: tuple[Effect, ...] = doc("when a host nation refuses its consent outright", ())
    adopted: tuple[Effect, ...] = doc("when the Alliance adopts a decision by consensus", ())
    blocked: tuple[Effect, ...] = doc("when a proposal fails for want of consensus", ())
    art4: tuple[Effect, ...] = doc("when a member requests Article 4 consultations (a right: the default rules "
                                   "put no cost on asking)", ())
    intel_shared: tuple[Effect, ...] = doc("when a delegation shares intelligence with all", ())
    reservation: tuple[Effect, ...] = doc("when a member places a reservation on the record", ())
    consent_withdrawn: tuple[Effect, ...] = doc("when a host nation withdraws its consent", ())
    shortfall: tuple[Effect, ...] = doc("when an adopted operation is less than half resourced", ())
    parallel_decision: tuple[Effect, ...] = doc(
        "when an international organisation decides an action of its own alongside an Alliance operation (the "
        "EU under an agreed arrangement: a NATO-EU exchange)", ())
    consultations_ignored: tuple[Effect, ...] = doc(
        "when a partner's request for consultations is not held by the end of the turn (the Alliance's trust)", ())
    caveats_overridden: tuple[Effect, ...] = doc(
        "when the Council overrides a contributor's national caveats on an operation (its pledge then counts in "
        "full)", ())
    contribution_withdrawn: tuple[Effect, ...] = doc(
        "when a contributor whose national caveats were overridden withdraws its contribution from the operation",
        ())
