"""4. Negotiation: under the silence procedure every delegation supports, objects with a reason,
stays silent or places a reservation; the host nation consents or refuses. A round closes when
every seat has acted: silence holds, or the text goes back for amendment (or fails)."""
from __future__ import annotations

from game.core import actions as A
from game.core.actions import Action
from game.core.effects import Discard, apply_effects, finished, say
from game.core.events import Event
from game.core.seats import host_consents, host_needs_consent, kind_of
from game.core.state import GameState, Phase, evolve
from game.core.steps.decision import adopt


def apply(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    seat = action.seat
    if events.__class__ is not Discard:  # quiet play builds no words
        say(crisis, action, events, "stance", stance=action.kind, number=state.proposal.number)
    if isinstance(action, A.Object) and kind_of(crisis, seat) == "member":
        capital = dict(state.capital)
        capital[seat] -= crisis.rules.costs.objection
        state = state.replace(capital=capital)
    return finished(crisis, state, seat, submissions=state.submissions + ((seat, action),))


def undo(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    """The seat takes back its stance while the round is open (an objection's capital comes back)."""
    seat = action.seat
    say(crisis, action, events, "undo")
    prior = state.submitted(seat)
    capital = dict(state.capital)
    if isinstance(prior, A.Object) and kind_of(crisis, seat) == "member":
        capital[seat] += crisis.rules.costs.objection
    return state.replace(capital=capital,
                         submissions=tuple((s, a) for s, a in state.submissions if s != seat),
                         done=tuple(d for d in state.done if d != seat))


def close_round(crisis, state: GameState, events: list[Event]) -> GameState:
    p = state.proposal
    sc = crisis.scenario
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
    blockers = tuple(objectors) + ((p.host,) if consent_missing else ())
    decisions = state.decisions[:-1] + (evolve(
        state.decisions[-1], stances=state.decisions[-1].stances + tuple(stances), proposal=p),)
    state = state.replace(decisions=decisions)
    loud = events.__class__ is not Discard  # quiet play builds no words
    if not blockers:
        if loud:
            events.append(Event("silence_held", f"Silence held in round {p.round}: the text is agreed"
                                + (f" (reservations: {', '.join(reservations)})" if reservations else ""),
                                {"round": p.round, "reservations": reservations, "number": p.number}))
        if reservations:
            state = apply_effects(crisis, state, crisis.rules.effects.reservation * len(reservations), events,
                             "reservations on the record")
        return adopt(crisis, state, events, coalition=False)
    names = why = ""
    if loud:
        names = ", ".join(sc.actors[b].name for b in blockers)
        why = "; ".join(f"{sc.actors[s].name}: {a.reason}" for s, a in state.submissions
                        if s in objectors) or ""
        if consent_missing:
            why = "; ".join(x for x in (why, f"{sc.actors[p.host].name} has not consented as host") if x)
    decisions = state.decisions[:-1] + (evolve(state.decisions[-1], blocked_by=blockers),)
    state = state.replace(decisions=decisions)
    if p.round >= crisis.rules.procedure.negotiation_rounds:
        events.append(Event("proposal_failed", f"Silence broken by {names} in the last round: the text fails ({why})",
                            {"round": p.round, "blocked_by": list(blockers), "number": p.number}))
        state = apply_effects(crisis, state, crisis.rules.effects.blocked, events, "no consensus")
        return state.replace(phase=Phase.AMENDMENT, proposal=evolve(p, failed=True))
    events.append(Event("silence_broken", f"Silence broken by {names} ({why}): the text goes back for amendment",
                        {"round": p.round, "blocked_by": list(blockers), "number": p.number}))
    return state.replace(phase=Phase.AMENDMENT, done=())
