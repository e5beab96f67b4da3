"""A partner's capacity as built so far (issue 17, item 3 (c)): the scenario's interoperability
plus what adopted and funded capacity-building packages have added, and resilience. Read by the
adjudication, the conditions and the steps (game.core.partners builds it)."""
from __future__ import annotations

from game.core.state import GameState


def interoperability_of(crisis, state: GameState, actor: str) -> float:
    """The actor's interoperability: the scenario's, plus what capacity building has built (at most 1)."""
    base = crisis.scenario.actors[actor].interoperability
    if not state.built:
        return base
    return min(1.0, base + sum(i for _, a, i, _ in state.built if a == actor))


def resilience_of(state: GameState, actor: str) -> float:
    """What capacity building has added to the actor's resilience (0 before any package)."""
    return sum(r for _, a, _, r in state.built if a == actor)
