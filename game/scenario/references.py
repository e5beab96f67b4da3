"""Names and references: every name a scenario and its rules declare, and every reference and
expression checked against them in one pass (with a hint where a declaration looks like a typo)."""
from __future__ import annotations

import difflib

import yaml

from game.core import conditions
from game.core.errors import did_you_mean
from game.core.model.types import Effect, ProposalCondition
from game.scenario.structure import report_expr_error
from game.core.model.crisis import LoadedScenario, names_of  # noqa: F401  (names_of re-exported)
from game.scenario.structure import Ctx, mapping_get


def _keys(node: yaml.Node | None, *path: str) -> set[str]:
    """The keys of the mapping at `path` below `node`, read from the nodes (valid or not)."""
    for key in path:
        node = mapping_get(node, key) if isinstance(node, yaml.MappingNode) else None
    if not isinstance(node, yaml.MappingNode):
        return set()
    return {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def names_from_nodes(root: yaml.MappingNode, rules: yaml.MappingNode | None) -> conditions.Names:
    """Every name the scenario and its rules declare, even where other parts failed to load,
    so references and expressions are checked in the same pass as everything else."""
    params: dict[str, set[str]] = {}
    options = mapping_get(root, "options")
    if isinstance(options, yaml.MappingNode):
        for _k, opt in options.value:
            pnode = mapping_get(opt, "parameters") if isinstance(opt, yaml.MappingNode) else None
            for pname in _keys(pnode):
                params.setdefault(pname, set()).update(_keys(pnode, pname, "values"))
    return conditions.Names(
        meters=frozenset(_keys(root, "meters")), actors=frozenset(_keys(root, "actors")),
        options=frozenset(_keys(root, "options")), injects=frozenset(_keys(root, "injects")),
        resources=frozenset(_keys(rules, "resources") | _keys(root, "resources") | {"capital"}),
        stakes=frozenset(_keys(rules, "stakes") | _keys(root, "stakes")),
        caveats=frozenset(_keys(rules, "caveats")), bases=frozenset(_keys(rules, "legal_bases")),
        params={k: frozenset(v) for k, v in params.items()})


def _result_ids(rules: yaml.MappingNode | None) -> frozenset[str]:
    adj = mapping_get(rules, "adjudication") if isinstance(rules, yaml.MappingNode) else None
    results = mapping_get(adj, "results") if isinstance(adj, yaml.MappingNode) else None
    if not isinstance(results, yaml.SequenceNode):
        return frozenset()
    out = set()
    for item in results.value:
        r = mapping_get(item, "result") if isinstance(item, yaml.MappingNode) else None
        if isinstance(r, yaml.ScalarNode):
            out.add(r.value)
    return frozenset(out)


PLURAL = {"legal basis": "legal bases", "adjudication result": "adjudication results"}
RULE_KINDS = ("resource", "stake", "caveat", "legal basis", "objection reason", "adjudication result")


def check_references(root: yaml.MappingNode, rules_node: yaml.MappingNode | None, ctx: Ctx) -> None:
    """Every reference and expression, checked against the names the files declare. Where the
    rules could not be found, what they would declare is not checked (one problem, not twenty)."""
    names = names_from_nodes(root, rules_node)
    pools = {
        "actor": names.actors, "meter": names.meters, "resource": names.resources - {"capital"},
        "option": names.options, "inject": names.injects, "stake": names.stakes,
        "caveat": names.caveats, "legal basis": names.bases,
        "objection reason": frozenset(_keys(rules_node, "reasons")),
        "adjudication result": _result_ids(rules_node),
    }
    unknown = ctx.unknown  # (kind, name, line used on)
    for kind, value, node in ctx.refs:
        if rules_node is None and kind in RULE_KINDS:
            continue
        pool = pools[kind]
        if value not in pool:
            where = "" if pool else f" (the scenario declares no {PLURAL.get(kind, kind + 's')})"
            ctx.error(node, f"unknown {kind} '{value}'{where}{did_you_mean(value, pool)}")
            unknown.append((kind, value, node.start_mark.line + 1))
    if rules_node is None:
        return
    required = mapping_get(rules_node, "required_meters")
    missing_meters = isinstance(required, yaml.SequenceNode) and any(
        isinstance(m, yaml.ScalarNode) and m.value not in names.meters for m in required.value)
    rules_file = getattr(rules_node, "rules_file", getattr(rules_node, "file", None))
    for expr in ctx.exprs:
        try:
            if isinstance(expr, Effect):
                expr.fn = conditions.compile_effect(expr.tree, names)
            else:
                expr.fn = conditions.compile_condition(expr.tree, names, isinstance(expr, ProposalCondition))
        except conditions.ExprError as exc:
            if missing_meters and getattr(expr.node, "file", None) == rules_file:
                continue  # the missing meter is reported once, where meters are declared
            report_expr_error(ctx, expr.node, exc)
            if exc.unknown:
                unknown.append((*exc.unknown, ctx.problems[-1].line))
    used = names.used | {(kind, value) for kind, value, _ in ctx.refs}
    _point_at_renamed_declarations(root, unknown, used, ctx)


DECLARED_UNDER = {"actor": "actors", "meter": "meters", "option": "options", "inject": "injects"}
# where else a scenario itself declares names (the rules declare the rest)
ALSO_DECLARED_UNDER = {"resource": ("resources",), "stake": ("stakes",), "caveat": ("tune_rules", "caveats"),
                       "legal basis": ("tune_rules", "legal_bases")}


def _section(root: yaml.MappingNode, kind: str) -> yaml.Node | None:
    path = (DECLARED_UNDER[kind],) if kind in DECLARED_UNDER else ALSO_DECLARED_UNDER.get(kind, ())
    node = root if path else None
    for key in path:
        node = mapping_get(node, key) if isinstance(node, yaml.MappingNode) else None
    return node


def _point_at_renamed_declarations(root: yaml.MappingNode, unknown, used, ctx: Ctx) -> None:
    """A name used but not declared, next to a declared name that is nearly the same and used
    nowhere, is most often a typo where it is declared: say so there too, once per declaration."""
    hinted: set[tuple[str, str]] = set()
    for kind, value, line in unknown:
        section = _section(root, kind)
        if not isinstance(section, yaml.MappingNode):
            continue
        keys = {k.value: k for k, _ in section.value if isinstance(k, yaml.ScalarNode)}
        close = difflib.get_close_matches(value, list(keys), n=1, cutoff=0.75)
        if close and (kind, close[0]) not in hinted and (kind, close[0]) not in used:
            hinted.add((kind, close[0]))
            ctx.warn(keys[close[0]], f"{kind} '{close[0]}' is declared here, but '{value}' is used on line "
                                     f"{line}: is one of them a typo?")
