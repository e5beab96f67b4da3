"""8. Assessment, the scores: every seat's national score (its objectives met, its red lines kept
or crossed by what was adopted, its interests served by it, the political capital and resources
it spent) and the collective score, each national part with why. The weights are the rules'
`scoring:` block (rules/default.yaml), which a scenario may tune."""
from __future__ import annotations

from game.core.env import Env, proposal_stakes
from game.core.outcome import Score, ScoreLine
from game.core.seats import seats

ACTED = ("adopted", "coalition")  # decisions that put a text into effect
SAYS_NO = ("object", "concern", "refuse_consent")  # stances that break silence (a partner's objection: a concern)


def interest_value(crisis, seat: str, proposal, stakes: dict | None = None) -> float:
    """What a text is worth to `seat`'s interests: each interest weight times the text's stake,
    and, on its own soil, its sovereignty sensitivity against the text's intrusion (`stakes`: the
    text's proposal_stakes, when already worked out)."""
    actor = crisis.scenario.actors[seat]
    if stakes is None:
        stakes = proposal_stakes(crisis, proposal)
    value = sum(w * stakes.get(s, 0) for s, w in actor.interests.items())
    if proposal.host == seat:
        value -= actor.sovereignty * max(0, stakes.get("sovereignty", 0)) / 2
    return value


def crossed_red_lines(crisis, state, seat: str, proposal, stakes: dict | None = None) -> list:
    """The seat's red lines this text crosses (the same check its delegation makes)."""
    reds = crisis.scenario.actors[seat].red_lines
    if not reds:
        return []
    env = Env(state, crisis, proposal, stakes=proposal_stakes(crisis, proposal) if stakes is None else stakes)
    return [rl for rl in reds if rl.when(env)]


def mandate_missing(crisis, seat: str, proposal) -> bool:
    """Whether the text lacks the Security Council mandate `seat` insists on (the check its delegation
    makes): it rests on no resolution, carries no caveat that waits for one, and acts on a non-member."""
    if not crisis.scenario.actors[seat].positions.insists_on_mandate:
        return False
    host_member = proposal.host is not None and crisis.scenario.actors[proposal.host].kind == "member"
    needs = crisis.rules.legal_bases[proposal.basis].needs
    waits = any(crisis.rules.caveats[c].needs_resolution for c in proposal.caveats)
    return not host_member and needs not in ("security_council", "collective_defence") and not waits


def as_decided(state, decision):
    """The state as the Council saw it when it decided `decision`: the injects fired by then (a red
    line such as "not before attribution" is judged by what was known, not by what came later)."""
    if not state.fired_turns or max(state.fired_turns) <= decision.turn:
        return state
    kept = [(i, t) for i, t in zip(state.fired, state.fired_turns) if t <= decision.turn]
    return state.replace(fired=tuple(i for i, _ in kept), fired_turns=tuple(t for _, t in kept))


LEGAL_BASIS = "legal_basis"  # the reason an objection gives for a missing Security Council mandate
BLOCKS = ("object", "refuse_consent")  # stances that can stop a text (a partner's concern cannot)


class _Decided:
    """What every seat's score reads of the decisions, worked out once for all seats: each text's
    stakes, the state as the Council saw it when it decided, the rounds each seat said no in."""

    __slots__ = ("crisis", "state", "_stakes", "_states", "said_no")

    def __init__(self, crisis, state):
        self.crisis, self.state = crisis, state
        self._stakes: dict = {}
        self._states: dict[int, object] = {}
        said_no: dict[str, list] = {}
        for d in state.decisions:
            for r, x, stance, detail in d.stances:
                if stance in SAYS_NO:
                    said_no.setdefault(x, []).append((d, r, stance, detail))
        self.said_no = said_no

    def stakes(self, d, text=None) -> dict:
        text = d.proposal if text is None else text
        key = (d.number, text)
        got = self._stakes.get(key)
        if got is None:
            got = self._stakes[key] = proposal_stakes(self.crisis, text)
        return got

    def crossed(self, seat: str, d, text=None) -> list:
        """The seat's red lines crossed by the decided text (or by `text`, one of its earlier rounds)."""
        st = self._states.get(d.number)
        if st is None:
            st = self._states[d.number] = as_decided(self.state, d)
        text = d.proposal if text is None else text
        return crossed_red_lines(self.crisis, st, seat, text, self.stakes(d, text))

    def defended(self, seat: str, d, rnd: int, stance: str, detail: str) -> bool:
        """Whether the seat's broken silence in round `rnd` defended its brief: the text of that round
        crossed one of its red lines and the objection gave that red line's reason, or lacked the
        Security Council mandate it insists on and the objection gave the legal basis; a host's
        refusal of consent, any red line of its own crossed."""
        text = d.texts[rnd - 1] if len(d.texts) >= rnd else d.proposal  # a game saved before texts were kept
        if stance == "refuse_consent":
            return bool(self.crossed(seat, d, text))
        if detail == LEGAL_BASIS and mandate_missing(self.crisis, seat, text):
            return True
        return any(rl.reason == detail for rl in self.crossed(seat, d, text))


def vetoes(crisis, state, seat: str, decided: _Decided | None = None) -> list:
    """Texts that failed or were withdrawn with `seat` among those who stopped them, when none of its
    red lines and no mandate it insists on was at stake: a veto spent on interests alone. Each costs
    the `blocked` weight shared among the text's blockers."""
    decided = decided or _Decided(crisis, state)
    out = []
    for d in state.decisions:
        if d.outcome not in ("failed", "withdrawn") or seat not in d.blocked_by:
            continue
        if not any(x == seat and stance in BLOCKS for _r, x, stance, _ in d.stances):
            continue
        if decided.crossed(seat, d) or mandate_missing(crisis, seat, d.proposal):
            continue
        out.append(d)
    return out


def national_lines(crisis, state, seat: str, env: Env,
                   decided: _Decided | None = None) -> tuple[list[str], list[ScoreLine]]:
    """The national objectives met, and every contribution to the seat's national score
    (`decided`: what all seats' scores share, when scoring every seat)."""
    decided = decided or _Decided(crisis, state)
    sc, w = crisis.scenario, crisis.rules.scoring
    actor = sc.actors[seat]
    met, lines = [], []
    for o in actor.objectives:
        if o.when(env):
            met.append(o.id)
            lines.append(ScoreLine("objective", o.text, float(o.points)))
    if actor.kind == "chair":
        return met, lines  # no national interests: scored on the collective objectives
    acted = [d for d in state.decisions if d.outcome in ACTED]
    if actor.red_lines:
        crossings: dict[str, list] = {}
        for d in acted:
            if d.outcome != "adopted":
                continue  # a coalition acts outside the Alliance: no Ally's consent was given
            for rl in decided.crossed(seat, d):
                crossings.setdefault(rl.text, []).append(d)
        for rl in actor.red_lines:
            for d in crossings.get(rl.text, ()):
                lines.append(ScoreLine("red_line", f"Red line crossed by {_named(crisis, d)}: {rl.text}",
                                       w.red_line_crossed))
            if rl.text not in crossings:
                lines.append(ScoreLine("red_line", f"Red line kept: {rl.text}", w.red_line_kept))
    if actor.interests and w.interests:
        willing = {op.proposal.number: op.contributors for op in state.operations if op.coalition}
        for d in acted:
            if d.outcome == "coalition" and seat not in willing.get(d.number, ()):
                continue  # a coalition of the willing serves those who joined it, not those it overrode
            v = interest_value(crisis, seat, d.proposal, decided.stakes(d)) * w.interests
            footnote = v < 0 and d.outcome == "adopted" and any(
                r == d.proposal.round and x == seat and stance == "reserve" for r, x, stance, _ in d.stances)
            v = round(v * w.reserved if footnote else v, 2)
            if v:
                how = "serves" if v > 0 else "works against"
                why = f" (its reservation on the record: {w.reserved:g} of it counts)" if footnote else ""
                lines.append(ScoreLine("interests", f"{_named(crisis, d)} {how} its interests{why}", v))
    if w.blocked:
        for d in vetoes(crisis, state, seat, decided):
            n = len(d.blocked_by)  # blocking alone isolates; with others, the blame is shared
            text = f"Blocked {_named(crisis, d)} with no red line at stake" + ("" if n == 1 else f" (one of {n})")
            lines.append(ScoreLine("blocked", text, round(w.blocked / n, 2)))
    said_no = decided.said_no.get(seat, ())
    if said_no and w.objections:
        defended = sum(decided.defended(seat, *said) for said in said_no)
        costly = len(said_no) - defended
        also = f" (and {_times(defended)} to defend its brief, at no cost in standing)" if defended else ""
        if costly:
            lines.append(ScoreLine("objections", f"Broke silence or refused consent {_times(costly)}{also}",
                                   round(costly * w.objections, 2)))
        else:
            lines.append(ScoreLine("objections", f"Broke silence {_times(defended)} to defend its brief: "
                                   "no cost in standing", 0.0))
    spent = actor.capital - state.capital.get(seat, actor.capital)
    if spent and w.capital:
        text = f"Political capital {'spent' if spent > 0 else 'gained'}: {abs(spent)}"
        lines.append(ScoreLine("capital", text, round(-spent * w.capital, 2)))
    mine = state.resources.get(seat, {})
    used = sum(max(0, n - mine.get(r, 0)) for r, n in actor.resources.items())
    if used and w.resources:
        lines.append(ScoreLine("resources", f"Resources committed: {used} unit{'' if used == 1 else 's'}", round(used * w.resources, 2)))
    return met, lines


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _title(crisis, d) -> str:
    return " + ".join(crisis.scenario.options[o].title for o in d.proposal.options)


def _named(crisis, d) -> str:
    """A decision as a score line names it: its title and its turn (an option may come back to
    the table in a later turn, and each adoption counts on its own)."""
    return f"'{_title(crisis, d)}' (turn {d.turn})"


def scores(crisis, state) -> dict[str, Score]:
    sc = crisis.scenario
    env = Env(state, crisis)
    collective = [o for o in sc.objectives if o.when(env)]
    coll_points = sum(o.points for o in collective)
    out = {}
    decided = _Decided(crisis, state)
    for seat in seats(crisis):
        met, lines = national_lines(crisis, state, seat, env, decided)
        out[seat] = Score(round(sum(x.points for x in lines)), coll_points,
                          tuple(met) + tuple(o.id for o in collective), tuple(lines))
    return out
