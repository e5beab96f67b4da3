"""What every step does to a state: effects applied, injects fired, consent changed, a seat done,
and the words that say so."""
from __future__ import annotations

from game.core import actions as A
from game.core import texts
from game.core.actions import WHITE_CELL, Action
from game.core.env import Draft, Env
from game.core.events import Event
from game.core.seats import host_needs_consent, kind_of
from game.core.state import GameState, Phase, Proposal, evolve

_CONSULTATION = Phase.CONSULTATION
_PROPOSAL = Phase.PROPOSAL
_NEGOTIATION = Phase.NEGOTIATION
_AMENDMENT = Phase.AMENDMENT
_FORCE_GENERATION = Phase.FORCE_GENERATION
_OVER = Phase.OVER


class Discard(list):
    """An event list that keeps nothing: quiet play, where no one reads the events."""

    __slots__ = ()

    def append(self, _event) -> None:
        pass

    def extend(self, _events) -> None:
        pass

    def insert(self, _i, _event) -> None:
        pass

    def __iadd__(self, _events):
        return self

QUIET = Discard()  # holds nothing: one for every quiet move


def actor_name(crisis, a: str) -> str:
    if a == WHITE_CELL:
        return "White Cell"
    return crisis.scenario.actors[a].name


def say(crisis, action: Action, events: list[Event], kind: str = "action", phase=None, **data) -> None:
    if events.__class__ is Discard:
        return
    text = texts.third_person(crisis, action)
    if isinstance(action, A.Object) and kind_of(crisis, action.seat) != "member":
        text = text.replace("objects", "raises a concern", 1)  # partners shape, they do not block
    elif isinstance(action, A.Pass) and phase == _FORCE_GENERATION:
        text = "has finished pledging"
    elif isinstance(action, A.Pass) and phase == _CONSULTATION:
        text = "passes"
    events.append(Event(kind, f"{actor_name(crisis, action.seat)} {text}",
                        {"seat": action.seat, "action": action.to_dict(), **data}))


def apply_effects(crisis, state: GameState, effects, events: list[Event], why: str) -> GameState:
    if not effects:
        return state
    env = Env(state, crisis)
    draft = Draft(state, crisis)
    for eff in effects:
        eff.apply(draft, env)
    before = state.meters
    state = draft.fold(state)
    changes = {m: round(state.meters[m] - before[m], 2) for m in before if state.meters[m] != before[m]}
    if changes and events.__class__ is not Discard:
        text = ", ".join(f"{crisis.scenario.meters[m].label} {d:+g}" for m, d in changes.items())
        events.append(Event("meters", f"{why}: {text}", {"why": why, "changes": changes}))
    for actor, given in draft.consent_changes:
        state = consent_changed(crisis, state, actor, given, events)
    for iid in draft.releases:
        if iid not in state.fired:
            state = fire(crisis, state, iid, events, None)
    return state


def finished(crisis, state: GameState, seat: str, **changes) -> GameState:
    """The state with `seat` done with this step (and `changes`). Who acts next is known without
    working it out again: the same seats less this one (the step, pause and operations are unchanged)."""
    changes["done"] = state.done + (seat,)
    new = state._replace_known(changes)  # field names written in this module
    acting = state.memoised("acting")
    if acting is not None and not ("operations" in changes or "phase" in changes or "paused" in changes):
        if acting and acting[0] == seat:
            acting = acting[1:]
        else:
            acting = tuple(a for a in acting if a != seat)
        new.memo()["acting"] = acting
    return new


def set_proposal(state: GameState, p: Proposal) -> GameState:
    decisions = state.decisions[:-1] + (evolve(state.decisions[-1], proposal=p),)
    return state.replace(proposal=p, decisions=decisions)


def consent_changed(crisis, state, actor: str, given: bool, events: list[Event]) -> GameState:
    if state.consent.get(actor, True) == given:
        return state  # no change: nothing happens, nothing is said
    consent = dict(state.consent)
    consent[actor] = given
    state = state.replace(consent=consent)
    if given:
        events.append(Event("consent", f"{actor_name(crisis, actor)} gives its consent again", {"actor": actor}))
        return state
    ops = []
    stopped = []
    for op in state.operations:
        if op.proposal.host == actor and op.status in ("adopted", "running") and host_needs_consent(crisis, op.proposal):
            op = evolve(op, status="stopped")
            stopped.append(op.number)
        ops.append(op)
    events.append(Event("consent_withdrawn",
                        f"{actor_name(crisis, actor)} withdraws its consent"
                        + (f": operation(s) {', '.join(map(str, stopped))} stop" if stopped else ""),
                        {"actor": actor, "stopped": stopped}))
    state = state.replace(operations=tuple(ops))
    return apply_effects(crisis, state, crisis.rules.effects.consent_withdrawn, events, "consent withdrawn")


def fire(crisis, state: GameState, iid: str, events: list[Event], text: str | None) -> GameState:
    inj = crisis.scenario.injects[iid]
    events.append(Event("inject", f"{inj.title}: {text or inj.text}",
                        {"inject": iid, "title": inj.title, "edited": text is not None}))
    private = list(state.private_intel)
    for pt in inj.private:
        for actor in pt.to:
            private.append((actor, iid, pt.releasability, pt.text))
        events.append(Event("intel", f"[{pt.releasability}] {pt.text}", {"inject": iid}, to=tuple(pt.to)))
    state = state.replace(fired=state.fired + (iid,), private_intel=tuple(private),
                         held=tuple(h for h in state.held if h != iid))
    return apply_effects(crisis, state, inj.effects, events, inj.title)
