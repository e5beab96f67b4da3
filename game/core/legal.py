"""Is this move legal? The rules' one answer: every seat's legal moves, the check that apply()
makes, and the rule (with its sentence) that forbids a refused move."""
from __future__ import annotations

import attrs

from game.core import actions as A
from game.core import conditions
from game.core.actions import WHITE_CELL, Action
from game.core.env import Env, per_text
from game.core.errors import IllegalActionError
from game.core.model.crisis import LoadedScenario, names_of
from game.core.model.types import Effect
from game.core.seats import (acting_seats, chair_of, delegations, host_consents, host_needs_consent, kind_of,
                             willing)
from game.core.state import GameState, Operation, Phase, Proposal

_CONSULTATION = Phase.CONSULTATION
_PROPOSAL = Phase.PROPOSAL
_NEGOTIATION = Phase.NEGOTIATION
_AMENDMENT = Phase.AMENDMENT
_FORCE_GENERATION = Phase.FORCE_GENERATION
_OVER = Phase.OVER

# The rules, named as DESIGN.md's procedure names them; every refusal cites one.
R_PAUSED = "White Cell: the game is paused"
R_OVER = "The game is over"
R_TURN = "Procedure: not this seat's step"
R_ART4 = "3. Article 4: any member may request consultations (members only)"
R_INTEL = "2. Consultation: sharing intelligence needs intelligence to share"
R_MOU = "4. Bilateral MOUs: a member offers one to a partner, once, for political capital"
R_TABLE = "3. Proposal: the chair tables courses of action from the scenario's menu"
R_BASIS = "5. Decision: an operation needs one of the legal bases its option names"
R_OBJECT = "4. Negotiation: a written objection costs political capital"
R_CONSENT = "5. Decision: consent of the host nation (any non-member on whose territory it acts)"
R_RESERVE = "4. Negotiation: a member that will not block but disagrees places a reservation"
R_PARTNER = "5. Decision: partners shape decisions but do not take part in consensus"
R_AMEND = "4. Negotiation: objections are answered by amendments, concessions or packages"
R_COALITION = "5. Decision: when consensus fails, a coalition of the willing may act outside the alliance frame"
R_PLEDGE = "6. Force generation: delegations commit resources they have to what was adopted"
R_WHITE = "White Cell: facilitator actions"
R_RFI = "White Cell: delegations send requests for information, answered privately"
R_UNDO = "4. A round closes when every seat has acted: until then a seat may take back its move"


def legal_actions(crisis: LoadedScenario, state: GameState, seat: str, variants: bool = True) -> list[Action]:
    """Every action the seat may take now (White Cell overrides, which take free values, are
    checked by apply() but not listed). With variants=False, an objection or a refusal of consent
    is listed once per reason, without each amendment or concession it might ask for (what a
    computer player needs to decide; it names its own ask)."""
    out: list[Action] = []
    if seat == WHITE_CELL:
        return white_cell_actions(crisis, state)
    if seat not in acting_seats(crisis, state):
        if can_undo(state, seat):
            out.append(A.Undo(seat))
        return out
    sc = crisis.scenario
    me = sc.actors[seat]
    costs = crisis.rules.costs
    ph = state.phase
    if ph == _NEGOTIATION and not variants:  # the commonest ask, from computer players
        if me.kind == "member":
            if state.capital[seat] >= costs.objection:
                return [*_stances(crisis, seat, True), *_stances(crisis, seat, False)]
            return list(_stances(crisis, seat, True))
        p = state.proposal
        if not (p.host == seat and host_needs_consent(crisis, p)):
            return [*_stances(crisis, seat, True)[:2], *_stances(crisis, seat, False)]
    if ph == _CONSULTATION:
        shares, art4, mous, withdraw = consultation_choices(crisis, state, seat)
        out += [A.Pass(seat), *shares, *art4, *mous, *withdraw]
    elif ph == _PROPOSAL:
        out.append(A.Pass(seat))
        out += tableable(crisis, state, seat)
    elif ph == _NEGOTIATION:
        p = state.proposal
        if me.kind == "member":
            out += _stances(crisis, seat, True)
            if state.capital[seat] >= costs.objection:
                out += _objections(crisis, p, seat) if variants else _stances(crisis, seat, False)
        elif p.host == seat and host_needs_consent(crisis, p):
            out += [A.Consent(seat), A.RefuseConsent(seat)]
            if variants:
                out += [A.RefuseConsent(seat, c) for c in open_caveats(crisis, p)]
        else:
            out += _stances(crisis, seat, True)[:2]
            out += _objections(crisis, p, seat) if variants else _stances(crisis, seat, False)
    elif ph == _AMENDMENT:
        out += amendment_choices(crisis, state, seat, links=True)
    elif ph == _FORCE_GENERATION:
        out.append(A.Pass(seat))
        if can_undo(state, seat):
            out.append(A.Undo(seat))
        for op in state.operations:
            if op.status != "adopted" or seat not in op.contributors:
                continue
            for res, need in requirement(crisis, op).items():
                have = state.resources[seat].get(res, 0)
                if have > 0:
                    out += _pledges(crisis, seat, op.number, res, min(have, need))
    return out


def amendment_choices(crisis: LoadedScenario, state: GameState, seat: str, links: bool = False) -> list[Action]:
    """The chair's moves in amendment, in legal_actions' order (which lists these, links=True). With
    links=False, without the links to other options (they come last; a computer chair never links
    one, and finding them asks every option whether it is open, ~25 µs)."""
    p = state.proposal
    if p.failed:
        out: list[Action] = [A.Withdraw(seat)]
        if coalition_allowed(crisis, state) is None:
            out.append(A.Coalition(seat))
        return out
    out = [A.Recirculate(seat), A.Withdraw(seat)]
    if p.amendments < crisis.rules.procedure.amendments_per_round:
        costs = crisis.rules.costs
        out += [A.Amend(seat, c) for c in open_caveats(crisis, p)]
        opt = crisis.scenario.options[p.option]
        for name, par in opt.parameters.items():
            out += [A.SetParam(seat, name, v) for v in par.values if v != p.param(name)]
        if state.capital[seat] > 0:
            out += _concessions(crisis, seat, min(costs.concession_max, state.capital[seat]))
        if links:
            out += [A.Link(seat, o) for o in _linkable(crisis, state)]
    return out


def consultation_choices(crisis: LoadedScenario, state: GameState, seat: str) -> tuple[tuple[Action, ...], ...]:
    """For a seat acting in consultation, what it may do besides pass, by kind: (intelligence
    shares, an Article 4 request, MOU offers, withdrawing consent), each in legal_actions' order
    (which lists Pass, then these in turn)."""
    sc = crisis.scenario
    me = sc.actors[seat]
    costs = crisis.rules.costs
    member = me.kind == "member"
    shares = _shares(crisis, seat) if state.resources[seat].get("intel", 0) > 0 else ()
    art4 = (A.RequestArt4(seat),) if member and seat not in state.art4 and state.capital[seat] >= costs.art4_request else ()
    mous = ()
    if member and state.capital[seat] >= costs.mou:
        mous = tuple(A.OfferMOU(seat, p) for p, x in sc.actors.items()
                     if x.kind in ("partner", "host_nation") and (seat, p) not in state.mous)
    withdraw = ()
    if state.consent.get(seat) and not member and any(
            op.proposal.host == seat and op.status in ("adopted", "running")
            and host_needs_consent(crisis, op.proposal) for op in state.operations):
        withdraw = (A.WithdrawConsent(seat),)
    return shares, art4, mous, withdraw


def stance_choices(crisis: LoadedScenario, state: GameState, seat: str) -> tuple[bool, bool]:
    """For a seat acting in negotiation: (asked for its consent as host, may object), what
    legal_actions(variants=False) lists (Consent among them; Object among them), without the list."""
    p = state.proposal
    if crisis.scenario.actors[seat].kind == "member":
        return False, bool(crisis.rules.reasons) and state.capital[seat] >= crisis.rules.costs.objection
    if p.host == seat and host_needs_consent(crisis, p):
        return True, False
    return False, bool(crisis.rules.reasons)


def pledge_choices(crisis: LoadedScenario, state: GameState, seat: str) -> dict[tuple[int, str], int]:
    """For a seat acting in force generation: (operation, resource) -> the most it may pledge, in
    the order legal_actions lists them (which lists Pledge(seat, operation, resource, n) for every
    n from 1 to that), without the list."""
    out = {}
    mine = state.resources[seat]
    for op in state.operations:
        if op.status != "adopted" or seat not in op.contributors:
            continue
        for res, need in requirement(crisis, op).items():
            have = mine.get(res, 0)
            if have > 0 and min(have, need) >= 1:
                out[(op.number, res)] = min(have, need)
    return out


def _shares(crisis, seat: str) -> tuple[Action, ...]:
    """Every intelligence share open to a seat that has some: with all (unless it guards its
    intelligence), then with each other delegation. Made once per seat."""
    key = ("shares", seat)
    out = crisis.views.get(key)
    if out is None:
        everyone = () if crisis.scenario.actors[seat].positions.guards_intelligence else (A.ShareIntel(seat, "all"),)
        out = crisis.views[key] = everyone + tuple(A.ShareIntel(seat, a) for a in delegations(crisis) if a != seat)
    return out


def _concessions(crisis, seat: str, top: int) -> tuple[Action, ...]:
    """Concede(seat, member, n) for every member and n = 1..top, made once."""
    key = ("concessions", seat, top)
    out = crisis.views.get(key)
    if out is None:
        out = crisis.views[key] = tuple(A.Concede(seat, m, n) for m in crisis.scenario.members
                                        for n in range(1, top + 1))
    return out


def requirement(crisis, op: Operation) -> dict[str, int]:
    """adjudication.requirement, once per option and parameters (asked at every pledge). Shared:
    read it, do not change it."""
    cache = per_text(crisis)
    key = ("requirement", op.option, op.proposal.params)
    need = cache.get(key)
    if need is None:
        need = cache[key] = _requirement(crisis, op)
    return need


def _pledges(crisis, seat: str, number: int, res: str, most: int) -> tuple[Action, ...]:
    """Pledge(seat, number, res, n) for n = 1..most, made once."""
    cache = per_text(crisis)
    key = ("pledges", seat, number, res, most)
    out = cache.get(key)
    if out is None:
        out = cache[key] = tuple(A.Pledge(seat, number, res, n) for n in range(1, most + 1))
    return out


def can_undo(state: GameState, seat: str) -> bool:
    """A seat may take back its stance in an open negotiation round, or its last pledge."""
    if state.paused:
        return False
    if state.phase == _NEGOTIATION:
        return state.submitted(seat) is not None
    if state.phase == _FORCE_GENERATION:
        return seat not in state.done and any(
            a == seat for op in state.operations if op.status == "adopted" for a, _, _ in op.pledges)
    return False


def white_cell_actions(crisis, state) -> list[Action]:
    out: list[Action] = []
    if state.phase == _OVER:
        return out
    out.append(A.Resume(WHITE_CELL) if state.paused else A.Pause(WHITE_CELL))
    if state.phase in (_CONSULTATION, _NEGOTIATION, _FORCE_GENERATION, _PROPOSAL,
                       _AMENDMENT):
        out.append(A.EndRound(WHITE_CELL))
    for iid in crisis.scenario.injects:
        if iid not in state.fired:
            out.append(A.ReleaseInject(WHITE_CELL, iid))
            if iid not in state.held:
                out.append(A.HoldInject(WHITE_CELL, iid))
    return out


def open_caveats(crisis, p: Proposal) -> list[str]:
    """Caveats that may still be attached to the text (not already on it, not made pointless by its basis)."""
    allowed = []
    for oid in p.options:
        allowed += [c for c in crisis.scenario.options[oid].caveats if c not in allowed]
    return [c for c in allowed if c not in p.caveats and p.basis not in crisis.rules.caveats[c].redundant_with]


def _objections(crisis, p: Proposal, seat: str) -> list[Action]:
    """Every written objection open to the seat on this text (cached per text: it is asked often)."""
    cache = per_text(crisis)
    key = ("objections", p, seat)
    cached = cache.get(key)
    if cached is None:
        cached = cache[key] = _all_objections(crisis, p, seat)
    return cached


def _stances(crisis, seat: str, plain: bool) -> tuple[Action, ...]:
    """The seat's plain stances (support, pass, reserve), or one objection per reason: the same
    values in every round, made once."""
    key = ("stances", seat, plain)
    cached = crisis.views.get(key)
    if cached is None:
        cached = crisis.views[key] = (A.Support(seat), A.Pass(seat), A.Reserve(seat)) if plain else tuple(
            A.Object(seat, r) for r in crisis.rules.reasons)
    return cached


def _all_objections(crisis, p: Proposal, seat: str) -> list[Action]:
    out = []
    for reason in crisis.rules.reasons:
        out.append(A.Object(seat, reason))
        out += [A.Object(seat, reason, c) for c in open_caveats(crisis, p)]
        out += [A.Object(seat, reason, None, n) for n in range(1, crisis.rules.costs.concession_max + 1)]
    return out


def _linkable(crisis, state) -> list[str]:
    p = state.proposal
    out = []
    for oid, opt in crisis.scenario.options.items():
        if oid in p.options or not option_open(crisis, state, oid):
            continue
        if p.basis in opt.legal_bases and (not opt.hosts or p.host in opt.hosts):
            out.append(oid)
    return out


def option_open(crisis, state, oid: str) -> bool:
    opt = crisis.scenario.options[oid]
    if not opt.repeatable and any(o.option == oid for o in state.operations):
        return False
    if opt.available is not None and not opt.available(Env(state, crisis)):
        return False
    return True


def basis_refusal(crisis, state, oid: str, basis: str, host: str | None) -> str | None:
    """Why `basis` cannot carry option `oid` now, or None when it can."""
    opt = crisis.scenario.options[oid]
    if basis not in opt.legal_bases:
        return f"'{oid}' may rest only on: {', '.join(opt.legal_bases)}"
    needs = crisis.rules.legal_bases[basis].needs
    if needs == "host_consent":
        if host is None:
            return "host-nation consent needs a host nation"
        if not state.consent.get(host, True):
            return f"{host} has withdrawn its consent"
    elif needs == "self_defence":
        if opt.self_defence_when is None:
            if host is None or kind_of(crisis, host) != "member":
                return "collective self-defence needs an armed attack on an Ally"
        elif not opt.self_defence_when(Env(state, crisis)):
            return f"collective self-defence does not apply now ({opt.self_defence_when.text} does not hold)"
    return None


def tableable(crisis, state, seat) -> list[Action]:
    out = []
    for oid, opt in crisis.scenario.options.items():
        if not option_open(crisis, state, oid):
            continue
        hosts = opt.hosts or (None,)
        params = [()]
        for name, par in opt.parameters.items():
            params = [p + ((name, v),) for p in params for v in par.values]
        for host in hosts:
            for basis in opt.legal_bases:
                if basis_refusal(crisis, state, oid, basis, host) is None:
                    out += [A.Table(seat, oid, basis, host, pr) for pr in params]
    return out


def can_table(crisis, state) -> bool:
    """bool(tableable(crisis, state, chair)): the same tests, stopping at the first text it could table."""
    for oid, opt in crisis.scenario.options.items():
        if not option_open(crisis, state, oid) or not all(par.values for par in opt.parameters.values()):
            continue
        for host in opt.hosts or (None,):
            for basis in opt.legal_bases:
                if basis_refusal(crisis, state, oid, basis, host) is None:
                    return True
    return False


def coalition_allowed(crisis, state) -> str | None:
    p = state.proposal
    opt = crisis.scenario.options[p.option]
    if not opt.coalition:
        return f"'{p.option}' cannot be carried out by a coalition"
    if host_needs_consent(crisis, p) and not host_consents(crisis, state, p):
        return f"{p.host} has not consented: a coalition cannot act on its territory without consent"
    if not willing(crisis, state):
        return "no member is willing"
    return None


def check(crisis: LoadedScenario, state: GameState, action: Action) -> None:
    """Raise IllegalActionError, naming the rule, unless `action` is legal now."""
    seat = action.seat
    if state.phase == _OVER:
        raise IllegalActionError(R_OVER, "the game is over")
    if seat == WHITE_CELL:  # the umpire prepares injects and overrides while the room is paused, too
        if isinstance(action, A.Resume) and state.paused:
            return
        if isinstance(action, A.Pause) and not state.paused:
            return
        if isinstance(action, A.OverrideMeter):
            if action.meter not in crisis.scenario.meters:
                raise IllegalActionError(R_WHITE, f"no meter '{action.meter}'")
            if not action.rationale.strip():
                raise IllegalActionError(R_WHITE, "an override needs a rationale for the record")
            return
        if isinstance(action, A.OverrideResult):
            op = next((o for o in state.operations if o.number == action.operation), None)
            results = [r.result for r in crisis.rules.adjudication.results]
            if op is None or not op.results or op.result_changes is None:
                raise IllegalActionError(R_WHITE, "only the latest adjudication of an operation can be overridden")
            if action.result not in results:
                raise IllegalActionError(R_WHITE, f"'{action.result}' is not a result: {', '.join(results)}")
            if not action.rationale.strip():
                raise IllegalActionError(R_WHITE, "an override needs a rationale for the record")
            return
        if isinstance(action, A.ReleaseInject) and action.inject in crisis.scenario.injects \
                and action.inject not in state.fired:
            return
        if isinstance(action, A.EndRound) and A.EndRound(WHITE_CELL) in white_cell_actions(crisis, state):
            return
        if isinstance(action, A.AdHocInject):
            if not action.title.strip() or not action.text.strip():
                raise IllegalActionError(R_WHITE, "an ad-hoc inject needs a title and a text")
            adhoc_effects(crisis, action.effects)  # raises with the problem in plain words
            return
        if isinstance(action, A.AnswerInfo):
            if not any(n == action.request for n, _, _ in state.requests):
                raise IllegalActionError(R_WHITE, f"there is no open request {action.request}")
            if not action.answer.strip():
                raise IllegalActionError(R_WHITE, "an answer needs some text")
            return
    if isinstance(action, A.RequestInfo):  # a delegation may ask the umpire at any time
        if seat not in delegations(crisis):
            raise IllegalActionError(R_RFI, "only a delegation asks the White Cell for information")
        if not action.question.strip():
            raise IllegalActionError(R_RFI, "a request needs a question")
        return
    if state.paused and seat != WHITE_CELL:
        raise IllegalActionError(R_PAUSED, "the game is paused by the White Cell")
    if isinstance(action, A.Table) and action.caveats:
        # the chair may table a text with caveats already in it (any of the option's, once each)
        allowed = crisis.scenario.options[action.option].caveats if action.option in crisis.scenario.options else ()
        base = attrs.evolve(action, caveats=())
        if base in legal_actions(crisis, state, seat) and set(action.caveats) <= set(allowed) \
                and len(set(action.caveats)) == len(action.caveats):
            return
        if base in legal_actions(crisis, state, seat):
            raise IllegalActionError(R_AMEND, f"'{action.option}' may carry only these caveats: "
                                              f"{', '.join(allowed) or 'none'}")
    if _plainly_legal(crisis, state, action) or action in legal_actions(crisis, state, seat):
        return
    raise IllegalActionError(*_why_illegal(crisis, state, action))


def _plainly_legal(crisis, state: GameState, action: Action) -> bool:
    """The commonest moves, checked directly rather than by listing every legal action (replaying a
    long game checks thousands). True only where legal_actions would list the action; False means
    'ask legal_actions'."""
    seat, ph = action.seat, state.phase
    if seat == WHITE_CELL or seat not in acting_seats(crisis, state):
        return False
    kind = type(action)
    if ph == _NEGOTIATION:
        p = state.proposal
        host = p.host == seat and host_needs_consent(crisis, p)
        if kind in (A.Support, A.Pass):
            return not host
        if kind is A.Reserve:
            return not host and kind_of(crisis, seat) == "member" and not action.note
        return False
    if kind is A.Pass:
        return ph in (_CONSULTATION, _FORCE_GENERATION, _PROPOSAL)
    if kind is A.ShareIntel and ph == _CONSULTATION:
        if state.resources[seat].get("intel", 0) <= 0:
            return False
        if action.to == "all":
            return not crisis.scenario.actors[seat].positions.guards_intelligence
        return action.to != seat and action.to in delegations(crisis)
    if kind is A.Pledge and ph == _FORCE_GENERATION:
        op = next((o for o in state.operations if o.number == action.operation), None)
        if op is None or op.status != "adopted" or seat not in op.contributors:
            return False
        need = requirement(crisis, op).get(action.resource, 0)
        return 1 <= action.amount <= min(state.resources[seat].get(action.resource, 0), need)
    return False


def _why_illegal(crisis, state, action: Action) -> tuple[str, str]:
    seat = action.seat
    sc = crisis.scenario
    if seat != WHITE_CELL and seat not in sc.actors:
        return R_TURN, f"there is no seat '{seat}'"
    if isinstance(action, A.RequestArt4) and kind_of(crisis, seat) != "member":
        return R_ART4, f"{seat} is not a member: only members may request Article 4 consultations"
    if isinstance(action, A.Table):
        if seat != sc.chair:
            return R_TABLE, "only the chair tables proposals"
        if action.option in sc.options and state.phase == _PROPOSAL:
            why = basis_refusal(crisis, state, action.option, action.basis, action.host)
            if why:
                return R_BASIS, why
    if isinstance(action, A.Object) and state.phase == _NEGOTIATION:
        if kind_of(crisis, seat) == "member" and state.capital[seat] < crisis.rules.costs.objection:
            return R_OBJECT, f"{seat} has no political capital left to object"
    wanted = getattr(action, "wants_caveat", None)
    if wanted and state.proposal is not None and wanted not in open_caveats(crisis, state.proposal):
        return R_AMEND, f"the caveat '{wanted}' cannot be attached to this text (or is already on it)"
    if isinstance(action, (A.Consent, A.RefuseConsent)):
        return R_CONSENT, f"{seat} is not the host nation of the proposal on the table"
    if isinstance(action, A.Reserve) and kind_of(crisis, seat) != "member":
        return R_PARTNER, "only members place reservations: partners are consulted but do not decide"
    if isinstance(action, A.Coalition) and state.proposal is not None:
        return R_COALITION, (coalition_allowed(crisis, state) or "the text has not failed yet")
    if isinstance(action, A.Pledge):
        return R_PLEDGE, "that pledge is not possible: check the operation, the resource and what you have"
    if isinstance(action, A.ShareIntel):
        return R_INTEL, "that share is not possible now"
    if isinstance(action, A.OfferMOU):
        return R_MOU, "that MOU is not possible now"
    if seat not in acting_seats(crisis, state):
        return R_TURN, f"{seat} does not act in the {state.phase.value} step now"
    return R_TURN, f"{action.describe()} is not possible in the {state.phase.value} step"


def adhoc_effects(crisis: LoadedScenario, effects: tuple[str, ...]) -> tuple:
    """The facilitator's ad-hoc effects, parsed and checked against the scenario's names like an
    author's (never evaluated as Python). Raises IllegalActionError naming the problem."""
    names = names_of(crisis)
    out = []
    for text in effects:
        try:
            eff = Effect(text=text)
            eff.tree = conditions.parse(text, "effect")
            eff.fn = conditions.compile_effect(eff.tree, names)
        except conditions.ExprError as exc:
            raise IllegalActionError(R_WHITE, f"effect '{text}': {exc}") from None
        out.append(eff)
    return tuple(out)


def _requirement(crisis, op: Operation) -> dict[str, int]:
    opt = crisis.scenario.options[op.option]
    need = dict(opt.requires)
    for pname, value in op.proposal.params:
        par = opt.parameters.get(pname)
        if par is not None and value in par.values:
            for r, n in par.values[value].requires.items():
                need[r] = need.get(r, 0) + n
    return {r: n for r, n in need.items() if n > 0}
