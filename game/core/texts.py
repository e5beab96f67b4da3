"""Plain-words labels for actions and their choices, using the scenario's own names (no UI here)."""
from __future__ import annotations

import re

from game.core import actions as A
from game.core.actions import WHITE_CELL
from game.core.model.crisis import LoadedScenario
from game.core.plain import CONTROL, printable  # noqa: F401 (callers have always found them here)

KIND_LABELS = {
    "pass": "Stay silent / done", "share_intel": "Share intelligence…", "request_art4": "Request Article 4 consultations",
    "offer_mou": "Offer an MOU to a partner…", "withdraw_consent": "Withdraw consent (host nation)",
    "undo": "Undo my last move", "support": "Support", "object": "Object (written objection)…",
    "reserve": "Place a reservation (does not block)", "consent": "Consent as host nation",
    "refuse_consent": "Refuse consent as host nation…", "table": "Table a proposal…", "amend": "Amend: add a caveat…",
    "set_param": "Change a parameter…", "concede": "Offer a concession…", "link": "Link another option (package)…",
    "recirculate": "Call silence again (recirculate)", "withdraw": "Withdraw the proposal",
    "coalition": "Act as a coalition of the willing", "pledge": "Pledge resources…",
    "request_art5": "Request Article 5 (after an armed attack)…", "seek_resolution": "Seek a UN Security Council resolution…",
    "lead_coalition": "Lead a coalition of the willing…",
    "withdraw_pledge": "Withdraw a pledge…", "invite": "Invite a partner to contribute…",
    "accept_shortfall": "Accept a shortfall (the Council)…",
    "request_consultations": "Request consultations (a partner)", "hold_consultations": "Hold consultations with a partner…",
    "widen_release": "Widen an item's releasability…",
    "decide_in_parallel": "Decide an own action alongside an operation…",
    "override_caveats": "Override a contributor's national caveats (the Council)…",
    "withdraw_contribution": "Withdraw my contribution (caveats overridden)…",
}

def objects_as_concern(crisis: LoadedScenario, seat: str | None) -> bool:
    """Whether this seat's objection is a concern, recorded and answered, that blocks nothing: a
    partner's or a host nation's (partners shape decisions; only Allies take part in consensus)."""
    actor = crisis.scenario.actors.get(seat) if seat else None
    return actor is not None and actor.kind != "member"


def move_label(crisis: LoadedScenario, seat: str | None, kind: str) -> str:
    """KIND_LABELS for this seat: a non-member's objection is a concern (objects_as_concern)."""
    if kind == "object" and objects_as_concern(crisis, seat):
        return "Raise a concern (it does not block)…"
    return KIND_LABELS.get(kind, kind)


PHASE_LABELS = {"consultation": "Consultation", "proposal": "Proposal", "negotiation": "Negotiation",
                "amendment": "Amendment", "force_generation": "Force generation", "over": "Game over"}

# What each step is for, in a sentence or two (the table's `?` shows the step being played).
STEP_GUIDE = {
    "consultation": "Delegations consult before anything is tabled: share intelligence (bilaterally or with the "
                    "whole Alliance), request Article 4 consultations, offer a partner an MOU, seek a UN Security "
                    "Council resolution (voted at the end of the turn), ask for Article 5 after an armed attack on an "
                    "Ally, or lead a coalition of the willing for a text that failed. Or pass.",
    "proposal": "The chair tables a course of action from the scenario's menu: where, on what legal basis, with "
                "which parameters and caveats. On a non-member's soil its consent is needed whatever the basis. "
                "The chair may table a limited number of texts a turn, or pass.",
    "negotiation": "Every delegation answers the text at once. There is no vote: silence by the end of the round "
                   "is assent, and one member's written objection blocks. A member that disagrees but will not "
                   "block places a reservation. Partners are consulted but do not block, except a host nation, "
                   "which consents or refuses consent. You may take back your answer while the round is open.",
    "amendment": "Objections came back: the chair answers them with amendments (caveats, parameters) or a "
                 "package, then puts the text under silence again, or withdraws it. After the last round an "
                 "objection makes the text fail.",
    "force_generation": "Adopted is not delivered: the delegations pledge what each requirement needs (forces, "
                        "intelligence, cyber teams, logistics, funds). Caveats and poor interoperability make a "
                        "pledge count for less; nothing pledged means nothing launched. An operation activates when each "
                        "resource is met by its own type, or when the chair accepts the shortfall for the Council "
                        "(never in an indispensable resource); the chair invites partners to contribute, and may "
                        "override a contributor's national caveats (it may then withdraw its contribution). Pledges "
                        "stand until withdrawn. Say when you are done.",
    "over": "The game is over: the after-action review says who blocked what and why, and how each seat scored.",
}

# the order in which a choice is narrowed down, field by field
FIELDS = {"table": ("option", "host", "basis", "params", "caveats"), "object": ("reason", "wants_caveat", "wants_concession"),
          "pledge": ("operation", "resource", "amount"), "concede": ("to", "amount"), "amend": ("caveat",),
          "set_param": ("name", "value"), "link": ("option",), "share_intel": ("to",), "offer_mou": ("to",),
          "refuse_consent": ("wants_caveat", "reason"), "request_art5": ("on",), "seek_resolution": ("option",),
          "lead_coalition": ("decision",), "withdraw_pledge": ("operation", "resource"),
          "invite": ("operation", "to"), "accept_shortfall": ("operation",),
          "hold_consultations": ("partner",), "widen_release": ("inject", "to"),
          "decide_in_parallel": ("operation",), "override_caveats": ("operation", "to"),
          "withdraw_contribution": ("operation",)}

FIELD_QUESTIONS = {"option": "Which course of action?", "host": "On whose territory?", "basis": "On what legal basis?",
                   "params": "With which parameters?", "caveats": "With which caveats?", "reason": "Your reason?",
                   "wants_caveat": "Ask for an amendment?", "wants_concession": "Ask for a concession?",
                   "operation": "To which operation?", "resource": "Which resource?", "amount": "How much?",
                   "to": "To whom?", "caveat": "Which caveat?", "on": "For which Ally attacked?",
                   "decision": "Which failed proposal?", "name": "Which parameter?", "value": "Which value?",
                   "partner": "With which partner?", "inject": "Which intelligence item?"}


PROGRAMMES = {"pfp": "Partnership for Peace", "mediterranean_dialogue": "Mediterranean Dialogue",
              "istanbul_cooperation_initiative": "Istanbul Cooperation Initiative",
              "partners_across_the_globe": "partner across the globe"}
KINDS = {"member": "member", "partner": "partner", "host_nation": "host nation", "organisation":
         "international organisation", "chair": "chair", "adversary": "adversary"}


def points(n) -> str:
    """"1 point", "3 points": an objective's score in words."""
    return f"{n} point" if n in (1, -1) else f"{n} points"


def kind_label(actor, short: bool = False) -> str:
    """An actor's kind in words: "member", "partner (Partnership for Peace)", "host nation"; `short`
    for a narrow column ("PfP partner", "org.")."""
    kind = KINDS.get(actor.kind, actor.kind.replace("_", " "))
    programme = getattr(actor, "programme", "none")
    if actor.kind == "partner" and programme in PROGRAMMES:
        if short:
            return {"pfp": "PfP partner", "mediterranean_dialogue": "MD partner",
                    "istanbul_cooperation_initiative": "ICI partner"}.get(programme, "partner")
        return f"partner ({PROGRAMMES[programme]})"
    if short and actor.kind == "organisation":
        return "organisation"
    return kind


def stance_label(crisis: LoadedScenario, action: A.Action, member: bool = True) -> tuple[str, str]:
    """A seat's answer to the text on the table as the delegations table shows it: (the stance,
    its reason or condition in words or ""), e.g. ("objects", "domestic politics"); a partner's
    objection is a concern (partners shape, they do not block)."""
    k = action.kind
    if k == "object":
        return ("objects" if member else "concern"), lowered(value_label(crisis, k, "reason", action.reason))
    if k == "refuse_consent":
        why = lowered(value_label(crisis, k, "reason", action.reason))
        if action.wants_caveat:
            return "refuses", f"{why}; unless {lowered(value_label(crisis, k, 'caveat', action.wants_caveat))}"
        return "refuses", why
    return {"support": "supports", "reserve": "reserves", "consent": "consents", "pass": "silent"}.get(k, k), ""


def resource_abbreviations(crisis: LoadedScenario) -> dict[str, str]:
    """resource id -> a one- or two-letter abbreviation of its label, unique in the scenario (for a
    narrow column; the legend says what each stands for)."""
    sc, rules = crisis.scenario, crisis.rules
    ids = list(dict.fromkeys([*rules.resources, *sc.resources]))
    out: dict[str, str] = {}
    for rid in ids:
        decl = sc.resources.get(rid) or rules.resources.get(rid)
        label = (decl.label if decl else rid).strip() or rid
        words = [w for w in label.replace("-", " ").split() if w]
        for guess in (label[0].upper(), words[-1][0].upper(), label[:2].title(), words[-1][:2].title(), label[:3]):
            if guess not in out.values():
                out[rid] = guess
                break
    return out


# The adjudication's factors (the engine's names for the rules' bands), as players read them.
FACTOR_LABELS = {"commitment": "Commitment (share of the requirement pledged)",
                 "interoperability": "Interoperability of the contributors",
                 "legitimacy": "Legitimacy", "intelligence": "Intelligence shared this turn",
                 "trust": "Trust in the Alliance (the host's, or the partners')"}


def factor_label(factor: str) -> str:
    return FACTOR_LABELS.get(factor, factor.replace("_", " ").capitalize())


def decision_outcome(crisis: LoadedScenario, d) -> str:
    """How a text ended, in words: "adopted", "adopted after objections by Hungary were met",
    "failed: blocked by Hungary", "withdrawn", "carried out by a coalition of the willing"."""
    names = ", ".join(actor_name(crisis, b) for b in d.blocked_by)
    if d.outcome == "adopted":
        return f"adopted after objections by {names} were met" if names else "adopted"
    if d.outcome == "failed":
        return f"failed: blocked by {names}" if names else "failed"
    if d.outcome == "coalition":
        return "carried out by a coalition of the willing"
    if d.outcome == "pending":
        return "under silence"
    return d.outcome


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def expression_words(crisis: LoadedScenario, text: str) -> str:
    """A condition or effect as the author wrote it ("severity >= 40", "trust(MDA) += 15"), with
    every name the scenario gives a label for said by its label ("Crisis severity >= 40",
    "trust(Republic of Moldova) += 15"): for a facilitator's list, a paper or a refusal's reason."""
    sc, rules = crisis.scenario, crisis.rules

    def say(m: re.Match) -> str:
        name = m.group(0)
        if name in sc.meters:
            return sc.meters[name].label
        if name in sc.actors:
            return sc.actors[name].name
        if name in sc.options:
            return f"'{sc.options[name].title}'"
        if name in sc.injects:
            return f"'{sc.injects[name].title}'"
        for table in (rules.caveats, rules.legal_bases, rules.reasons, rules.stakes, sc.stakes, rules.resources,
                      sc.resources):
            decl = table.get(name)
            if decl is not None and getattr(decl, "label", None):
                return lowered(decl.label) if table in (rules.resources, sc.resources, rules.stakes, sc.stakes) \
                    else decl.label
        return name
    return _NAME.sub(say, text)


def lowered(label: str) -> str:
    """A label inside a sentence: its first letter in lower case ("Host-nation consent" -> "host-nation
    consent"), and nothing else: acronyms and names keep their capitals ("UN Security Council
    authorisation", "collective defence (Washington Treaty Art. 5, UN Charter Art. 51)")."""
    first = label.split(" ", 1)[0]
    if not label or (len(first) > 1 and first[:2].isupper()):
        return label
    return label[0].lower() + label[1:]


def possessive(name: str) -> str:
    """A name's possessive: "Hungary's", "the United States'" (a plural name takes the apostrophe
    alone)."""
    return name + ("'" if name.endswith("s") else "'s")


def actor_name(crisis: LoadedScenario, actor: str | None) -> str:
    if actor is None:
        return "—"
    if actor == WHITE_CELL:
        return "White Cell"
    if actor == "all":
        return "all Allies and partners"
    a = crisis.scenario.actors.get(actor)
    return a.name if a else actor


def option_title(crisis: LoadedScenario, option: str) -> str:
    o = crisis.scenario.options.get(option)
    return o.title if o else option


def value_label(crisis: LoadedScenario, kind: str, field: str, value) -> str:
    sc, rules = crisis.scenario, crisis.rules
    if field == "option":
        return option_title(crisis, value)
    if field == "to" and value == "nato":
        return "every member (NATO)"
    if field in ("host", "to", "on", "partner"):
        return actor_name(crisis, value)
    if field == "inject":
        inj = sc.injects.get(value)
        return inj.title if inj else value
    if field == "basis":
        return rules.legal_bases[value].label if value in rules.legal_bases else value
    if field in ("caveat", "wants_caveat"):
        if value is None:
            return "no amendment"
        return rules.caveats[value].label if value in rules.caveats else value
    if field == "caveats":
        return ", ".join(rules.caveats[c].label for c in value) if value else "no caveats"
    if field == "reason":
        return rules.reasons[value].label if value in rules.reasons else value
    if field == "wants_concession":
        return "no concession" if not value else f"a concession of {value} political capital"
    if field == "resource":
        decl = sc.resources.get(value) or rules.resources.get(value)
        return decl.label if decl else value
    if field == "params":
        if not value:
            return "as written"
        return ", ".join(_param_label(crisis, n, v) for n, v in value)
    if field == "decision":
        return f"proposal {value}"
    if field == "operation":
        return f"operation {value}"
    return str(value)


def _param_label(crisis, name: str, value: str) -> str:
    for opt in crisis.scenario.options.values():
        p = opt.parameters.get(name)
        if p is not None and value in p.values:
            return f"{p.label}: {p.values[value].label}"
    return f"{name}: {value}"


def third_person(crisis: LoadedScenario, action: A.Action) -> str:
    """What the log and the feed say a seat did, in the scenario's names ("tables Cyber support ...")."""
    k = action.kind
    v = lambda field, value: value_label(crisis, k, field, value)  # noqa: E731
    if k == "table":
        bits = [f"tables '{option_title(crisis, action.option)}'"]
        if action.params:
            bits.append(f"({v('params', action.params)})")
        if action.host:
            bits.append(f"in {actor_name(crisis, action.host)}")
        bits.append(f"on the basis of {lowered(v('basis', action.basis))}")
        if action.caveats:
            bits.append(f"with caveats: {v('caveats', action.caveats)}")
        return " ".join(bits)
    if k == "object":
        cure = ""
        if action.wants_caveat:
            cure = f"; asks for the caveat '{v('caveat', action.wants_caveat)}'"
        elif action.wants_concession:
            cure = f"; asks for a concession of {action.wants_concession}"
        return f"objects ({lowered(v('reason', action.reason))}){cure}"
    if k == "refuse_consent":
        why = lowered(v("reason", getattr(action, "reason", "sovereignty")))
        if action.wants_caveat:
            return f"refuses consent, as host nation ({why}); would consent with the caveat '{v('caveat', action.wants_caveat)}'"
        return f"refuses consent outright, as host nation ({why})"
    if k == "request_art5":
        return f"asks the Council to invoke Article 5 after the armed attack on {actor_name(crisis, action.on)}"
    if k == "seek_resolution":
        return f"seeks a UN Security Council resolution authorising '{option_title(crisis, action.option)}'"
    if k == "lead_coalition":
        d = action.decision
        return f"leads a coalition of the willing to carry out proposal {d} outside the Alliance frame"
    if k == "amend":
        return f"amends the text: caveat '{v('caveat', action.caveat)}'"
    if k == "set_param":
        return f"amends the text: {_param_label(crisis, action.name, action.value)}"
    if k == "concede":
        return f"offers {actor_name(crisis, action.to)} a concession ({action.amount} political capital)"
    if k == "link":
        return f"links '{option_title(crisis, action.option)}' into a package"
    if k == "share_intel":
        return "shares intelligence with " + ("the Alliance" if action.to == "all" else actor_name(crisis, action.to))
    if k == "offer_mou":
        return f"offers {actor_name(crisis, action.to)} a memorandum of understanding"
    if k == "hold_consultations":
        return f"convenes the Council with {actor_name(crisis, action.partner)} to hold the consultations it requested"
    if k == "widen_release":
        inj = crisis.scenario.injects.get(action.inject)
        to = "every member (NATO)" if action.to == "nato" else actor_name(crisis, action.to)
        return f"widens the releasability of its intelligence on '{inj.title if inj else action.inject}' to {to}"
    if k == "pledge":
        return f"pledges to operation {action.operation}: {lowered(v('resource', action.resource))} {action.amount}"
    if k == "withdraw_pledge":
        return f"withdraws its pledge of {lowered(v('resource', action.resource))} from operation {action.operation}"
    if k == "invite":
        return f"invites {actor_name(crisis, action.to)} to contribute to operation {action.operation}"
    if k == "accept_shortfall":
        return f"accepts, for the Council, that operation {action.operation} runs short of its requirement"
    if k == "override_caveats":
        return (f"overrides {possessive(actor_name(crisis, action.to))} national caveats on operation {action.operation}, for "
                "the Council (its pledges count in full)")
    if k == "withdraw_contribution":
        return f"withdraws its whole contribution from operation {action.operation} (its caveats were overridden)"
    if k == "override_meter":
        m = crisis.scenario.meters.get(action.meter)
        return f"sets {m.label if m else action.meter} to {float(action.value):g} — {action.rationale}"
    if k == "override_result":
        label = next((b.label for b in crisis.rules.adjudication.results if b.result == action.result), action.result)
        return f"overrides operation {action.operation}'s result to {lowered(label)} — {action.rationale}"
    if k == "release_inject":
        inj = crisis.scenario.injects.get(action.inject)
        return f"releases the inject '{inj.title if inj else action.inject}'" + (" (edited)" if action.text else "")
    if k == "hold_inject":
        inj = crisis.scenario.injects.get(action.inject)
        return f"holds the inject '{inj.title if inj else action.inject}'"
    return action.describe()


def legal_basis(crisis: LoadedScenario, state, op) -> str:
    """What an operation rests on and how that was obtained, in words: the basis, the host's consent
    and its conditions, the Council's vote or standing mandate, the armed attack behind Article 5,
    the lead nation of a coalition."""
    p = op.proposal
    basis = crisis.rules.legal_bases.get(p.basis)
    bits = [basis.label if basis else p.basis]
    needs = basis.needs if basis else "none"
    decision = next((d for d in state.decisions if d.number == p.number), None)
    if needs == "collective_defence":
        attack = next(((by, t) for on, by, t in state.attacks if on == p.host), None)
        if attack is not None:
            by = f" by {actor_name(crisis, attack[0])}" if attack[0] else ""
            bits.append(f"invoked after the armed attack{by} on {actor_name(crisis, p.host)} (turn {attack[1]}), "
                        "every member assenting")
    if needs == "security_council":
        res = [r for r in state.resolutions if r.option == op.option and r.in_force]
        if res and res[0].status == "standing":
            bits.append(f"{res[0].votes[0][0]}, a standing mandate")
        elif res:
            r = res[0]
            bits.append(f"resolution sought by {actor_name(crisis, r.sought_by)}, adopted in turn {r.turn} "
                        f"({r.count('yes')} in favour, {r.count('no')} against, {r.count('abstain')} abstaining)")
    host = crisis.scenario.actors.get(p.host) if p.host else None
    if host is not None and host.kind != "member":
        if host.consent == "not_required":
            bits.append(f"{possessive(host.name)} consent not required: {host.consent_reason}")
        elif decision is not None:
            conditions = []
            for _, a, stance, detail in decision.stances:
                if a == p.host and stance == "refuse_consent" and detail and detail not in conditions:
                    conditions.append(detail)
            cond = (" on its condition" + ("s" if len(conditions) > 1 else "") + ": "
                    + ", ".join(value_label(crisis, "amend", "caveat", c) for c in conditions)) if conditions else ""
            bits.append(f"{host.name} consented{cond}")
    elif host is not None and needs == "host_consent":
        bits.append(f"at {possessive(host.name)} invitation")
    if op.coalition:
        lead = f" led by {actor_name(crisis, op.lead)}" if op.lead else ""
        bits.append(f"a coalition of the willing{lead} ({', '.join(actor_name(crisis, a) for a in op.contributors)})")
    return "; ".join(bits)


def trigger_words(crisis: LoadedScenario, inj) -> str:
    """An inject's trigger in the scenario's names ("2 turns after 'Cables cut' and when Crisis
    severity >= 60"): `Inject.trigger_text` with every id said by its label."""
    parts = []
    if inj.turn is not None:
        parts.append(f"turn {inj.turn}" if inj.when is None and inj.after is None else f"from turn {inj.turn}")
    if inj.after is not None:
        other = crisis.scenario.injects.get(inj.after.inject)
        title = f"'{other.title}'" if other is not None else inj.after.inject
        d = inj.after.delay
        parts.append(f"right after {title}" if d == 0 else f"{d} turn{'s' if d != 1 else ''} after {title}")
    if inj.when is not None:
        parts.append(f"when {expression_words(crisis, inj.when.text)}")
    return " and ".join(parts)
