"""docs/reference.md, generated from the same model classes as the loader and the JSON Schema, so
the reference can never name a key the loader does not know (a test checks they agree)."""
from __future__ import annotations

import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from game.core import conditions
from game.scenario.procedure_doc import procedure_markdown
from game.scenario.structure import RETIRED, Ref
from game.core.model.types import Condition, Effect, Requirement
from game.core.model.rules import Rules
from game.core.model.scenario import Scenario


def _type_name(tp: Any) -> str:
    if tp is Any:
        return "mapping"
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        return _type_name(args[0]) + " (optional)"
    if origin is Literal:
        return "one of " + ", ".join(f"`{a}`" for a in get_args(tp))
    if origin in (list, tuple):
        return f"list of {_type_name(get_args(tp)[0])}"
    if origin is dict:
        k, v = get_args(tp)
        return f"mapping of id → {_type_name(v)}"
    if isinstance(tp, type) and issubclass(tp, Effect):
        return "effect"
    if isinstance(tp, type) and issubclass(tp, Condition):
        return "condition"
    if isinstance(tp, type) and issubclass(tp, Ref):
        return f"{tp.kind} id"
    if tp is Requirement:
        return ("mapping of resource id → whole number, and `all_of`: mapping of resource id → whole number "
                "(each of those resources indispensable)")
    if attrs.has(tp):
        link = f"[{tp.__label__}](#{tp.__label__.replace(' ', '-')})"
        shorthand = getattr(tp, "__shorthand__", None)
        return f"{link}, or its `{shorthand}` alone" if shorthand else link
    return {str: "text", int: "whole number", float: "number", bool: "true/false"}.get(tp, str(tp))


def _classes(root: type) -> list[type]:
    seen: list[type] = []

    def walk(tp):
        origin = get_origin(tp)
        if origin is not None:
            for a in get_args(tp):
                walk(a)
            return
        if isinstance(tp, type) and issubclass(tp, (Condition, Effect)):
            return
        if attrs.has(tp) and tp not in seen:
            seen.append(tp)
            for f in attrs.fields(tp):
                if f.init and not f.name.startswith("_"):
                    walk(typing.get_type_hints(tp)[f.name])
    walk(root)
    return seen


def _section(cls: type) -> list[str]:
    hints = typing.get_type_hints(cls)
    doc = (cls.__doc__ or "").strip().splitlines()
    lines = [f"### {cls.__label__}", ""]
    if doc:
        lines += [doc[0], ""]
    lines += ["| key | type | required | default | meaning |", "|---|---|---|---|---|"]
    for f in attrs.fields(cls):
        if not f.init or f.name.startswith("_"):
            continue
        meta = dict(f.metadata)
        required = "yes" if f.default is attrs.NOTHING else ""
        default = ""
        if f.default is not attrs.NOTHING and not isinstance(f.default, attrs.Factory) and f.default not in ((), None):
            default = f"`{f.default}`"
        rng = ""
        if meta.get("min") is not None or meta.get("max") is not None:
            rng = f" ({meta.get('min')}–{meta.get('max')})"
        lines.append(f"| `{f.name}` | {_type_name(hints[f.name])}{rng} | {required} | {default} | {meta.get('doc', '')} |")
    retired = RETIRED.get(cls)
    if retired:
        lines += ["", "Retired, and ignored with a warning so that older files and saves still load: "
                  + "; ".join(f"`{key}` ({why})" for key, why in retired.items()) + "."]
    return lines + [""]


def reference_markdown() -> str:
    out = ["# Scenario and rules reference", "",
           "Generated from the model by `python play.py reference -o docs/reference.md`; do not edit by hand. "
           "For a guided introduction see [authoring.md](authoring.md); for the format in prose, "
           "[format.md](format.md).", "", "## Scenario files", ""]
    for cls in _classes(Scenario):
        out += _section(cls)
    out += ["## Library files", "", "A library holds national profiles that scenarios include (`include:`) and "
            "build actors on (`profile:`), overriding what is particular to the crisis.", "",
            "| key | type | required | meaning |", "|---|---|---|---|",
            "| `format_version` | whole number | yes | the format version: 1 |",
            "| `kind` | `library` | yes | marks the file as a library |",
            "| `title` | text | | what the library holds |",
            "| `profiles` | mapping of id → [actor](#actor) | yes | each a complete actor that scenarios build on |", "",
            "## Rules files (rules/*.yaml)", ""]
    for cls in _classes(Rules):
        if cls not in _classes(Scenario):
            out += _section(cls)
    out += ["## Conditions", "", "A condition compares numbers and joins tests with `and`, `or`, `not`. "
            "Names: every meter id, and `turn`. Functions:", "", "| function | gives | meaning |", "|---|---|---|"]
    for name, (kinds, rtype, doc) in conditions.FUNCTIONS.items():
        args = ", ".join(kinds)
        where = " (red lines only)" if name in conditions.PROPOSAL_FUNCTIONS else ""
        out.append(f"| `{name}({args})` | {rtype} | {doc}{where} |")
    out += ["", "## Effects", "", "An effect changes one thing: `target += n`, `target -= n` or `target = n`, "
            "where the target is a meter id or one of:", "", "| target | meaning |", "|---|---|"]
    for name, (kinds, doc) in conditions.EFFECT_TARGETS.items():
        out.append(f"| `{name}({', '.join(kinds)})` | {doc} |")
    out += ["", "Or one of these calls:", "", "| effect | meaning |", "|---|---|"]
    for name, (kinds, doc) in conditions.EFFECT_CALLS.items():
        out.append(f"| `{name}({', '.join(kinds)})` | {doc} |")
    out.append("")
    out += procedure_markdown()
    return "\n".join(out)
