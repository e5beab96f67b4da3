"""Who sits at the table and who acts now: the seats, the chair, and whose move the game awaits."""
from __future__ import annotations

from game.core import actions as A
from game.core.resourcing import wants_pledges
from game.core.state import GameState, Phase, Proposal

_CONSULTATION = Phase.CONSULTATION
_PROPOSAL = Phase.PROPOSAL
_NEGOTIATION = Phase.NEGOTIATION
_AMENDMENT = Phase.AMENDMENT
_FORCE_GENERATION = Phase.FORCE_GENERATION
_OVER = Phase.OVER


def seats(crisis) -> tuple[str, ...]:
    """Every playable seat: the chair, delegations and organisations (not adversaries)."""
    return crisis.seats


def delegations(crisis) -> tuple[str, ...]:
    """Every seat but the chair's."""
    return crisis.delegations


def kind_of(crisis, actor: str) -> str:
    return crisis.scenario.actors[actor].kind if actor in crisis.scenario.actors else "white_cell"


def chair_of(crisis) -> str:
    return crisis.chair


def host_needs_consent(crisis, proposal: Proposal) -> bool:
    """On a non-member's territory that nation's consent is always needed, whatever the legal basis
    (a Security Council mandate adds legitimacy; consent governs presence), unless the scenario
    says it is not required for that host (no functioning government)."""
    host = proposal.host
    if host is None:
        return False
    actor = crisis.scenario.actors.get(host)
    return actor is not None and actor.kind != "member" and actor.consent == "required"


def acting_seats(crisis, state: GameState) -> tuple[str, ...]:
    """Seats whose move the game is waiting for (all at once within a round). Worked out once per
    state (the play loop, legal_actions and the engine's own advance all ask)."""
    memo = state.memo()
    out = memo.get("acting")
    if out is None:
        out = memo["acting"] = compute_acting(crisis, state)
    return out


def compute_acting(crisis, state: GameState) -> tuple[str, ...]:
    if state.phase == _OVER or state.paused:
        return ()
    if state.phase in (_PROPOSAL, _AMENDMENT):
        return (chair_of(crisis),)
    done = state.done
    if state.phase == _FORCE_GENERATION:
        asked = [op for op in state.operations if wants_pledges(crisis, op, state)]
        pool = {a for op in asked for a in op.contributors if a not in op.walked_out}
        # a contributor whose caveats the Council overrode this turn answers it (it may withdraw)
        pool.update(a for op in state.operations if op.status in ("planning", "adopted", "running")
                    for a, turn in op.overridden if turn == state.turn and a not in op.walked_out)
        pool.difference_update(done)
        out = tuple(a for a in delegations(crisis) if a in pool)
        chair = chair_of(crisis)
        if chair and chair not in done and any(op.lead is None for op in asked):
            out += (chair,)  # the chair speaks for the Council: it invites partners, accepts a shortfall
        return out
    # international organisations act through their own channel, never under the Council's silence
    pool = crisis.silence if state.phase == _NEGOTIATION else delegations(crisis)
    if not done:
        return pool
    done = set(done)
    return tuple(a for a in pool if a not in done)


def host_consents(crisis, state, p: Proposal) -> bool:
    return isinstance(state.submitted(p.host), A.Consent)


def last_round(decision) -> dict[str, str]:
    """actor -> stance in the last round a decision's text was under silence."""
    rnd = max((r for r, _, _, _ in decision.stances), default=0)
    return {a: s for r, a, s, _ in decision.stances if r == rnd}


def joined(crisis, decision, lead: str) -> tuple[str, ...]:
    """Who joins a coalition of the willing led by `lead` to carry out a failed text: the lead, and
    the members and partners that supported the text (or, members, placed a reservation) in its
    last round. Those that objected, stayed silent or are organisations do not."""
    stances = last_round(decision)
    out = [lead]
    for a in crisis.delegations:
        if a == lead:
            continue
        kind = crisis.scenario.actors[a].kind
        s = stances.get(a)
        if kind == "member" and s in ("support", "reserve"):
            out.append(a)
        elif kind in ("partner", "host_nation") and s in ("support", "consent"):
            out.append(a)
    return tuple(out)
