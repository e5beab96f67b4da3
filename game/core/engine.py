"""The only door into the rules: a game from scenario + seed, the seats that act now, their legal
actions, and applying an action to get the next (immutable) state and the events it caused.

No Textual here; no global randomness (see game/core/chance.py); an illegal action raises
IllegalActionError naming the rule.
"""
from __future__ import annotations

import attrs

from game.core import actions as A
from game.core import adjudication, texts
from game.core.actions import WHITE_CELL, Action
from game.core.env import Draft, Env, per_text
from game.core.errors import IllegalActionError
from game.core.events import Event
from game.scenario.loader import LoadedScenario
from game.core.outcome import Outcome, Score, Termination
from game.core.state import _MEMO, Decision, GameState, Operation, Phase, Proposal, evolve

# The steps, as module names: Phase.X is an attribute lookup on an Enum class (~45 ns), asked ~10 times a move
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


@attrs.frozen
class Step:
    state: GameState
    events: tuple[Event, ...]


# -- seats ----------------------------------------------------------------------------------------
def seats(crisis: LoadedScenario) -> tuple[str, ...]:
    """Every playable seat: the chair, delegations and organisations (not adversaries)."""
    cached = crisis.views.get(("seats",))
    if cached is None:
        cached = crisis.views[("seats",)] = tuple(
            a for a, x in crisis.scenario.actors.items() if x.playable and x.kind != "adversary")
    return cached


def delegations(crisis: LoadedScenario) -> tuple[str, ...]:
    """Every seat but the chair's."""
    cached = crisis.views.get(("delegations",))
    if cached is None:
        cached = crisis.views[("delegations",)] = tuple(
            a for a in seats(crisis) if crisis.scenario.actors[a].kind != "chair")
    return cached


def _kind(crisis, actor: str) -> str:
    return crisis.scenario.actors[actor].kind if actor in crisis.scenario.actors else "white_cell"


def _host_needs_consent(crisis, proposal: Proposal) -> bool:
    """A non-member host's consent is needed when the text rests on host-nation consent (a Security
    Council authorisation or collective self-defence are alternatives to it)."""
    return (proposal.host is not None and _kind(crisis, proposal.host) != "member"
            and crisis.rules.legal_bases[proposal.basis].needs == "host_consent")


def _chair(crisis: LoadedScenario) -> str:
    cached = crisis.views.get(("chair",))
    if cached is None:
        cached = crisis.views[("chair",)] = crisis.scenario.chair
    return cached


def acting_seats(crisis: LoadedScenario, state: GameState) -> tuple[str, ...]:
    """Seats whose move the game is waiting for (all at once within a round). Worked out once per
    state (the play loop, legal_actions and the engine's own advance all ask)."""
    memo = state.memo()
    cached = memo.get("acting")
    if cached is not None and cached[0] is crisis:
        return cached[1]
    out = _acting_seats(crisis, state)
    memo["acting"] = (crisis, out)
    return out


def _acting_seats(crisis: LoadedScenario, state: GameState) -> tuple[str, ...]:
    if state.phase == _OVER or state.paused:
        return ()
    if state.phase in (_PROPOSAL, _AMENDMENT):
        return (_chair(crisis),)
    done = state.done
    if state.phase == _FORCE_GENERATION:
        pool = {a for op in state.operations if op.status == "adopted" for a in op.contributors}
        pool.difference_update(done)
        return tuple(a for a in delegations(crisis) if a in pool)
    if not done:
        return delegations(crisis)
    done = set(done)
    return tuple(a for a in delegations(crisis) if a not in done)


# -- new game -------------------------------------------------------------------------------------
def turn_limits(crisis: LoadedScenario) -> dict[str, int]:
    """The lengths a game of this scenario may be played at: 'standard' and the author's choices."""
    return {"standard": crisis.scenario.length.turns, **crisis.scenario.length.choices}


def new_game(crisis: LoadedScenario, seed: int, turns: int | None = None) -> Step:
    """A game from scenario + seed (+ a length the scenario offers)."""
    sc = crisis.scenario
    if turns is not None and turns not in turn_limits(crisis).values():
        raise IllegalActionError("Every game ends: the scenario sets its turn limits",
                                 f"{sc.id} cannot be played over {turns} turns; it offers "
                                 + ", ".join(f"{k} ({v})" for k, v in turn_limits(crisis).items()))
    state = GameState(
        seed=int(seed), turn=1, phase=_CONSULTATION,
        meters={m: float(x.start) for m, x in sc.meters.items()},
        capital={a: x.capital for a, x in sc.actors.items()},
        trust={a: x.trust for a, x in sc.actors.items()},
        resources={a: dict(x.resources) for a, x in sc.actors.items()},
        consent={a: True for a, x in sc.actors.items() if x.kind not in ("chair", "adversary")},
        turn_limit=turns or sc.length.turns,
    )
    events = [Event("game_started", f"{sc.title}: turn 1 of {state.turn_limit}",
                    {"scenario": sc.id, "seed": state.seed, "turns": state.turn_limit})]
    state = _start_turn(crisis, state, events)
    return Step(state, tuple(events))


# -- legal actions --------------------------------------------------------------------------------
def legal_actions(crisis: LoadedScenario, state: GameState, seat: str, variants: bool = True) -> list[Action]:
    """Every action the seat may take now (White Cell overrides, which take free values, are
    checked by apply() but not listed). With variants=False, an objection or a refusal of consent
    is listed once per reason, without each amendment or concession it might ask for (what a
    computer player needs to decide; it names its own ask)."""
    out: list[Action] = []
    if seat == WHITE_CELL:
        return _white_cell_actions(crisis, state)
    if seat not in acting_seats(crisis, state):
        if _can_undo(state, seat):
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
        if not (p.host == seat and _host_needs_consent(crisis, p)):
            return [*_stances(crisis, seat, True)[:2], *_stances(crisis, seat, False)]
    if ph == _CONSULTATION:
        shares, art4, mous, withdraw = consultation_choices(crisis, state, seat)
        out += [A.Pass(seat), *shares, *art4, *mous, *withdraw]
    elif ph == _PROPOSAL:
        out.append(A.Pass(seat))
        out += _tableable(crisis, state, seat)
    elif ph == _NEGOTIATION:
        p = state.proposal
        if me.kind == "member":
            out += _stances(crisis, seat, True)
            if state.capital[seat] >= costs.objection:
                out += _objections(crisis, p, seat) if variants else _stances(crisis, seat, False)
        elif p.host == seat and _host_needs_consent(crisis, p):
            out += [A.Consent(seat), A.RefuseConsent(seat)]
            if variants:
                out += [A.RefuseConsent(seat, c) for c in _open_caveats(crisis, p)]
        else:
            out += _stances(crisis, seat, True)[:2]
            out += _objections(crisis, p, seat) if variants else _stances(crisis, seat, False)
    elif ph == _AMENDMENT:
        out += amendment_choices(crisis, state, seat, links=True)
    elif ph == _FORCE_GENERATION:
        out.append(A.Pass(seat))
        if _can_undo(state, seat):
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
        if _coalition_allowed(crisis, state) is None:
            out.append(A.Coalition(seat))
        return out
    out = [A.Recirculate(seat), A.Withdraw(seat)]
    if p.amendments < crisis.rules.procedure.amendments_per_round:
        costs = crisis.rules.costs
        out += [A.Amend(seat, c) for c in _open_caveats(crisis, p)]
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
            and _host_needs_consent(crisis, op.proposal) for op in state.operations):
        withdraw = (A.WithdrawConsent(seat),)
    return shares, art4, mous, withdraw


def stance_choices(crisis: LoadedScenario, state: GameState, seat: str) -> tuple[bool, bool]:
    """For a seat acting in negotiation: (asked for its consent as host, may object), what
    legal_actions(variants=False) lists (Consent among them; Object among them), without the list."""
    p = state.proposal
    if crisis.scenario.actors[seat].kind == "member":
        return False, bool(crisis.rules.reasons) and state.capital[seat] >= crisis.rules.costs.objection
    if p.host == seat and _host_needs_consent(crisis, p):
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
        need = cache[key] = adjudication.requirement(crisis, op)
    return need


def _pledges(crisis, seat: str, number: int, res: str, most: int) -> tuple[Action, ...]:
    """Pledge(seat, number, res, n) for n = 1..most, made once."""
    cache = per_text(crisis)
    key = ("pledges", seat, number, res, most)
    out = cache.get(key)
    if out is None:
        out = cache[key] = tuple(A.Pledge(seat, number, res, n) for n in range(1, most + 1))
    return out


def _can_undo(state: GameState, seat: str) -> bool:
    """A seat may take back its stance in an open negotiation round, or its last pledge."""
    if state.paused:
        return False
    if state.phase == _NEGOTIATION:
        return state.submitted(seat) is not None
    if state.phase == _FORCE_GENERATION:
        return seat not in state.done and any(
            a == seat for op in state.operations if op.status == "adopted" for a, _, _ in op.pledges)
    return False


def _white_cell_actions(crisis, state) -> list[Action]:
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


def _open_caveats(crisis, p: Proposal) -> list[str]:
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
        out += [A.Object(seat, reason, c) for c in _open_caveats(crisis, p)]
        out += [A.Object(seat, reason, None, n) for n in range(1, crisis.rules.costs.concession_max + 1)]
    return out


def _linkable(crisis, state) -> list[str]:
    p = state.proposal
    out = []
    for oid, opt in crisis.scenario.options.items():
        if oid in p.options or not _option_open(crisis, state, oid):
            continue
        if p.basis in opt.legal_bases and (not opt.hosts or p.host in opt.hosts):
            out.append(oid)
    return out


def _option_open(crisis, state, oid: str) -> bool:
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
            if host is None or _kind(crisis, host) != "member":
                return "collective self-defence needs an armed attack on an Ally"
        elif not opt.self_defence_when(Env(state, crisis)):
            return f"collective self-defence does not apply now ({opt.self_defence_when.text} does not hold)"
    return None


def _tableable(crisis, state, seat) -> list[Action]:
    out = []
    for oid, opt in crisis.scenario.options.items():
        if not _option_open(crisis, state, oid):
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


def _can_table(crisis, state) -> bool:
    """bool(_tableable(crisis, state, chair)): the same tests, stopping at the first text it could table."""
    for oid, opt in crisis.scenario.options.items():
        if not _option_open(crisis, state, oid) or not all(par.values for par in opt.parameters.values()):
            continue
        for host in opt.hosts or (None,):
            for basis in opt.legal_bases:
                if basis_refusal(crisis, state, oid, basis, host) is None:
                    return True
    return False


def _coalition_allowed(crisis, state) -> str | None:
    p = state.proposal
    opt = crisis.scenario.options[p.option]
    if not opt.coalition:
        return f"'{p.option}' cannot be carried out by a coalition"
    if _host_needs_consent(crisis, p) and not _host_consents(crisis, state, p):
        return f"{p.host} has not consented: a coalition cannot act on its territory without consent"
    if not _willing(crisis, state):
        return "no member is willing"
    return None


def _willing(crisis, state) -> tuple[str, ...]:
    return tuple(a for a in crisis.scenario.members
                 if isinstance(state.submitted(a), (A.Support, A.Reserve)))


def _host_consents(crisis, state, p: Proposal) -> bool:
    return isinstance(state.submitted(p.host), A.Consent)


# -- applying actions -----------------------------------------------------------------------------
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
        if isinstance(action, A.EndRound) and A.EndRound(WHITE_CELL) in _white_cell_actions(crisis, state):
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
        host = p.host == seat and _host_needs_consent(crisis, p)
        if kind in (A.Support, A.Pass):
            return not host
        if kind is A.Reserve:
            return not host and _kind(crisis, seat) == "member" and not action.note
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
    if isinstance(action, A.RequestArt4) and _kind(crisis, seat) != "member":
        return R_ART4, f"{seat} is not a member: only members may request Article 4 consultations"
    if isinstance(action, A.Table):
        if seat != sc.chair:
            return R_TABLE, "only the chair tables proposals"
        if action.option in sc.options and state.phase == _PROPOSAL:
            why = basis_refusal(crisis, state, action.option, action.basis, action.host)
            if why:
                return R_BASIS, why
    if isinstance(action, A.Object) and state.phase == _NEGOTIATION:
        if _kind(crisis, seat) == "member" and state.capital[seat] < crisis.rules.costs.objection:
            return R_OBJECT, f"{seat} has no political capital left to object"
    wanted = getattr(action, "wants_caveat", None)
    if wanted and state.proposal is not None and wanted not in _open_caveats(crisis, state.proposal):
        return R_AMEND, f"the caveat '{wanted}' cannot be attached to this text (or is already on it)"
    if isinstance(action, (A.Consent, A.RefuseConsent)):
        return R_CONSENT, f"{seat} is not the host nation of the proposal on the table"
    if isinstance(action, A.Reserve) and _kind(crisis, seat) != "member":
        return R_PARTNER, "only members place reservations: partners are consulted but do not decide"
    if isinstance(action, A.Coalition) and state.proposal is not None:
        return R_COALITION, (_coalition_allowed(crisis, state) or "the text has not failed yet")
    if isinstance(action, A.Pledge):
        return R_PLEDGE, "that pledge is not possible: check the operation, the resource and what you have"
    if isinstance(action, A.ShareIntel):
        return R_INTEL, "that share is not possible now"
    if isinstance(action, A.OfferMOU):
        return R_MOU, "that MOU is not possible now"
    if seat not in acting_seats(crisis, state):
        return R_TURN, f"{seat} does not act in the {state.phase.value} step now"
    return R_TURN, f"{action.describe()} is not possible in the {state.phase.value} step"


def apply(crisis: LoadedScenario, state: GameState, action: Action) -> Step:
    """Check and apply one action. Raises IllegalActionError (naming the rule) if not allowed."""
    check(crisis, state, action)
    return apply_unchecked(crisis, state, action)


class _Discard(list):
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


_QUIET = _Discard()  # holds nothing: one for every quiet move


def apply_unchecked(crisis: LoadedScenario, state: GameState, action: Action, quiet: bool = False) -> Step:
    """Apply an action already known to be legal (replaying a trusted log, or a bot's choice
    taken from legal_actions). With quiet=True no events are made (Step.events is empty): batch
    play that only wants the states; the states are the same either way."""
    events: list[Event] = _QUIET if quiet else []
    state = _dispatch(crisis, state, action, events)
    state = _advance(crisis, state, events)
    return Step(state, () if quiet else tuple(events))


def apply_quiet(crisis: LoadedScenario, state: GameState, action: Action) -> GameState:
    """apply_unchecked(crisis, state, action, quiet=True).state, without the Step: batch play."""
    return _advance(crisis, _dispatch(crisis, state, action, _QUIET), _QUIET)


def _actor_name(crisis, a: str) -> str:
    if a == WHITE_CELL:
        return "White Cell"
    return crisis.scenario.actors[a].name


def _say(crisis, action: Action, events: list[Event], kind: str = "action", phase=None, **data) -> None:
    if events.__class__ is _Discard:
        return
    text = texts.third_person(crisis, action)
    if isinstance(action, A.Object) and _kind(crisis, action.seat) != "member":
        text = text.replace("objects", "raises a concern", 1)  # partners shape, they do not block
    elif isinstance(action, A.Pass) and phase == _FORCE_GENERATION:
        text = "has finished pledging"
    elif isinstance(action, A.Pass) and phase == _CONSULTATION:
        text = "passes"
    events.append(Event(kind, f"{_actor_name(crisis, action.seat)} {text}",
                        {"seat": action.seat, "action": action.to_dict(), **data}))


def _effects(crisis, state: GameState, effects, events: list[Event], why: str) -> GameState:
    if not effects:
        return state
    env = Env(state, crisis)
    draft = Draft(state, crisis)
    for eff in effects:
        eff.apply(draft, env)
    before = state.meters
    state = draft.fold(state)
    changes = {m: round(state.meters[m] - before[m], 2) for m in before if state.meters[m] != before[m]}
    if changes and events.__class__ is not _Discard:
        text = ", ".join(f"{crisis.scenario.meters[m].label} {d:+g}" for m, d in changes.items())
        events.append(Event("meters", f"{why}: {text}", {"why": why, "changes": changes}))
    for actor, given in draft.consent_changes:
        state = _consent_changed(crisis, state, actor, given, events)
    for iid in draft.releases:
        if iid not in state.fired:
            state = _fire(crisis, state, iid, events, None)
    return state


_PLAIN_STANCES = frozenset({A.Support, A.Pass, A.Reserve})  # in negotiation: a submission, nothing else


def _dispatch(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    seat = action.seat
    rules = crisis.rules
    ph = state.phase
    kind = action.__class__
    loud = events.__class__ is not _Discard
    if kind in _PLAIN_STANCES and ph == _NEGOTIATION and seat != WHITE_CELL:  # the commonest moves
        if loud:
            _say(crisis, action, events, "stance", stance=action.kind, number=state.proposal.number)
        return _finished(crisis, state, seat, submissions=state.submissions + ((seat, action),))
    if seat == WHITE_CELL:
        return _white_cell(crisis, state, action, events)
    if isinstance(action, A.Undo):
        return _undo(crisis, state, action, events)
    if isinstance(action, A.RequestInfo):
        number = state.requests_made + 1
        events.append(Event("rfi", f"{_actor_name(crisis, seat)} asks the White Cell (request {number}): "
                                   f"{action.question}", {"request": number, "seat": seat}, to=(seat,)))
        return state.replace(requests=state.requests + ((number, seat, action.question),),
                            requests_made=number)
    if ph in (_CONSULTATION, _FORCE_GENERATION):
        if isinstance(action, A.Pass):
            if loud:  # quiet play builds no words
                _say(crisis, action, events, "done", phase=ph)
            return _finished(crisis, state, seat)
        if isinstance(action, A.ShareIntel):
            if loud:  # quiet play builds no words
                _say(crisis, action, events)
            weight = 2 if action.to == "all" else 1
            state = _finished(crisis, state, seat, intel_shares=state.intel_shares + weight)
            if action.to == "all":
                return _effects(crisis, state, rules.effects.intel_shared, events, "intelligence shared")
            trust = dict(state.trust)
            trust[action.to] = min(100, trust.get(action.to, 0) + 2)
            return state.replace(trust=trust)
        if isinstance(action, A.RequestArt4):
            _say(crisis, action, events, "art4")
            capital = dict(state.capital)
            capital[seat] -= rules.costs.art4_request
            state = _finished(crisis, state, seat, capital=capital, art4=state.art4 + (seat,))
            return _effects(crisis, state, rules.effects.art4, events, "Article 4 consultations")
        if isinstance(action, A.OfferMOU):
            _say(crisis, action, events, "mou")
            capital, trust = dict(state.capital), dict(state.trust)
            capital[seat] -= rules.costs.mou
            trust[action.to] = min(100, trust.get(action.to, 0) + 10)
            return _finished(crisis, state, seat, capital=capital, trust=trust, mous=state.mous + ((seat, action.to),))
        if isinstance(action, A.WithdrawConsent):
            _say(crisis, action, events)
            state = _finished(crisis, state, seat)
            return _consent_changed(crisis, state, seat, False, events)
        if isinstance(action, A.Pledge):
            if loud:  # quiet play builds no words
                _say(crisis, action, events, "pledge")
            ops = tuple(evolve(o, pledges=o.pledges + ((seat, action.resource, action.amount),))
                        if o.number == action.operation else o for o in state.operations)
            res = dict(state.resources)  # only the seat's own resources change (states never change them in place)
            res[seat] = dict(res[seat])
            res[seat][action.resource] -= action.amount
            new = state._replace_known({"operations": ops, "resources": res})
            memo = state.__dict__.get(_MEMO)
            if memo is not None and "acting" in memo:  # a pledge changes no operation's status or contributors
                new.__dict__[_MEMO] = {"acting": memo["acting"]}
            return new
    if ph == _PROPOSAL:
        if isinstance(action, A.Pass):
            _say(crisis, action, events, "no_proposal")
            return state.replace(phase=_FORCE_GENERATION, done=())
        if isinstance(action, A.Table):
            number = len(state.decisions) + 1
            p = Proposal(action.option, action.basis, action.host, action.params, action.caveats,
                         number=number)
            _say(crisis, action, events, "tabled", option=action.option, number=number)
            events.append(Event("silence", f"The text is under silence procedure (round 1 of "
                                           f"{rules.procedure.negotiation_rounds})", {"round": 1, "number": number}))
            decision = Decision(number, state.turn, action.option, p, (), "pending")
            return state.replace(phase=_NEGOTIATION, proposal=p, submissions=(), done=(),
                                decisions=state.decisions + (decision,),
                                proposals_this_turn=state.proposals_this_turn + 1)
    if ph == _NEGOTIATION:
        if loud:  # quiet play builds no words
            _say(crisis, action, events, "stance", stance=action.kind, number=state.proposal.number)
        if isinstance(action, A.Object) and _kind(crisis, seat) == "member":
            capital = dict(state.capital)
            capital[seat] -= rules.costs.objection
            state = state.replace(capital=capital)
        return _finished(crisis, state, seat, submissions=state.submissions + ((seat, action),))
    if ph == _AMENDMENT:
        p = state.proposal
        if isinstance(action, A.Amend):
            _say(crisis, action, events, "amended", number=p.number)
            return _set_proposal(state, evolve(p, caveats=p.caveats + (action.caveat,),
                                                     amendments=p.amendments + 1))
        if isinstance(action, A.SetParam):
            _say(crisis, action, events, "amended", number=p.number)
            params = tuple((n, action.value if n == action.name else v) for n, v in p.params)
            if action.name not in dict(p.params):
                params += ((action.name, action.value),)
            return _set_proposal(state, evolve(p, params=params, amendments=p.amendments + 1))
        if isinstance(action, A.Concede):
            _say(crisis, action, events, "concession", number=p.number)
            capital = dict(state.capital)
            capital[seat] -= action.amount
            capital[action.to] += action.amount
            state = state.replace(capital=capital)
            return _set_proposal(state, evolve(
                p, concessions=p.concessions + ((action.to, action.amount),), amendments=p.amendments + 1))
        if isinstance(action, A.Link):
            _say(crisis, action, events, "amended", number=p.number)
            return _set_proposal(state, evolve(p, package=p.package + (action.option,),
                                                     amendments=p.amendments + 1))
        if isinstance(action, A.Recirculate):
            _say(crisis, action, events)
            rnd = p.round + 1
            events.append(Event("silence", f"The text is under silence procedure (round {rnd} of "
                                           f"{rules.procedure.negotiation_rounds})", {"round": rnd, "number": p.number}))
            return state.replace(proposal=evolve(p, round=rnd, amendments=0),
                                phase=_NEGOTIATION, submissions=(), done=())
        if isinstance(action, A.Withdraw):
            _say(crisis, action, events)
            outcome = "failed" if p.failed else "withdrawn"
            return _close_proposal(crisis, state, outcome, events)
        if isinstance(action, A.Coalition):
            _say(crisis, action, events, "coalition")
            return _adopt(crisis, state, events, coalition=True)
    raise AssertionError(f"unhandled {action!r} in {ph}")  # legal_actions and _dispatch disagree


def _finished(crisis, state: GameState, seat: str, **changes) -> GameState:
    """The state with `seat` done with this step (and `changes`). Who acts next is known without
    working it out again: the same seats less this one (the step, pause and operations are unchanged)."""
    changes["done"] = state.done + (seat,)
    new = state._replace_known(changes)  # field names written in this module
    memo = state.__dict__.get(_MEMO)  # state.memo(), without making one
    cached = memo.get("acting") if memo is not None else None
    if cached is not None and cached[0] is crisis and not (
            "operations" in changes or "phase" in changes or "paused" in changes):
        acting = cached[1]
        if acting and acting[0] == seat:
            acting = acting[1:]
        else:
            acting = tuple(a for a in acting if a != seat)
        new.__dict__[_MEMO] = {"acting": (crisis, acting)}  # new.memo()["acting"] = ...: a fresh state has none
    return new


def _undo(crisis, state: GameState, action: Action, events: list[Event]) -> GameState:
    seat = action.seat
    _say(crisis, action, events, "undo")
    if state.phase == _NEGOTIATION:
        prior = state.submitted(seat)
        capital = dict(state.capital)
        if isinstance(prior, A.Object) and _kind(crisis, seat) == "member":
            capital[seat] += crisis.rules.costs.objection
        return state.replace(capital=capital,
                            submissions=tuple((s, a) for s, a in state.submissions if s != seat),
                            done=tuple(d for d in state.done if d != seat))
    # force generation: the seat's latest pledge
    last = max((i, j) for i, op in enumerate(state.operations) if op.status == "adopted"
               for j, (a, _, _) in enumerate(op.pledges) if a == seat)
    op = state.operations[last[0]]
    _, res, amount = op.pledges[last[1]]
    ops = list(state.operations)
    ops[last[0]] = evolve(op, pledges=op.pledges[:last[1]] + op.pledges[last[1] + 1:])
    resources = {a: dict(r) for a, r in state.resources.items()}
    resources[seat][res] += amount
    return state.replace(operations=tuple(ops), resources=resources)


def _set_proposal(state: GameState, p: Proposal) -> GameState:
    decisions = state.decisions[:-1] + (evolve(state.decisions[-1], proposal=p),)
    return state.replace(proposal=p, decisions=decisions)


def adhoc_effects(crisis: LoadedScenario, effects: tuple[str, ...]) -> tuple:
    """The facilitator's ad-hoc effects, parsed and checked against the scenario's names like an
    author's (never evaluated as Python). Raises IllegalActionError naming the problem."""
    from game.core import conditions
    from game.scenario.loader import names_of
    from game.core.model.types import Effect
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


def _white_cell(crisis, state, action, events) -> GameState:
    if isinstance(action, A.Pause):
        _say(crisis, action, events, "paused")
        return state.replace(paused=True)
    if isinstance(action, A.Resume):
        _say(crisis, action, events, "resumed")
        return state.replace(paused=False)
    if isinstance(action, A.HoldInject):
        _say(crisis, action, events, "held")
        return state.replace(held=state.held + (action.inject,))
    if isinstance(action, A.ReleaseInject):
        _say(crisis, action, events, "released", inject=action.inject, edited=action.text is not None)
        return _fire(crisis, state, action.inject, events, action.text)
    if isinstance(action, A.AdHocInject):
        _say(crisis, action, events, "released", adhoc=True)
        events.append(Event("inject", f"{action.title}: {action.text}", {"inject": None, "title": action.title,
                                                                          "adhoc": True}))
        return _effects(crisis, state, adhoc_effects(crisis, action.effects), events, action.title)
    if isinstance(action, A.AnswerInfo):
        number, asker, question = next(r for r in state.requests if r[0] == action.request)
        events.append(Event("rfi_answer", f"White Cell answers your request ({question}): {action.answer}",
                            {"request": number, "seat": asker}, to=(asker,)))
        return state.replace(requests=tuple(r for r in state.requests if r[0] != action.request))
    if isinstance(action, A.OverrideMeter):
        _say(crisis, action, events, "override", rationale=action.rationale)
        m = crisis.scenario.meters[action.meter]
        meters = dict(state.meters)
        meters[action.meter] = min(m.max, max(m.min, float(action.value)))
        return state.replace(meters=meters)
    if isinstance(action, A.OverrideResult):
        _say(crisis, action, events, "override", rationale=action.rationale)
        return adjudication.override(crisis, state, action, events)
    if isinstance(action, A.EndRound):
        _say(crisis, action, events, "round_ended", reason=action.reason)
        missing = acting_seats(crisis, state)
        for seat in missing:
            if state.phase == _AMENDMENT:
                act = A.Withdraw(seat) if state.proposal.failed else A.Recirculate(seat)
            else:
                act = A.Pass(seat)
            state = _dispatch(crisis, state, act, events)
        return state
    raise AssertionError(f"unhandled White Cell action {action!r}")


# -- the procedure moving on ----------------------------------------------------------------------
def _advance(crisis, state: GameState, events: list[Event]) -> GameState:
    """Close whatever step is complete, running the automatic steps, until a seat must act."""
    while state.phase != _OVER and not state.paused and not acting_seats(crisis, state):
        if state.phase == _CONSULTATION:
            state = state.replace(phase=_PROPOSAL, done=())
        elif state.phase == _NEGOTIATION:
            state = _close_round(crisis, state, events)
        elif state.phase == _FORCE_GENERATION:
            state = _end_turn(crisis, state, events)
        else:  # pragma: no cover - the chair always has an action in its steps
            raise AssertionError(f"no one acts in {state.phase}")
    return state


def _close_round(crisis, state: GameState, events: list[Event]) -> GameState:
    p = state.proposal
    sc = crisis.scenario
    stances = []
    objectors = []
    for seat, act in state.submissions:
        detail = act.reason if isinstance(act, A.Object) else getattr(act, "wants_caveat", "") or ""
        stance = act.kind if not isinstance(act, A.Pass) else "silent"
        if _kind(crisis, seat) != "member" and isinstance(act, A.Object):
            stance = "concern"  # partners shape, they do not block
        stances.append((p.round, seat, stance, detail))
        if stance == "object":
            objectors.append(seat)
    reservations = [s for s, a in state.submissions if isinstance(a, A.Reserve)]
    consent_missing = _host_needs_consent(crisis, p) and not _host_consents(crisis, state, p)
    blockers = tuple(objectors) + ((p.host,) if consent_missing else ())
    decisions = state.decisions[:-1] + (evolve(
        state.decisions[-1], stances=state.decisions[-1].stances + tuple(stances), proposal=p),)
    state = state.replace(decisions=decisions)
    loud = events.__class__ is not _Discard  # quiet play builds no words
    if not blockers:
        if loud:
            events.append(Event("silence_held", f"Silence held in round {p.round}: the text is agreed"
                                + (f" (reservations: {', '.join(reservations)})" if reservations else ""),
                                {"round": p.round, "reservations": reservations, "number": p.number}))
        if reservations:
            state = _effects(crisis, state, crisis.rules.effects.reservation * len(reservations), events,
                             "reservations on the record")
        return _adopt(crisis, state, events, coalition=False)
    names = why = ""
    if loud:
        names = ", ".join(sc.actors[b].name for b in blockers)
        why = "; ".join(f"{sc.actors[s].name}: {a.reason}" for s, a in state.submissions
                        if s in objectors) or ""
        if consent_missing:
            why = "; ".join(x for x in (why, f"{sc.actors[p.host].name} has not consented as host") if x)
    decisions = state.decisions[:-1] + (evolve(state.decisions[-1], blocked_by=blockers),)
    state = state.replace(decisions=decisions)
    if p.round >= crisis.rules.procedure.negotiation_rounds:
        events.append(Event("proposal_failed", f"Silence broken by {names} in the last round: the text fails ({why})",
                            {"round": p.round, "blocked_by": list(blockers), "number": p.number}))
        state = _effects(crisis, state, crisis.rules.effects.blocked, events, "no consensus")
        return state.replace(phase=_AMENDMENT, proposal=evolve(p, failed=True))
    events.append(Event("silence_broken", f"Silence broken by {names} ({why}): the text goes back for amendment",
                        {"round": p.round, "blocked_by": list(blockers), "number": p.number}))
    return state.replace(phase=_AMENDMENT, done=())


def _adopt(crisis, state: GameState, events: list[Event], coalition: bool) -> GameState:
    p = state.proposal
    sc = crisis.scenario
    rules = crisis.rules
    if coalition:
        contributors = _willing(crisis, state) + tuple(
            a for a in delegations(crisis) if sc.actors[a].kind != "member")
        state = _effects(crisis, state, rules.effects.coalition, events, "coalition of the willing")
    else:
        contributors = delegations(crisis)
        state = _effects(crisis, state, rules.effects.adopted, events, "decision by consensus")
    ops = list(state.operations)
    for oid in p.options:
        opt = sc.options[oid]
        n = len(ops) + 1
        ops.append(Operation(n, oid, p, coalition, state.turn, opt.duration, contributors))
        events.append(Event("adopted", f"Adopted{' by a coalition of the willing' if coalition else ''}: "
                                       f"{opt.title} (operation {n})",
                            {"option": oid, "operation": n, "coalition": coalition, "number": p.number}))
    state = state.replace(operations=tuple(ops))
    legit = rules.legal_bases[p.basis].legitimacy
    if legit and "legitimacy" in sc.meters:
        meters = dict(state.meters)
        m = sc.meters["legitimacy"]
        meters["legitimacy"] = min(m.max, max(m.min, meters["legitimacy"] + legit))
        events.append(Event("meters", f"{rules.legal_bases[p.basis].label}: {m.label} {legit:+d}",
                            {"why": "legal basis", "changes": {"legitimacy": legit}}))
        state = state.replace(meters=meters)
    for oid in p.options:
        state = _effects(crisis, state, sc.options[oid].costs, events, f"costs of {sc.options[oid].title}")
    state = state.replace(adopted_this_turn=True)
    return _close_proposal(crisis, state, "coalition" if coalition else "adopted", events)


def _close_proposal(crisis, state: GameState, outcome: str, events: list[Event]) -> GameState:
    decisions = state.decisions[:-1] + (evolve(state.decisions[-1], outcome=outcome),)
    state = state.replace(decisions=decisions, proposal=None, submissions=(), done=())
    if state.proposals_this_turn < crisis.rules.procedure.proposals_per_turn and _can_table(crisis, state):
        return state.replace(phase=_PROPOSAL)
    return state.replace(phase=_FORCE_GENERATION)


def _consent_changed(crisis, state, actor: str, given: bool, events: list[Event]) -> GameState:
    if state.consent.get(actor, True) == given:
        return state  # no change: nothing happens, nothing is said
    consent = dict(state.consent)
    consent[actor] = given
    state = state.replace(consent=consent)
    if given:
        events.append(Event("consent", f"{_actor_name(crisis, actor)} gives its consent again", {"actor": actor}))
        return state
    ops = []
    stopped = []
    for op in state.operations:
        if op.proposal.host == actor and op.status in ("adopted", "running") and _host_needs_consent(crisis, op.proposal):
            op = evolve(op, status="stopped")
            stopped.append(op.number)
        ops.append(op)
    events.append(Event("consent_withdrawn",
                        f"{_actor_name(crisis, actor)} withdraws its consent"
                        + (f": operation(s) {', '.join(map(str, stopped))} stop" if stopped else ""),
                        {"actor": actor, "stopped": stopped}))
    state = state.replace(operations=tuple(ops))
    return _effects(crisis, state, crisis.rules.effects.consent_withdrawn, events, "consent withdrawn")


def _fire(crisis, state: GameState, iid: str, events: list[Event], text: str | None) -> GameState:
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
    return _effects(crisis, state, inj.effects, events, inj.title)


def _start_turn(crisis, state: GameState, events: list[Event]) -> GameState:
    """1. Inject: the crisis develops; injects whose triggers hold fire."""
    events.append(Event("turn", f"Turn {state.turn}", {"turn": state.turn}))
    for iid, inj in crisis.scenario.injects.items():
        if iid in state.fired or iid in state.held:
            continue
        if inj.when is None:
            due = inj.turn == state.turn
        else:  # with both: from that turn on, once the condition holds
            due = (inj.turn is None or state.turn >= inj.turn) and inj.when(Env(state, crisis))
        if due:
            state = _fire(crisis, state, iid, events, None)
    return state.replace(phase=_CONSULTATION, done=())


def _end_turn(crisis, state: GameState, events: list[Event]) -> GameState:
    """7. Adjudication, 8. Assessment, then the next turn's injects."""
    sc = crisis.scenario
    state = adjudication.resolve_turn(crisis, state, events)
    state = _effects(crisis, state, sc.each_turn, events, "the crisis develops")
    if not state.adopted_this_turn:
        events.append(Event("inaction", "No decision this turn", {}))
        state = _effects(crisis, state, sc.inaction, events, "inaction")
    env = Env(state, crisis)
    last = state.turn >= state.turn_limit
    for eid, end in sc.end_conditions.items():
        if (last or not end.final) and end.when(env):
            return _finish(crisis, state, events, Termination.END_CONDITION, eid, end.title, end.text, end.verdict)
    if last:
        return _finish(crisis, state, events, Termination.TURN_LIMIT, "turn_limit", "Time is up",
                       f"The exercise ends after turn {state.turn}.", "mixed")
    state = state.replace(turn=state.turn + 1, proposals_this_turn=0, adopted_this_turn=False,
                         intel_shares=0, done=(), submissions=())
    return _start_turn(crisis, state, events)


def scores(crisis: LoadedScenario, state: GameState) -> dict[str, Score]:
    sc = crisis.scenario
    env = Env(state, crisis)
    collective = [o for o in sc.objectives if o.when(env)]
    coll_points = sum(o.points for o in collective)
    out = {}
    for seat in seats(crisis):
        mine = [o for o in sc.actors[seat].objectives if o.when(env)]
        out[seat] = Score(sum(o.points for o in mine), coll_points,
                          tuple(o.id for o in mine) + tuple(o.id for o in collective))
    return out


def _finish(crisis, state, events, termination, eid, title, text, verdict) -> GameState:
    outcome = Outcome(termination, eid, title, text, verdict, state.turn, scores(crisis, state))
    events.append(Event("game_over", f"{title}: {text}", {"end": eid, "verdict": verdict,
                                                          "scores": {s: [v.national, v.collective]
                                                                     for s, v in outcome.scores.items()}}))
    return state.replace(phase=_OVER, outcome=outcome, proposal=None)


def is_over(state: GameState) -> bool:
    return state.phase == _OVER
