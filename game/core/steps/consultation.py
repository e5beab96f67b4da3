"""2. Consultation: delegations share intelligence, request Article 4 consultations, offer MOUs;
members ask for Article 5 after an armed attack, seek Security Council resolutions and lead
coalitions of the willing for failed texts; hosts may withdraw their consent."""
from __future__ import annotations

from game.core import actions as A
from game.core.actions import Action
from game.core.effects import apply_effects, consent_changed, finished
from game.core.checks import releasable_to
from game.core.events import (ConsultationsRequested, DecidedInParallel, Intel, IntelReleased, ReleaseWidened)
from game.core.events import Art4Requested, Art5Requested, Done, Event, MouOffered, Moved, ResolutionSought
from game.core.state import GameState, Phase, Resolution
from game.core.steps.decision import lead_coalition


def apply(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    seat = action.seat
    rules = crisis.rules
    if isinstance(action, A.Pass):
        events.append(Done(action, Phase.CONSULTATION))
        return finished(crisis, state, seat)
    if isinstance(action, A.ShareIntel):
        events.append(Moved(action))
        state = release_intel(crisis, state, action, events)
        weight = 2 if action.to == "all" else 1
        state = finished(crisis, state, seat, intel_shares=state.intel_shares + weight)
        if action.to == "all":
            return apply_effects(crisis, state, rules.effects.intel_shared, events, "intelligence shared")
        trust = dict(state.trust)
        trust[action.to] = min(100, trust.get(action.to, 0) + 2)
        return state.replace(trust=trust)
    if isinstance(action, A.RequestArt4):  # a right: free, and as often as a member feels threatened
        events.append(Art4Requested(action))
        state = finished(crisis, state, seat, art4=state.art4 + (seat,))
        return apply_effects(crisis, state, rules.effects.art4, events, "Article 4 consultations")
    if isinstance(action, A.RequestArt5):
        events.append(Art5Requested(action))
        return finished(crisis, state, seat, art5=state.art5 + ((seat, action.on),))
    if isinstance(action, A.SeekResolution):
        events.append(ResolutionSought(action))
        number = sum(1 for r in state.resolutions if r.number) + 1
        res = Resolution(number, action.option, seat, state.turn)
        return finished(crisis, state, seat, resolutions=state.resolutions + (res,))
    if isinstance(action, A.LeadCoalition):
        state = finished(crisis, state, seat)
        return lead_coalition(crisis, state, seat, action.decision, events)
    if isinstance(action, A.OfferMOU):
        events.append(MouOffered(action))
        capital, trust = dict(state.capital), dict(state.trust)
        capital[seat] -= rules.costs.mou
        trust[action.to] = min(100, trust.get(action.to, 0) + 10)
        return finished(crisis, state, seat, capital=capital, trust=trust, mous=state.mous + ((seat, action.to),))
    if isinstance(action, A.WithdrawConsent):
        events.append(Moved(action))
        state = finished(crisis, state, seat)
        return consent_changed(crisis, state, seat, False, events)
    if isinstance(action, A.RequestConsultations):  # a partner's concern before the Council (issue 17)
        events.append(ConsultationsRequested(action))
        return finished(crisis, state, seat, consultations=state.consultations + ((seat, state.turn, False),))
    if isinstance(action, A.DecideInParallel):  # an organisation's own channel (a NATO-EU exchange)
        events.append(DecidedInParallel(action))
        state = finished(crisis, state, seat, parallel=state.parallel + ((seat, action.operation),))
        return apply_effects(crisis, state, rules.effects.parallel_decision, events, "an organisation acts alongside")
    if isinstance(action, A.WidenRelease):  # not the seat's whole move: it may share next
        events.append(ReleaseWidened(action))
        rel = tuple((o, i, t + (action.to,)) if o == seat and i == action.inject else (o, i, t)
                    for o, i, t in state.releasable)
        return state.replace(releasable=rel)
    raise AssertionError(f"unhandled {action!r} in consultation")  # legal and the steps disagree


def release_intel(crisis, state: GameState, action: A.ShareIntel, events: list[Event]) -> GameState:
    """Sharing releases the content of every item the seat owns to each recipient its
    releasability allows (issue 17, item 4): a private Intel event to them, a copy in their
    intelligence, and a public count of what went to whom."""
    seat = action.seat
    recipients = [a for a in crisis.delegations if a != seat] if action.to == "all" else [action.to]
    held = {(a, i) for a, i, _, _ in state.private_intel}
    mine = {i: (m, t) for a, i, m, t in state.private_intel if a == seat}
    private = list(state.private_intel)
    bearing = list(state.bearing)
    released: dict[str, int] = {}
    for owner, inject, tags in state.releasable:
        if owner != seat or inject not in mine:
            continue
        marking, text = mine[inject]
        to = tuple(r for r in recipients if (r, inject) not in held and releasable_to(crisis, tags, r))
        if not to:
            continue
        says = next((b for o, i, b in state.bearing if o == seat and i == inject), None)
        for r in to:
            private.append((r, inject, marking, text))
            if says:
                bearing.append((r, inject, says))
            held.add((r, inject))
            released[r] = released.get(r, 0) + 1
        events.append(Intel(inject, to, marking, text))
    events.append(IntelReleased(action, tuple(released.items())))
    return state.replace(private_intel=tuple(private), bearing=tuple(bearing)) if released else state
