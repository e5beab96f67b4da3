"""3. Proposal: the chair tables a course of action from the scenario's menu, or tables nothing."""
from __future__ import annotations

from game.core import actions as A
from game.core.actions import Action
from game.core.events import ConsultationsHeld, Event, NothingTabled, SilenceCalled, Tabled
from game.core.state import Decision, GameState, Phase, Proposal


def apply(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    if isinstance(action, A.Pass):
        events.append(NothingTabled(action))
        return state.replace(phase=Phase.FORCE_GENERATION, done=())
    if isinstance(action, A.HoldConsultations):  # the Council meets the partner; the chair may table next
        events.append(ConsultationsHeld(action))
        held = tuple((p, t, True) if p == action.partner and t == state.turn else (p, t, h)
                     for p, t, h in state.consultations)
        return state.replace(consultations=held)
    if isinstance(action, A.Table):
        number = len(state.decisions) + 1
        p = Proposal(action.option, action.basis, action.host, action.params, action.caveats,
                     number=number)
        events.append(Tabled(action, number))
        events.append(SilenceCalled(1, number))
        decision = Decision(number, state.turn, action.option, p, (), "pending")
        return state.replace(phase=Phase.NEGOTIATION, proposal=p, submissions=(), done=(),
                             decisions=state.decisions + (decision,),
                             proposals_this_turn=state.proposals_this_turn + 1)
    raise AssertionError(f"unhandled {action!r} in proposal")  # legal and the steps disagree
