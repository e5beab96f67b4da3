"""The White Cell's moves: pause, injects released, held or made up, requests for information
answered, meters and adjudications overridden with a rationale."""
from __future__ import annotations

from game.core import actions as A
from game.core import adjudication
from game.core.actions import Action
from game.core.effects import actor_name, apply_effects, fire, say
from game.core.events import Event
from game.core.procedure import adhoc_effects
from game.core.state import GameState


def apply(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    if isinstance(action, A.Pause):
        say(crisis, action, events, "paused")
        return state.replace(paused=True)
    if isinstance(action, A.Resume):
        say(crisis, action, events, "resumed")
        return state.replace(paused=False)
    if isinstance(action, A.HoldInject):
        say(crisis, action, events, "held")
        return state.replace(held=state.held + (action.inject,))
    if isinstance(action, A.ReleaseInject):
        say(crisis, action, events, "released", inject=action.inject, edited=action.text is not None)
        return fire(crisis, state, action.inject, events, action.text)
    if isinstance(action, A.AdHocInject):
        say(crisis, action, events, "released", adhoc=True)
        events.append(Event("inject", f"{action.title}: {action.text}", {"inject": None, "title": action.title,
                                                                          "adhoc": True}))
        return apply_effects(crisis, state, adhoc_effects(crisis, action.effects), events, action.title)
    if isinstance(action, A.AnswerInfo):
        number, asker, question = next(r for r in state.requests if r[0] == action.request)
        events.append(Event("rfi_answer", f"White Cell answers your request ({question}): {action.answer}",
                            {"request": number, "seat": asker}, to=(asker,)))
        return state.replace(requests=tuple(r for r in state.requests if r[0] != action.request))
    if isinstance(action, A.OverrideMeter):
        say(crisis, action, events, "override", rationale=action.rationale)
        m = crisis.scenario.meters[action.meter]
        meters = dict(state.meters)
        meters[action.meter] = min(m.max, max(m.min, float(action.value)))
        return state.replace(meters=meters)
    if isinstance(action, A.OverrideResult):
        say(crisis, action, events, "override", rationale=action.rationale)
        return adjudication.override(crisis, state, action, events)
    raise AssertionError(f"unhandled White Cell action {action!r}")


def request_info(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    """A delegation asks the White Cell a question (at any time); the answer comes privately."""
    number = state.requests_made + 1
    events.append(Event("rfi", f"{actor_name(crisis, action.seat)} asks the White Cell (request {number}): "
                               f"{action.question}", {"request": number, "seat": action.seat}, to=(action.seat,)))
    return state.replace(requests=state.requests + ((number, action.seat, action.question),),
                         requests_made=number)
