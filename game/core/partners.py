"""Partners' capacity (issue 17, item 3 (c)): what adopted and funded capacity-building packages
have built for a partner — interoperability and resilience in the turns after — as its programme
allows. The state records each package built once; these read it."""
from __future__ import annotations

from game.core.events import CapacityBuilt, ContributorsMet, Event
from game.core.procedure import programme_offers, requirement
from game.core.capacity import interoperability_of
from game.core import actions as A
from game.core.procedure import R_CAVEATS, R_CHAIR, R_CONSULT, R_IO, Refusal
from game.core.seats import kind_of
from game.core.state import GameState, Operation, Phase

_STANCES = frozenset({A.Support, A.Object, A.Reserve, A.Consent, A.RefuseConsent})


def funded(crisis, op: Operation) -> bool:
    """Every resource of the operation's requirement pledged in full (by amount, whoever pledged)."""
    need = requirement(crisis, op)
    got: dict[str, int] = {}
    for _, res, n in op.pledges:
        got[res] = got.get(res, 0) + n
    return all(got.get(r, 0) >= n for r, n in need.items())


def programme_share(crisis, partner: str) -> float:
    """How much of a package's numbers the partner's programme lets through (a non-member host
    outside the programmes: all of them)."""
    actor = crisis.scenario.actors[partner]
    if actor.kind != "partner":
        return 1.0
    if not programme_offers(crisis, partner, "capacity_building"):
        return 0.0
    return crisis.rules.programmes[actor.programme].builds


def build_capacity(crisis, state: GameState, events: list[Event]) -> GameState:
    """At the assessment: each capacity-building operation adopted, adjudicated at least once and
    funded builds what it declares for its partner, once, for the turns after."""
    done = {n for n, _, _, _ in state.built}
    built = list(state.built)
    for op in state.operations:
        b = crisis.scenario.options[op.option].builds
        if b is None or op.number in done or not op.results or not funded(crisis, op):
            continue
        share = programme_share(crisis, b.partner)
        before = interoperability_of(crisis, state, b.partner)
        interop = round(min(b.interoperability * share, 1.0 - before), 3)
        resilience = round(b.resilience * share, 3)
        built.append((op.number, b.partner, interop, resilience))
        events.append(CapacityBuilt(op.number, op.option, b.partner, interop, resilience, round(before, 3)))
        state = state.replace(built=tuple(built))
    return state


def contributors_meet(crisis, state: GameState, events: list[Event]) -> GameState:
    """When force generation closes: the partners that pledged to an operation adopted this turn join
    its planning (a troop-contributors' meeting, once per operation)."""
    actors = crisis.scenario.actors
    for op in state.operations:
        if op.adopted_turn != state.turn or op.results:
            continue
        partners = tuple(dict.fromkeys(a for a, _, n in op.pledges if n > 0 and actors[a].kind in
                                       ("partner", "host_nation")))
        if partners:
            events.append(ContributorsMet(op.number, op.option, partners))
    return state


def partner_role_refusal(crisis, seat: str, kind) -> Refusal | None | bool:
    """Issue 17's roles: a partner requests consultations, the chair holds them, organisations take
    no stance under silence. False: the role allows it; None: not one of these moves."""
    kind_is = kind_of(crisis, seat)
    if kind is A.RequestConsultations:
        if kind_is in ("partner", "host_nation"):
            return False
        if kind_is == "member":
            return Refusal(R_CONSULT, f"{_name(crisis, seat)} is a member: it requests Article 4 consultations")
        return Refusal(R_CONSULT, "only a partner requests consultations with the Council")
    if kind is A.HoldConsultations:
        return False if seat == crisis.chair else Refusal(R_CONSULT, "the chair convenes the Council to hold "
                                                                     "consultations with a partner")
    if kind is A.WidenRelease:
        return False if seat != crisis.chair else Refusal(R_CHAIR, "the chair holds no national intelligence")
    if kind is A.OverrideCaveats:  # the chair for the Council; a member only as a coalition's lead nation
        if seat == crisis.chair or kind_is == "member":
            return False
        return Refusal(R_CAVEATS, "the chair overrides a contributor's national caveats for the Council (a "
                                  "coalition's lead nation for its coalition)")
    if kind is A.WithdrawContribution:
        if seat == crisis.chair:
            return Refusal(R_CHAIR, "the chair pledges nothing: it has no contribution to withdraw")
        if kind_is == "organisation":
            return Refusal(R_IO, f"{_name(crisis, seat)} is an international organisation: it contributes to no "
                                 "NATO operation")
        return False
    if kind is A.DecideInParallel:
        return False if kind_is == "organisation" else Refusal(
            R_IO, "only an international organisation decides an action of its own alongside the Alliance's")
    if kind in _STANCES and kind_is == "organisation":
        return Refusal(R_IO, f"{_name(crisis, seat)} is an international organisation: it takes no stance under "
                             "the Council's silence procedure (it acts through its own channel)")
    return None


def step_refusal(crisis, seat: str, phase) -> Refusal | None:
    """Why this seat's role has no move at all in the step being played, or None: an international
    organisation answers no silence procedure and contributes to no operation; the chair states no
    stance under silence (LegalActions.takes_part)."""
    if seat not in crisis.scenario.actors:  # the White Cell
        return None
    kind_is = crisis.scenario.actors[seat].kind
    if phase is Phase.NEGOTIATION:
        if kind_is == "organisation":
            return Refusal(R_IO, f"{_name(crisis, seat)} is an international organisation: it takes no stance under the "
                                 "Council's silence procedure (it acts through its own channel, in consultation)")
        if seat == crisis.chair:
            return Refusal(R_CHAIR, "the chair states no stance under silence: the delegations answer the text, and the "
                                    "chair answers their objections in the amendment step")
    elif phase is Phase.FORCE_GENERATION and kind_is == "organisation":
        return Refusal(R_IO, f"{_name(crisis, seat)} is an international organisation: it contributes to no NATO "
                             "operation (it acts alongside one through its own channel, in consultation)")
    return None


def _name(crisis, seat: str) -> str:
    a = crisis.scenario.actors.get(seat)
    return a.name if a else seat
