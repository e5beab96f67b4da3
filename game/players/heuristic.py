"""The default computer delegation: weighs a proposal against its interests and red lines, objects
with the reason that weighs most, asks for the amendment or concession that would cure it, and
varies within its profile by seed. Plus two baselines for authors' comparisons."""
from __future__ import annotations

import math
import random

from game.core import actions as A
from game.core import chance, texts
from game.core import resourcing
from game.core.adjudication import pledge_value
from game.core.env import Draft, Env, proposal_stakes
from game.core.legal import LegalActions
from game.core.observation import Observation
from game.core.procedure import open_caveats, requirement
from game.core.scoring import LEGAL_BASIS, mandate_missing
from game.players.brief import (ASK_MARGIN, brief_value, goes_back, needless, objection_cost, objectives_value, secured,
                                veto_cost)
from game.core.state import Phase, Proposal, evolve
from game.players.caveats import contributor_answer, council_override

_CONSULTATION, _PROPOSAL, _NEGOTIATION, _AMENDMENT, _FORCE_GENERATION = (
    Phase.CONSULTATION, Phase.PROPOSAL, Phase.NEGOTIATION, Phase.AMENDMENT, Phase.FORCE_GENERATION)  # Enum lookups, once

OBJECT_BELOW = -2.0  # utility under which a delegation objects


CONCESSION_WEIGHT = 1.5  # what one point of political capital conceded is worth, before flexibility


def lean(obs: Observation, p: Proposal) -> float:
    """This game's twist on the delegation's profile for this proposal: fixed for the whole
    negotiation of one text (a delegation does not flip without cause), different by seed."""
    cache = obs.memory
    key = ("lean", obs.state.seed, obs.seat, p.number, p.option)
    u = cache.get(key)
    if u is None:
        # chance.draw(seed, "lean", seat, p.number, p.option), its key text written at once
        u = cache[key] = chance.draw_of_text(f"{obs.state.seed}|lean|{obs.seat}|{p.number}|{p.option}")
    spread = 1 + 2 * obs.me.bot.variance
    return (u - 0.5) * 2 * spread


def utility(obs: Observation, p: Proposal, rng: random.Random | None = None) -> tuple[float, dict[str, float]]:
    """How much this seat likes proposal p, and each stake's contribution (for the reason).
    With `rng`, the delegation's lean for this game is added."""
    low_support = obs.state.meters.get("public_support", 50) < 40
    host = p.host == obs.seat
    cache = obs.memory  # this seat's own judgements, never another's
    key = ("utility", p.option, p.package, p.params, p.caveats, p.host, p.concessions, low_support,
           obs.state.trust.get(obs.seat, 50) if host else None, _consulted(obs.state), obs.state.bearing)  # what it depends on: the same across rounds
    hit = cache.get(key)
    if hit is None:
        hit = cache[key] = _utility(obs, p, low_support)
    u, parts = hit
    if rng is not None:
        u += lean(obs, p)
    return u, parts


def _utility(obs: Observation, p: Proposal, low_support: bool) -> tuple[float, dict[str, float]]:
    """utility() without the lean: it depends only on the seat, the text's options, parameters,
    caveats, host and concessions, whether public support is low and (for the host) its trust, so
    it is cached on those (the parts are shared: read only)."""
    me = obs.me
    stakes = _stakes(obs, p)
    parts: dict[str, float] = {}
    for s, w in me.interests.items():
        v = w * stakes.get(s, 0)
        if v < 0 and low_support:
            v *= 1 + me.bot.domestic_pressure
        parts[s] = v
    if p.host == obs.seat:  # a host does not pay for help on its soil; it weighs its sovereignty
        parts.pop("cost", None)
        parts["sovereignty"] = parts.get("sovereignty", 0) - me.sovereignty * max(0, stakes.get("sovereignty", 0)) / 2
        parts["trust"] = (obs.state.trust.get(obs.seat, 50) - 50) / 10
    else:
        parts["cost"] = parts.get("cost", 0) - 1.5 * me.bot.cost_sensitivity * stakes.get("cost", 0)
    weight = concern_weight(obs, p.options)
    if weight:
        parts["partners"] = weight
    for part, weight in (("intelligence", intel_weight(obs, p.options)), ("objectives", objectives_value(obs, p.options))):
        if weight:  # what the seat's intelligence says of the options; its own objectives that name them
            parts[part] = weight
    u = sum(parts.values()) + CONCESSION_WEIGHT * (1 + me.bot.flexibility) * p.conceded(obs.seat)
    return u, parts


# -- partners' concerns (issue 17, item 3) ------------------------------------------------------
CONCERN_WEIGHT = 1.0  # what one point of a consulted partner's concern on an option weighs


def _consulted(state) -> tuple[str, ...]:
    """Partners the Council has held consultations with (their concerns now weigh)."""
    return tuple(sorted({p for p, _, held in state.consultations if held})) if state.consultations else ()


def concern_weight(obs: Observation, options) -> float:
    """How much the concerns of partners consulted weigh on these options (public: each concern
    was read to the Council): a member or the chair leans toward what a partner asked for."""
    if obs.me is None or obs.me.kind not in ("member", "chair"):
        return 0.0
    actors = obs.crisis.scenario.actors
    total = 0.0
    for partner in _consulted(obs.state):
        concern = actors[partner].concern
        if concern is not None:
            total += CONCERN_WEIGHT * sum(concern.options.get(o, 0) for o in options)
    return total


INTEL_WEIGHT = 1.0  # what one point of an item's bearing on an option weighs to the seat holding it


def intel_weight(obs: Observation, options) -> float:
    """How the intelligence this seat holds (its own, or released to it) bears on these options
    (the observation holds only the seat's own items' bearing)."""
    return INTEL_WEIGHT * sum(w for holder, _, says in obs.state.bearing if holder == obs.seat
                              for o, w in says if o in options)


def _crossed(obs: Observation, p: Proposal):
    reds = obs.me.red_lines
    if not reds:
        return []
    env = Env(obs.state, obs.crisis, p, stakes=_stakes(obs, p))
    return [rl for rl in reds if rl.when(env)]


def _mandate_missing(obs: Observation, p: Proposal) -> bool:
    return mandate_missing(obs.crisis, obs.seat, p)


def _stakes(obs: Observation, p: Proposal) -> dict[str, float]:
    """proposal_stakes, once per text in this seat's memory (read it, do not change it)."""
    key = ("stakes", p.option, p.package, p.params, p.caveats)
    out = obs.memory.get(key)
    if out is None:
        out = obs.memory[key] = proposal_stakes(obs.crisis, p)
    return out


def _open_caveats(obs, p):
    return open_caveats(obs.crisis, p)


def _with(p: Proposal, caveat: str) -> Proposal:
    return evolve(p, caveats=p.caveats + (caveat,))


def _reason_of(obs, parts: dict[str, float]) -> str:
    stake = min(parts, key=parts.get)
    if stake in ("cost",):
        return "cost"
    if stake == "trust":
        return "sovereignty"
    decl = obs.crisis.scenario.stakes.get(stake) or obs.crisis.rules.stakes.get(stake)
    return (decl.reason if decl and decl.reason else "domestic")


class _MeterDraft(Draft):
    """A Draft that changes only meters: what benefit() reads of the effects. A meter's change reads
    the meter and the Env (the state as it was), never trust, capital or resources, so leaving those
    unchanged gives the same meters (tested against Draft on every scenario)."""

    def change(self, key: tuple, mode: str, value: float) -> None:
        if key[0] == "meter":
            Draft.change(self, key, mode, value)


class Heuristic:
    name = "default"

    def choose(self, obs: Observation, legal: LegalActions, rng: random.Random) -> tuple[A.Action, str]:
        ph = obs.state.phase
        if ph == _CONSULTATION:
            return self.consult(obs, legal, rng)
        if ph == _PROPOSAL:
            return self.table(obs, legal, rng)
        if ph == _NEGOTIATION:
            return self.negotiate(obs, legal, rng)
        if ph == _AMENDMENT:
            return self.amend(obs, legal, rng)
        if ph == _FORCE_GENERATION:
            return self.pledge(obs, legal, rng)
        return legal[0], "no choice"

    # 2. consultation
    def consult(self, obs, legal, rng):
        moves = legal.consultation_groups()
        share, art4, mou, withdraw = moves.shares, moves.art4, moves.mous, moves.withdraw
        me, st = obs.me, obs.state
        if withdraw and st.trust.get(obs.seat, 50) < 25 and rng.random() < 0.5:
            return withdraw[0], "trust in the Alliance has collapsed"
        for ask in moves.art5:  # the Ally attacked asks at once; others stand by it
            if ask.on == obs.seat or rng.random() < 0.3 + 0.1 * me.interests.get("solidarity", 0):
                return ask, "an Ally has been attacked: asks the Council to invoke Article 5"
        if moves.resolutions:
            seek = self.resolution_to_seek(obs, moves.resolutions)
            if seek is not None and rng.random() < (0.7 if me.positions.insists_on_mandate else 0.2):
                return seek, "wants the Security Council behind the Alliance's action"
        for lead in moves.coalitions:
            if self.leads(obs, lead, rng):
                return lead, "will act with the willing where consensus failed"
        for alongside in moves.parallel:  # an organisation backs an operation it likes with its own decision
            op = next(o for o in st.operations if o.number == alongside.operation)
            if utility(obs, op.proposal)[0] > 0 and rng.random() < 0.5:
                return alongside, "acts alongside the Alliance through its own channel"
        if moves.consultations and self.asks_consultations(obs, rng):
            return moves.consultations[0], "feels its security threatened and asks the Council to consult"
        if art4 and me.interests.get("deterrence", 0) >= 2 and rng.random() < 0.15:
            return art4[0], "feels its security threatened and wants the Allies to consult"
        if moves.widen and rng.random() < 0.25 * me.bot.intel_sharing:
            # a generous owner opens to every Ally an item already releasable beyond itself (never a
            # national, eyes-only one)
            tags = {i: t for _, i, t in st.releasable}
            wide = [a for a in moves.widen if a.to == "nato" and tags.get(a.inject)]
            if wide:
                return wide[0], "widens its intelligence's releasability so that Allies can use it"
        if share and rng.random() < me.bot.intel_sharing:
            to_all = [a for a in share if a.to == "all"]
            if to_all and rng.random() < 0.6:
                return to_all[0], "shares what it knows with all Allies"
            pick = rng.choice(share)  # (the draw may land on the share with all Allies too)
            return pick, "shares what it knows with all Allies" if pick.to == "all" else "shares intelligence bilaterally"
        if mou and me.interests.get("solidarity", 0) >= 2 and rng.random() < 0.1:
            return rng.choice(mou), "deepens a partnership with an MOU"
        return A.Pass(obs.seat), "has nothing to add"

    def asks_consultations(self, obs, rng) -> bool:
        """A partner with a concern asks until the Council has heard it once; else rarely."""
        me = obs.me
        if me.concern is not None and not obs.state.consulted(obs.seat):
            return rng.random() < 0.6
        return me.interests.get("deterrence", 0) >= 2 and rng.random() < 0.1

    def resolution_to_seek(self, obs, seeks):
        """An operation waiting for a mandate first; else an option it would like to see authorised."""
        refused = {r.option for r in obs.state.resolutions if r.status in ("vetoed", "failed")}
        seeks = [a for a in seeks if a.option not in refused]  # the Council said no: asking again changes nothing
        waiting = {op.option for op in obs.state.operations if op.status in ("planning", "adopted", "running")}
        for a in seeks:
            if a.option in waiting:
                return a
        best, best_u = None, 0.0
        for a in seeks:
            opt = obs.crisis.scenario.options[a.option]
            params = tuple((n, x.default) for n, x in opt.parameters.items())
            u = utility(obs, Proposal(a.option, "security_council" if "security_council" in opt.legal_bases
                                      else opt.legal_bases[0], opt.hosts[0] if opt.hosts else None, params))[0]
            if u > best_u:
                best, best_u = a, u
        return best

    def leads(self, obs, lead, rng) -> bool:
        """Whether it leads a coalition of the willing for a failed text it supported: only a
        member that cares for it strongly, and rarely (the cost falls on the whole Alliance)."""
        d = next(d for d in obs.state.decisions if d.number == lead.decision)
        u = utility(obs, d.proposal)[0]
        return u > 3 and obs.me.interests.get("solidarity", 0) + obs.me.interests.get("deterrence", 0) >= 3 \
            and rng.random() < 0.25

    # 3. the chair tables
    def benefit(self, obs, oid: str) -> float:
        crisis = obs.crisis
        opt = crisis.scenario.options[oid]
        good = crisis.rules.adjudication.success_results
        effects = [e for r in good for e in opt.outcomes.get(r, ())]
        if not effects:
            return 0.0
        draft = _MeterDraft(obs.state, crisis)
        env = Env(obs.state, crisis)
        for e in effects:
            e.apply(draft, env)
        total = 0.0
        for m, meter in crisis.scenario.meters.items():
            d = (draft.meters[m] - obs.state.meters[m]) / max(1, meter.max - meter.min) * 100
            total += d if meter.good == "high" else -d
        return total / max(1, len(good))

    def table(self, obs, legal, rng):
        hold = next((a for a in legal if isinstance(a, A.HoldConsultations)), None)
        if hold is not None:  # a partner asked: the chair convenes the Council before tabling
            return hold, "holds the consultations a partner requested before tabling"
        tables = [a for a in legal if isinstance(a, A.Table)]
        if not tables:
            return A.Pass(obs.seat), "nothing can be tabled now"
        blocked = {}
        this_turn = set()
        for d in obs.state.decisions:
            if d.outcome in ("failed", "withdrawn"):
                blocked[d.option] = blocked.get(d.option, 0) + 1
            if d.turn == obs.state.turn:
                this_turn.add(d.option)
        insist = any(x.positions.insists_on_mandate for x in obs.crisis.scenario.actors.values())
        best, best_score = None, -math.inf
        benefits: dict[str, float] = {}  # per option (many tables share one)
        for t in tables:
            if t.option not in benefits:
                benefits[t.option] = self.benefit(obs, t.option)
            score = benefits[t.option] - 10 * blocked.get(t.option, 0) + rng.gauss(0, 3)
            score += concern_weight(obs, (t.option,)) + intel_weight(obs, (t.option,))
            if t.option in this_turn:  # once a turn is enough for the same course of action
                score -= 8
            basis = obs.crisis.rules.legal_bases[t.basis]
            score += basis.legitimacy / 5 if insist else -basis.legitimacy / 10 if basis.needs == "security_council" else 0
            opt = obs.crisis.scenario.options[t.option]
            defaults = all(opt.parameters[n].default == v for n, v in t.params)
            score += 1 if defaults else 0
            if score > best_score:
                best, best_score = t, score
        if best_score <= 0:
            return A.Pass(obs.seat), "no course of action is worth the political cost now"
        title = obs.crisis.scenario.options[best.option].title
        return best, f"tables '{title}': the most promising course of action it can get agreed"

    # 4. negotiation
    def negotiate(self, obs, legal, rng):
        is_host, can_object = legal.stance_options()
        p = obs.state.proposal
        me = obs.me
        seat = obs.seat
        crossed = _crossed(obs, p)
        u, parts = utility(obs, p, rng)
        if is_host:
            if crossed or u < -3:
                reason = crossed[0].reason if crossed else "sovereignty"
                # the more sensitive about its sovereignty, the likelier an outright no
                if rng.random() < 0.04 * me.sovereignty:
                    return A.RefuseConsent(seat, None, reason), "will not have these forces on its soil"
                cure = self.cure(obs, p, crossed, parts, rng)
                if cure is not None and needless(obs, cure):
                    return A.Consent(seat), "another delegation already asks for its condition: the text comes back"
                why = "its conditions for consent are not met" if crossed else "the text intrudes on its sovereignty"
                return A.RefuseConsent(seat, cure, reason), why
            return A.Consent(seat), "the text respects its conditions"
        if crossed and can_object:
            rl, cure = crossed[0], self.cure(obs, p, crossed, parts, rng)
            if cure is not None and goes_back(obs) and not needless(obs, cure):
                return (A.Reserve(seat) if me.kind == "member" else A.Pass(seat)), \
                    "the text crosses a national red line, but comes back anyway: it asks next round if still needed"
            if not needless(obs, cure):
                return A.Object(seat, rl.reason, cure), "the text crosses a national red line"
            return (A.Reserve(seat) if me.kind == "member" else A.Pass(seat)), \
                "the text crosses a national red line: another delegation's objection already stops it"
        if me.kind == "member" and obs.crisis.rules.legal_bases[p.basis].needs == "collective_defence":
            if crossed and can_object:
                return A.Object(seat, crossed[0].reason), "the text crosses a national red line"
            return A.Support(seat), "stands by the Ally attacked: assents to Article 5"
        if me.kind != "member":  # issue 17: a partner's concern blocks nothing and costs it standing:
            return self.partner_stance(obs, p, u, rng)  # it raises one only for its red lines
        if _mandate_missing(obs, p) and can_object:
            cure = "mandate_first" if "mandate_first" in _open_caveats(obs, p) else None
            if cure is not None and goes_back(obs) and not needless(obs, cure):
                return A.Reserve(seat), "insists on a mandate; the text comes back anyway: it asks next round if still needed"
            if not needless(obs, cure):
                return A.Object(seat, LEGAL_BASIS, cure), "insists on a UN Security Council mandate"
            return A.Reserve(seat), "insists on a mandate: another Ally's objection already stops the text"
        # on interests alone (no red line, no mandate), it breaks silence only where its brief loses by
        # the text: to ask for the caveat that cures it, or to block a text that costs it more than
        # a veto with no red line at stake does (its standing, at home and abroad)
        brief = brief_value(obs, p)
        if u < OBJECT_BELOW - me.bot.flexibility and can_object and brief < 0:
            reason = _reason_of(obs, parts)
            q = _anticipated(obs, p)  # the text as other members' public positions will amend it anyway
            if q is not p:
                brief = brief_value(obs, q)
            cure = self.cure(obs, q, [], parts, rng)
            if cure is not None and brief_value(obs, _with(q, cure)) - brief > ASK_MARGIN * objection_cost(obs):
                if needless(obs, cure):  # another Ally asks for it (or stops the text) already
                    return A.Reserve(seat), "another Ally's objection already asks for what it needs"
                if goes_back(obs):
                    return A.Reserve(seat), "the text comes back anyway: it asks next round if still needed"
                return A.Object(seat, reason, cure), "an amendment would bring it round"
            if -brief > objection_cost(obs) * _rounds_left(obs, p) + veto_cost(obs) and not needless(obs, None):
                # a veto is renewed every round the text comes back, and blocks at the last
                if goes_back(obs):  # the amended text may not need one
                    return A.Reserve(seat), "will block this text, but it comes back anyway: it waits for the amended text"
                return A.Object(seat, reason), "no amendment on offer would cure it"
        member = me.kind == "member"
        if u < 0 and member:
            return A.Reserve(seat), "disagrees, but will not block"
        if member and p.round == 1 and can_object and rng.random() < me.bot.holdout and obs.state.capital[seat] >= 2:
            ask = self.bargain(obs, p)  # holds out only for a caveat worth more to its brief than the objection
            if ask is not None and not needless(obs, ask) and not goes_back(obs):
                return A.Object(seat, "cost", ask), "wants something in return before it agrees"
        if rng.random() < 0.3:
            return A.Pass(seat), "silence is assent"
        return A.Support(seat), "the text serves its interests"

    def partner_stance(self, obs, p, u, rng):
        """A partner (or organisation) that is not the host: silence or support; its red lines
        crossed were answered above with a concern."""
        if u < 0 or rng.random() < 0.3:
            return A.Pass(obs.seat), "silence is assent"
        return A.Support(obs.seat), "the text serves its interests"

    def bargain(self, obs, p: Proposal) -> str | None:
        """The open caveat that adds most to the seat's brief, if it is worth an objection (ASK_MARGIN)."""
        best, best_gain = None, ASK_MARGIN * objection_cost(obs)
        base = brief_value(obs, p)
        for c in _open_caveats(obs, p):
            gain = brief_value(obs, _with(p, c)) - base
            if gain > best_gain:
                best, best_gain = c, gain
        return best

    def cure(self, obs, p: Proposal, crossed, parts, rng=None) -> str | None:
        """The open caveat that cures what bothers this seat: uncrosses its red line, or lifts the
        proposal above its objection threshold. None if no single caveat does."""
        best, best_u = None, -math.inf
        twist = lean(obs, p) if rng is not None else 0.0
        for c in _open_caveats(obs, p):
            q = _with(p, c)
            if crossed and _crossed(obs, q):
                continue
            uq = utility(obs, q)[0] + twist
            if (crossed or uq >= OBJECT_BELOW - obs.me.bot.flexibility) and uq > best_u:
                best, best_u = c, uq
        return best

    # 4. the chair answers objections
    def amend(self, obs, legal, rng):
        p = obs.state.proposal
        moves = legal.amendments()  # it never links another option into a package
        if p.failed:  # only in a game saved before failed texts closed at once
            return A.Withdraw(obs.seat), "consensus failed: withdraws the text"
        amends = {a.caveat: a for a in moves if isinstance(a, A.Amend)}
        actors = obs.crisis.scenario.actors
        members = set(obs.crisis.groups["members"])
        firm = [s for s, a in obs.state.submissions if s in members and isinstance(a, A.Object)
                and not a.wants_caveat]
        if firm:
            softer = self.softer_parameter(obs, moves, [a.reason for s, a in obs.state.submissions if s in firm])
            if softer is not None:
                return softer, "changes the text's parameters to meet the objections"
        if firm and p.amendments == 0 and rng.random() < 0.7:
            return A.Withdraw(obs.seat), f"{', '.join(actors[s].name for s in firm)} will not accept any version of this text"
        for seat, act in obs.state.submissions:
            cav = getattr(act, "wants_caveat", None)
            if cav in amends:
                return amends[cav], f"amends the text to meet {texts.possessive(actors[seat].name)} concern"
        if p.amendments == 0 and p.round >= 2 and rng.random() < 0.5:
            return A.Withdraw(obs.seat), "no amendment can bridge the gap"
        return A.Recirculate(obs.seat), "puts the text back under silence"

    def softer_parameter(self, obs, legal, reasons: list[str]):
        """From public information only: the parameter value that most lowers the stakes behind the
        objectors' stated reasons (the chair cannot see their briefs)."""
        crisis, p = obs.crisis, obs.state.proposal
        stakes = {**crisis.rules.stakes, **crisis.scenario.stakes}
        worried = {s for s, d in stakes.items() if (d.reason or "domestic") in reasons} | (
            {"cost"} if "cost" in reasons else set())
        if not worried:
            return None

        def weight(q):
            st = _stakes(obs, q)
            return sum(st.get(s, 0) for s in sorted(worried))  # a fixed order: the same float in every process
        now = weight(p)
        best, best_w = None, now
        for a in legal:
            if isinstance(a, A.SetParam):
                params = tuple((n, a.value if n == a.name else v) for n, v in p.params)
                w = weight(evolve(p, params=params))
                if w < best_w - 0.5:
                    best, best_w = a, w
        return best

    # 6. force generation
    def pledge(self, obs, legal, rng):
        move = contributor_answer(obs, legal)  # its caveats overridden: it may walk out
        if move is not None:
            return move
        move = self.contribute(obs, legal, rng)
        if not isinstance(move[0], A.Pass):
            return move
        return self.council(obs, legal, rng) or self.withdraw(obs, legal, rng) or move

    def council(self, obs, legal, rng):
        """The chair (or a coalition's lead nation) for the Council: invite a partner that holds what
        an operation still lacks; override a contributor's caveats that keep it short (one not likely
        to walk out); else accept a shortfall once most of the requirement is met."""
        if obs.seat != obs.crisis.chair and all(op.lead != obs.seat for op in obs.state.operations):
            return None  # it speaks for no one but itself (the asking below would find no move)
        moves = [m for m in legal.force_generation_moves() if isinstance(m, (A.Invite, A.AcceptShortfall))]
        if not moves:
            return council_override(obs, legal)
        crisis, st = obs.crisis, obs.state
        ops = {op.number: op for op in st.operations}
        for m in moves:
            if isinstance(m, A.Invite):
                op = ops[m.operation]
                per = resourcing.coverage_in(crisis, st, op)[1]
                short = [r for r, x in per.items() if x < 1.0]
                if any(st.resources.get(m.to, {}).get(r, 0) > 0 for r in short):
                    return m, f"invites {crisis.scenario.actors[m.to].name}, which holds what the operation lacks"
        override = council_override(obs, legal)
        if override is not None:
            return override
        for m in moves:
            if isinstance(m, A.AcceptShortfall):
                share = resourcing.coverage_in(crisis, st, ops[m.operation])[0]
                if share >= 0.5:
                    return m, f"most of the requirement is met ({round(100 * share)} %): the Council accepts the rest"
        return None

    def withdraw(self, obs, legal, rng):
        """Rarely: a delegation whose trust in the Alliance has collapsed takes a pledge back."""
        if obs.state.trust.get(obs.seat, 50) >= 20 or rng.random() >= 0.05:
            return None
        moves = [m for m in legal.force_generation_moves() if isinstance(m, A.WithdrawPledge)]
        return (moves[0], "its trust in the Alliance has collapsed: it takes its pledge back") if moves else None

    def contribute(self, obs, legal, rng):
        most = legal.pledge_limits()  # (operation, resource) -> the most it may pledge (1..most legal)
        if not most:
            return A.Pass(obs.seat), "has nothing to pledge"
        me, st, crisis = obs.me, obs.state, obs.crisis
        ops = {op.number: op for op in st.operations}
        for (number, res), top in sorted(most.items()):
            op = ops[number]
            # what is still missing, after every delegation's pledges so far (no one tops up a full ledger)
            got = _pledged(obs, op, res)
            missing = requirement(crisis, op).get(res, 0) - got
            if missing <= 0.05:
                continue
            already = sum(n for s, r, n in op.pledges if s == obs.seat and r == res)
            decision = next((d for d in st.decisions if d.number == op.proposal.number), None)
            objected = decision is not None and _objected(obs, decision)
            will = me.bot.generosity * (0.4 if objected else 1.0)
            have = st.resources[obs.seat].get(res, 0) + already
            room = int(have * will + rng.random() * 0.8) - already
            if room <= 0:
                continue
            useful = max(1, math.ceil(missing / max(0.05, _pledge_factor(obs, op, obs.seat))))
            amount = min(room, useful, top)
            decl = obs.crisis.scenario.resources.get(res) or obs.crisis.rules.resources.get(res)
            return A.Pledge(obs.seat, number, res, amount), f"pledges its share of {(decl.label if decl else res).lower()}"
        return A.Pass(obs.seat), "has pledged what it will"


def _pledge_factor(obs, op, actor: str) -> float:
    """adjudication.pledge_value(crisis, op, actor, 1), once per text and actor: n of it is worth
    exactly n * this (the same float pledge_value computes)."""
    cache = obs.memory
    key = ("pledge_factor", op.proposal.caveats, actor, resourcing.overridden(op, actor))
    f = cache.get(key)
    if f is None:
        f = cache[key] = pledge_value(obs.crisis, op, actor, 1)
    return f


def _pledged(obs, op, res: str) -> float:
    """What the operation's pledges of `res` are worth so far (asked at every move of force
    generation; the pledges change only with a pledge)."""
    cache = obs.memory
    key = ("pledged", id(op.pledges), op.proposal.caveats, op.overridden, res)
    hit = cache.get(key)
    if hit is None or hit[0] is not op.pledges:  # the pledges are kept, so the id is not reused
        hit = cache[key] = (op.pledges, sum(n * _pledge_factor(obs, op, s) for s, r, n in op.pledges if r == res))
    return hit[1]


def _objected(obs, decision) -> bool:
    """Whether this seat objected to the text in any round (asked at every pledge of force
    generation; a closed decision's stances do not change)."""
    seat = obs.seat
    cache = obs.memory
    key = ("objected", id(decision.stances))
    hit = cache.get(key)
    if hit is None or hit[0] is not decision.stances:  # the stances are kept, so the id is not reused
        hit = cache[key] = (decision.stances, any(s == seat and x == "object" for _, s, x, _ in decision.stances))
    return hit[1]


def _anticipated(obs, p: Proposal) -> Proposal:
    """The text with the caveats other members will ask for anyway (brief.secured: public facts)."""
    caveats = secured(obs)[1]
    return evolve(p, caveats=p.caveats + tuple(sorted(caveats))) if caveats else p


def _rounds_left(obs, p) -> int:
    """Rounds of silence this text has left, this one included: how often a veto must be renewed."""
    return max(1, obs.crisis.rules.procedure.negotiation_rounds - p.round + 1)
