"""The only door into the rules: a game from scenario + seed, the seats that act now, their legal
actions, and applying an action to get the next (immutable) state and the events it caused.

Legality lives in game.core.legal, what each step does in game.core.steps; this module routes a
move to its step and moves the procedure on until a seat must act. No Textual here; no global
randomness (see game/core/chance.py); an illegal action raises IllegalActionError naming the rule.
"""
from __future__ import annotations

from game.core import actions as A
from game.core import council
from game.core.actions import WHITE_CELL, Action
from game.core.errors import IllegalActionError
from game.core.events import Event, GameStarted, RoundEnded, bind
from game.core.legal import LegalActions, check, legal_actions
from game.core.procedure import requirement
from game.core.seats import acting_seats, delegations, seats
from game.core.state import GameState, Phase
from game.core.steps import amendment, consultation, force_generation, negotiation, proposal, white_cell
from game.core.steps.turn import end_turn, scores, start_turn

__all__ = ["LegalActions", "Step", "acting_seats", "apply", "apply_unchecked", "check",
           "delegations", "is_over", "legal_actions", "new_game", "requirement", "scores", "seats", "turn_limits"]

_NEGOTIATION = Phase.NEGOTIATION
_STEPS = {Phase.CONSULTATION: consultation.apply, Phase.FORCE_GENERATION: force_generation.apply,
          Phase.PROPOSAL: proposal.apply, Phase.NEGOTIATION: negotiation.apply, Phase.AMENDMENT: amendment.apply}


class Step:
    """What one move gave: the next state, and the events it caused. The events learn which
    scenario their words come from when someone first reads them: batch play, which reads only
    the state, pays for nothing more than making them."""

    __slots__ = ("state", "_events", "_crisis")

    def __init__(self, state: GameState, events=(), crisis=None):
        self.state = state
        self._events = events
        self._crisis = crisis

    @property
    def events(self) -> tuple[Event, ...]:
        if self._crisis is not None:
            self._events = bind(self._events, self._crisis)
            self._crisis = None
        return self._events

    def __eq__(self, other) -> bool:
        return other.__class__ is Step and (self.state, self.events) == (other.state, other.events)

    __hash__ = None

    def __repr__(self) -> str:
        return f"Step(state={self.state!r}, events={self.events!r})"


def turn_limits(crisis) -> dict[str, int]:
    """The lengths a game of this scenario may be played at: 'standard' and the author's choices."""
    return {"standard": crisis.scenario.length.turns, **crisis.scenario.length.choices}


def new_game(crisis, seed: int, turns: int | None = None) -> Step:
    """A game from scenario + seed (+ a length the scenario offers)."""
    sc = crisis.scenario
    if turns is not None and turns not in turn_limits(crisis).values():
        raise IllegalActionError("Every game ends: the scenario sets its turn limits",
                                 f"{sc.id} cannot be played over {turns} turns; it offers "
                                 + ", ".join(f"{k} ({v})" for k, v in turn_limits(crisis).items()))
    state = GameState(
        seed=int(seed), turn=1, phase=Phase.CONSULTATION,
        meters={m: float(x.start) for m, x in sc.meters.items()},
        capital={a: x.capital for a, x in sc.actors.items()},
        trust={a: x.trust for a, x in sc.actors.items()},
        resources={a: dict(x.resources) for a, x in sc.actors.items()},
        consent={a: True for a, x in sc.actors.items() if x.kind not in ("chair", "adversary")},
        turn_limit=turns or sc.length.turns,
        resolutions=council.standing(crisis),
    )
    events: list[Event] = [GameStarted(sc.id, state.seed, state.turn_limit)]
    state = start_turn(crisis, state, events)
    return Step(state, events, crisis)


def apply(crisis, state: GameState, action: Action) -> Step:
    """Check and apply one action. Raises IllegalActionError (naming the rule) if not allowed."""
    check(crisis, state, action)
    return apply_unchecked(crisis, state, action)


def apply_unchecked(crisis, state: GameState, action: Action) -> Step:
    """Apply an action already known to be legal (replaying a trusted log, or a bot's choice
    taken from legal_actions). Its events hold ids and numbers; their words are built only when
    someone reads them (game.core.words), so batch play pays for no sentence."""
    events: list[Event] = []
    state = dispatch(crisis, state, action, events)
    state = advance(crisis, state, events)
    return Step(state, events, crisis)


def dispatch(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    """Route one (legal) move to the step that carries it out."""
    seat = action.seat
    kind = action.__class__
    if seat == WHITE_CELL:
        if kind is A.EndRound:
            return _end_round(crisis, state, action, events)
        return white_cell.apply(crisis, state, action, events)
    if kind is A.Undo:
        if state.phase == _NEGOTIATION:
            return negotiation.undo(crisis, state, action, events)
        return force_generation.undo(crisis, state, action, events)
    if kind is A.RequestInfo:
        return white_cell.request_info(crisis, state, action, events)
    return _STEPS[state.phase](crisis, state, action, events)


def _end_round(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    """The White Cell ends a timed round: seats that have not acted are recorded as silent (the
    chair, in amendment, recirculates the text, or withdraws a failed one)."""
    events.append(RoundEnded(action))
    for seat in acting_seats(crisis, state):
        if state.phase == Phase.AMENDMENT:
            act = A.Withdraw(seat) if state.proposal.failed else A.Recirculate(seat)
        else:
            act = A.Pass(seat)
        state = dispatch(crisis, state, act, events)
    return state


def advance(crisis, state: GameState, events: list[Event]) -> GameState:
    """Close whatever step is complete, running the automatic steps, until a seat must act."""
    while state.phase != Phase.OVER and not state.paused and not acting_seats(crisis, state):
        if state.phase == Phase.CONSULTATION:
            state = state.replace(phase=Phase.PROPOSAL, done=())
        elif state.phase == _NEGOTIATION:
            state = negotiation.close_round(crisis, state, events)
        elif state.phase == Phase.FORCE_GENERATION:
            state = end_turn(crisis, force_generation.close(crisis, state, events), events)
        else:  # pragma: no cover - the chair always has an action in its steps
            raise AssertionError(f"no one acts in {state.phase}")
    return state


def is_over(state: GameState) -> bool:
    return state.phase == Phase.OVER
