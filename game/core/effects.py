"""What every step does to a state: effects applied, injects fired, consent changed, a seat done,
and the events that record it (game.core.words puts them into words when someone reads them)."""
from __future__ import annotations

from game.core.env import Draft, Env
from game.core.events import ArmedAttack, ConsentGiven, ConsentWithdrawn, Event, Inject, Intel, MetersMoved
from game.core.model.scenario import release_tags
from game.core.seats import host_needs_consent
from game.core.state import GameState, Proposal, evolve

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
    if changes:
        events.append(MetersMoved(why, changes))
    for on, by in draft.attacks:
        state = armed_attack(state, on, by, events)
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
        events.append(ConsentGiven(actor))
        return state
    ops = []
    stopped = []
    for op in state.operations:
        if op.proposal.host == actor and op.status in ("planning", "adopted", "running") and host_needs_consent(crisis, op.proposal):
            op = evolve(op, status="stopped")
            stopped.append(op.number)
        ops.append(op)
    events.append(ConsentWithdrawn(actor, tuple(stopped)))
    state = state.replace(operations=tuple(ops))
    return apply_effects(crisis, state, crisis.rules.effects.consent_withdrawn, events, "consent withdrawn")


def armed_attack(state: GameState, on: str, by: str | None, events: list[Event]) -> GameState:
    """An armed attack on `on`'s territory: on an Ally, Article 5 may be invoked from now on."""
    events.append(ArmedAttack(on, by))
    return state.replace(attacks=state.attacks + ((on, by, state.turn),))


def fire(crisis, state: GameState, iid: str, events: list[Event], text: str | None) -> GameState:
    inj = crisis.scenario.injects[iid]
    events.append(Inject(iid, inj.title, text is not None, body=text))
    if inj.armed_attack is not None:
        state = armed_attack(state, inj.armed_attack.target, inj.armed_attack.by, events)
    private = list(state.private_intel)
    releasable = list(state.releasable)
    bearing = list(state.bearing)
    for pt in inj.private:
        tags = release_tags(pt)
        for actor in pt.to:
            private.append((actor, iid, pt.releasability, pt.text))
            releasable.append((actor, iid, tags))  # its first recipients own it (issue 17, item 4)
            if pt.bears_on:
                bearing.append((actor, iid, tuple(pt.bears_on.items())))
        events.append(Intel(iid, tuple(pt.to), pt.releasability, pt.text))
    state = state.replace(fired=state.fired + (iid,), fired_turns=state.fired_turns + (state.turn,),
                          private_intel=tuple(private), releasable=tuple(releasable),
                          bearing=tuple(bearing), held=tuple(h for h in state.held if h != iid))
    return apply_effects(crisis, state, inj.effects, events, inj.title)
