"""Everything a seat can do, as small frozen values. Every change to a game is one of these."""
from __future__ import annotations

from typing import ClassVar

import attrs

WHITE_CELL = "WHITE_CELL"  # the facilitator's seat id


@attrs.frozen
class Action:
    seat: str
    kind: ClassVar[str] = "action"
    label: ClassVar[str] = "act"
    free_text: ClassVar[tuple[str, ...]] = ()  # fields a person types (checked as plain text)

    def to_dict(self) -> dict:
        d = attrs.asdict(self, recurse=False)
        d = {k: (list(v) if isinstance(v, tuple) else v) for k, v in d.items()}
        return {"kind": self.kind, **d}

    def describe(self) -> str:
        return self.label


REGISTRY: dict[str, type[Action]] = {}


def action(kind: str, label: str):
    def wrap(cls):
        cls = attrs.frozen(cls)
        cls.kind = kind
        cls.label = label
        REGISTRY[kind] = cls
        return cls
    return wrap


def _tuple(value):
    if isinstance(value, list):
        return tuple(_tuple(v) for v in value)
    return value


def from_dict(data: dict) -> Action:
    data = dict(data)
    cls = REGISTRY[data.pop("kind")]
    return cls(**{k: _tuple(v) for k, v in data.items()})


# -- every delegation -------------------------------------------------------------------------
@action("pass", "stay silent / done")
class Pass(Action):
    def describe(self) -> str:
        return "stays silent"


@action("share_intel", "share intelligence")
class ShareIntel(Action):
    to: str = "all"  # an actor id, or "all"

    def describe(self) -> str:
        return "shares intelligence with " + ("the Alliance" if self.to == "all" else self.to)


@action("request_art4", "request Article 4 consultations")
class RequestArt4(Action):
    def describe(self) -> str:
        return "requests consultations under Article 4"


@action("request_art5", "request Article 5 (after an armed attack)")
class RequestArt5(Action):
    on: str = ""  # the Ally attacked

    def describe(self) -> str:
        return f"asks the Council to invoke Article 5 after the armed attack on {self.on}"


@action("seek_resolution", "seek a UN Security Council resolution")
class SeekResolution(Action):
    option: str = ""

    def describe(self) -> str:
        return f"seeks a UN Security Council resolution authorising '{self.option}'"


@action("lead_coalition", "lead a coalition of the willing")
class LeadCoalition(Action):
    decision: int = 0  # the failed proposal's number

    def describe(self) -> str:
        return f"leads a coalition of the willing to carry out proposal {self.decision} outside the Alliance"


@action("offer_mou", "offer an MOU")
class OfferMOU(Action):
    to: str = ""

    def describe(self) -> str:
        return f"offers a memorandum of understanding to {self.to}"


@action("undo", "undo my last move")
class Undo(Action):
    def describe(self) -> str:
        return "takes back its last move (the round is still open)"


@action("withdraw_consent", "withdraw consent")
class WithdrawConsent(Action):
    def describe(self) -> str:
        return "withdraws its consent to operations on its territory"


# -- negotiation ------------------------------------------------------------------------------
@action("support", "support")
class Support(Action):
    def describe(self) -> str:
        return "supports"


@action("object", "object")
class Object(Action):
    reason: str = "domestic"
    wants_caveat: str | None = None
    wants_concession: int = 0

    def describe(self) -> str:
        cure = ""
        if self.wants_caveat:
            cure = f"; asks for the caveat '{self.wants_caveat}'"
        elif self.wants_concession:
            cure = f"; asks for a concession of {self.wants_concession}"
        return f"objects ({self.reason}){cure}"


@action("reserve", "place a reservation")
class Reserve(Action):
    note: str = ""
    free_text: ClassVar = ("note",)

    def describe(self) -> str:
        return "places a reservation on the record" + (f": {self.note}" if self.note else "")


@action("consent", "consent as host")
class Consent(Action):
    def describe(self) -> str:
        return "consents, as host nation"


@action("refuse_consent", "refuse consent as host")
class RefuseConsent(Action):
    wants_caveat: str | None = None  # its condition: with this caveat it would consent
    reason: str = "sovereignty"

    def describe(self) -> str:
        if self.wants_caveat:
            return f"refuses consent, as host nation, unless the caveat '{self.wants_caveat}' is added ({self.reason})"
        return f"refuses consent outright, as host nation ({self.reason})"


# -- the chair --------------------------------------------------------------------------------
@action("table", "table a proposal")
class Table(Action):
    option: str = ""
    basis: str = ""
    host: str | None = None
    params: tuple[tuple[str, str], ...] = ()
    caveats: tuple[str, ...] = ()

    def describe(self) -> str:
        where = f" in {self.host}" if self.host else ""
        params = f" ({', '.join(f'{n}: {v}' for n, v in self.params)})" if self.params else ""
        caveats = f" with caveats {', '.join(self.caveats)}" if self.caveats else ""
        return f"tables '{self.option}'{params}{where} on the basis of {self.basis}{caveats}"


@action("amend", "amend with a caveat")
class Amend(Action):
    caveat: str = ""

    def describe(self) -> str:
        return f"amends the text: caveat '{self.caveat}'"


@action("set_param", "change a parameter")
class SetParam(Action):
    name: str = ""
    value: str = ""

    def describe(self) -> str:
        return f"sets {self.name} to {self.value}"


@action("concede", "offer a concession")
class Concede(Action):
    to: str = ""
    amount: int = 1

    def describe(self) -> str:
        return f"offers {self.to} a concession ({self.amount} political capital)"


@action("link", "link into a package")
class Link(Action):
    option: str = ""

    def describe(self) -> str:
        return f"links '{self.option}' into a package"


@action("recirculate", "put the text under silence again")
class Recirculate(Action):
    def describe(self) -> str:
        return "puts the amended text under silence procedure again"


@action("withdraw", "withdraw the proposal")
class Withdraw(Action):
    def describe(self) -> str:
        return "withdraws the proposal"


@action("coalition", "act as a coalition of the willing")
class Coalition(Action):
    def describe(self) -> str:
        return "launches a coalition of the willing outside the Alliance frame"


# -- force generation -------------------------------------------------------------------------
@action("pledge", "pledge resources")
class Pledge(Action):
    operation: int = 0
    resource: str = ""
    amount: int = 1

    def describe(self) -> str:
        return f"pledges {self.amount} {self.resource} to operation {self.operation}"


# -- force generation: withdrawing a pledge, inviting partners, accepting a shortfall ---------
@action("withdraw_pledge", "withdraw a pledge")
class WithdrawPledge(Action):
    operation: int = 0
    resource: str = ""

    def describe(self) -> str:
        return f"withdraws its pledge of {self.resource} from operation {self.operation}"


@action("invite", "invite a partner to contribute")
class Invite(Action):
    to: str = ""  # the partner invited
    operation: int = 0

    def describe(self) -> str:
        return f"invites {self.to} to contribute to operation {self.operation}"


@action("accept_shortfall", "accept a shortfall")
class AcceptShortfall(Action):
    operation: int = 0

    def describe(self) -> str:
        return f"accepts, for the Council, that operation {self.operation} runs short of its requirement"


# -- force generation: national caveats overridden, a contribution withdrawn (issue 17, item 3 (b)) --
@action("override_caveats", "override a contributor's national caveats")
class OverrideCaveats(Action):
    operation: int = 0
    to: str = ""  # the contributor whose national caveats the Council overrides

    def describe(self) -> str:
        return f"overrides {self.to}'s national caveats on operation {self.operation}, for the Council"


@action("withdraw_contribution", "withdraw my contribution (caveats overridden)")
class WithdrawContribution(Action):
    operation: int = 0

    def describe(self) -> str:
        return f"withdraws its whole contribution from operation {self.operation}: its caveats were overridden"


# -- the White Cell (facilitator) -------------------------------------------------------------
@action("release_inject", "release an inject")
class ReleaseInject(Action):
    free_text: ClassVar = ("text",)
    inject: str = ""
    text: str | None = None  # an edited public text

    def describe(self) -> str:
        return f"releases inject '{self.inject}'" + (" (edited)" if self.text else "")


@action("hold_inject", "hold an inject")
class HoldInject(Action):
    inject: str = ""

    def describe(self) -> str:
        return f"holds inject '{self.inject}'"


@action("end_round", "end the timed round")
class EndRound(Action):
    free_text: ClassVar = ("reason",)
    reason: str = ""  # e.g. "timer": the phase timer ran out

    def describe(self) -> str:
        why = " (the timer ran out)" if self.reason == "timer" else ""
        return f"ends the round{why}: seats that have not acted are recorded as silent"


@action("pause", "pause the game")
class Pause(Action):
    def describe(self) -> str:
        return "pauses the game"


@action("resume", "resume the game")
class Resume(Action):
    def describe(self) -> str:
        return "resumes the game"


@action("adhoc_inject", "release an ad-hoc inject")
class AdHocInject(Action):
    free_text: ClassVar = ("title", "text")
    title: str = ""
    text: str = ""
    effects: tuple[str, ...] = ()  # effects in the scenario's own language, checked before they apply

    def describe(self) -> str:
        return f"releases an ad-hoc inject: {self.title}"


@action("request_info", "ask the White Cell for information")
class RequestInfo(Action):
    free_text: ClassVar = ("question",)
    question: str = ""

    def describe(self) -> str:
        return "asks the White Cell for information"


@action("answer_info", "answer a request for information")
class AnswerInfo(Action):
    free_text: ClassVar = ("answer",)
    request: int = 0  # the request's number
    answer: str = ""

    def describe(self) -> str:
        return f"answers request {self.request}"


@action("override_meter", "override a meter")
class OverrideMeter(Action):
    free_text: ClassVar = ("rationale",)
    meter: str = ""
    value: float = 0
    rationale: str = ""

    def describe(self) -> str:
        return f"sets {self.meter} to {self.value:g} — {self.rationale}"


@action("override_result", "override an adjudication")
class OverrideResult(Action):
    free_text: ClassVar = ("rationale",)
    operation: int = 0
    result: str = ""
    rationale: str = ""

    def describe(self) -> str:
        return f"overrides operation {self.operation}'s result to {self.result} — {self.rationale}"


# -- partners, consultations and releasability (issue 17, items 3 and 4) --------------------------
@action("request_consultations", "request consultations with the Council")
class RequestConsultations(Action):
    def describe(self) -> str:
        return "feels its security threatened and requests consultations with the North Atlantic Council"


@action("hold_consultations", "hold consultations with a partner")
class HoldConsultations(Action):
    partner: str = ""

    def describe(self) -> str:
        return f"convenes the Council with {self.partner} to hold the consultations it requested"


@action("widen_release", "widen an item's releasability")
class WidenRelease(Action):
    inject: str = ""  # the inject whose private text the seat holds
    to: str = ""  # "nato" (every member) or a partner's id

    def describe(self) -> str:
        return f"widens the releasability of its intelligence on '{self.inject}' to {self.to}"


@action("decide_in_parallel", "take the organisation's own decision alongside an operation")
class DecideInParallel(Action):
    operation: int = 0  # the Alliance's operation it acts alongside

    def describe(self) -> str:
        return f"decides, through its own channel, an action of its own alongside operation {self.operation}"
