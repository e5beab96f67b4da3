"""The procedure's rules as the checks quote them (an id and the sentence of DESIGN.md's
procedure), and the facts about texts and courses of action that legality and the steps share."""
from __future__ import annotations

import attrs

from game.core import actions as A
from game.core import conditions, texts
from game.core.actions import Action
from game.core.env import Env
from game.core.errors import IllegalActionError
from game.core.model.crisis import LoadedScenario, names_of
from game.core.model.types import Effect, Requirement
from game.core.resourcing import requirement, requirement_of  # noqa: F401 (callers have found them here)
from game.core.seats import host_needs_consent, joined, kind_of, last_round
from game.core.state import GameState, Operation, Phase, Proposal

_NEGOTIATION = Phase.NEGOTIATION
_FORCE_GENERATION = Phase.FORCE_GENERATION


@attrs.frozen
class Rule:
    """One rule of the procedure: an id, and the sentence of DESIGN.md's procedure it applies."""

    id: str
    text: str

    def __str__(self) -> str:
        return self.text


@attrs.frozen
class Refusal:
    """Why a move is not legal now: the rule, and what about this move breaks it."""

    rule: Rule
    reason: str

    def error(self) -> IllegalActionError:
        return IllegalActionError(self.rule, self.reason)


# The rules, named as DESIGN.md's procedure names them; every refusal cites one (its sentence is
# the procedure's own, so a refusal quotes the rule it applies).
R_PAUSED = Rule("paused", "White Cell: the game is paused")
R_OVER = Rule("over", "The game is over")
R_TURN = Rule("turn", "Procedure: each step of the turn has its own moves, made by the seats it waits for")
R_SEAT = Rule("seat", "Procedure: every move is made by a seat of the scenario")
R_ART4 = Rule("art4", "5. Article 4 is any member's right to consultations — never a gate for anything else")
R_ART5 = Rule("art5", "5. Article 5 (collective defence, UN Charter Art. 51) exists only after an armed attack on an "
                      "Ally's own territory; its invocation needs every member's explicit assent (never silence)")
R_UNSC = Rule("unsc", "5. A UN Security Council resolution is sought before the text relies on it and put to a vote "
                      "of the fifteen members: nine votes and no veto by a permanent member")
R_INTEL = Rule("intel", "2. Consultation: sharing intelligence needs intelligence to share")
R_MOU = Rule("mou", "4. Bilateral MOUs: a member offers one to a partner, once, for political capital")
R_WITHDRAW = Rule("withdraw_consent", "5. Consent may carry conditions, may be refused outright and may be withdrawn")
R_TABLE = Rule("table", "3. Proposal: the chair tables courses of action from the scenario's menu")
R_BASIS = Rule("basis", "5. Decision: an operation needs one of the legal bases its option names")
R_OBJECT = Rule("object", "4. Negotiation: a written objection costs political capital")
R_CONSENT = Rule("consent", "5. On a non-member's territory, that nation's consent is always needed, whatever else "
                            "the text rests on")
R_RESERVE = Rule("reserve", "4. Negotiation: a member that will not block but disagrees places a reservation")
R_PARTNER = Rule("partner", "5. Decision: partners shape decisions but do not take part in consensus")
R_AMEND = Rule("amend", "4. Negotiation: objections are answered by amendments or packages")
R_CHAIR = Rule("chair", "5. The chair (Secretary General) never leads a coalition, pledges nothing and pays no one: it "
                        "chairs, tables, amends, packages and brokers")
R_COALITION = Rule("coalition", "5. When consensus fails, a coalition of the willing may act outside the alliance frame: "
                                "a lead nation proposes it, willing members and partners join")
R_PLEDGE = Rule("pledge", "6. Force generation: delegations commit resources they have to what was adopted")
R_WHITE = Rule("white_cell", "White Cell: facilitator actions")
R_TEXT = Rule("text", "Exercise: what a person types into a move is shown to every seat as written: plain text, "
              "newlines and tabs, no control characters")
R_RFI = Rule("rfi", "White Cell: delegations send requests for information, answered privately")
R_UNDO = Rule("undo", "4. A round closes when every seat has acted: until then a seat may take back its move")
# -- force generation (issue 17, item 2) --
R_SHORTFALL = Rule("shortfall", "6. The operation activates when its requirements are met or the Council accepts the "
                                "shortfall; nothing pledged means nothing launched")
R_INVITE = Rule("invite", "5. Partners contribute forces when the Council invites them; international organisations "
                          "act through their own channels")
R_WITHDRAW_PLEDGE = Rule("withdraw_pledge", "6. Pledges stand until used or withdrawn")
R_CAVEATS = Rule("caveats", "5. Troop-contributing partners join the planning of what they contribute to; 6. caveats "
                            "limit use: the Council may override a contributor's national caveats, and a contributor "
                            "whose caveats are overridden may withdraw its contribution")

# -- partners, organisations and releasability (issue 17, items 3 and 4) --
R_CONSULT = Rule("consultations", "3. Partners: NATO will consult with any active participant in the Partnership if "
                 "that Partner perceives a direct threat to its territorial integrity, political independence, or "
                 "security (PfP Framework Document, para. 8; the 32+N format for the other programmes)")
R_PROGRAMME = Rule("programme", "3. Partners: each partner's programme decides what it can be offered")
R_IO = Rule("organisation", "3. International organisations act through their own channel: they never take part "
            "in the Council's silence procedure")
R_RELEASE = Rule("release", "4. Intelligence is released only as its releasability allows; its owner may widen it")
RULES = tuple(v for k, v in list(globals().items()) if k.startswith("R_") and isinstance(v, Rule))


def can_undo(state: GameState, seat: str) -> bool:
    """A seat may take back its stance in an open negotiation round, or its last pledge."""
    if state.paused:
        return False
    if state.phase == _NEGOTIATION:
        return state.submitted(seat) is not None
    if state.phase == _FORCE_GENERATION:
        return seat not in state.done and any(
            a == seat for op in state.operations if op.status in ("planning", "adopted") for a, _, _ in op.pledges)
    return False


def open_caveats(crisis, p: Proposal) -> list[str]:
    """Caveats that may still be attached to the text (not already on it, not made pointless by its basis)."""
    allowed = []
    for oid in p.options:
        allowed += [c for c in crisis.scenario.options[oid].caveats if c not in allowed]
    return [c for c in allowed if c not in p.caveats and p.basis not in crisis.rules.caveats[c].redundant_with]


def requestable_art5(crisis, state) -> list[str]:
    """Allies attacked for which no member has yet asked the Council to invoke Article 5."""
    asked = {on for _, on in state.art5}
    out = []
    for on, _, _ in state.attacks:
        if kind_of(crisis, on) == "member" and on not in asked and on not in out:
            out.append(on)
    return out


def resolution_refusal(crisis, state, oid: str) -> str | None:
    """Why a member cannot seek a Security Council resolution for option `oid` now, or None."""
    opt = crisis.scenario.options.get(oid)
    if opt is None:
        return f"there is no course of action '{oid}' on the menu"
    if not any(crisis.rules.legal_bases[b].needs == "security_council" for b in opt.legal_bases):
        return f"'{opt.title}' names no Security Council basis: no resolution is needed for it"
    if in_force(state, oid):
        return f"a resolution authorising '{opt.title}' is already in force"
    if any(r.option == oid and r.status == "pending" for r in state.resolutions):
        return f"a resolution authorising '{opt.title}' is already before the Council this turn"
    return None


def seekable(crisis, state) -> list[str]:
    """Options a member may seek a resolution for now (those naming a Security Council basis,
    found once per scenario, then as resolution_refusal judges them)."""
    return [o for o in crisis.mandated_options if resolution_refusal(crisis, state, o) is None]


def linkable(crisis, state) -> list[str]:
    p = state.proposal
    out = []
    for oid, opt in crisis.scenario.options.items():
        if oid in p.options or option_refusal(crisis, state, oid):
            continue
        if p.basis in opt.legal_bases and (not opt.hosts or p.host in opt.hosts):
            out.append(oid)
    return out


def option_refusal(crisis, state, oid: str) -> str | None:
    """Why course of action `oid` cannot be tabled now, or None when it can."""
    opt = crisis.scenario.options[oid]
    if not opt.repeatable and any(o.option == oid for o in state.operations):
        return f"'{opt.title}' has been adopted already and is not repeated"
    if opt.available is not None and not opt.available(Env(state, crisis)):
        return f"'{opt.title}' is not available now ({texts.expression_words(crisis, opt.available.text)} does not hold)"
    return None


def option_open(crisis, state, oid: str) -> bool:
    return option_refusal(crisis, state, oid) is None


def in_force(state, oid: str) -> bool:
    """Whether a Security Council resolution authorising option `oid` is in force (a standing
    mandate, or one adopted in a vote)."""
    return any(r.option == oid and r.in_force for r in state.resolutions)


def attacked(state, actor: str) -> bool:
    return any(on == actor for on, _, _ in state.attacks)


def basis_refusal(crisis, state, oid: str, basis: str, host: str | None) -> str | None:
    """Why `basis` cannot carry option `oid` now, or None when it can."""
    opt = crisis.scenario.options[oid]
    if basis not in opt.legal_bases:
        return f"'{opt.title}' may rest only on: {', '.join(opt.legal_bases)}"
    if host is not None and not state.consent.get(host, True) and kind_of(crisis, host) != "member":
        return f"{_name(crisis, host)} has withdrawn its consent to operations on its territory"
    needs = crisis.rules.legal_bases[basis].needs
    if needs == "host_consent":
        if host is None:
            return "host-nation consent needs a host nation"
    elif needs == "security_council":
        if not in_force(state, oid):
            return (f"no Security Council resolution authorises '{opt.title}': a member must seek one first "
                    "(the Council votes at the end of the turn)")
    elif needs == "collective_defence":
        if host is None:
            return "Article 5 acts on the territory of the Ally attacked, and this text names none"
        if kind_of(crisis, host) != "member":
            return (f"an attack on a partner is not an Article 5 case: {_name(crisis, host)} may request assistance "
                    "(its own consent, UN Charter Art. 51)")
        if not attacked(state, host):
            return f"Article 5 exists only after an armed attack on an Ally: {_name(crisis, host)} has not been attacked"
        if not any(on == host for _, on in state.art5):
            return f"no member has asked the North Atlantic Council to invoke Article 5 for {_name(crisis, host)}"
    return None


def _name(crisis, actor: str) -> str:
    a = crisis.scenario.actors.get(actor)
    return a.name if a else actor


def tableable(crisis, state, seat) -> list[Action]:
    """Every text the chair may table now (without caveats: a text may also be tabled with any of
    its option's caveats already in it)."""
    out = []
    for oid, opt in crisis.scenario.options.items():
        if not option_open(crisis, state, oid):
            continue
        hosts = opt.hosts or (None,)
        params = [()]
        for name, par in opt.parameters.items():
            params = [p + ((name, v),) for p in params for v in par.values]
        for host in hosts:
            if offer_refusal(crisis, oid, host) is not None:  # outside the partner's programme
                continue
            for basis in opt.legal_bases:
                if basis_refusal(crisis, state, oid, basis, host) is None:
                    out += [A.Table(seat, oid, basis, host, pr) for pr in params]
    return out


def can_table(crisis, state) -> bool:
    """Whether the chair could table anything now (stopping at the first text it could table)."""
    for oid, opt in crisis.scenario.options.items():
        if not option_open(crisis, state, oid) or not all(par.values for par in opt.parameters.values()):
            continue
        for host in opt.hosts or (None,):
            if offer_refusal(crisis, oid, host) is not None:
                continue
            for basis in opt.legal_bases:
                if basis_refusal(crisis, state, oid, basis, host) is None:
                    return True
    return False


def coalition_refusal(crisis, state, lead: str, number: int) -> str | None:
    """Why member `lead` cannot lead a coalition of the willing to carry out failed proposal
    `number`, or None when it can."""
    d = next((d for d in state.decisions if d.number == number), None)
    if d is None:
        return f"there is no proposal {number}"
    if d.outcome != "failed":
        return f"proposal {number} did not fail for want of consensus (it was {d.outcome})"
    p = d.proposal
    opt = crisis.scenario.options[p.option]
    if not opt.coalition:
        return f"'{opt.title}' cannot be carried out by a coalition of the willing"
    if not opt.repeatable and any(o.option == p.option for o in state.operations):
        return f"'{opt.title}' has been adopted since"
    stances = last_round(d)
    if stances.get(lead) == "object":
        return f"{_name(crisis, lead)} objected to the text: it cannot lead a coalition to carry it out"
    if p.host is not None:
        if host_needs_consent(crisis, p):
            if stances.get(p.host) != "consent" or not state.consent.get(p.host, True):
                return (f"{_name(crisis, p.host)} has not consented: a coalition never acts on a host's territory "
                        "without its consent")
        elif kind_of(crisis, p.host) == "member" and p.host not in joined(crisis, d, lead):
            return (f"{_name(crisis, p.host)} did not join: a coalition never acts on an Ally's territory without "
                    "that Ally")
    return None


def coalitions_open(crisis, state, lead: str) -> list[int]:
    """The failed proposals `lead` could lead a coalition of the willing to carry out now."""
    return [d.number for d in state.decisions
            if d.outcome == "failed" and coalition_refusal(crisis, state, lead, d.number) is None]


def adhoc_effects(crisis: LoadedScenario, effects: tuple[str, ...]) -> tuple:
    """The facilitator's ad-hoc effects, parsed and checked against the scenario's names like an
    author's (never evaluated as Python). Raises IllegalActionError naming the problem."""
    names = names_of(crisis)
    out = []
    for text in effects:
        try:
            eff = Effect(text=text)
            eff.tree = conditions.parse(text, "effect")
            eff.fn = conditions.compile_effect(eff.tree, names)
        except conditions.ExprError as exc:
            raise IllegalActionError(R_WHITE, f"effect '{text}': {exc}") from None
        out.append(eff)
    return tuple(out)


# -- partnership programmes (issue 17, item 3) ------------------------------------------------------
def programme_offers(crisis, actor_id: str, offer: str) -> bool:
    """Whether the partner's programme (the rules' `programmes`) opens this offer to it."""
    actor = crisis.scenario.actors.get(actor_id)
    prog = crisis.rules.programmes.get(actor.programme) if actor is not None else None
    return prog is not None and offer in prog.offers


def offer_refusal(crisis, oid: str, host: str | None) -> str | None:
    """Why option `oid` (on `host`'s territory) cannot be offered to a partner: its programme does
    not open an operation at home, or capacity building, to it. Non-member hosts outside the
    partnership programmes (kind host_nation) answer with their consent alone."""
    opt = crisis.scenario.options[oid]
    asks = []
    if host is not None and kind_of(crisis, host) == "partner":
        asks.append((host, "operation", "an operation on its territory"))
    if opt.builds is not None and kind_of(crisis, opt.builds.partner) == "partner":
        asks.append((opt.builds.partner, "capacity_building", "capacity building"))
    for partner, offer, what in asks:
        if not programme_offers(crisis, partner, offer):
            actor = crisis.scenario.actors[partner]
            prog = crisis.rules.programmes.get(actor.programme)
            label = prog.label if prog is not None else "no partnership programme"
            return f"{texts.possessive(actor.name)} programme ({label}) does not open {what} to it"
    return None
