"""4. Negotiation: under the silence procedure every delegation supports, objects with a reason,
stays silent or places a reservation; the host nation consents or refuses. A round closes when
every seat has acted: silence holds, or the text goes back for amendment (or fails)."""
from __future__ import annotations

from game.core import actions as A
from game.core.actions import Action
from game.core.effects import apply_effects, finished
from game.core.events import ConsentRefused, Event, ProposalFailed, SilenceBroken, SilenceHeld, Stance, Undone
from game.core.seats import host_consents, host_needs_consent, kind_of
from game.core.state import GameState, Phase, evolve
from game.core.steps.decision import adopt, close_proposal


def apply(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    seat = action.seat
    events.append(Stance(action, state.proposal.number))
    if isinstance(action, A.Object) and kind_of(crisis, seat) == "member":
        capital = dict(state.capital)
        capital[seat] -= crisis.rules.costs.objection
        state = state.replace(capital=capital)
    return finished(crisis, state, seat, submissions=state.submissions + ((seat, action),))


def undo(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    """The seat takes back its stance while the round is open (an objection's capital comes back)."""
    seat = action.seat
    events.append(Undone(action))
    prior = state.submitted(seat)
    capital = dict(state.capital)
    if isinstance(prior, A.Object) and kind_of(crisis, seat) == "member":
        capital[seat] += crisis.rules.costs.objection
    return state.replace(capital=capital,
                         submissions=tuple((s, a) for s, a in state.submissions if s != seat),
                         done=tuple(d for d in state.done if d != seat))


def close_round(crisis, state: GameState, events: list[Event]) -> GameState:
    p = state.proposal
    stances = []
    objectors = []
    for seat, act in state.submissions:
        detail = act.reason if isinstance(act, A.Object) else getattr(act, "wants_caveat", "") or ""
        stance = act.kind if not isinstance(act, A.Pass) else "silent"
        if kind_of(crisis, seat) != "member" and isinstance(act, A.Object):
            stance = "concern"  # partners shape, they do not block
        stances.append((p.round, seat, stance, detail))
        if stance == "object":
            objectors.append(seat)
    reservations = [s for s, a in state.submissions if isinstance(a, A.Reserve)]
    consent_missing = host_needs_consent(crisis, p) and not host_consents(crisis, state, p)
    refusal = state.submitted(p.host) if consent_missing else None
    if isinstance(refusal, A.RefuseConsent):
        events.append(ConsentRefused(p.host, refusal.reason, refusal.wants_caveat, p.number))
    unassented: tuple[str, ...] = ()
    if crisis.rules.legal_bases[p.basis].needs == "collective_defence":
        # Article 5: every member states its assent; silence never invokes it
        said = {s for s, a in state.submissions if isinstance(a, (A.Support, A.Reserve))}
        unassented = tuple(m for m in crisis.groups["members"] if m not in said and m not in objectors)
    blockers = tuple(objectors) + unassented + ((p.host,) if consent_missing else ())
    decisions = state.decisions[:-1] + (evolve(
        state.decisions[-1], stances=state.decisions[-1].stances + tuple(stances), proposal=p,
        texts=state.decisions[-1].texts + (p,)),)
    state = state.replace(decisions=decisions)
    if not blockers:
        events.append(SilenceHeld(p.round, tuple(reservations), p.number))
        if reservations:
            state = apply_effects(crisis, state, crisis.rules.effects.reservation * len(reservations), events,
                             "reservations on the record")
        return adopt(crisis, state, events)
    objections = tuple((s, a.reason) for s, a in state.submissions if s in objectors)
    host = p.host if consent_missing else None
    decisions = state.decisions[:-1] + (evolve(state.decisions[-1], blocked_by=blockers),)
    state = state.replace(decisions=decisions)
    outright = isinstance(refusal, A.RefuseConsent) and refusal.wants_caveat is None
    if p.round >= crisis.rules.procedure.negotiation_rounds or outright:
        # the text fails: on its last round, or at once when the host refuses its consent outright
        events.append(ProposalFailed(p.round, blockers, p.number, objections, host, unassented))
        state = apply_effects(crisis, state, crisis.rules.effects.blocked, events, "no consensus")
        if outright:
            state = apply_effects(crisis, state, crisis.rules.effects.consent_refused, events, "consent refused")
        return close_proposal(crisis, state, "failed", events)
    events.append(SilenceBroken(p.round, blockers, p.number, objections, host, unassented))
    return state.replace(phase=Phase.AMENDMENT, done=())
