"""The UN Security Council: resolutions a member sought, voted at the end of the turn by the
fifteen (UN Charter Art. 27(3): nine votes, and no permanent member voting no).

Seated Council members (an actor with positions.unsc_permanent or unsc_elected) vote from their
profile: when a text resting on the resolution would cross one of their red lines an Ally
abstains (it argues its red line in the North Atlantic Council, and never vetoes what the
Alliance asks for) and a partner votes no; they abstain when their interests weigh against it,
and vote yes otherwise. The scenario gives the votes of the members
not seated: each permanent one (with its reasons, per option, and a condition under which it
votes no) and the elected ones as a group.
"""
from __future__ import annotations

from game.core.effects import apply_effects
from game.core.env import Env, proposal_stakes
from game.core.events import Event, ResolutionVoted
from game.core.state import GameState, Proposal, Resolution, evolve


VOTE = {"in_favour": "yes", "against": "no", "abstain": "abstain"}  # the scenario's words -> the record's


def standing(crisis) -> tuple[Resolution, ...]:
    """The resolution in force from turn 1 (a mandate of years before), one entry per option it covers."""
    m = crisis.scenario.security_council.standing_mandate
    if m is None:
        return ()
    return tuple(Resolution(0, oid, "", 0, "standing", ((m.resolution, "yes", m.text, False),)) for oid in m.covers)


def vote(crisis, state: GameState, events: list[Event]) -> GameState:
    """Every resolution sought this turn is put to the vote."""
    pending = [r for r in state.resolutions if r.status == "pending"]
    if not pending:
        return state
    out = []
    for r in state.resolutions:
        if r.status == "pending":
            votes = votes_on(crisis, state, r.option)
            r = evolve(r, votes=votes, status=outcome(crisis, votes))
            events.append(ResolutionVoted(r.number, r.option, r.status, votes))
        out.append(r)
    state = state.replace(resolutions=tuple(out))
    for r in state.resolutions:
        if r.turn == state.turn and r.number and r.status in ("vetoed", "failed"):
            effects = crisis.rules.effects.resolution_vetoed if r.status == "vetoed" else crisis.rules.effects.resolution_failed
            title = crisis.scenario.options[r.option].title
            state = apply_effects(crisis, state, effects, events, f"Security Council: no resolution on {title}")
    return state


def outcome(crisis, votes) -> str:
    if any(p and v == "no" for _, v, _, p in votes):
        return "vetoed"
    yes = sum(1 for _, v, _, _ in votes if v == "yes")
    return "adopted" if yes >= crisis.rules.procedure.resolution_votes else "failed"


def votes_on(crisis, state: GameState, oid: str) -> tuple[tuple[str, str, str, bool], ...]:
    sc = crisis.scenario
    council = sc.security_council
    env = Env(state, crisis)
    out = []
    for aid, actor in sc.actors.items():
        pos = actor.positions
        if pos.unsc_permanent or pos.unsc_elected:
            v, why = seated_vote(crisis, state, aid, oid)
            out.append((actor.name, v, why, pos.unsc_permanent))
    for member in council.permanent.values():
        v, why = VOTE[member.votes.get(oid, member.vote)], member.reason
        if member.against_when is not None and member.against_when(env):
            v, why = "no", member.against_reason or member.reason
        out.append((member.name, v, why, True))
    el = council.elected
    for v, n in (("yes", el.in_favour), ("no", el.against), ("abstain", el.abstain)):
        out += [("an elected member", v, el.reason, False)] * n
    return tuple(out)


def seated_vote(crisis, state: GameState, aid: str, oid: str) -> tuple[str, str]:
    """How a seated Council member votes on a resolution authorising `oid`, from its profile."""
    actor = crisis.scenario.actors[aid]
    opt = crisis.scenario.options[oid]
    basis = next((b for b in opt.legal_bases if crisis.rules.legal_bases[b].needs == "security_council"),
                 opt.legal_bases[0])
    host = opt.hosts[0] if opt.hosts else None
    params = tuple((n, p.default) for n, p in opt.parameters.items())
    text = Proposal(oid, basis, host, params)
    stakes = proposal_stakes(crisis, text)
    env = Env(state, crisis, text, stakes=stakes)
    for rl in actor.red_lines:
        if rl.when(env):
            reason = crisis.rules.reasons.get(rl.reason)
            why = f"a national red line ({reason.label.lower() if reason else rl.reason})"
            # an Ally argues its red line in the North Atlantic Council; in New York it abstains
            # rather than veto what the Alliance asks for
            return ("abstain" if actor.kind == "member" else "no"), why
    weight = sum(w * stakes.get(s, 0) for s, w in actor.interests.items())
    if weight < 0:
        return "abstain", "its national interests weigh against it"
    return "yes", "it supports the Alliance's request"
