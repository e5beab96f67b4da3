"""Who sits at the table and who acts now: the seats, the chair, and whose move the game awaits."""
from __future__ import annotations

from game.core import actions as A
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
    """A non-member host's consent is needed when the text rests on host-nation consent (a Security
    Council authorisation or collective self-defence are alternatives to it)."""
    return (proposal.host is not None and kind_of(crisis, proposal.host) != "member"
            and crisis.rules.legal_bases[proposal.basis].needs == "host_consent")


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
        pool = {a for op in state.operations if op.status == "adopted" for a in op.contributors}
        pool.difference_update(done)
        return tuple(a for a in delegations(crisis) if a in pool)
    if not done:
        return delegations(crisis)
    done = set(done)
    return tuple(a for a in delegations(crisis) if a not in done)


def willing(crisis, state) -> tuple[str, ...]:
    return tuple(a for a in crisis.groups["members"]
                 if isinstance(state.submitted(a), (A.Support, A.Reserve)))


def host_consents(crisis, state, p: Proposal) -> bool:
    return isinstance(state.submitted(p.host), A.Consent)
