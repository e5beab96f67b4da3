"""What the chair's menu says about a course of action, in words: what it does, on what legal
bases (and whether each can carry it now), what it needs against what is held and pledged, how
hard it is, the caveats on offer, and what each delegation has said about it so far. Built from
public facts only (the scenario's menu and the record of past texts), so any seat may read it.
No UI here: the table's dialogs and the papers show these lines."""
from __future__ import annotations

from game.core import texts
from game.core.procedure import basis_refusal, option_refusal

STANCE_WORDS = {"support": "supported", "object": "objected", "concern": "raised a concern", "reserve":
                "placed a reservation", "consent": "consented as host", "refuse_consent": "refused consent as host",
                "silent": "stayed silent"}


def resource_label(crisis, res: str) -> str:
    decl = crisis.scenario.resources.get(res) or crisis.rules.resources.get(res)
    return decl.label if decl else res


def limits(crisis, state, short: bool = False) -> str:
    """The procedure's limits as they stand: texts tabled this turn, the silence round, amendments
    (`short`: for a status line, "texts 1/2 · silence round 1/3")."""
    proc = crisis.rules.procedure
    p = state.proposal
    parts = [("texts this turn", state.proposals_this_turn, proc.proposals_per_turn)]
    if p is not None and not p.failed:
        parts.append(("silence round", p.round, proc.negotiation_rounds))
        if state.phase.value == "amendment":
            parts.append(("changes before recirculating", p.amendments, proc.amendments_per_round))
    if short:
        return " · ".join(f"{what.split()[0] if what != 'silence round' else 'round'} {n}/{of}"
                          for what, n, of in parts)
    return "; ".join(f"{what} {n} of {of}" for what, n, of in parts)


def option_lines(crisis, state, oid: str, seat: str | None = None) -> list[tuple[str, str]]:
    """(heading, words) lines describing course of action `oid` as the game stands."""
    sc, rules = crisis.scenario, crisis.rules
    opt = sc.options[oid]
    out = [("", opt.text.strip())]
    closed = option_refusal(crisis, state, oid)
    if closed:
        out.append(("Not available", closed))
    where = ", ".join(texts.actor_name(crisis, h) for h in opt.hosts) if opt.hosts else "not on any one territory"
    out.append(("Where", where))
    bases = []
    for b in opt.legal_bases:
        label = rules.legal_bases[b].label if b in rules.legal_bases else b
        whys = [basis_refusal(crisis, state, oid, b, h) for h in (opt.hosts or (None,))]
        if any(w is None for w in whys):
            bases.append(f"{label} (open now)")
        else:
            bases.append(f"{label} (not now: {whys[0]})")
    out.append(("Legal bases", "; ".join(bases)))
    hosts = [h for h in opt.hosts if h in sc.actors and sc.actors[h].kind != "member"
             and sc.actors[h].consent == "required"]
    if hosts:
        out.append(("Consent", ", ".join(texts.actor_name(crisis, h) for h in hosts)
                    + " must consent, whatever the basis"))
    held = {}
    for actor, res in state.resources.items():
        if actor == crisis.chair:
            continue
        for r, n in res.items():
            held[r] = held.get(r, 0) + n
    pledged = {}
    for op in state.operations:
        if op.option == oid and op.status in ("planning", "adopted", "running"):
            for _a, r, n in op.pledges:
                pledged[r] = pledged.get(r, 0) + n
    needs = []
    for r, n in opt.requires.items():
        bit = f"{resource_label(crisis, r)} {n} (held around the table: {held.get(r, 0)}"
        bit += f"; pledged so far: {pledged[r]})" if r in pledged else ")"
        needs.append(bit)
    out.append(("Needs", "; ".join(needs) or "nothing committed"))
    for name, par in opt.parameters.items():
        vals = []
        for v in par.values.values():
            extra = ", ".join(f"+{n} {texts.lowered(resource_label(crisis, r))}" for r, n in v.requires.items())
            vals.append(v.label + (f" ({extra})" if extra else ""))
        out.append((par.label, " / ".join(vals)))
    hard = f"{opt.difficulty} (the roll plus the factors must beat it)"
    if opt.duration and opt.duration > 1:
        hard += f"; runs {opt.duration} turns"
    out.append(("Difficulty", hard))
    if opt.caveats:
        cav = []
        for c in opt.caveats:
            decl = rules.caveats.get(c)
            if decl is None:
                continue
            note = f"pledges count {decl.pledge_factor:.0%}" if decl.pledge_factor < 1 else ""
            if decl.difficulty:
                note = ", ".join(x for x in (note, f"difficulty +{decl.difficulty}") if x)
            cav.append(decl.label + (f" ({note})" if note else ""))
        out.append(("Caveats on offer", "; ".join(cav)))
    out.append(("Positions stated", positions(crisis, state, oid)))
    return out


def positions(crisis, state, oid: str) -> str:
    """What each delegation has said on texts with this course of action (their last word on it),
    and the Security Council resolutions sought for it."""
    said: dict[str, str] = {}
    for d in state.decisions:
        if oid not in d.proposal.options:
            continue
        for _round, actor, stance, detail in d.stances:
            word = STANCE_WORDS.get(stance, stance)
            if stance in ("object", "concern") and detail:
                r = crisis.rules.reasons.get(detail)
                word += f" ({texts.lowered(r.label) if r else detail})"
            elif stance == "refuse_consent" and detail:
                c = crisis.rules.caveats.get(detail)
                word += f" unless '{c.label if c else detail}'"
            said[actor] = f"{word} (text {d.number}, turn {d.turn})"
    p = state.proposal
    if p is not None and oid in p.options:
        for actor, act in state.submissions:
            word = STANCE_WORDS.get("silent" if act.kind == "pass" else act.kind, act.kind)
            if act.kind == "object":
                r = crisis.rules.reasons.get(act.reason)
                word = ("raised a concern" if crisis.scenario.actors[actor].kind != "member" else "objected") + \
                    f" ({texts.lowered(r.label) if r else act.reason})"
            said[actor] = f"{word} (this round)"
    bits = [f"{texts.actor_name(crisis, a)} {w}" for a, w in said.items()]
    for r in state.resolutions:
        if r.option == oid and r.sought_by:
            bits.append(f"{texts.actor_name(crisis, r.sought_by)} sought a UN resolution for it ({r.status})")
    if not bits:
        return "no delegation has spoken on it yet"
    quiet = [texts.actor_name(crisis, a) for a in crisis.delegations if a not in said]
    return "; ".join(bits) + (f". Not heard yet: {', '.join(quiet)}" if quiet else "")
