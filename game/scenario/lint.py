"""What a scenario says that the format allows but the rules or the game make wrong (errors), or
that is legal but probably a mistake (warnings): checked on the structured scenario, each with its
file:line:column."""
from __future__ import annotations

import ast
import difflib

import attrs

from game.core import conditions
from game.core.env import Env
from game.core.procedure import R_PROGRAMME
from game.core.model.rules import Rules
from game.core.model.scenario import Scenario
from game.core.state import GameState, Phase
from game.core.model.crisis import LoadedScenario
from game.scenario.structure import Ctx, mapping_get


def check_semantics(scenario: Scenario, rules: Rules, ctx: Ctx) -> None:
    meters_node = mapping_get(scenario._node, "meters") or scenario._node
    for meter in rules.required_meters:
        if meter not in scenario.meters:
            close = difflib.get_close_matches(meter, list(scenario.meters), n=1, cutoff=0.75)
            key = next((k for k, _ in getattr(meters_node, "value", []) if close and getattr(k, "value", None) == close[0]), None)
            if key is not None:
                ctx.error(key, f"the rules '{rules.id}' need a meter named '{meter}': is '{close[0]}' a typo?")
            else:
                ctx.error(meters_node, f"the rules '{rules.id}' need a meter named '{meter}'; add it under meters:")
    for oid, opt in scenario.options.items():
        for host in opt.hosts:
            actor = scenario.actors.get(host)
            if actor is not None and actor.kind in ("organisation", "chair", "adversary"):
                article = "an" if actor.kind[0] in "aeiou" else "a"
                ctx.error(opt._node, f"option '{oid}': host '{host}' is {article} {actor.kind}, not a nation")
        for guest in opt.invites:  # force generation: partners invited by the text (issue 17)
            actor = scenario.actors.get(guest)
            if actor is not None and actor.kind not in ("partner", "host_nation"):
                ctx.error(opt._node, f"option '{oid}': invites '{guest}', which is {'an' if actor.kind[0] in 'aeiou' else 'a'} {actor.kind}: "
                                     "only partners are invited to contribute (Allies need no invitation; "
                                     "organisations act through their own channels)")
        if not opt.outcomes:
            ctx.warn(opt._node, f"option '{oid}' has no outcomes: adopting it changes nothing")
    _legal_frame(scenario, rules, ctx)
    _programmes(scenario, rules, ctx)
    _followers(scenario, ctx)
    for aid, actor in scenario.actors.items():
        if actor.kind == "partner" and actor.programme == "none":
            ctx.warn(actor._node, f"partner '{aid}' names no programme (pfp, mediterranean_dialogue, ...)")
    _lint(scenario, rules, ctx)


def _programmes(scenario: Scenario, rules: Rules, ctx: Ctx) -> None:
    """Issue 17, item 3: capacity building is for a partner; a partner is offered only what its
    programme (the rules' `programmes`) opens to it."""
    for oid, opt in scenario.options.items():
        b = opt.builds
        if b is not None:
            actor = scenario.actors.get(b.partner)
            node = mapping_get(b._node, "partner") or b._node or opt._node
            if actor is not None and actor.kind not in ("partner", "host_nation"):
                ctx.error(node, f"option '{oid}' builds capacity for '{b.partner}', which is {actor.kind.replace('_', ' ')}"
                                ": capacity building is for a partner")
            elif actor is not None and actor.kind == "partner":
                _offered(scenario, rules, ctx, node, oid, b.partner, "capacity_building", "capacity building")
        for host in opt.hosts:
            actor = scenario.actors.get(host)
            if actor is not None and actor.kind == "partner":
                _offered(scenario, rules, ctx, mapping_get(opt._node, "hosts") or opt._node, oid, host, "operation",
                         "an operation on its territory")


def _offered(scenario, rules, ctx, node, oid, partner, offer, what) -> None:
    actor = scenario.actors[partner]
    prog = rules.programmes.get(actor.programme)
    if prog is None or offer not in prog.offers:
        label = prog.label if prog is not None else f"programme '{actor.programme}'"
        ctx.warn(node, f"option '{oid}' offers {partner} {what}, which its programme ({label}) does not open to "
                       f"it: the chair will be refused ({R_PROGRAMME.text})")


def _legal_frame(scenario: Scenario, rules: Rules, ctx: Ctx) -> None:
    """Article 5 acts on Allied territory; a Security Council basis needs the fifteen described."""
    needs = {b: x.needs for b, x in rules.legal_bases.items()}
    council = scenario.security_council
    uses_council = council.standing_mandate is not None
    for oid, opt in scenario.options.items():
        kinds = {needs.get(b) for b in opt.legal_bases}
        uses_council = uses_council or "security_council" in kinds
        if "collective_defence" in kinds:
            bad = [h for h in opt.hosts if scenario.actors.get(h) and scenario.actors[h].kind != "member"]
            if not opt.hosts or bad:
                ctx.error(opt._node, f"option '{oid}': Article 5 acts on the territory of an attacked Ally: its hosts "
                                     "must be members" + (f" ('{bad[0]}' is not)" if bad else " (it names none)"))
    if council.standing_mandate is not None:
        for oid in council.standing_mandate.covers:
            opt = scenario.options.get(oid)
            if opt is not None and not any(needs.get(b) == "security_council" for b in opt.legal_bases):
                ctx.error(scenario._node, f"the standing mandate covers '{oid}', which names no Security Council basis")
    for iid, inj in scenario.injects.items():
        attack = inj.armed_attack
        if attack is not None and scenario.actors.get(attack.target) is not None and \
                scenario.actors[attack.target].kind not in ("member", "partner", "host_nation"):
            ctx.error(inj._node, f"inject '{iid}': an armed attack is on a nation's territory, not on "
                                 f"{scenario.actors[attack.target].kind} '{attack.target}'")
    if not uses_council:
        return
    seated_p = sum(1 for a in scenario.actors.values() if a.positions.unsc_permanent)
    seated_e = sum(1 for a in scenario.actors.values() if a.positions.unsc_elected)
    el = council.elected
    node = mapping_get(scenario._node, "security_council") or scenario._node
    if seated_p + len(council.permanent) != 5:
        ctx.error(node, f"the Security Council has five permanent members: {seated_p} seated (positions.unsc_permanent) "
                        f"and {len(council.permanent)} under security_council.permanent make "
                        f"{seated_p + len(council.permanent)}")
    if seated_e + el.in_favour + el.against + el.abstain != 10:
        ctx.error(node, f"the Security Council has ten elected members: {seated_e} seated (positions.unsc_elected) "
                        f"and {el.in_favour + el.against + el.abstain} under security_council.elected make "
                        f"{seated_e + el.in_favour + el.against + el.abstain}")


def _followers(scenario: Scenario, ctx: Ctx) -> None:
    """`after:` chains: an inject that follows itself, or injects that follow each other round in
    a circle, can never fire (each waits for the other): errors, at each one's `after`."""
    injects = scenario.injects
    reported: set[str] = set()
    for start in injects:
        chain, iid = [], start
        while iid in injects and injects[iid].after is not None and iid not in chain:
            chain.append(iid)
            iid = injects[iid].after.inject
        if iid not in chain or iid in reported:
            continue
        circle = chain[chain.index(iid):]
        reported.update(circle)
        first = min(circle, key=list(injects).index)  # one problem for the circle, at its first inject
        node = mapping_get(injects[first]._node, "after") or injects[first]._node
        if len(circle) == 1:
            ctx.error(node, f"inject '{first}' follows itself: it can never fire")
        else:
            at = circle.index(first)
            ring = " -> ".join(circle[at:] + circle[:at + 1])
            ctx.error(node, f"injects follow each other in a circle ({ring}): none of them can ever fire")


def earliest_turns(scenario: Scenario) -> dict[str, int]:
    """The first turn each inject could fire in, from its `turn` and the injects it follows (its
    `when` aside); an inject in an `after` circle is left out."""
    out: dict[str, int] = {}

    def first(iid: str, seen: tuple[str, ...]) -> int | None:
        if iid in out:
            return out[iid]
        inj = scenario.injects[iid]
        turn = inj.turn or 1
        if inj.after is not None:
            if inj.after.inject in seen or inj.after.inject not in scenario.injects:
                return None
            before = first(inj.after.inject, seen + (iid,))
            if before is None:
                return None
            turn = max(turn, before + inj.after.delay)
        out[iid] = turn
        return turn

    for iid in scenario.injects:
        first(iid, ())
    return out


def _lint_start(scenario: Scenario, rules: Rules, ctx: Ctx) -> None:
    """End conditions that already hold when the game starts end it at the first assessment."""
    probe = LoadedScenario(scenario, rules, "", {}, "")
    state = GameState(seed=0, turn=1, phase=Phase.CONSULTATION,
                      meters={m: float(x.start) for m, x in scenario.meters.items()},
                      capital={a: x.capital for a, x in scenario.actors.items()},
                      trust={a: x.trust for a, x in scenario.actors.items()},
                      resources={a: dict(x.resources) for a, x in scenario.actors.items()}, consent={},
                      turn_limit=scenario.length.turns)
    env = Env(state, probe)
    for eid, end in scenario.end_conditions.items():
        try:
            holds = not end.final and end.when(env)
        except Exception:  # noqa: BLE001 - a lint never stops a load
            holds = False
        if holds:
            ctx.warn(end.when.node, f"end condition '{eid}' already holds at the start: the game would end "
                                    "after turn 1 (did you mean final: true?)")


def _meter_directions(scenario: Scenario, rules: Rules) -> dict[str, set[str]]:
    """Which way anything in the scenario or its rules can move each meter ('up', 'down')."""
    moves: dict[str, set[str]] = {m: set() for m in scenario.meters}
    effects = [*scenario.each_turn, *scenario.inaction]
    for inj in scenario.injects.values():
        effects += inj.effects
    for opt in scenario.options.values():
        effects += opt.costs
        for outs in opt.outcomes.values():
            effects += outs
    for field in attrs.fields(type(rules.effects)):
        effects += getattr(rules.effects, field.name)
    for eff in effects:
        tree = eff.tree
        if not isinstance(tree, conditions.Assignment) or not isinstance(tree.target, ast.Name):
            continue
        m = tree.target.id
        if m not in moves:
            continue
        value = tree.value
        const = value.value if isinstance(value, ast.Constant) and isinstance(value.value, (int, float)) else None
        if tree.mode == "set" or const is None:
            moves[m] |= {"up", "down"}
        elif (tree.mode == "add") == (const >= 0):
            moves[m].add("up")
        else:
            moves[m].add("down")
    if "legitimacy" in moves:  # legal bases move legitimacy when an operation is adopted
        for basis in rules.legal_bases.values():
            if basis.legitimacy:
                moves["legitimacy"].add("up" if basis.legitimacy > 0 else "down")
    return moves


def _unreachable(cond, scenario: Scenario, moves) -> str | None:
    """A plain reason why a condition can never come true, for the simple shapes authors write."""
    tree = cond.tree
    parts = tree.values if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And) else [tree]
    for part in parts:
        if not (isinstance(part, ast.Compare) and len(part.ops) == 1 and isinstance(part.left, ast.Name)
                and isinstance(part.comparators[0], ast.Constant)):
            continue
        m, c = part.left.id, part.comparators[0].value
        if m not in scenario.meters or not isinstance(c, (int, float)):
            continue
        start = scenario.meters[m].start
        op = type(part.ops[0])
        label = scenario.meters[m].label
        if op in (ast.Lt, ast.LtE) and not (start < c or (op is ast.LtE and start <= c)) and "down" not in moves[m]:
            return f"nothing in the scenario lowers '{m}' ({label}; it starts at {start:g})"
        if op in (ast.Gt, ast.GtE) and not (start > c or (op is ast.GtE and start >= c)) and "up" not in moves[m]:
            return f"nothing in the scenario raises '{m}' ({label}; it starts at {start:g})"
    return None


def _asks(cond, scenario: Scenario) -> list[tuple[str, str]]:
    """(meter, 'high' | 'low') for each simple test `meter >= n` / `meter < n` a condition must meet
    (alone, or joined with `and`)."""
    tree = cond.tree
    parts = tree.values if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And) else [tree]
    out = []
    for part in parts:
        if (isinstance(part, ast.Compare) and len(part.ops) == 1 and isinstance(part.left, ast.Name)
                and part.left.id in scenario.meters and isinstance(part.comparators[0], ast.Constant)):
            op = type(part.ops[0])
            if op in (ast.Gt, ast.GtE):
                out.append((part.left.id, "high"))
            elif op in (ast.Lt, ast.LtE):
                out.append((part.left.id, "low"))
    return out


def _directions(scenario: Scenario, ctx: Ctx) -> None:
    """Success and failure endings and collective objectives that read a meter against the way it
    is marked good (`good: low` for a meter the Alliance wants to fall): most often the meter's
    `good` is missing or the comparison is the wrong way round. (National objectives may want what
    the Alliance does not, and thresholds mark milestones as well as dangers: neither is checked.)"""
    meters = scenario.meters

    def named(m: str) -> str:
        return f"'{meters[m].label}' ({m}), marked good: {meters[m].good}"

    for eid, end in scenario.end_conditions.items():
        if end.verdict == "mixed":
            continue
        for m, way in _asks(end.when, scenario):
            good = way == meters[m].good
            if (end.verdict == "success") != good:
                ctx.warn(end.when.node, f"end condition '{eid}' is a {end.verdict} when {named(m)}, is {way}: "
                                        f"is the meter's `good` or the comparison the wrong way round?")
    for obj in scenario.objectives:
        if obj.points <= 0:
            continue
        for m, way in _asks(obj.when, scenario):
            if way != meters[m].good:
                ctx.warn(obj.when.node, f"collective objective '{obj.id}' scores when {named(m)}, is {way}: is the "
                                        "meter's `good` or the comparison the wrong way round?")


def _lint(scenario: Scenario, rules: Rules, ctx: Ctx) -> None:
    """What is legal but probably wrong: warnings, with file:line:column."""
    _lint_start(scenario, rules, ctx)
    _directions(scenario, ctx)
    last_turn = max([scenario.length.turns, *scenario.length.choices.values()])
    moves = _meter_directions(scenario, rules)
    earliest = earliest_turns(scenario)
    for iid, inj in scenario.injects.items():
        first = earliest.get(iid)
        if inj.when is None and inj.after is None and inj.turn is not None and inj.turn > last_turn:
            ctx.warn(inj._node, f"inject '{iid}' can never fire: turn {inj.turn} comes after the last turn ({last_turn})")
        elif inj.after is not None and first is not None and first > last_turn:
            before = earliest.get(inj.after.inject, 1)
            why = (f"'{inj.after.inject}', which it follows, can never fire" if before > last_turn else
                   f"'{inj.after.inject}' fires on turn {before} at the earliest, and {inj.after.delay} turn(s) "
                   f"later is turn {first}")
            ctx.warn(mapping_get(inj._node, "after") or inj._node,
                     f"inject '{iid}' can never fire: {why}, after the last turn ({last_turn})")
        elif inj.when is not None and (why := _unreachable(inj.when, scenario, moves)):
            ctx.warn(inj.when.node, f"inject '{iid}' can never fire: {why}")
        for pt in inj.private:
            playable = [a for a in pt.to if a in scenario.actors and scenario.actors[a].playable]
            if not playable:
                ctx.warn(pt._node, f"a private text of inject '{iid}' is released to nobody who plays")
    objectives = [(o, "collective") for o in scenario.objectives]
    aimless = []
    for aid, actor in scenario.actors.items():
        objectives += [(o, aid) for o in actor.objectives]
        if actor.playable and actor.kind not in ("chair", "adversary") and not actor.objectives:
            aimless.append(aid)
    if aimless:
        ctx.warn(mapping_get(scenario._node, "actors") or scenario._node,
                 f"seats with no national objectives (their players are scored only on the collective "
                 f"ones): {', '.join(aimless)}")
    for obj, whose in objectives:
        why = _unreachable(obj.when, scenario, moves)
        if why:
            ctx.warn(obj.when.node, f"objective '{obj.id}' ({whose}) can never be met: {why}")
    idle = [aid for aid, a in scenario.actors.items()
            if a.playable and a.kind not in ("chair", "adversary") and not any(n > 0 for n in a.resources.values())]
    if idle:
        ctx.warn(mapping_get(scenario._node, "actors") or scenario._node,
                 f"seats with no resources (they can only pass when intelligence is shared and forces are "
                 f"pledged): {', '.join(idle)}")
    holders = {r for a in scenario.actors.values() for r, n in a.resources.items() if n > 0}
    for oid, opt in scenario.options.items():
        lacking = [r for r in opt.requires if r not in holders]
        if lacking:
            ctx.warn(opt._node, f"option '{oid}' needs {', '.join(lacking)}, which no delegation has: "
                                "it can never be resourced")
