"""A saved game replayed for its review: the start, then every recorded action with its events
and the state after it."""
from __future__ import annotations

import attrs

from game.core import actions as A
from game.core import engine
from game.core.actions import WHITE_CELL, Action
from game.core.events import Event, Facilitator, bind
from game.core.state import GameState
from game.saves.log import replay
from game.scenario.loader import LoadedScenario


@attrs.frozen
class HistoryStep:
    n: int  # 0: the game's start
    action: Action | None
    events: tuple[Event, ...]
    state: GameState  # after the action


@attrs.frozen
class History:
    head: dict
    steps: tuple[HistoryStep, ...]

    @property
    def state(self) -> GameState:
        return self.steps[-1].state

    @property
    def events(self) -> list[Event]:
        return [e for s in self.steps for e in s.events]


def history(crisis: LoadedScenario, head: dict, records: list[dict], verify: bool = True) -> History:
    """Replay a saved game: the start, then every recorded action with its events and state.

    A White Cell inject release leaves no event of its own in the engine's feed; it is marked
    here with a `facilitator` event so the review can list it among the facilitator's moves."""
    start = engine.new_game(crisis, head["seed"], head.get("turns"))
    steps = [HistoryStep(0, None, start.events, start.state)]
    for n, action, step in replay(crisis, head, records, verify=verify):
        events = step.events
        if action.seat == WHITE_CELL and isinstance(action, A.ReleaseInject):
            events = bind((Facilitator(action),), crisis) + tuple(events)
        steps.append(HistoryStep(n, action, tuple(events), step.state))
    return History(dict(head), tuple(steps))
