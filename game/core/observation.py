"""What one seat may see (its observation): public facts plus its own private brief and intel.

Other delegations' briefs, interests, red lines, objectives, computer profiles and private intel
are removed here, so nothing downstream (a bot, a screen, a paper) can leak them. The White Cell
sees everything: it is the umpire.
"""
from __future__ import annotations

import attrs

from game.core.actions import WHITE_CELL
from game.core.env import per_text
from game.core.model.crisis import LoadedScenario
from game.core.model.scenario import Actor, BotProfile
from game.core.state import GameState

def public_actor(actor: Actor) -> Actor:
    """An actor as others see it: name, kind, programme, resources, stated national positions."""
    return attrs.evolve(actor, interests={}, red_lines=(), brief="", objectives=(), bot=BotProfile())


def redacted(crisis: LoadedScenario, seat: str) -> LoadedScenario:
    """The scenario as `seat` knows it: others' private data blanked."""
    if seat == WHITE_CELL:
        return crisis
    cache = crisis.views
    if seat not in cache:
        actors = {a: (x if a == seat else public_actor(x)) for a, x in crisis.scenario.actors.items()}
        sc = attrs.evolve(crisis.scenario, actors=actors)
        view = cache[seat] = attrs.evolve(crisis, scenario=sc, sources={}, digest="")
        view.views[("per_text",)] = per_text(crisis)  # public facts about texts, worked out once for all seats
    return cache[seat]


@attrs.frozen
class Observation:
    seat: str
    crisis: LoadedScenario  # redacted for this seat
    state: GameState  # private intel filtered to this seat's
    me: Actor | None = attrs.field(init=False, eq=False, repr=False)  # the seat's own actor (None: White Cell)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "me", self.crisis.scenario.actors.get(self.seat))

    @property
    def intel(self) -> tuple[tuple[str, str, str], ...]:
        """(inject, releasability marking, text) released to this seat."""
        return tuple((i, m, t) for a, i, m, t in self.state.private_intel if a == self.seat)


def observe(crisis: LoadedScenario, state: GameState, seat: str) -> Observation:
    if seat == WHITE_CELL:
        return Observation(seat, crisis, state)
    view = crisis.views.get(seat)
    if view is None:
        view = redacted(crisis, seat)
    intel = state.private_intel
    if intel:
        key = ("intel", seat)  # the seat's share of the last intel seen (it changes only when an inject fires)
        last = crisis.views.get(key)
        if last is None or last[0] is not intel:
            last = crisis.views[key] = (intel, tuple(x for x in intel if x[0] == seat))
        if len(last[1]) != len(intel):
            state = state.replace(private_intel=last[1])
    return Observation(seat, view, state)


def visible_events(events, seat: str):
    return [e for e in events if e.visible_to(seat)]
