"""The small condition and effect language that scenario authors write.

Conditions read like arithmetic comparisons joined by `and`, `or` and `not`:

    severity >= 60 and turn > 2
    adopted(reinforce_estonia) and not consent(FIN)
    trust(SWE) < 40 or resource(USA, forces) <= 2

Effects change one thing each:

    severity -= 10
    trust(partners) += 5
    resource(EST, forces) -= 1
    release(cyber_followup)

Text is parsed once at load with Python's `ast` parser (syntax only), checked against an
allow-list (default-deny) and the scenario's own names, and compiled to closures. Nothing the
author writes is ever handed to `eval` or `exec`.
"""
from __future__ import annotations

import ast
import re
from typing import Any, Callable

import attrs

NUM = "number"
BOOL = "true/false"

# name -> (argument kinds, result type). Argument kinds name the namespace an argument is checked in.
FUNCTIONS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "adopted": (("option",), BOOL, "the option was adopted (by consensus or a coalition) at some point"),
    "succeeded": (("option",), BOOL, "the option was adjudicated a success or better"),
    "failed": (("option",), BOOL, "the option was adjudicated a failure"),
    "coalition": (("option",), BOOL, "the option was carried out by a coalition of the willing"),
    "mandate": (("option",), BOOL, "the option was adopted resting on a UN Security Council resolution"),
    "resolution": (("option",), BOOL, "a UN Security Council resolution authorising the option is in force"),
    "vetoed": (("option",), BOOL, "a permanent member vetoed a Security Council resolution sought for the option"),
    "attacked": (("actor",), BOOL, "an armed attack on the actor's territory has happened"),
    "article5": (("actor",), BOOL, "the Alliance adopted an operation under Article 5 for this Ally"),
    "fired": (("inject",), BOOL, "the inject has fired"),
    "trust": (("actor",), NUM, "the actor's trust in the Alliance (0-100)"),
    "capital": (("actor",), NUM, "the actor's political capital"),
    "resource": (("actor", "resource"), NUM, "how much of a resource the actor has left"),
    "consent": (("actor",), BOOL, "the host nation currently consents to operations on its soil"),
    "objected": (("actor",), BOOL, "the actor has objected to a proposal this game (a partner's objection, a "
                                   "'concern', counts too)"),
    "blocked": (("actor",), BOOL, "the actor was among those blocking a text that then failed, was withdrawn or "
                                  "went ahead as a coalition"),
    "art4": (("actor",), BOOL, "the member requested Article 4 consultations (at least once)"),
    "consulted": (("actor",), BOOL, "the Council held consultations the partner requested (at least once)"),
    "interoperability": (("actor",), NUM, "the actor's interoperability (0-1), with what capacity building built"),
    "resilience": (("actor",), NUM, "what capacity building has added to the partner's resilience (0 before)"),
    # about the proposal being weighed: red lines, and options' own conditions
    "proposed": (("option",), BOOL, "the proposal on the table is (or links) this option"),
    "stake": (("stake",), NUM, "how much the proposal on the table engages a stake"),
    "caveat": (("caveat",), BOOL, "the proposal on the table carries the caveat"),
    "basis": (("basis",), BOOL, "the proposal on the table rests on this legal basis"),
    "host": (("actor",), BOOL, "the proposal on the table acts on this actor's territory"),
    "param": (("param", "value"), BOOL, "the proposal's parameter has this value"),
    "min": ((NUM, NUM), NUM, "the smaller of two numbers"),
    "max": ((NUM, NUM), NUM, "the larger of two numbers"),
    "abs": ((NUM,), NUM, "a number without its sign"),
}
PROPOSAL_FUNCTIONS = {"proposed", "stake", "caveat", "basis", "host", "param"}
BUILTIN_NAMES = {"turn": (NUM, "the current turn, from 1")}
GROUPS = {"members", "partners", "all"}

EFFECT_TARGETS: dict[str, tuple[tuple[str, ...], str]] = {
    "trust": (("actor_or_group",), "trust in the Alliance of an actor, or of members/partners/all"),
    "capital": (("actor_or_group",), "political capital of an actor, or of members/partners/all"),
    "resource": (("actor", "resource"), "an actor's resource"),
}
EFFECT_CALLS: dict[str, tuple[tuple[str, ...], str]] = {
    "release": (("inject",), "fire an inject now (once)"),
    "withdraw_consent": (("actor",), "the host nation withdraws its consent: operations on its soil stop"),
    "grant_consent": (("actor",), "the host nation gives its consent again"),
    "armed_attack": (("actor", "actor"), "an armed attack on the first actor's territory by the second, shown to every "
                                         "seat (on an Ally, Article 5 may be invoked)"),
}


class ExprError(Exception):
    def __init__(self, message: str, line: int = 1, col: int = 0, unknown: tuple[str, str] | None = None):
        self.line, self.col = line, col  # col: 0-based character offset into the author's text
        self.unknown = unknown  # (kind, name) when the problem is a name nothing declares
        super().__init__(message)


@attrs.frozen
class Names:
    """What a scenario declares: the names an expression may use."""

    meters: frozenset[str]
    actors: frozenset[str]
    options: frozenset[str]
    injects: frozenset[str]
    resources: frozenset[str]
    stakes: frozenset[str]
    caveats: frozenset[str]
    bases: frozenset[str]
    params: dict[str, frozenset[str]]  # parameter name -> possible values
    used: set = attrs.field(factory=set, eq=False)  # (kind, name) resolved so far, for lint hints


from game.core.errors import did_you_mean as _suggest  # noqa: E402


@attrs.frozen
class Assignment:
    """A parsed effect that changes a value: `target += value`, `target -= value`, `target = value`."""

    target: ast.AST
    mode: str  # "add", "sub" or "set"
    value: ast.AST
    lineno: int = 1
    col_offset: int = 0


def _split_assignment(src: str) -> tuple[int, str] | None:
    """Position and operator of the top-level +=, -= or = in an effect, if any."""
    depth = 0
    for i, ch in enumerate(src):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and ch == "=":
            prev = src[i - 1] if i else ""
            nxt = src[i + 1] if i + 1 < len(src) else ""
            if nxt == "=" or prev in "=<>!":
                continue
            if prev in "+-":
                return i - 1, prev + "="
            return i, "="
    return None


_HINTS = [  # common slips, found before Python's own wording: (pattern, message)
    (re.compile(r"=>|=<"), "write >= or <=, not => or =<"),
    (re.compile(r"\b(AND|OR|NOT|And|Or|Not)\b"), "write and, or, not in lower case"),
    (re.compile(r"\d\s*%"), "write percentages as plain numbers (40, not 40%)"),
    (re.compile(r"(\band|\bor|\bnot|[<>=!+\-*/(,])\s*$"), "the text ends too soon: something is missing at the end"),
    (re.compile(r"&&|\|\|"), "write and / or, not && / ||"),
]


def _parse_expr(src: str, offset: int, what: str) -> ast.AST:
    try:
        tree = ast.parse(src, mode="eval").body
    except SyntaxError as exc:
        msg = exc.msg
        col = (exc.offset or 1) - 1
        if "Maybe you meant '=='" in msg:
            msg = "use == to compare, not ="
        for pattern, hint in _HINTS:
            m = pattern.search(src)
            if m:
                msg, col = hint, m.start()
                break
        raise ExprError(f"cannot read this {what}: {msg}", exc.lineno or 1, col + offset) from None
    if offset:
        for n in ast.walk(tree):
            if hasattr(n, "col_offset") and getattr(n, "lineno", 1) == 1:
                n.col_offset += offset
    return tree


def parse(text: str, mode: str):
    """Syntax only. mode: 'condition' or 'effect'. Column offsets in errors and in the tree are
    character offsets into `text` (a condition may run over several lines: a line break reads
    as a space)."""
    src = text.replace("\r", " ").replace("\n", " ").rstrip()
    lead = len(src) - len(src.lstrip())
    if not src.strip():
        raise ExprError(f"empty {mode}")
    split = _split_assignment(src)
    if mode == "condition":
        if split is not None:
            pos, op = split
            if op == "=":
                raise ExprError("use == to compare, not =", 1, pos)
            raise ExprError(f"a condition compares values; '{op}' belongs in an effect", 1, pos)
        return _parse_expr(src.lstrip(), lead, "condition")
    if split is None:
        return _parse_expr(src.lstrip(), lead, "effect")
    pos, op = split
    target_src = src[:pos]
    value_src = src[pos + len(op):]
    if not target_src.strip():
        raise ExprError("an effect needs something to change before " + op, 1, pos)
    if not value_src.strip():
        raise ExprError(f"an effect needs a value after {op}", 1, pos + len(op))
    t_lead = len(target_src) - len(target_src.lstrip())
    v_lead = len(value_src) - len(value_src.lstrip())
    target = _parse_expr(target_src.strip(), t_lead, "effect")
    value = _parse_expr(value_src.strip(), pos + len(op) + v_lead, "effect")
    return Assignment(target, {"+=": "add", "-=": "sub", "=": "set"}[op], value, 1, t_lead)


class _Checker:
    def __init__(self, names: Names, allow_proposal: bool):
        self.names = names
        self.allow_proposal = allow_proposal

    def fail(self, node: ast.AST, message: str, unknown: tuple[str, str] | None = None):
        raise ExprError(message, getattr(node, "lineno", 1), getattr(node, "col_offset", 0), unknown)

    def namespace(self, kind: str) -> frozenset[str]:
        n = self.names
        return {"option": n.options, "inject": n.injects, "actor": n.actors, "resource": n.resources,
                "stake": n.stakes, "caveat": n.caveats, "basis": n.bases,
                "param": frozenset(n.params), "actor_or_group": n.actors | GROUPS}[kind]

    def ident(self, node: ast.AST, kind: str) -> str:
        what = kind.replace("_or_group", "")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.fail(node, f"write ids without quotes: {node.value}, not \"{node.value}\"")
        if not isinstance(node, ast.Name):
            self.fail(node, f"expected the id of {_article(what)} {what} here")
        pool = self.namespace(kind)
        if node.id not in pool:
            what = kind.replace("_or_group", " (or members, partners, all)")
            self.fail(node, f"unknown {what} '{node.id}'{_suggest(node.id, pool)}", (what.split(" (")[0], node.id))
        self.names.used.add((what, node.id))
        return node.id

    # expressions -> (type, closure(env))
    def expr(self, node: ast.AST) -> tuple[str, Callable[[Any], Any]]:
        if isinstance(node, ast.BoolOp):
            parts = [self.expect(v, BOOL) for v in node.values]
            if isinstance(node.op, ast.And):
                return BOOL, lambda env, p=parts: all(f(env) for f in p)
            return BOOL, lambda env, p=parts: any(f(env) for f in p)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                f = self.expect(node.operand, BOOL)
                return BOOL, lambda env: not f(env)
            if isinstance(node.op, (ast.USub, ast.UAdd)):
                f = self.expect(node.operand, NUM)
                return NUM, (lambda env: -f(env)) if isinstance(node.op, ast.USub) else f
        if isinstance(node, ast.Compare):
            return BOOL, self.compare(node)
        if isinstance(node, ast.BinOp):
            ops = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
                   ast.Mult: lambda a, b: a * b,
                   ast.Div: lambda a, b: a / b if b else 0}
            op = ops.get(type(node.op))
            if op is None:
                self.fail(node, "only + - * / are allowed in arithmetic")
            a, b = self.expect(node.left, NUM), self.expect(node.right, NUM)
            return NUM, lambda env: op(a(env), b(env))
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool):
                return BOOL, lambda env, v=node.value: v
            if isinstance(node.value, (int, float)):
                return NUM, lambda env, v=node.value: v
            self.fail(node, "text in quotes is not used here: write ids without quotes")
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        self.fail(node, "this is not part of the condition language (see docs/format.md)")

    def name(self, node: ast.Name):
        n = node.id
        if n in ("true", "false"):
            return BOOL, lambda env, v=(n == "true"): v
        if n in BUILTIN_NAMES:
            return NUM, lambda env: env.turn
        if n in self.names.meters:
            self.names.used.add(("meter", n))
            return NUM, lambda env: env.meters[n]
        if n in FUNCTIONS:
            self.fail(node, f"'{n}' needs brackets: {n}(...)")
        pool = self.names.meters | set(BUILTIN_NAMES)
        self.fail(node, f"unknown name '{n}': not a meter{_suggest(n, pool | set(FUNCTIONS))}", ("meter", n))

    def call(self, node: ast.Call):
        if not isinstance(node.func, ast.Name):
            self.fail(node, "only the listed functions can be called")
        fname = node.func.id
        if fname not in FUNCTIONS:
            self.fail(node.func, f"unknown function '{fname}'{_suggest(fname, FUNCTIONS)}")
        if node.keywords:
            self.fail(node, f"{fname}(...) takes no named arguments")
        kinds, rtype, _doc = FUNCTIONS[fname]
        if fname in PROPOSAL_FUNCTIONS and not self.allow_proposal:
            self.fail(node.func, f"{fname}(...) is about a proposal on the table and can only be used "
                                 "in red lines")
        if len(node.args) != len(kinds):
            self.fail(node, f"{fname}(...) takes {len(kinds)} argument(s), got {len(node.args)}")
        if fname == "param":
            pname = self.ident(node.args[0], "param")
            val = node.args[1]
            if not isinstance(val, ast.Name) or val.id not in self.names.params[pname]:
                shown = val.id if isinstance(val, ast.Name) else "this"
                self.fail(val, f"'{shown}' is not a value of parameter '{pname}'"
                          + _suggest(shown, self.names.params[pname]))
            return BOOL, lambda env, p=pname, v=val.id: env.param(p) == v
        if kinds and kinds[0] == NUM:
            fs = [self.expect(a, NUM) for a in node.args]
            impl = {"min": min, "max": max, "abs": abs}[fname]
            return NUM, lambda env: impl(*(f(env) for f in fs))
        args = tuple(self.ident(a, k) for a, k in zip(node.args, kinds))
        method = getattr_env(fname)
        return rtype, lambda env: method(env, *args)

    def compare(self, node: ast.Compare):
        ops = {ast.Lt: lambda a, b: a < b, ast.LtE: lambda a, b: a <= b, ast.Gt: lambda a, b: a > b,
               ast.GtE: lambda a, b: a >= b, ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b}
        parts = [node.left, *node.comparators]
        typed = [self.expr(p) for p in parts]
        for (t, _), p in zip(typed, parts):
            if t != typed[0][0]:
                self.fail(p, f"cannot compare {typed[0][0]} with {t}")
        for op in node.ops:
            if type(op) not in ops:
                self.fail(node, "use <, <=, >, >=, == or != to compare")
            if typed[0][0] == BOOL and type(op) not in (ast.Eq, ast.NotEq):
                self.fail(node, "true/false values can only be compared with == or !=")
        fns = [f for _, f in typed]
        opfs = [ops[type(o)] for o in node.ops]

        def run(env):
            values = [f(env) for f in fns]
            return all(op(values[i], values[i + 1]) for i, op in enumerate(opfs))
        return run

    def expect(self, node: ast.AST, want: str):
        t, f = self.expr(node)
        if t != want:
            self.fail(node, f"expected {want} here, got {t}")
        return f

    # effects -> closure(draft, env)
    def effect(self, node) -> Callable[[Any, Any], None]:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            fname = node.func.id
            if fname not in EFFECT_CALLS:
                if fname in EFFECT_TARGETS:
                    self.fail(node, f"say how {fname}(...) changes: e.g. '{fname}(...) += 5'")
                self.fail(node.func, f"unknown effect '{fname}'{_suggest(fname, EFFECT_CALLS)}")
            kinds, _ = EFFECT_CALLS[fname]
            if len(node.args) != len(kinds) or node.keywords:
                self.fail(node, f"{fname}(...) takes {len(kinds)} argument(s)")
            args = tuple(self.ident(a, k) for a, k in zip(node.args, kinds))
            return lambda draft, env: getattr(draft, fname)(*args)
        if not isinstance(node, Assignment):
            self.fail(node, "an effect must change something: e.g. 'severity -= 5' or 'release(inject_id)'")
        value = self.expect(node.value, NUM)
        target = node.target
        if isinstance(target, ast.Name):
            if target.id not in self.names.meters:
                self.fail(target, f"unknown meter '{target.id}'{_suggest(target.id, self.names.meters)}",
                          ("meter", target.id))
            self.names.used.add(("meter", target.id))
            key = ("meter", target.id)
        elif isinstance(target, ast.Call) and isinstance(target.func, ast.Name) \
                and target.func.id in EFFECT_TARGETS:
            kinds, _ = EFFECT_TARGETS[target.func.id]
            if len(target.args) != len(kinds):
                self.fail(target, f"{target.func.id}(...) takes {len(kinds)} argument(s)")
            key = (target.func.id, *(self.ident(a, k) for a, k in zip(target.args, kinds)))
        else:
            self.fail(target, "an effect changes a meter, trust(...), capital(...) or resource(...)")
        mode = node.mode
        return lambda draft, env: draft.change(key, mode, value(env))


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def getattr_env(fname: str) -> Callable:
    def call(env, *args):
        return getattr(env, fname)(*args)
    return call


def compile_condition(tree: ast.AST, names: Names, allow_proposal: bool = False):
    checker = _Checker(names, allow_proposal)
    return checker.expect(tree, BOOL)


def compile_effect(tree, names: Names):
    return _Checker(names, False).effect(tree)
