"""Is this move legal? The rules' one answer (python-chess's LegalMoveGenerator is the model).

`LegalActions(crisis, state, seat)` is every move one seat may make in one state: iterate it,
ask `action in legal`, count it, and ask `legal.why_not(action)` for the rule that forbids a move.
The engine checks with it, the table greys keys with its reasons, the computer delegations and
`simulate` choose from it. The rule ids and the sentences they quote live here; the engine imports
this module, never the reverse. Where speed needs a shortcut (a computer delegation's commonest
questions), it is a method of LegalActions, never a second rulebook.
"""
from __future__ import annotations

from collections.abc import Sequence

from game.core import actions as A
from game.core.actions import WHITE_CELL, Action
from game.core.model.crisis import LoadedScenario
from game.core.procedure import (R_AMEND, R_ART4, R_ART5, R_CHAIR, R_COALITION, R_CONSENT, R_MOU, R_OVER,
                                 R_PARTNER, R_PAUSED, R_RFI, R_SEAT, R_TABLE, R_TEXT, R_TURN, R_UNDO, R_UNSC, R_WHITE, Refusal,
                                 can_undo, coalitions_open, linkable, open_caveats, option_refusal,
                                 requestable_art5, requirement, seekable, tableable)
from game.core import resourcing
from game.core.checks import (CHECKS, caveat_representative, listed_widenings, open_consultations, operation_moves,
                               parallel_open, white_cell_actions, white_cell_refusal)
from game.core.procedure import R_SHORTFALL, programme_offers
from game.core.partners import partner_role_refusal, step_refusal
from game.core.seats import acting_seats, delegations, host_needs_consent, kind_of
from game.core.state import GameState, Phase
from game.core.plain import CONTROL

_CONSULTATION = Phase.CONSULTATION
_PROPOSAL = Phase.PROPOSAL
_NEGOTIATION = Phase.NEGOTIATION
_AMENDMENT = Phase.AMENDMENT
_FORCE_GENERATION = Phase.FORCE_GENERATION
_OVER = Phase.OVER
_THROUGH = object()  # LegalActions._gate: nothing but the move's own kind's check stands in its way

_STEP_OF = {A.ShareIntel: _CONSULTATION, A.RequestArt4: _CONSULTATION, A.OfferMOU: _CONSULTATION,
            A.RequestArt5: _CONSULTATION, A.SeekResolution: _CONSULTATION, A.LeadCoalition: _CONSULTATION,
            A.WithdrawConsent: _CONSULTATION, A.Table: _PROPOSAL, A.Support: _NEGOTIATION,
            A.Object: _NEGOTIATION, A.Reserve: _NEGOTIATION, A.Consent: _NEGOTIATION,
            A.RefuseConsent: _NEGOTIATION, A.Amend: _AMENDMENT, A.SetParam: _AMENDMENT, A.Concede: _AMENDMENT,
            A.Link: _AMENDMENT, A.Recirculate: _AMENDMENT, A.Withdraw: _AMENDMENT, A.Pledge: _FORCE_GENERATION,
            A.WithdrawPledge: _FORCE_GENERATION, A.Invite: _FORCE_GENERATION, A.AcceptShortfall: _FORCE_GENERATION}
# partners, consultations and releasability (issue 17, items 3 and 4)
_STEP_OF.update({A.RequestConsultations: _CONSULTATION, A.WidenRelease: _CONSULTATION, A.DecideInParallel: _CONSULTATION,
                 A.HoldConsultations: _PROPOSAL, A.OverrideCaveats: _FORCE_GENERATION,
                 A.WithdrawContribution: _FORCE_GENERATION})
_WHITE_CELL_KINDS = frozenset({A.ReleaseInject, A.HoldInject, A.EndRound, A.Pause, A.Resume, A.AdHocInject,
                               A.AnswerInfo, A.OverrideMeter, A.OverrideResult})
_MEMBERS_ONLY = frozenset({A.RequestArt4, A.OfferMOU, A.Reserve, A.RequestArt5, A.SeekResolution, A.LeadCoalition})
_HOSTS_ONLY = frozenset({A.Consent, A.RefuseConsent, A.WithdrawConsent})
_CHAIRS = frozenset({A.Table, A.Amend, A.SetParam, A.Link, A.Recirculate, A.Withdraw})
_COUNCIL_VOICE = frozenset({A.Invite, A.AcceptShortfall})  # the chair's, or a coalition's lead nation's
_NO_ONE = frozenset({A.Concede, A.Coalition})  # moves of games before issue 16: the chair pays no one, leads nothing


class LegalActions(Sequence):
    """Every move `seat` may make in `state`. Free-text fields (a reservation's footnote, a
    question to the White Cell, an override's rationale) take any value and are not listed, nor
    are the variants of a text tabled with some of its option's caveats already in it (each may be
    added by amendment, which is listed); every other legal move is. Made once per state and seat (`LegalActions.of`): read it, do not keep it
    past the state."""

    __slots__ = ("crisis", "state", "seat", "_list", "_fg")

    def __init__(self, crisis: LoadedScenario, state: GameState, seat: str):
        self.crisis = crisis
        self.state = state
        self.seat = seat
        self._list: tuple[Action, ...] | None = None
        self._fg: tuple[Action, ...] | None = None  # force_generation_moves, once asked

    @classmethod
    def of(cls, crisis: LoadedScenario, state: GameState, seat: str) -> "LegalActions":
        """The seat's legal moves, memoised on the state (a state and the scenario it is played with
        always go together; an observation's state is a copy with its own memo)."""
        memo = state.memo()
        key = ("legal", seat)
        legal = memo.get(key)
        if legal is None or legal.crisis is not crisis:
            legal = memo[key] = cls(crisis, state, seat)
        return legal

    # -- the list -------------------------------------------------------------------------------
    @property
    def actions(self) -> tuple[Action, ...]:
        if self._list is None:
            self._list = tuple(self._generate())
        return self._list

    def __iter__(self):
        return iter(self.actions)

    def __len__(self) -> int:
        return len(self.actions)

    def __getitem__(self, i):
        return self.actions[i]

    def __bool__(self) -> bool:
        return bool(self.actions)

    def count(self, action: Action | None = None) -> int:  # noqa: D401 - python-chess's name
        """How many legal moves (or, given a move, 1 if it is legal, else 0)."""
        return len(self.actions) if action is None else int(action in self)

    def __contains__(self, action) -> bool:
        return isinstance(action, Action) and self._refusal(action) is None

    def __repr__(self) -> str:
        return f"<LegalActions {self.seat} in {self.state.phase.value}: {len(self)} moves>"

    def why_not(self, action: Action) -> Refusal | None:
        """None if `action` is legal now, else the rule that forbids it and why."""
        return self._refusal(action)

    def check(self, action: Action) -> None:
        """Raise IllegalActionError (naming the rule) unless `action` is legal now."""
        why = self._refusal(action)
        if why is not None:
            raise why.error()

    # -- kinds of move, for a screen's keys and menus --------------------------------------------------
    def kinds(self) -> frozenset[str]:
        """The kinds of move (`Action.kind`) the seat may make now."""
        return frozenset(a.kind for a in self.actions)

    def role_allows(self, kind: str) -> bool:
        """Whether this seat's role ever makes this kind of move (a chair tables, a member may
        reserve, a delegation pledges ...), whatever the step: what a screen offers the seat, greyed
        when it is not legal now."""
        return _role_refusal_of(self.crisis, self.seat, _representative(self, kind)) is None

    def takes_part(self) -> Refusal | None:
        """None if this seat's role has moves in the step being played (now, or once others have
        acted), else why it has none (partners.step_refusal): a screen shows no keys then."""
        return step_refusal(self.crisis, self.seat, self.state.phase)

    def why_not_kind(self, kind: str) -> Refusal | None:
        """None if some move of this kind is legal now, else the rule that stops every one of them
        (asked of one representative move, e.g. an objection with the rules' first reason)."""
        if kind in self.kinds():
            return None
        move = _representative(self, kind)
        why = self._refusal(move)
        if why is not None and why.rule not in (R_SEAT, R_TURN, R_PAUSED, R_OVER) and \
                _role_refusal_of(self.crisis, self.seat, move) is None:
            why = _kind_wide(self, kind) or why  # the move's own fields aside: what stops every one
        return why or _kind_wide(self, kind) or Refusal(R_TURN, f"no '{A.REGISTRY[kind].label}' is possible now")

    # -- what a computer delegation asks most (methods of this object, never a second rulebook) --
    def decisions(self) -> tuple[Action, ...]:
        """The moves with an objection or a refusal of consent listed once per reason, without each
        amendment or concession it might ask for (a computer delegation names its own ask)."""
        if self.state.phase != _NEGOTIATION or self.seat not in acting_seats(self.crisis, self.state):
            return self.actions
        is_host, can_object = self.stance_options()
        seat = self.seat
        if is_host:
            return (A.Consent(seat), *(A.RefuseConsent(seat, None, r) for r in self.crisis.rules.reasons))
        plain = (A.Support(seat), A.Pass(seat), A.Reserve(seat)) if self.is_member() else (A.Support(seat), A.Pass(seat))
        return plain + (tuple(A.Object(seat, r) for r in self.crisis.rules.reasons) if can_object else ())

    def stance_options(self) -> tuple[bool, bool]:
        """In negotiation: (asked for its consent as host nation, may object)."""
        crisis, state, seat = self.crisis, self.state, self.seat
        if self.is_member():
            return False, bool(crisis.rules.reasons) and state.capital[seat] >= crisis.rules.costs.objection
        p = state.proposal
        if p.host == seat and host_needs_consent(crisis, p):
            return True, False
        return False, bool(crisis.rules.reasons)

    def pledge_limits(self) -> dict[tuple[int, str], int]:
        """In force generation: (operation, resource) -> the most the seat may pledge (any amount
        from 1 to that is legal), in the order the list gives them."""
        out = {}
        if self.state.phase != _FORCE_GENERATION or self.seat not in acting_seats(self.crisis, self.state):
            return out
        mine = self.state.resources[self.seat]
        for op in self.state.operations:
            if not (resourcing.may_contribute(op, self.seat) and resourcing.wants_pledges(self.crisis, op, self.state)):
                continue
            per = resourcing.coverage_in(self.crisis, self.state, op)[1]
            for res, need in requirement(self.crisis, op).items():
                if per.get(res, 0) >= 1.0:
                    continue  # met by its own type: nothing more is asked of it
                have = mine.get(res, 0)
                if have > 0 and min(have, need) >= 1:
                    out[(op.number, res)] = min(have, need)
        return out

    def force_generation_moves(self) -> tuple[Action, ...]:
        """In force generation, besides pledges: withdrawing the seat's pledges (or, its caveats
        overridden, its contribution), and for the chair (or a coalition's lead nation) inviting
        partners, overriding caveats and accepting a shortfall, each as the checks allow them.
        Worked out once (a computer chair asks three times a move); what an operation offers is
        worked out from the operation alone, kept until it changes (GameState.carried), and the
        Council's moves pass the gate of their kind (LegalActions._gate) once per state."""
        if self._fg is not None:
            return self._fg
        out: list[Action] = []
        gates: dict = {}
        for op in self.state.operations:
            own, council = self.state.carried(("fg", self.seat, op.number), op, lambda: operation_moves(self, op))
            out += own
            for m in council:
                kind = m.__class__
                if kind not in gates:
                    gates[kind] = self._gate(m) is _THROUGH  # who and when: the same for each of a kind
                if gates[kind]:
                    out.append(m)
        self._fg = tuple(out)
        return self._fg

    def consultation_groups(self) -> "ConsultationMoves":
        """In consultation, besides passing, by kind (each in the list's order): intelligence
        shares, an Article 4 request, MOU offers, withdrawing consent, Article 5 requests,
        Security Council resolutions to seek, coalitions of the willing to lead."""
        crisis, state, seat = self.crisis, self.state, self.seat
        sc = crisis.scenario
        me = sc.actors[seat]
        costs = crisis.rules.costs
        member = me.kind == "member"
        shares = crisis.shares[seat] if state.resources[seat].get("intel", 0) > 0 else ()
        widen = self.widenings()
        if not member:
            withdraw = (A.WithdrawConsent(seat),) if self.may_withdraw_consent() else ()
            ask = (A.RequestConsultations(seat),)
            ask = ask if me.kind in ("partner", "host_nation") and self._refusal(ask[0]) is None else ()
            parallel = tuple(A.DecideInParallel(seat, n) for n in parallel_open(state, seat)) \
                if me.kind == "organisation" else ()
            return ConsultationMoves(shares, (), (), withdraw, (), (), (), ask, widen, parallel)
        mous = ()
        if state.capital[seat] >= costs.mou:  # (each list below kept until the part it reads changes)
            mous = state.carried(("mous", seat), state.mous, lambda: tuple(
                A.OfferMOU(seat, p) for p in crisis.groups["partners"]  # partners and hosts
                if (seat, p) not in state.mous and (sc.actors[p].kind != "partner" or programme_offers(crisis, p, "mou"))))
        art5 = tuple(A.RequestArt5(seat, on) for on in requestable_art5(crisis, state)) if state.attacks else ()
        seek = state.carried(("seek", seat), state.resolutions, lambda: tuple(A.SeekResolution(seat, o) for o in seekable(crisis, state)))
        lead = tuple(A.LeadCoalition(seat, n) for n in coalitions_open(crisis, state, seat)) if state.decisions else ()
        return ConsultationMoves(shares, (A.RequestArt4(seat),), mous, (), art5, seek, lead, (), widen)

    def widenings(self) -> tuple[Action, ...]:
        """The seat's legal widenings of its own items' releasability (to NATO, or to a delegation)."""
        return self.state.carried(("widen", self.seat), self.state.releasable, lambda: listed_widenings(self))

    def amendments(self, links: bool = False) -> list[Action]:
        """The chair's moves in amendment, in the list's order; with links=False without the links to
        other options (they come last; finding them asks every option whether it is open)."""
        crisis, state, seat = self.crisis, self.state, self.seat
        p = state.proposal
        if p.failed:  # a game saved before failed texts closed at once
            return [A.Withdraw(seat)]
        out = [A.Recirculate(seat), A.Withdraw(seat)]
        if p.amendments < crisis.rules.procedure.amendments_per_round:
            out += [A.Amend(seat, c) for c in open_caveats(crisis, p)]
            opt = crisis.scenario.options[p.option]
            for name, par in opt.parameters.items():
                out += [A.SetParam(seat, name, v) for v in par.values if v != p.param(name)]
            if links:
                out += [A.Link(seat, o) for o in linkable(crisis, state)]
        return out

    # -- the enumeration --------------------------------------------------------------------------
    def is_member(self) -> bool:
        return kind_of(self.crisis, self.seat) == "member"

    def may_withdraw_consent(self) -> bool:
        crisis, state, seat = self.crisis, self.state, self.seat
        return bool(state.consent.get(seat)) and not self.is_member() and any(
            op.proposal.host == seat and op.status in ("planning", "adopted", "running")
            and host_needs_consent(crisis, op.proposal) for op in state.operations)

    def _generate(self):
        crisis, state, seat = self.crisis, self.state, self.seat
        if state.phase == _OVER:
            return
        if seat == WHITE_CELL:
            yield from white_cell_actions(crisis, state)
            return
        if seat not in acting_seats(crisis, state):
            if can_undo(state, seat):
                yield A.Undo(seat)
            return
        ph = state.phase
        if ph == _CONSULTATION:
            yield A.Pass(seat)
            for group in self.consultation_groups():
                yield from group
        elif ph == _PROPOSAL:
            yield A.Pass(seat)
            yield from (A.HoldConsultations(seat, p) for p in open_consultations(state))
            yield from tableable(crisis, state, seat)
        elif ph == _NEGOTIATION:
            p = state.proposal
            is_host, can_object = self.stance_options()
            if is_host:
                yield A.Consent(seat)
                for c in (None, *open_caveats(crisis, p)):
                    yield from (A.RefuseConsent(seat, c, r) for r in crisis.rules.reasons)
                return
            yield A.Support(seat)
            yield A.Pass(seat)
            if self.is_member():
                yield A.Reserve(seat)
            if can_object:
                caveats = open_caveats(crisis, p)
                for reason in crisis.rules.reasons:
                    yield A.Object(seat, reason)
                    yield from (A.Object(seat, reason, c) for c in caveats)
        elif ph == _AMENDMENT:
            yield from self.amendments(links=True)
        elif ph == _FORCE_GENERATION:
            yield A.Pass(seat)
            if can_undo(state, seat):
                yield A.Undo(seat)
            yield from self.force_generation_moves()  # before the pledges' many amounts (a console lists 40)
            for (number, res), most in self.pledge_limits().items():
                yield from (A.Pledge(seat, number, res, n) for n in range(1, most + 1))

    # -- the check, with its reasons --------------------------------------------------------------
    def _refusal(self, action: Action) -> Refusal | None:
        crisis, state = self.crisis, self.state
        seat = action.seat
        kind = action.__class__
        # the commonest moves (half of all moves are a stance or a pass), answered first: the same
        # answers as the full path below (the property test in tests/core/test_legal.py checks)
        if (kind is A.Support or kind is A.Pass) and seat == self.seat and not state.paused \
                and seat in acting_seats(crisis, state):
            phase = state.phase
            if phase is _NEGOTIATION:
                return self.not_host_answer(action)
            if kind is A.Pass and phase is not _AMENDMENT:
                return None
        why = self._gate(action)
        if why is not _THROUGH:
            return why
        check = CHECKS.get(kind)
        if check is None:
            if kind is A.Pass:
                return self._pass_refusal()
            return Refusal(R_TURN, f"'{action.label}' is not a move of the {_step_name(state.phase)} step")
        return check(self, action)

    def _gate(self, action: Action):
        """Every check but the move's kind's own (who, when, which step): a Refusal, None (legal) or
        _THROUGH (the kind's check decides). Listing many moves of one kind asks it once."""
        crisis, state = self.crisis, self.state
        seat = action.seat
        kind = action.__class__
        if seat != self.seat:
            return Refusal(R_SEAT, f"this is {self.seat}'s list of moves, not {seat}'s")
        for field in kind.free_text:
            bad = CONTROL.search(getattr(action, field) or "")
            if bad:
                return Refusal(R_TEXT, f"the {field} holds a control character (U+{ord(bad.group()):04X}); "
                                       "type plain text")
        if state.phase == _OVER:
            return Refusal(R_OVER, "the game is over")
        if seat == WHITE_CELL:
            return white_cell_refusal(crisis, state, action)
        if seat not in crisis.scenario.actors:
            return Refusal(R_SEAT, f"there is no seat '{seat}'")
        if kind is A.RequestInfo:  # a delegation may ask the umpire at any time
            if seat not in delegations(crisis):
                return Refusal(R_RFI, "only a delegation asks the White Cell for information")
            if not action.question.strip():
                return Refusal(R_RFI, "a request needs a question")
            return None
        if kind in _WHITE_CELL_KINDS:
            return Refusal(R_WHITE, "only the White Cell runs the exercise")
        if state.paused:
            return Refusal(R_PAUSED, "the game is paused by the White Cell")
        if kind is A.Undo:
            return None if can_undo(state, seat) else Refusal(R_UNDO, f"{self.name()} has no move to take back now")
        role = self._role_refusal(action)
        if role is not None:
            return role
        step = _STEP_OF.get(kind)
        if step is not None and step != state.phase:
            return Refusal(R_TURN, f"'{action.label}' comes {_STEP_WHEN[step]} ({_step_name(step)} step); now: "
                                   f"{_STEP_NOW[state.phase]} ({_step_name(state.phase)} step)")
        if seat not in acting_seats(crisis, state):
            if kind is A.Pledge:  # an organisation, or a partner not invited: say why it is not asked
                why = CHECKS[kind](self, action)
                if why is not None:
                    return why
            return Refusal(R_TURN, f"{self.name()} has no move to make in the {_step_name(state.phase)} step now")
        return _THROUGH

    def name(self) -> str:
        return _name_of(self.crisis, self.seat)

    def _role_refusal(self, action: Action) -> Refusal | None:
        return _role_refusal_of(self.crisis, self.seat, action)

    def _pass_refusal(self) -> Refusal | None:
        state, seat = self.state, self.seat
        if state.phase == _AMENDMENT:
            return Refusal(R_AMEND, "in amendment the chair amends, recirculates or withdraws the text")
        if state.phase == _NEGOTIATION:
            return self.not_host_answer(A.Pass(seat))
        return None

    def not_host_answer(self, action: Action) -> Refusal | None:
        p = self.state.proposal
        if p.host == self.seat and host_needs_consent(self.crisis, p):
            return Refusal(R_CONSENT, f"as host nation, {self.name()} answers this text with its consent or a "
                                      f"refusal of consent ('{action.label}' is not an answer)")
        return None


def _role_refusal_of(crisis, seat: str, action: Action) -> Refusal | None:
    """Who may make this kind of move at all (whatever the step)."""
    kind = action.__class__
    if kind in _NO_ONE:
        if kind is A.Coalition:
            return Refusal(R_COALITION if seat != crisis.chair else R_CHAIR,
                           "a coalition of the willing is proposed by a lead nation (a member), in consultation: "
                           "'lead a coalition of the willing'")
        return Refusal(R_CHAIR, "concessions paid by the chair are no move of this game: the chair pays no one")
    partners = partner_role_refusal(crisis, seat, kind)
    if partners is not None:
        return partners or None
    if seat == crisis.chair:
        if kind in _CHAIRS or kind is A.Pass or kind in _COUNCIL_VOICE:
            return None
        if kind is A.Pledge or kind is A.WithdrawPledge:
            return Refusal(R_CHAIR, "the chair pledges nothing: delegations commit the resources")
        if kind is A.LeadCoalition:
            return Refusal(R_CHAIR, "the chair never leads a coalition: a lead nation proposes it")
        return Refusal(R_CHAIR, "the chair tables, amends and brokers; it takes no national stance")
    if kind in _CHAIRS:
        return Refusal(R_TABLE if kind is A.Table else R_AMEND,
                       "only the chair tables proposals" if kind is A.Table else
                       "only the chair amends, recirculates or withdraws the text, or turns it to a coalition")
    if kind in _COUNCIL_VOICE and kind_of(crisis, seat) != "member":
        return Refusal(R_SHORTFALL, "the chair speaks for the Council in force generation (a coalition's lead "
                                    "nation for its coalition)")
    if kind in _HOSTS_ONLY and kind_of(crisis, seat) == "member":
        return Refusal(R_CONSENT, "an Ally's own territory needs no host-nation consent: only a non-member host "
                                  "gives, refuses or withdraws consent")
    if kind in _MEMBERS_ONLY and kind_of(crisis, seat) != "member":
        if kind is A.RequestArt4:
            return Refusal(R_ART4, f"{_name_of(crisis, seat)} is not a member: only members may request Article 4 "
                                   "consultations")
        if kind is A.OfferMOU:
            return Refusal(R_MOU, "only a member offers a partner an MOU")
        if kind is A.RequestArt5:
            return Refusal(R_ART5, f"{_name_of(crisis, seat)} is not a member: an attack on a partner is not an "
                                   "Article 5 case (it may request assistance: its own consent)")
        if kind is A.SeekResolution:
            return Refusal(R_UNSC, "only a member proposes seeking a Security Council resolution")
        if kind is A.LeadCoalition:
            return Refusal(R_COALITION, "a coalition of the willing is led by a member nation")
        return Refusal(R_PARTNER, "only members place reservations: partners are consulted but do not decide")
    return None


# When each step's moves come, and what is happening now, in the words of a player who does not
# know the steps' names (a refusal for another step's key says both).
_STEP_WHEN = {_CONSULTATION: "at the start of a turn, before a text is tabled",
              _PROPOSAL: "when the chair tables a text",
              _NEGOTIATION: "once a text is on the table",
              _AMENDMENT: "when a text has met objections",
              _FORCE_GENERATION: "once a text is adopted and forces are pledged"}
_STEP_NOW = {_CONSULTATION: "no text is on the table yet",
             _PROPOSAL: "the chair is choosing a text",
             _NEGOTIATION: "a text is on the table",
             _AMENDMENT: "the chair is amending a text",
             _FORCE_GENERATION: "the Allies are pledging forces",
             Phase.OVER: "the game is over"}


def _step_name(phase: Phase) -> str:
    return phase.value.replace("_", " ")


def _name_of(crisis, seat: str) -> str:
    a = crisis.scenario.actors.get(seat)
    return a.name if a else seat


def _representative(legal: LegalActions, kind: str) -> Action:
    """One move of `kind` for the seat, with the values the rules would offer (a partner for an MOU,
    a member for a concession, the text's first open caveat ...), so that its refusal gives the
    reason that holds for the whole kind rather than one about an empty field."""
    cls = A.REGISTRY[kind]
    crisis, state, seat = legal.crisis, legal.state, legal.seat
    sc = crisis.scenario
    p = state.proposal
    if cls is A.Object and crisis.rules.reasons:
        return A.Object(seat, next(iter(crisis.rules.reasons)))
    if cls is A.Pledge:
        for op in state.operations:
            if resourcing.wants_pledges(crisis, op):
                return A.Pledge(seat, op.number, next(iter(requirement(crisis, op)), ""), 1)
    if cls in (A.OverrideCaveats, A.WithdrawContribution):
        return caveat_representative(legal, cls)
    if cls in (A.WithdrawPledge, A.Invite, A.AcceptShortfall):
        ops = [o for o in state.operations if resourcing.wants_pledges(crisis, o)]
        op = ops[0] if ops else None
        number = op.number if op else 0
        if cls is A.WithdrawPledge:
            mine = next(((o.number, r) for o in ops for a, r, _ in o.pledges if a == seat), (number, ""))
            return A.WithdrawPledge(seat, *mine)
        if cls is A.Invite:
            partners = [a for a in crisis.delegations if sc.actors[a].kind in ("partner", "host_nation")]
            fresh = [a for a in partners if op is None or a not in op.contributors]
            return A.Invite(seat, (fresh or partners or [""])[0], number)
        return A.AcceptShortfall(seat, next((o.number for o in ops if o.status in resourcing.PLANNING), number))
    if cls is A.OfferMOU:
        partners = [a for a, x in sc.actors.items() if x.kind in ("partner", "host_nation")]
        fresh = [a for a in partners if (seat, a) not in state.mous]
        return A.OfferMOU(seat, (fresh or partners or [""])[0])
    if cls is A.ShareIntel:
        return A.ShareIntel(seat, "all")
    if cls is A.RequestArt5:
        return A.RequestArt5(seat, next((on for on, _, _ in state.attacks), ""))
    if cls is A.SeekResolution:
        return A.SeekResolution(seat, next((o for o, x in sc.options.items() if any(
            crisis.rules.legal_bases[b].needs == "security_council" for b in x.legal_bases)), ""))
    if cls is A.DecideInParallel:
        return A.DecideInParallel(seat, next(iter(parallel_open(state, seat)), 0))
    if cls is A.HoldConsultations:
        return A.HoldConsultations(seat, next(iter(open_consultations(state)), ""))
    if cls is A.WidenRelease:
        return A.WidenRelease(seat, next((i for o, i, _ in state.releasable if o == seat), ""), "nato")
    if cls is A.LeadCoalition:
        return A.LeadCoalition(seat, next((d.number for d in reversed(state.decisions) if d.outcome == "failed"), 0))
    if p is not None and p.option in sc.options:
        opt = sc.options[p.option]
        if cls is A.Amend:
            return A.Amend(seat, (open_caveats(crisis, p) or list(opt.caveats) or [""])[0])
        if cls is A.SetParam:
            for name, par in opt.parameters.items():
                other = [v for v in par.values if v != p.param(name)]
                if other:
                    return A.SetParam(seat, name, other[0])
        if cls is A.Link:
            return A.Link(seat, next((o for o in sc.options if o not in p.options), ""))
    return cls(seat)


def _kind_wide(legal: LegalActions, kind: str) -> Refusal | None:
    """Reasons that hold for every move of a kind, which no one representative move can give."""
    crisis, state = legal.crisis, legal.state
    p = state.proposal
    cls = A.REGISTRY[kind]
    if cls is A.Table and state.phase == _PROPOSAL and legal.seat == crisis.chair:
        why = [option_refusal(crisis, state, o) for o in crisis.scenario.options]
        shown = "; ".join(w for w in why if w)[:300]
        return Refusal(R_TABLE, "no course of action on the menu can be tabled now" + (f" ({shown})" if shown else
                                                                                       " (none has a legal basis now)"))
    if cls in (A.Amend, A.SetParam, A.Link) and state.phase == _AMENDMENT and p is not None \
            and not p.failed and p.amendments < crisis.rules.procedure.amendments_per_round:
        what = {A.Amend: "no caveat can be added to this text (each is on it already, or adds nothing on its basis)",
                A.SetParam: "this text has no parameter left to change",
                A.Link: "no other course of action can join this text's package now"}[cls]
        return Refusal(R_AMEND, what)
    if cls is A.OfferMOU and state.phase == _CONSULTATION and legal.is_member() and not any(
            x.kind in ("partner", "host_nation") for x in crisis.scenario.actors.values()):
        return Refusal(R_MOU, "there is no partner at the table to offer an MOU to")
    return None


class ConsultationMoves(tuple):
    """A seat's consultation moves by kind (besides passing): a tuple with a name for each part."""

    __slots__ = ()

    def __new__(cls, shares, art4, mous, withdraw, art5, resolutions, coalitions, consultations=(), widen=(),
                parallel=()):
        return tuple.__new__(cls, (shares, art4, mous, withdraw, art5, resolutions, coalitions, consultations, widen,
                                   parallel))

    shares = property(lambda self: self[0])
    art4 = property(lambda self: self[1])
    mous = property(lambda self: self[2])
    withdraw = property(lambda self: self[3])
    art5 = property(lambda self: self[4])
    resolutions = property(lambda self: self[5])
    coalitions = property(lambda self: self[6])
    consultations = property(lambda self: self[7])  # a partner's request for consultations
    widen = property(lambda self: self[8])  # widening an own item's releasability
    parallel = property(lambda self: self[9])  # an organisation's own decision alongside an operation


# -- facts the checks share (also read by the steps and the computer delegations) -----------------------
def legal_actions(crisis: LoadedScenario, state: GameState, seat: str) -> LegalActions:
    """LegalActions.of(crisis, state, seat)."""
    return LegalActions.of(crisis, state, seat)


def check(crisis: LoadedScenario, state: GameState, action: Action) -> None:
    """Raise IllegalActionError, naming the rule, unless `action` is legal now."""
    LegalActions.of(crisis, state, action.seat).check(action)
