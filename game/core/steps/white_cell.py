"""The White Cell's moves: pause, injects released, held or made up, requests for information
answered, meters and adjudications overridden with a rationale."""
from __future__ import annotations

from game.core import actions as A
from game.core import adjudication
from game.core.actions import Action
from game.core.effects import apply_effects, fire
from game.core.events import Event, Held, InfoAnswered, InfoRequested, Inject, Overridden, Paused, Released, Resumed
from game.core.procedure import adhoc_effects
from game.core.state import GameState


def apply(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    if isinstance(action, A.Pause):
        events.append(Paused(action))
        return state.replace(paused=True)
    if isinstance(action, A.Resume):
        events.append(Resumed(action))
        return state.replace(paused=False)
    if isinstance(action, A.HoldInject):
        events.append(Held(action))
        return state.replace(held=state.held + (action.inject,))
    if isinstance(action, A.ReleaseInject):
        events.append(Released(action))
        return fire(crisis, state, action.inject, events, action.text)
    if isinstance(action, A.AdHocInject):
        events.append(Released(action))
        events.append(Inject(None, action.title, adhoc=True, body=action.text))
        return apply_effects(crisis, state, adhoc_effects(crisis, action.effects), events, action.title)
    if isinstance(action, A.AnswerInfo):
        number, asker, question = next(r for r in state.requests if r[0] == action.request)
        events.append(InfoAnswered(number, asker, question, action.answer))
        return state.replace(requests=tuple(r for r in state.requests if r[0] != action.request))
    if isinstance(action, A.OverrideMeter):
        events.append(Overridden(action))
        m = crisis.scenario.meters[action.meter]
        meters = dict(state.meters)
        meters[action.meter] = min(m.max, max(m.min, float(action.value)))
        return state.replace(meters=meters)
    if isinstance(action, A.OverrideResult):
        events.append(Overridden(action))
        return adjudication.override(crisis, state, action, events)
    raise AssertionError(f"unhandled White Cell action {action!r}")


def request_info(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    """A delegation asks the White Cell a question (at any time); the answer comes privately."""
    number = state.requests_made + 1
    events.append(InfoRequested(number, action.seat, action.question))
    return state.replace(requests=state.requests + ((number, action.seat, action.question),),
                         requests_made=number)
