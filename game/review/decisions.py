"""The timeline and the decision record: every proposal, round by round — who supported, objected
(and why), reserved or stayed silent, and what stopped it."""
from __future__ import annotations

from game.core import actions as A
from game.core.env import Env
from game.core.events import (Adjudication, Adopted, Amended, Art4Requested, CoalitionLaunched, Conceded,
                              ConsentGiven, ConsentWithdrawn, Event, Facilitator, GameOver, Held, Inaction, Inject,
                              Intel, Mandated, MouOffered, Moved, Overridden, Paused, ProposalFailed,
                              ResultOverridden, Resumed, RoundEnded, SilenceBroken, SilenceCalled, SilenceHeld,
                              Stance, Tabled, TurnStarted, Undone, Vetoed)
from game.core.events import (ContributorsMet, DecidedInParallel, ConsultationsHeld, ConsultationsIgnored, ConsultationsRequested, IntelReleased,
                              ReleaseWidened)
from game.core.state import Proposal
from game.review.context import Ctx
from game.review.model import DecisionRecord, Objection, RedLineHit, Round, TimelineItem, TimelineTurn


_TIMELINE = (Inject, Intel, SilenceHeld, SilenceBroken, ProposalFailed, Adopted, CoalitionLaunched, Vetoed, Mandated,
             ConsentWithdrawn, ConsentGiven, Art4Requested, MouOffered, Overridden, ResultOverridden, Held, Inaction,
             RoundEnded, Facilitator, Paused, Resumed,
             ConsultationsRequested, ConsultationsHeld, ConsultationsIgnored, ReleaseWidened, ContributorsMet, DecidedInParallel)  # issue 17
_SILENCE_CLOSED = (SilenceHeld, SilenceBroken, ProposalFailed)
_FACILITATOR_ONLY = (Held, Facilitator, Paused, Resumed)  # the White Cell's housekeeping


def timeline(cx: Ctx, seen) -> tuple[TimelineTurn, ...]:
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
        elif isinstance(e, IntelReleased):  # what a share released, when it released something
            item = TimelineItem(k, cx.say(e)) if e.released else None
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


def _table_text(cx: Ctx, a: dict) -> str:
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
def decisions(cx: Ctx, seen) -> tuple[DecisionRecord, ...]:
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


def _decision(cx: Ctx, d, tabled: dict, seg: list[Event]) -> DecisionRecord:
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


def _why_blocked(cx: Ctx, actor: str, stance, act: dict | None) -> str:
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


def _ask(cx: Ctx, act: dict) -> str:
    if act.get("wants_caveat"):
        return f"asked for the caveat {cx.caveat(act['wants_caveat'])}"
    if act.get("wants_concession"):
        return f"asked for a concession of {act['wants_concession']}"
    return ""


def _round(cx: Ctx, d, raw: dict, stances: list) -> Round:
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
