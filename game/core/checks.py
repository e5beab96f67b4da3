"""The per-kind checks LegalActions applies once a move's seat, role and step are right: what
makes one share, objection, text, amendment or pledge legal, and the White Cell's moves. Each
takes the seat's LegalActions and the move, and returns None or the Refusal naming the rule."""
from __future__ import annotations

from game.core import actions as A
from game.core.actions import WHITE_CELL, Action
from game.core.errors import IllegalActionError
from game.core.procedure import (R_AMEND, R_ART5, R_BASIS, R_CHAIR, R_COALITION, R_CONSENT, R_CONSULT, R_INTEL, R_MOU,
                                 R_IO, R_PROGRAMME, R_RELEASE,
                                 R_OBJECT, R_PLEDGE, R_TABLE, R_UNSC, R_WHITE, R_WITHDRAW, Refusal, adhoc_effects,
                                 attacked, basis_refusal, coalition_refusal, linkable, open_caveats, option_refusal,
                                 requestable_art5, requirement, resolution_refusal)
from game.core import resourcing, texts
from game.core.procedure import R_CAVEATS, R_INVITE, R_SHORTFALL, R_WITHDRAW_PLEDGE
from game.core.procedure import offer_refusal, programme_offers
from game.core.seats import delegations, host_needs_consent


def _share(legal, action: A.ShareIntel) -> Refusal | None:
    crisis, state, seat = legal.crisis, legal.state, legal.seat
    if state.resources[seat].get("intel", 0) <= 0:
        return Refusal(R_INTEL, f"{legal.name()} has no intelligence to share")
    if action.to == "all":
        if crisis.scenario.actors[seat].positions.guards_intelligence:
            return Refusal(R_INTEL, f"{legal.name()} guards its intelligence: it shares bilaterally, not with all")
        return None
    if action.to == seat or action.to not in delegations(crisis):
        return Refusal(R_INTEL, f"'{action.to}' is not another delegation at the table")
    return None


def _art4(legal, action: A.RequestArt4) -> Refusal | None:
    return None  # a member's right, free and repeatable (members only: the role check)


def _art5(legal, action: A.RequestArt5) -> Refusal | None:
    crisis, state = legal.crisis, legal.state
    if not state.attacks:
        return Refusal(R_ART5, "no armed attack has happened: Article 5 cannot be invoked")
    actor = crisis.scenario.actors.get(action.on)
    if actor is None or not attacked(state, action.on):
        return Refusal(R_ART5, f"'{action.on}' has not been attacked")
    if actor.kind != "member":
        return Refusal(R_ART5, f"an attack on a partner is not an Article 5 case: {actor.name} may request "
                               "assistance (its own consent, UN Charter Art. 51)")
    if action.on not in requestable_art5(crisis, state):
        return Refusal(R_ART5, f"a member has already asked the North Atlantic Council to invoke Article 5 for {actor.name}")
    return None


def _seek(legal, action: A.SeekResolution) -> Refusal | None:
    why = resolution_refusal(legal.crisis, legal.state, action.option)
    return None if why is None else Refusal(R_UNSC, why)


def _lead(legal, action: A.LeadCoalition) -> Refusal | None:
    why = coalition_refusal(legal.crisis, legal.state, legal.seat, action.decision)
    return None if why is None else Refusal(R_COALITION, why)


def _mou(legal, action: A.OfferMOU) -> Refusal | None:
    crisis, state, seat = legal.crisis, legal.state, legal.seat
    to = crisis.scenario.actors.get(action.to)
    if to is None or to.kind not in ("partner", "host_nation"):
        return Refusal(R_MOU, f"'{action.to}' is not a partner")
    if (seat, action.to) in state.mous:
        return Refusal(R_MOU, f"{legal.name()} has already offered {to.name} an MOU")
    cost = crisis.rules.costs.mou
    if state.capital[seat] < cost:
        return Refusal(R_MOU, f"an MOU costs {cost} political capital; {legal.name()} has {state.capital[seat]}")
    return None


def _withdraw_consent(legal, action) -> Refusal | None:
    if legal.is_member():
        return Refusal(R_WITHDRAW, "a member's own territory is not a host nation's: there is no consent to withdraw")
    if not legal.may_withdraw_consent():
        return Refusal(R_WITHDRAW, f"no operation acts on {texts.possessive(legal.name())} territory on its consent now")
    return None


def _table(legal, action: A.Table) -> Refusal | None:
    crisis, state = legal.crisis, legal.state
    opt = crisis.scenario.options.get(action.option)
    if opt is None:
        return Refusal(R_TABLE, f"there is no course of action '{action.option}' on the menu")
    why = option_refusal(crisis, state, action.option)
    if why:
        return Refusal(R_TABLE, why)
    if action.host not in (opt.hosts or (None,)):
        return Refusal(R_TABLE, f"'{opt.title}' acts only in: {', '.join(opt.hosts)}" if opt.hosts
                       else f"'{opt.title}' names no host nation")
    why = basis_refusal(crisis, state, action.option, action.basis, action.host)
    if why:
        return Refusal(R_BASIS, why)
    names = tuple(n for n, _ in action.params)
    if names != tuple(opt.parameters) or any(v not in opt.parameters[n].values for n, v in action.params):
        return Refusal(R_TABLE, f"'{opt.title}' is tabled with a value for each of its parameters: "
                                f"{', '.join(opt.parameters) or 'none'}")
    if not set(action.caveats) <= set(opt.caveats) or len(set(action.caveats)) != len(action.caveats):
        return Refusal(R_AMEND, f"'{action.option}' may carry only these caveats: {', '.join(opt.caveats) or 'none'}")
    pointless = [c for c in action.caveats if action.basis in crisis.rules.caveats[c].redundant_with]
    if pointless:
        return Refusal(R_AMEND, f"the caveat '{pointless[0]}' adds nothing on the basis '{action.basis}'")
    return None


def _stance(legal, action) -> Refusal | None:
    """A support or a reservation: any acting delegation's answer, but a host asked for consent's."""
    return legal.not_host_answer(action)


def _object(legal, action: A.Object) -> Refusal | None:
    crisis, state, seat = legal.crisis, legal.state, legal.seat
    refusal = legal.not_host_answer(action)
    if refusal is not None:
        return refusal
    if action.reason not in crisis.rules.reasons:
        return Refusal(R_OBJECT, f"'{action.reason}' is not a reason the rules know: {', '.join(crisis.rules.reasons)}")
    cost = crisis.rules.costs.objection
    if legal.is_member() and state.capital[seat] < cost:
        return Refusal(R_OBJECT, f"{legal.name()} has no political capital left to object")
    if action.wants_concession:
        return Refusal(R_CHAIR, "the chair pays no one: an objection may ask for an amendment (a caveat), not a "
                                "concession")
    if action.wants_caveat is not None and action.wants_caveat not in open_caveats(crisis, state.proposal):
        return Refusal(R_AMEND, f"the caveat '{action.wants_caveat}' cannot be attached to this text (or is already on it)")
    return None


def _consent(legal, action) -> Refusal | None:
    crisis, state = legal.crisis, legal.state
    p = state.proposal
    if not (p.host == legal.seat and host_needs_consent(crisis, p)):
        return Refusal(R_CONSENT, f"{legal.name()} is not the host nation asked for its consent on this text")
    cav = getattr(action, "wants_caveat", None)
    if cav is not None and cav not in open_caveats(crisis, p):
        return Refusal(R_AMEND, f"the caveat '{cav}' cannot be attached to this text (or is already on it)")
    reason = getattr(action, "reason", None)
    if reason is not None and reason not in crisis.rules.reasons:
        return Refusal(R_CONSENT, f"'{reason}' is not a reason the rules know: {', '.join(crisis.rules.reasons)}")
    return None


def _amendment(legal, action) -> Refusal | None:
    crisis, state = legal.crisis, legal.state
    p = state.proposal
    kind = action.__class__
    if p.failed:  # a game saved before failed texts closed at once: the chair withdraws it
        if kind is A.Withdraw:
            return None
        return Refusal(R_AMEND, "the text has failed in its last round: withdraw it")
    if kind in (A.Recirculate, A.Withdraw):
        return None
    limit = crisis.rules.procedure.amendments_per_round
    if p.amendments >= limit:
        return Refusal(R_AMEND, f"the round's limit of {limit} amendments is reached: put the text under silence "
                                f"again, or withdraw it")
    if kind is A.Amend:
        if action.caveat not in open_caveats(crisis, p):
            return Refusal(R_AMEND, f"the caveat '{action.caveat}' cannot be attached to this text (or is already on it)")
        return None
    if kind is A.SetParam:
        par = crisis.scenario.options[p.option].parameters.get(action.name)
        if par is None or action.value not in par.values:
            return Refusal(R_AMEND, f"'{action.name}' cannot be set to '{action.value}' on this text")
        if action.value == p.param(action.name):
            return Refusal(R_AMEND, f"'{action.name}' is already '{action.value}'")
        return None
    if kind is A.Link:
        if action.option not in linkable(crisis, state):
            return Refusal(R_AMEND, f"'{action.option}' cannot be linked into this package now")
        return None
    return Refusal(R_AMEND, f"'{action.label}' is not an amendment")


def _pledge(legal, action: A.Pledge) -> Refusal | None:
    crisis, state, seat = legal.crisis, legal.state, legal.seat
    op = next((o for o in state.operations if o.number == action.operation), None)
    if op is None or not resourcing.wants_pledges(crisis, op, state):
        return Refusal(R_PLEDGE, f"there is no operation {action.operation} in force generation")
    if seat in op.walked_out:
        return Refusal(R_CAVEATS, f"{legal.name()} withdrew its contribution from {_op_title(crisis, op)} when its "
                                  "caveats were overridden: it pledges no more to it")
    if seat not in op.contributors:
        return _not_contributor(legal, op)
    need = requirement(crisis, op).get(action.resource, 0)
    if need <= 0:
        return Refusal(R_PLEDGE, f"operation {action.operation} needs no {action.resource}")
    if resourcing.coverage_in(crisis, state, op)[1].get(action.resource, 0) >= 1.0:
        return Refusal(R_PLEDGE, f"operation {action.operation} has all the {action.resource} it needs")
    have = state.resources[seat].get(action.resource, 0)
    most = min(have, need)
    if not 1 <= action.amount <= most:
        return Refusal(R_PLEDGE, f"{legal.name()} may pledge 1 to {most} {action.resource} to this operation "
                                 f"(it has {have}; the requirement is {need})" if most else
                       f"{legal.name()} has no {action.resource} to pledge")
    return None


# -- force generation: who may contribute, withdrawing, inviting, accepting a shortfall (issue 17) --
def _op_title(crisis, op) -> str:
    return f"{texts.option_title(crisis, op.option)} (operation {op.number})"


def _not_contributor(legal, op) -> Refusal:
    """Why a seat that is not among an operation's contributors cannot pledge to it."""
    crisis = legal.crisis
    kind = crisis.scenario.actors[legal.seat].kind
    title = _op_title(crisis, op)
    if kind == "organisation":
        return Refusal(R_INVITE, f"{legal.name()} is an international organisation: it pledges only to its own "
                                 f"actions, never to a NATO operation such as {title}")
    if kind in ("partner", "host_nation"):
        return Refusal(R_INVITE, f"{legal.name()} has not been invited to contribute to {title}: partners "
                                 "contribute when the Council invites them")
    return Refusal(R_PLEDGE, f"{legal.name()} is not a contributor to {title}")


def _council_voice(legal, op, rule=None, on: str = "in force generation") -> Refusal | None:
    """The chair speaks for the Council on an Alliance operation; a coalition's lead nation on its own.
    `rule` (if given) names the refusal for both, `on` says what the chair speaks for the Council on."""
    if op.lead is None:
        if legal.seat != legal.crisis.chair:
            return Refusal(rule or R_SHORTFALL, f"the chair speaks for the Council {on}")
        return None
    if legal.seat != op.lead:
        return Refusal(rule or R_COALITION, f"the lead nation speaks for the coalition carrying out operation {op.number}")
    return None


def _open_op(legal, number: int):
    op = next((o for o in legal.state.operations if o.number == number), None)
    if op is None or not resourcing.wants_pledges(legal.crisis, op, legal.state):
        return None, Refusal(R_PLEDGE, f"there is no operation {number} in force generation")
    return op, None


def _withdraw_pledge(legal, action: A.WithdrawPledge) -> Refusal | None:
    op = next((o for o in legal.state.operations if o.number == action.operation), None)
    if op is None or op.status not in ("planning", "adopted", "running"):
        return Refusal(R_WITHDRAW_PLEDGE, f"there is no operation {action.operation} to withdraw a pledge from")
    if not any(a == legal.seat and r == action.resource for a, r, _ in op.pledges):
        return Refusal(R_WITHDRAW_PLEDGE, f"{legal.name()} has pledged no {action.resource} to "
                                          f"{_op_title(legal.crisis, op)}")
    return None


def _invite(legal, action: A.Invite) -> Refusal | None:
    crisis = legal.crisis
    op, why = _open_op(legal, action.operation)
    if why is not None:
        return why
    why = _council_voice(legal, op)
    if why is not None:
        return Refusal(R_INVITE, why.reason)
    to = crisis.scenario.actors.get(action.to)
    if not action.to:
        return Refusal(R_INVITE, "no partner sits at this table to be invited")
    if to is None or action.to not in crisis.delegations:
        return Refusal(R_INVITE, f"'{action.to}' is not a delegation at the table")
    if to.kind == "organisation":
        return Refusal(R_INVITE, f"{to.name} is an international organisation: it acts through its own channel, "
                                 "never as a contributor to a NATO operation")
    if to.kind not in ("partner", "host_nation"):
        return Refusal(R_INVITE, f"{to.name} is an Ally: it needs no invitation to contribute")
    if crisis.rules.legal_bases[op.proposal.basis].needs == "collective_defence":
        return Refusal(R_INVITE, "under Article 5 each Ally decides what it contributes: partners are not invited")
    if action.to in op.walked_out:
        return Refusal(R_INVITE, f"{to.name} withdrew its contribution from {_op_title(crisis, op)} when its caveats "
                                 "were overridden")
    if action.to in op.contributors:
        return Refusal(R_INVITE, f"{to.name} may already contribute to {_op_title(crisis, op)}")
    return None


def _accept_shortfall(legal, action: A.AcceptShortfall) -> Refusal | None:
    crisis = legal.crisis
    op, why = _open_op(legal, action.operation)
    if why is not None:
        return Refusal(R_SHORTFALL, why.reason)
    why = _council_voice(legal, op)
    if why is not None:
        return why
    if op.status not in resourcing.PLANNING:
        return Refusal(R_SHORTFALL, f"{_op_title(crisis, op)} is already running: its shortfall was accepted")
    if op.shortfall_accepted:
        return Refusal(R_SHORTFALL, f"the Council has already accepted the shortfall of {_op_title(crisis, op)}")
    why = resourcing.shortfall_refusal(crisis, op, _op_title(crisis, op))
    return None if why is None else Refusal(R_SHORTFALL, why)


# -- national caveats overridden, a contribution withdrawn (issue 17, item 3 (b)) --------------------
def _override_caveats(legal, action: A.OverrideCaveats) -> Refusal | None:
    """The chair, for the Council (a coalition's lead nation for its own), overrides the national
    caveats of a contributor that has pledged to an operation still in force generation."""
    crisis = legal.crisis
    op, why = _open_op(legal, action.operation)
    if why is not None:
        return Refusal(R_CAVEATS, why.reason)
    why = _council_voice(legal, op, R_CAVEATS, "on a contributor's caveats")
    if why is not None:
        return why
    to = crisis.scenario.actors.get(action.to)
    title = _op_title(crisis, op)
    if not action.to:
        return Refusal(R_CAVEATS, f"no one has pledged to {title} yet: there is no contribution whose caveats the "
                                  "Council could override")
    if to is None or not any(a == action.to and n > 0 for a, _, n in op.pledges):
        return Refusal(R_CAVEATS, f"{to.name if to else repr(action.to)} has pledged nothing to {title}: there is "
                                  "no contribution whose caveats the Council could override")
    if resourcing.overridden(op, action.to):
        return Refusal(R_CAVEATS, f"the Council has already overridden {texts.possessive(to.name)} national caveats on {title}")
    if not resourcing.cutting_caveats(crisis, op, action.to):
        return Refusal(R_CAVEATS, f"{to.name} has no national caveat that cuts its pledges to {title} (none, or the "
                                  "text already carries them)")
    return None


def _withdraw_contribution(legal, action: A.WithdrawContribution) -> Refusal | None:
    """Only a contributor whose national caveats the Council overrode withdraws its whole
    contribution (any other takes back a pledge, as pledges stand until withdrawn)."""
    op = next((o for o in legal.state.operations if o.number == action.operation), None)
    if op is None or op.status not in ("planning", "adopted", "running"):
        return Refusal(R_CAVEATS, f"there is no operation {action.operation} to withdraw a contribution from")
    title = _op_title(legal.crisis, op)
    if not resourcing.overridden(op, legal.seat):
        return Refusal(R_CAVEATS, f"the Council has not overridden {texts.possessive(legal.name())} national caveats on {title}: only "
                                  "a contributor whose caveats were overridden withdraws its contribution (withdraw a "
                                  "pledge instead)")
    if not any(a == legal.seat for a, _, _ in op.pledges):
        return Refusal(R_CAVEATS, f"{legal.name()} has nothing pledged to {title} to withdraw")
    return None


def caveat_moves(legal, op) -> list[Action]:
    """For one operation in force generation: the Council's overrides of contributors' national
    caveats (the chair, or a coalition's lead nation), and the seat's withdrawal if its own were
    overridden, each as the checks allow it."""
    seat = legal.seat
    out: list[Action] = []
    if seat == (op.lead or legal.crisis.chair) and resourcing.wants_pledges(legal.crisis, op, legal.state):
        for actor in dict.fromkeys(a for a, _, _ in op.pledges):
            move = A.OverrideCaveats(seat, op.number, actor)
            if _override_caveats(legal, move) is None:
                out.append(move)
    move = A.WithdrawContribution(seat, op.number)
    if resourcing.overridden(op, seat) and _withdraw_contribution(legal, move) is None:
        out.append(move)
    return out


def operation_moves(legal, op) -> tuple[tuple[Action, ...], tuple[Action, ...]]:
    """LegalActions.force_generation_moves for one operation, as their own checks judge them (the
    state aside: worked out from the operation alone): (the seat's own moves, the Council's moves,
    which must also pass the gate of their kind)."""
    crisis, seat = legal.crisis, legal.seat
    own = caveat_moves(legal, op)
    if not resourcing.wants_pledges(crisis, op, legal.state):
        return tuple(own), ()
    mine = []
    for a, r, _ in op.pledges:
        if a == seat and r not in mine:
            mine.append(r)
    own += [A.WithdrawPledge(seat, op.number, r) for r in mine]
    if seat != (op.lead or crisis.chair):
        return tuple(own), ()
    council = [m for m in (A.Invite(seat, p, op.number) for p in crisis.delegations
                           if crisis.scenario.actors[p].kind in ("partner", "host_nation"))
               if _invite(legal, m) is None]
    take = A.AcceptShortfall(seat, op.number)
    if _accept_shortfall(legal, take) is None:
        council.append(take)
    return tuple(own), tuple(council)


def caveat_representative(legal, cls) -> Action:
    """One move of either kind, with the values the rules would offer (for the refusal of a kind)."""
    ops = [o for o in legal.state.operations if o.status in ("planning", "adopted", "running")]
    if cls is A.WithdrawContribution:
        mine = next((o.number for o in ops if resourcing.overridden(o, legal.seat)), None)
        return A.WithdrawContribution(legal.seat, mine if mine is not None else (ops[0].number if ops else 0))
    asked = [o for o in ops if resourcing.wants_pledges(legal.crisis, o)]
    for o in asked:
        for a, _, _ in o.pledges:
            if resourcing.cutting_caveats(legal.crisis, o, a):
                return A.OverrideCaveats(legal.seat, o.number, a)
    op = asked[0] if asked else None
    return A.OverrideCaveats(legal.seat, op.number if op else 0, op.pledges[0][0] if op and op.pledges else "")


CHECKS = {A.ShareIntel: _share, A.RequestArt4: _art4, A.RequestArt5: _art5, A.SeekResolution: _seek,
          A.LeadCoalition: _lead, A.OfferMOU: _mou, A.WithdrawConsent: _withdraw_consent,
          A.Table: _table, A.Support: _stance, A.Reserve: _stance, A.Object: _object, A.Consent: _consent,
          A.RefuseConsent: _consent, A.Amend: _amendment, A.SetParam: _amendment,
          A.Link: _amendment, A.Recirculate: _amendment, A.Withdraw: _amendment, A.Pledge: _pledge,
          A.WithdrawPledge: _withdraw_pledge, A.Invite: _invite, A.AcceptShortfall: _accept_shortfall,
          A.OverrideCaveats: _override_caveats, A.WithdrawContribution: _withdraw_contribution}


def white_cell_refusal(crisis, state, action) -> Refusal | None:
    """The facilitator's moves (the umpire prepares injects and overrides while the room is paused, too)."""
    kind = action.__class__
    if kind is A.Resume:
        return None if state.paused else Refusal(R_WHITE, "the game is not paused")
    if kind is A.Pause:
        return None if not state.paused else Refusal(R_WHITE, "the game is already paused")
    if kind is A.OverrideMeter:
        if action.meter not in crisis.scenario.meters:
            return Refusal(R_WHITE, f"no meter '{action.meter}'")
        if not action.rationale.strip():
            return Refusal(R_WHITE, "an override needs a rationale for the record")
        return None
    if kind is A.OverrideResult:
        op = next((o for o in state.operations if o.number == action.operation), None)
        results = [r.result for r in crisis.rules.adjudication.results]
        if op is None or not op.results or op.result_changes is None:
            return Refusal(R_WHITE, "only the latest adjudication of an operation can be overridden")
        if action.result not in results:
            return Refusal(R_WHITE, f"'{action.result}' is not a result: {', '.join(results)}")
        if not action.rationale.strip():
            return Refusal(R_WHITE, "an override needs a rationale for the record")
        return None
    if kind is A.ReleaseInject:
        if action.inject not in crisis.scenario.injects:
            return Refusal(R_WHITE, f"no inject '{action.inject}'")
        return None if action.inject not in state.fired else Refusal(R_WHITE, "that inject has already been released")
    if kind is A.HoldInject:
        if action.inject not in crisis.scenario.injects:
            return Refusal(R_WHITE, f"no inject '{action.inject}'")
        if action.inject in state.fired or action.inject in state.held:
            return Refusal(R_WHITE, "that inject has already been released or held")
        return None
    if kind is A.EndRound:
        return None
    if kind is A.AdHocInject:
        if not action.title.strip() or not action.text.strip():
            return Refusal(R_WHITE, "an ad-hoc inject needs a title and a text")
        try:
            adhoc_effects(crisis, action.effects)
        except IllegalActionError as exc:
            return Refusal(R_WHITE, exc.reason)
        return None
    if kind is A.AnswerInfo:
        if not any(n == action.request for n, _, _ in state.requests):
            return Refusal(R_WHITE, f"there is no open request {action.request}")
        if not action.answer.strip():
            return Refusal(R_WHITE, "an answer needs some text")
        return None
    return Refusal(R_WHITE, f"the White Cell does not {action.label} (a delegation's move is entered on its behalf)")


def white_cell_actions(crisis, state) -> list[Action]:
    out: list[Action] = [A.Resume(WHITE_CELL) if state.paused else A.Pause(WHITE_CELL), A.EndRound(WHITE_CELL)]
    for iid in crisis.scenario.injects:
        if iid not in state.fired:
            out.append(A.ReleaseInject(WHITE_CELL, iid))
            if iid not in state.held:
                out.append(A.HoldInject(WHITE_CELL, iid))
    return out


# -- partners, consultations and releasability (issue 17, items 3 and 4) ------------------------------
def programme_refusal(crisis, actor_id: str, offer: str, what: str) -> Refusal | None:
    """The programme rule's refusal when a partner's programme does not open `offer` to it."""
    if programme_offers(crisis, actor_id, offer):
        return None
    actor = crisis.scenario.actors[actor_id]
    prog = crisis.rules.programmes.get(actor.programme)
    if prog is None:
        return Refusal(R_PROGRAMME, f"{actor.name} belongs to no partnership programme the rules know: {what} is "
                                    "not open to it")
    return Refusal(R_PROGRAMME, f"{texts.possessive(actor.name)} programme ({prog.label}) does not open {what} to it (it opens: "
                                f"{', '.join(o.replace('_', ' ') for o in prog.offers) or 'nothing'})")


def open_consultations(state) -> tuple[str, ...]:
    """Partners whose request for consultations this turn the Council has not held yet."""
    return tuple(p for p, turn, held in state.consultations if turn == state.turn and not held)


def _request_consultations(legal, action) -> Refusal | None:
    crisis, state, seat = legal.crisis, legal.state, legal.seat
    if any(p == seat and turn == state.turn for p, turn, _ in state.consultations):
        return Refusal(R_CONSULT, f"{legal.name()} has already requested consultations this turn")
    return programme_refusal(crisis, seat, "consultations", "requesting consultations")


def _hold_consultations(legal, action) -> Refusal | None:
    if action.partner not in open_consultations(legal.state):
        if not open_consultations(legal.state):
            return Refusal(R_CONSULT, "no partner has a request for consultations open this turn")
        who = legal.crisis.scenario.actors.get(action.partner)
        return Refusal(R_CONSULT, f"{who.name if who else repr(action.partner)} has no request for consultations "
                                  "open this turn")
    return None


def releasable_to(crisis, tags: tuple[str, ...], recipient: str) -> bool:
    """Whether an item with these releasability tags may go to `recipient`."""
    if recipient in tags:
        return True
    actor = crisis.scenario.actors.get(recipient)
    return "nato" in tags and actor is not None and actor.kind == "member"


def _widen(legal, action) -> Refusal | None:
    crisis, state, seat = legal.crisis, legal.state, legal.seat
    tags = next((t for o, i, t in state.releasable if o == seat and i == action.inject), None)
    if tags is None:
        if not any(o == seat for o, _, _ in state.releasable):
            return Refusal(R_RELEASE, f"{legal.name()} owns no intelligence item whose releasability it could widen")
        return Refusal(R_RELEASE, f"{legal.name()} owns no intelligence item on '{action.inject}'")
    if action.to != "nato" and (action.to == seat or action.to not in delegations(crisis)):
        return Refusal(R_RELEASE, f"'{action.to}' is neither 'nato' nor another delegation at the table")
    if action.to in tags or (action.to != "nato" and releasable_to(crisis, tags, action.to)):
        return Refusal(R_RELEASE, f"the item is already releasable to {action.to}")
    return None


def _table_offered(legal, action: A.Table) -> Refusal | None:
    """A text is tabled as its partner's programme allows (issue 17, item 3 (d)), then as before."""
    if action.option in legal.crisis.scenario.options:
        why = offer_refusal(legal.crisis, action.option, action.host)
        if why is not None:
            return Refusal(R_PROGRAMME, why)
    return _table(legal, action)


def _mou_offered(legal, action: A.OfferMOU) -> Refusal | None:
    """An MOU goes to a partner whose programme opens one (a non-member host outside them: as before)."""
    if legal.crisis.scenario.actors.get(action.to) is not None and \
            legal.crisis.scenario.actors[action.to].kind == "partner":
        why = programme_refusal(legal.crisis, action.to, "mou", "an MOU")
        if why is not None:
            return why
    return _mou(legal, action)


CHECKS.update({A.Table: _table_offered, A.OfferMOU: _mou_offered})
def parallel_open(state, seat: str) -> tuple[int, ...]:
    """Operations adopted or running that the organisation has not yet decided an action alongside."""
    return tuple(op.number for op in state.operations if op.status in ("adopted", "running") and not op.coalition
                 and (seat, op.number) not in state.parallel)


def _parallel(legal, action) -> Refusal | None:
    if action.operation not in parallel_open(legal.state, legal.seat):
        if not parallel_open(legal.state, legal.seat):
            return Refusal(R_IO, "no Alliance operation is under way that the organisation has not yet acted alongside")
        return Refusal(R_IO, f"operation {action.operation} is not under way, or {legal.name()} has already decided "
                             "its own action alongside it")
    return None


CHECKS[A.DecideInParallel] = _parallel
CHECKS.update({A.RequestConsultations: _request_consultations, A.HoldConsultations: _hold_consultations,
               A.WidenRelease: _widen})


def listed_widenings(legal) -> tuple:
    """LegalActions.widenings, listed directly as _widen judges them (asked at every consultation
    move): to NATO unless it is tagged so already; to another delegation unless the tags already
    reach it."""
    crisis, state, seat = legal.crisis, legal.state, legal.seat
    actors = crisis.scenario.actors
    out = []
    seen = set()
    for owner, inject, tags in state.releasable:
        if owner != seat or inject in seen:
            continue
        seen.add(inject)  # the first entry of an item is the one the check reads
        if "nato" not in tags:
            out.append(A.WidenRelease(seat, inject, "nato"))
        to_nato = "nato" in tags
        for to in delegations(crisis):
            if to != seat and to not in tags and not (to_nato and actors[to].kind == "member"):
                out.append(A.WidenRelease(seat, inject, to))
    return tuple(out)
