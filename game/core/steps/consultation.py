"""2. Consultation: delegations share intelligence, request Article 4 consultations, offer MOUs;
members ask for Article 5 after an armed attack, seek Security Council resolutions and lead
coalitions of the willing for failed texts; hosts may withdraw their consent."""
from __future__ import annotations

from game.core import actions as A
from game.core.actions import Action
from game.core.effects import apply_effects, consent_changed, finished
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
    raise AssertionError(f"unhandled {action!r} in consultation")  # legal and the steps disagree
