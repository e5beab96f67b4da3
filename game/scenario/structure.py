"""Turn composed YAML nodes into the engine's frozen attrs classes, collecting every problem.

One small, generic structurer driven by the classes' type hints and field metadata:
- unknown keys are errors (with "did you mean"), duplicate keys are errors; a key the format once
  had and has retired (RETIRED) is ignored with a warning, so older files and saves still load;
- wrong types and out-of-range values name the file, line and column of the value;
- references (actor, meter, option ...) are recorded with their node and checked once all ids
  are known, so a missing actor is reported where it is named;
- conditions and effects are parsed here and type-checked later against the scenario's names.
"""
from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

import attrs
import yaml

from game.core import conditions
from game.core.errors import Problem, did_you_mean
from game.core.model.rules import Costs, Procedure
from game.core.model.scenario import Option, SecurityCouncil
from game.core.model.types import Compiled, Ref, Requirement, ResourceRef  # noqa: F401  (Ref re-exported)

INVALID = object()  # a value that could not be structured (its problem is already recorded)
KEY_ORDER: dict[type, tuple[str, ...]] = {}  # the order files write a class's keys in, where not its fields' order
ID_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Keys a class once had and has retired -> why. Saves and game databases embed the rules text they
# were played with, so a file written before a key retired must still load (and replay): such a
# key is ignored with a warning, never an error. Add a key here when the format drops one.
RETIRED: dict[type, dict[str, str]] = {
    Procedure: {"consultation_rounds": "the engine never read it"},
    Costs: {"art4_request": "Article 4 consultations are a member's right: asking costs nothing",
            "concession_max": "the chair pays no one: there are no concessions to cap"},
    SecurityCouncil: {"veto_chance": "the Council votes: list the permanent members not at the table and the "
                                     "elected members' votes (see docs/reference.md)"},
    Option: {"self_defence_when": "collective defence rests on an armed attack on an Ally (an inject's "
                                  "armed_attack), not on a condition"},
}

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"




class Ctx:
    """Collects problems, references and expressions while structuring one scenario."""

    def __init__(self, sources: dict[str, str] | None = None) -> None:
        self.sources = sources if sources is not None else {}  # file -> text, to locate inside scalars
        self.problems: list[Problem] = []
        self.refs: list[tuple[str, str, yaml.Node]] = []
        self.exprs: list[tuple[Any, yaml.Node]] = []
        self.missing: list[tuple[yaml.MappingNode, str, str, Problem]] = []  # (mapping, label, key it lacks, problem)
        self.unknown: list[tuple[str, str, int]] = []  # (kind, name, line): names used, declared nowhere
        self._constructor = yaml.constructor.SafeConstructor()

    def error(self, node: yaml.Node | None, message: str, line_offset: int = 0,
              column: int | None = None, severity: str = "error") -> None:
        if node is None:
            self.problems.append(Problem("<unknown>", 1, 1, message, severity))
            return
        line = node.start_mark.line + 1 + line_offset
        col = node.start_mark.column + 1 if column is None else column
        self.problems.append(Problem(getattr(node, "file", "<string>"), line, col, message, severity))

    def warn(self, node: yaml.Node | None, message: str) -> None:
        self.error(node, message, severity="warning")

    def error_at(self, node: yaml.ScalarNode, offset: int, message: str) -> None:
        """A problem at character `offset` of a scalar's value, located in its file."""
        line, col = locate(node, offset, self.sources.get(getattr(node, "file", ""), ""))
        self.problems.append(Problem(getattr(node, "file", "<string>"), line, col, message))

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        return self._constructor.construct_object(node, deep=True)


def describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping of keys"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "nothing (an empty value)"
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    kind = {_INT: "the number", _FLOAT: "the number", _BOOL: "the value"}.get(node.tag, "the text")
    return f"{kind} '{shown}'"


def mapping_items(node: yaml.MappingNode, ctx: Ctx) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """Key/value pairs of a mapping with their key nodes; reports non-text and duplicate keys."""
    seen: dict[str, yaml.Node] = {}
    items = []
    for knode, vnode in node.value:
        if not isinstance(knode, yaml.ScalarNode):
            ctx.error(knode, "a key must be a plain name, not a list or mapping")
            continue
        key = knode.value
        if key in seen:
            ctx.error(knode, f"duplicate key '{key}' (first given on line {seen[key].start_mark.line + 1})")
            continue
        seen[key] = knode
        items.append((key, knode, vnode))
    return items


def mapping_get(root: yaml.MappingNode, key: str) -> yaml.Node | None:
    """The value under `key` in a mapping node (valid or not), or None."""
    for k, v in root.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def _hints(cls: type) -> dict[str, Any]:
    cached = cls.__dict__.get("_structure_hints")
    if cached is None:
        cached = typing.get_type_hints(cls)
        cls._structure_hints = cached
    return cached


def node_text(node: yaml.Node) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) else ""


def locate(node: yaml.ScalarNode, offset: int, text: str) -> tuple[int, int]:
    """(line, column), 1-based, in the file of character `offset` of a scalar's value.

    YAML folding and block indentation change only whitespace, so the n-th non-blank character
    of the value is the n-th non-blank character of the scalar's text in the file."""
    mark = node.start_mark
    if not text or getattr(mark, "index", None) is None:
        return mark.line + 1, mark.column + 1 + offset
    pos = mark.index
    if node.style in ('"', "'"):
        pos += 1
    elif node.style in ("|", ">"):
        nl = text.find("\n", pos)
        pos = len(text) if nl < 0 else nl + 1
    target = sum(1 for ch in node.value[:offset] if not ch.isspace())
    end = node.end_mark.index if getattr(node.end_mark, "index", None) is not None else len(text)
    seen = 0
    while pos < end:
        if not text[pos].isspace():
            if seen == target:
                break
            seen += 1
        pos += 1
    pos = min(pos, max(end - 1, mark.index))
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, col


def structure(node: yaml.Node, tp: Any, ctx: Ctx, meta: dict | None = None) -> Any:
    meta = meta or {}
    if tp is Any:  # free-form data checked elsewhere (e.g. tune_rules, merged into the rules)
        return ctx.scalar(node)
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return None
        if len(args) == 1:
            return structure(node, args[0], ctx, meta)
        raise TypeError(f"unsupported union {tp}")  # programming error in the model
    if origin is Literal:
        choices = get_args(tp)
        if isinstance(node, yaml.ScalarNode) and node.value in choices:
            return node.value
        ctx.error(node, f"expected one of {', '.join(map(str, choices))}; got {describe(node)}"
                  + did_you_mean(node_text(node), choices, list_up_to=0))
        return INVALID
    if origin in (list, tuple):
        (item_tp, *_rest) = get_args(tp)
        if not isinstance(node, yaml.SequenceNode):
            if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
                return ()
            ctx.error(node, f"expected a list, got {describe(node)}")
            return INVALID
        item_meta = {**(meta.get("items") or {}), "_siblings": node}
        items = [structure(n, item_tp, ctx, item_meta) for n in node.value]
        return INVALID if any(i is INVALID for i in items) else tuple(items)
    if origin is dict:
        key_tp, val_tp = get_args(tp)
        if not isinstance(node, yaml.MappingNode):
            if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
                return {}
            ctx.error(node, f"expected a mapping of keys, got {describe(node)}")
            return INVALID
        out = {}
        bad = False
        for key, knode, vnode in mapping_items(node, ctx):
            k = structure(knode, key_tp, ctx, {"id": meta.get("ids", False)})
            v = structure(vnode, val_tp, ctx, {**(meta.get("values") or {}), "_entry": key, "_siblings": node})
            if k is INVALID or v is INVALID:
                bad = True
            else:
                out[k] = v
        return INVALID if bad else out
    if isinstance(tp, type) and issubclass(tp, Compiled):
        return structure_expr(tp, node, ctx)
    if tp is Requirement:
        return structure_requirement(node, ctx)
    if attrs.has(tp):
        return structure_attrs(node, tp, ctx, meta.get("_entry"), meta.get("_siblings"))
    if isinstance(tp, type) and issubclass(tp, Ref):
        if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL:
            ctx.error(node, f"expected the id of a {tp.kind}, got {describe(node)}")
            return INVALID
        ctx.refs.append((tp.kind, node.value, node))
        return tp(node.value)
    if tp is str:
        if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL:
            ctx.error(node, f"expected text, got {describe(node)}")
            return INVALID
        if meta.get("id") and not ID_RE.match(node.value):
            ctx.error(node, f"'{node.value}' is not a valid id: use letters, digits and _ "
                            "and start with a letter or _")
            return INVALID
        return node.value
    if tp is bool:
        if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL:
            return ctx.scalar(node)
        ctx.error(node, f"expected true or false, got {describe(node)}")
        return INVALID
    if tp in (int, float):
        ok_tags = (_INT,) if tp is int else (_INT, _FLOAT)
        if not isinstance(node, yaml.ScalarNode) or node.tag not in ok_tags:
            want = "a whole number" if tp is int else "a number"
            ctx.error(node, f"expected {want}, got {describe(node)}")
            return INVALID
        value = tp(ctx.scalar(node))
        lo, hi = meta.get("min"), meta.get("max")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            rng = f"between {lo:g} and {hi:g}" if lo is not None and hi is not None else (
                f"at least {lo:g}" if lo is not None else f"at most {hi:g}")
            ctx.error(node, f"{value:g} is out of range: must be {rng}")
            return INVALID
        return value
    raise TypeError(f"cannot structure {tp!r}")  # programming error in the model


def _last_line(node: yaml.Node, text: str) -> int:
    """1-based line of the last character of a node's text. A block collection's end mark lies at
    the next token (past blank lines and comments), so this looks at its last value instead."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    end = node.end_mark
    if text and getattr(end, "index", None) is not None and end.index <= len(text):
        pos = end.index
        while pos > node.start_mark.index + 1 and text[pos - 1].isspace():
            pos -= 1
        return text.count("\n", 0, pos - 1) + 1
    return end.line + (1 if end.column > 0 else 0)


def _missing_key_place(node: yaml.MappingNode, name: str, fields: tuple[str, ...], siblings: yaml.Node | None,
                       ctx: Ctx) -> tuple[int, int, str, int]:
    """Where a missing key would go in a mapping: (line, column, 'before/after ...', last line).

    The order is the one the mapping's siblings (the other entries of the same list or mapping)
    write their keys in, and the class's usual order (KEY_ORDER, else its fields) where they do not say."""
    file = getattr(node, "file", None)
    present = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and getattr(k, "file", file) == file]
    text = ctx.sources.get(file or "", "")
    if not present:
        return node.start_mark.line + 1, node.start_mark.column + 1, "", node.start_mark.line + 1
    orders = []
    for sib in (siblings.value if siblings is not None else ()):
        sib = sib[1] if isinstance(sib, tuple) else sib
        if isinstance(sib, yaml.MappingNode) and sib is not node:
            keys = [k.value for k, _ in sib.value if isinstance(k, yaml.ScalarNode)]
            if name in keys:
                orders.append(keys)
    rank = {f: i for i, f in enumerate(fields)}
    scores = []  # > 0: this present key usually comes before the missing one
    for k, _ in present:
        score = sum((o.index(k.value) < o.index(name)) - (o.index(k.value) > o.index(name))
                    for o in orders if k.value in o)
        if k.value in rank:
            score += 0.5 if rank[k.value] < rank[name] else -0.5
        scores.append(score)
    best, best_at = None, 0
    for i in range(len(present) + 1):
        agree = sum(scores[:i]) - sum(scores[i:])
        if best is None or agree > best:
            best, best_at = agree, i
    last = _last_line(node, text)
    if best_at < len(present):
        k = present[best_at][0]
        return k.start_mark.line + 1, k.start_mark.column + 1, f"before '{k.value}'", last
    k, v = present[-1]
    return _last_line(v, text), k.start_mark.column + 1, f"after '{k.value}'", last


def what_of(label: str, entry: str | None) -> str:
    return f"{label} '{entry}'" if entry is not None else label


def _usual_order(siblings: yaml.Node | None, node: yaml.Node) -> dict[tuple[str, str], int]:
    """(a, b) -> how many of a mapping's siblings give key a before key b, minus how many after."""
    score: dict[tuple[str, str], int] = {}
    for sib in (siblings.value if siblings is not None else ()):
        sib = sib[1] if isinstance(sib, tuple) else sib
        if isinstance(sib, yaml.MappingNode) and sib is not node:
            keys = [k.value for k, _ in sib.value if isinstance(k, yaml.ScalarNode)]
            for i, a in enumerate(keys):
                for b in keys[i + 1:]:
                    score[a, b] = score.get((a, b), 0) + 1
                    score[b, a] = score.get((b, a), 0) - 1
    return score


def _merged_entry(node: yaml.MappingNode, label: str, entry: str | None, siblings: yaml.Node,
                  ctx: Ctx) -> None:
    """An entry that repeats its own keys has most often swallowed the next entry, whose first
    line ('SLF:', '- title: ...') was lost: point at where that entry seems to start. Only where
    the place is clear: a blank line or comment above it, or keys out of their usual order."""
    file = getattr(node, "file", None)
    keys = [k for k, _ in node.value if isinstance(k, yaml.ScalarNode) and getattr(k, "file", file) == file]
    names = [k.value for k in keys]
    dup = next((i for i, n in enumerate(names) if n in names[:i]), None)
    if dup is None:
        return
    start = dup
    while start > 1 and names[start - 1] not in names[start:dup + 1]:
        start -= 1
    text = ctx.sources.get(file or "", "")
    lines = text.split("\n") if text else []
    order = _usual_order(siblings, node)
    def evidence(i: int) -> float:  # < 0: the keys look like they start again at key i
        line = keys[i].start_mark.line
        above = lines[line - 1].strip() if 0 < line <= len(lines) else "x"
        if not above or above.startswith("#"):
            return float("-inf")
        return order.get((names[i - 1], names[i]), 0)
    at = min(range(start, dup + 1), key=evidence)
    if evidence(at) >= 0:
        return
    repeated = [n for n in names[at:] if n in names[:at]]
    what = f"{label} '{entry}'" if entry is not None else f"the {label} above"
    ctx.error(keys[at], f"the keys from here repeat keys of {what} ({', '.join(repeated)}): is the line "
                        f"that starts a new {label} missing above this one?")


def structure_attrs(node: yaml.Node, cls: type, ctx: Ctx, entry: str | None = None,
                    siblings: yaml.Node | None = None) -> Any:
    shorthand = getattr(cls, "__shorthand__", None)
    if shorthand and isinstance(node, yaml.ScalarNode) and node.tag != _NULL:
        node = yaml.MappingNode("tag:yaml.org,2002:map", [
            (yaml.ScalarNode(_STR, shorthand, node.start_mark, node.end_mark), node)],
            node.start_mark, node.end_mark)
        node.value[0][0].file = node.value[0][1].file
        node.file = node.value[0][1].file
    label = getattr(cls, "__label__", cls.__name__.lower())
    if getattr(node, "misplaced", False):  # in the wrong section: reported once, for the section
        return INVALID
    if not isinstance(node, yaml.MappingNode):
        ctx.error(node, f"expected a mapping of keys for {label}, got {describe(node)}")
        return INVALID
    fields = {f.name: f for f in attrs.fields(cls) if not f.name.startswith("_") and f.init}
    hints = _hints(cls)
    given = mapping_items(node, ctx)
    if siblings is not None and len(given) < len(node.value):
        _merged_entry(node, label, entry, siblings, ctx)
    kwargs: dict[str, Any] = {}
    value_nodes: dict[str, yaml.Node] = {}
    unknown = []
    bad = False
    retired = RETIRED.get(cls, {})
    for key, knode, vnode in given:
        f = fields.get(key)
        if f is None and key in retired:
            ctx.warn(knode, f"'{key}' is no longer used ({retired[key]}) and is ignored")
            continue
        if f is None:
            unknown.append((key, knode))
            continue
        value = structure(vnode, hints[key], ctx, dict(f.metadata))
        value_nodes[key] = vnode
        if value is INVALID:
            bad = True
        else:
            kwargs[key] = value
    missing = [name for name, f in fields.items()
               if f.default is attrs.NOTHING and name not in value_nodes]
    for key, knode in unknown:
        close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.75)
        if close:
            msg = f"unknown key '{key}' in {label} — did you mean '{close[0]}'?"
            if close[0] in missing:
                missing.remove(close[0])
        else:
            allowed = ", ".join(sorted(fields))
            msg = f"unknown key '{key}' in {label}; allowed keys: {allowed}"
        ctx.error(knode, msg)
        bad = True
    if getattr(node, "incomplete", False):  # its profile is unknown: that one problem is enough
        missing = []
        bad = True
    profile = " (or a 'profile:' that gives it)" if "profile" in fields and "profile" not in value_nodes else ""
    for name in missing:
        if name in getattr(node, "explained", ()):  # already reported in better words
            bad = True
            continue
        line, col, where, last = _missing_key_place(node, name, KEY_ORDER.get(cls) or tuple(fields), siblings, ctx)
        what = what_of(label, entry)
        if siblings is not None:  # an entry among others: say which lines it spans
            first = node.start_mark.line + 1
            what += f" (line {first})" if last <= first else f" (lines {first}-{last})"
        ctx.problems.append(Problem(getattr(node, "file", "<string>"), line, col,
                                    f"{what} is missing the required key '{name}'"
                                    + (f": add it here, {where}" if where else "") + profile))
        ctx.missing.append((node, what_of(label, entry), name, ctx.problems[-1]))
        bad = True
    if bad:
        return INVALID
    try:
        obj = cls(**kwargs)
    except (ValueError, TypeError) as exc:  # attrs validators: report on the mapping
        ctx.error(node, str(exc))
        return INVALID
    check = getattr(obj, "__check__", None)
    if check is not None:
        def report(field: str | None, message: str, index: int | None = None, severity: str = "error") -> None:
            where = value_nodes.get(field, node) if field else node
            if index is not None and isinstance(where, yaml.SequenceNode) and index < len(where.value):
                where = where.value[index]
                if isinstance(where, yaml.MappingNode):  # point at the item's id when it has one
                    where = next((v for k, v in where.value if getattr(k, "value", None) == "id"), where)
            ctx.error(where, message, severity=severity)
        check(report)
    if "_node" in attrs.fields_dict(cls):
        object.__setattr__(obj, "_node", node)
    return obj


ALL_OF = "all_of"


def structure_requirement(node: yaml.Node, ctx: Ctx) -> Requirement | object:
    """`requires`: resource id -> amount, and `all_of:` the resources each of which is needed
    (resource id -> amount). A resource is given once, directly or under all_of."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
        return Requirement()
    if not isinstance(node, yaml.MappingNode):
        ctx.error(node, f"expected a mapping of resource -> amount (and all_of:), got {describe(node)}")
        return INVALID
    amounts: dict[str, int] = {}
    direct: dict[str, yaml.Node] = {}
    essential: list[str] = []
    bad = False
    for key, knode, vnode in mapping_items(node, ctx):
        if key == ALL_OF:
            items = structure(vnode, dict[ResourceRef, int], ctx, {"values": {"min": 1, "max": 1000}})
            if items is INVALID:
                bad = True
                continue
            if not items:
                ctx.error(vnode, "all_of lists no resources: give resource -> amount, e.g. all_of: {forces: 2}")
                bad = True
            key_nodes = {k.value: k for k, _ in vnode.value if isinstance(k, yaml.ScalarNode)}
            for r, n in items.items():
                if r in direct:
                    ctx.error(key_nodes[r], f"'{r}' is given both directly (line {direct[r].start_mark.line + 1}) and under "
                                    "all_of: give it once (under all_of if it is indispensable)")
                    bad = True
                amounts[r] = n
                essential.append(r)
            continue
        if difflib.get_close_matches(key, [ALL_OF], n=1, cutoff=0.75) or key.replace("-", "_").lower() == ALL_OF:
            ctx.error(knode, f"unknown key '{key}' in requires — did you mean '{ALL_OF}'?")
            bad = True
            continue
        ref = structure(knode, ResourceRef, ctx)
        value = structure(vnode, int, ctx)
        if ref is INVALID or value is INVALID:
            bad = True
            continue
        if ref in essential:
            ctx.error(knode, f"'{ref}' is given both directly and under all_of: give it once "
                             "(under all_of if it is indispensable)")
            bad = True
        direct[ref] = knode
        amounts[ref] = value
    return INVALID if bad else Requirement(amounts, essential)


def structure_expr(cls: type, node: yaml.Node, ctx: Ctx):
    """A condition or effect: its text, parsed once here (type-checked once all names are known)."""
    if not isinstance(node, yaml.ScalarNode) or node.tag in (
            "tag:yaml.org,2002:null", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        ctx.error(node, f"expected a {cls.MODE} written as text, got {describe(node)}")
        return INVALID
    if node.tag == "tag:yaml.org,2002:bool" and cls.MODE == "condition":
        text = node.value.lower()
        text = "true" if text in ("true", "yes", "on") else "false"
    else:
        text = node.value
    obj = cls(text=text, node=node)
    try:
        obj.tree = conditions.parse(text, cls.MODE)
    except conditions.ExprError as exc:
        report_expr_error(ctx, node, exc)
        return INVALID
    ctx.exprs.append(obj)
    return obj


def report_expr_error(ctx: Ctx, node: yaml.ScalarNode, exc: conditions.ExprError) -> None:
    ctx.error_at(node, exc.col, str(exc))
