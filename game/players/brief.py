"""What the default delegation weighs before it breaks silence on interests alone: the text's worth to
its brief as the national score counts it (core/scoring.py), and what an objection and a veto cost
that score. Veto for red lines, bargain for interests."""
from __future__ import annotations

import ast

from game.core.actions import Object, RefuseConsent
from game.core.observation import Observation
from game.core.procedure import open_caveats
from game.core.scoring import SAYS_NO, interest_value, mandate_missing
from game.core.state import Proposal


def brief_value(obs: Observation, p: Proposal) -> float:
    """What the text is worth to this seat's brief as its national score counts it (interest weights x
    stakes; on its own soil, its sovereignty): the measure its objections on interests answer to."""
    key = ("brief", p.option, p.package, p.params, p.caveats, p.host)
    v = obs.memory.get(key)
    if v is None:
        v = obs.memory[key] = interest_value(obs.crisis, obs.seat, p) * obs.crisis.rules.scoring.interests \
            + objectives_value(obs, p.options)
    return v


SUCCESS_ODDS = 0.5  # an objective met when an operation succeeds counts half when its text is adopted


def objectives_value(obs: Observation, options) -> float:
    """What adopting these options does to the seat's own national objectives that name them: the
    points of one met by `adopted(X)` (half of one met by `succeeded(X)`), less those of one that
    needs `not adopted(X)`. A delegation favours the texts its brief asks for."""
    table = obs.memory.get("objectives")
    if table is None:
        table = obs.memory["objectives"] = {}
        for o in obs.me.objectives:
            _named(getattr(o.when, "tree", None), 1.0, o.points, table)
    return sum(table.get(x, 0.0) for x in options) if table else 0.0


def _named(node, sign: float, points: float, out: dict) -> None:
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.Or) and not all(_names_option(v) for v in node.values):
            return  # met another way too (a mandate, a meter): adopting the text alone does not decide it
        for v in node.values:
            _named(v, sign, points, out)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _named(node.operand, -sign, points, out)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args \
            and isinstance(node.args[0], ast.Name) and node.func.id in ("adopted", "succeeded"):
        odds = 1.0 if node.func.id == "adopted" else SUCCESS_ODDS
        out[node.args[0].id] = out.get(node.args[0].id, 0.0) + sign * odds * points


def objection_cost(obs: Observation) -> float:
    """What one round of broken silence costs the seat's national score (standing, and the capital
    it spends): a positive number."""
    w = obs.crisis.rules.scoring
    return -(w.objections - w.capital * obs.crisis.rules.costs.objection)


ASK_MARGIN = 2.0  # a caveat is worth an objection when it adds this many times the objection's cost:
# the cost is certain, the gain is not (the chair may not amend, the text may fail anyway, and
# another Ally may ask for the same caveat)


def veto_cost(obs: Observation) -> float:
    """What blocking a text with no red line at stake costs its national score, on top of the
    objection: a positive number."""
    return -obs.crisis.rules.scoring.blocked


def needless(obs: Observation, caveat: str | None) -> bool:
    """Whether an objection of this seat's own (asking for `caveat`, or for nothing) would change
    nothing this round: another member's objection already on the record this round asks for no
    amendment (the text goes back whatever the seat says), or another seat's asks for the same
    caveat (the chair hears it anyway), or another member's public position will ask for it before
    the round closes (`secured`). It would buy nothing but its cost; a reservation puts the seat's
    view on record."""
    members = obs.crisis.groups["members"]
    if any(s != obs.seat and isinstance(a, Object)
           and ((a.wants_caveat is None and s in members) or (caveat is not None and a.wants_caveat == caveat))
           for s, a in obs.state.submissions):
        return True
    firm, caveats = secured(obs)
    return firm or (caveat is not None and caveat in caveats)


def goes_back(obs: Observation) -> bool:
    """Whether the text on the table will come back for another round whatever this seat says (so an
    amendment it wants can wait for the next round, where another Ally may have asked for it): it is
    not the last round, and silence is already broken on the record (another member's objection, the
    host's refusal) or will be by a member's public position (`secured`)."""
    st, crisis = obs.state, obs.crisis
    if st.proposal.round >= crisis.rules.procedure.negotiation_rounds:
        return False
    members, host = crisis.groups["members"], st.proposal.host
    if any(s != obs.seat and ((isinstance(a, Object) and s in members) or (s == host and isinstance(a, RefuseConsent)))
           for s, a in st.submissions):
        return True
    firm, caveats = secured(obs)
    return firm or bool(caveats)


def secured(obs: Observation) -> tuple[bool, frozenset[str]]:
    """What other members will ask of the text on the table before this round closes, read from public
    facts only: (whether one will object outright, the caveats they will ask for).

    - A member whose stated position insists on a Security Council mandate (public) and has not yet
      spoken this round objects to a text that lacks one: it asks for 'mandate first' where that
      caveat is open, else it objects outright.
    - A member that has not yet spoken, and broke silence on an earlier text of the same course of
      action, asks again for what the chair then added to answer the objections (the public record:
      the caveats amended into that text, when this seat did not break silence on it itself).
    """
    st, p = obs.state, obs.state.proposal
    key = ("secured", p.number, p.round, p.caveats, len(st.submissions))
    hit = obs.memory.get(key)
    if hit is not None:
        return hit
    crisis, seat = obs.crisis, obs.seat
    spoken = {s for s, _ in st.submissions}
    pending = [m for m in crisis.groups["members"] if m != seat and m not in spoken and m in crisis.silence
               and st.capital.get(m, 0) >= crisis.rules.costs.objection]
    open_ = open_caveats(crisis, p)
    firm, caveats = False, set()
    for m in pending:
        if mandate_missing(crisis, m, p):
            if "mandate_first" in open_:
                caveats.add("mandate_first")
            else:
                firm = True
    if pending:
        for d in st.decisions:
            if d.number == p.number or d.option != p.option or d.proposal.host != p.host:
                continue
            said_no = {x for _r, x, stance, _ in d.stances if stance in SAYS_NO}
            if seat in said_no or not said_no.intersection(pending):
                continue
            caveats.update(c for c in d.proposal.caveats if c in open_)
    hit = obs.memory[key] = (firm, frozenset(caveats))
    return hit




def _names_option(node) -> bool:
    while isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        node = node.operand
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("adopted", "succeeded")
