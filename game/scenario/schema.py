"""A JSON Schema generated from the format's own model classes, so editors complete keys and flag
mistakes as authors type (the `# yaml-language-server: $schema=...` line in each file)."""
from __future__ import annotations

import json
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from game.scenario.structure import ID_RE, Ref
from game.core.model.types import Condition, Effect, ProposalCondition, Requirement
from game.core.model.scenario import Actor, Scenario

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict] = {}

    def ref(self, cls: type) -> dict:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder against recursion
            self.defs[name] = self.object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object(self, cls: type) -> dict:
        hints = typing.get_type_hints(cls)
        props, required = {}, []
        for f in attrs.fields(cls):
            if f.name.startswith("_") or not f.init:
                continue
            meta = dict(f.metadata)
            sch = self.type(hints[f.name], meta)
            if meta.get("doc"):
                sch = {**sch, "description": meta["doc"]}
            if f.default is not attrs.NOTHING and not isinstance(f.default, attrs.Factory) and \
                    isinstance(f.default, (int, float, str, bool)):
                sch["default"] = f.default
            props[f.name] = sch
            if f.default is attrs.NOTHING:
                required.append(f.name)
        out = {"type": "object", "properties": props, "additionalProperties": False}
        doc = (cls.__doc__ or "").strip().splitlines()
        if doc:
            out["description"] = doc[0]
        if cls is Actor:  # an actor built on a profile may leave the rest to the profile
            out["anyOf"] = [{"required": ["profile"]}, {"required": required}]
        elif required:
            out["required"] = required
        return out

    def type(self, tp: Any, meta: dict | None = None) -> dict:
        meta = meta or {}
        if tp is Any:
            return {}
        origin = get_origin(tp)
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            inner = self.type(args[0], meta)
            return {"anyOf": [inner, {"type": "null"}]}
        if origin is Literal:
            return {"enum": list(get_args(tp))}
        if origin in (list, tuple):
            return {"type": "array", "items": self.type(get_args(tp)[0], meta.get("items"))}
        if origin is dict:
            _k, v = get_args(tp)
            out = {"type": "object", "additionalProperties": self.type(v, meta.get("values"))}
            if meta.get("ids"):
                out["propertyNames"] = {"pattern": ID_RE.pattern}
            return out
        if isinstance(tp, type) and issubclass(tp, Effect):
            return {"type": "string", "description": "an effect, e.g. 'severity -= 5' or 'release(inject_id)'"}
        if isinstance(tp, type) and issubclass(tp, (Condition, ProposalCondition)):
            return {"type": ["string", "boolean"], "description": "a condition, e.g. 'severity >= 60 and turn > 2'"}
        if isinstance(tp, type) and issubclass(tp, Ref):
            return {"type": "string", "description": f"the id of a {tp.kind}"}
        if tp is Requirement:
            amounts = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1},
                       "propertyNames": {"pattern": ID_RE.pattern}, "minProperties": 1,
                       "description": "resources each of which is indispensable: resource id -> amount"}
            return {"type": "object", "properties": {"all_of": amounts},
                    "additionalProperties": {"type": "integer"}, "propertyNames": {"pattern": ID_RE.pattern},
                    "description": "resource id -> amount; all_of: the resources each needed"}
        if attrs.has(tp):
            shorthand = getattr(tp, "__shorthand__", None)
            if shorthand:  # the class's one required key may be written alone
                return {"anyOf": [{"type": "string", "description": f"the {shorthand} alone"}, self.ref(tp)]}
            return self.ref(tp)
        if tp is str:
            return {"type": "string", "pattern": ID_RE.pattern} if meta.get("id") else {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp in (int, float):
            out = {"type": "integer" if tp is int else "number"}
            if meta.get("min") is not None:
                out["minimum"] = meta["min"]
            if meta.get("max") is not None:
                out["maximum"] = meta["max"]
            return out
        raise TypeError(f"no schema for {tp!r}")


def scenario_schema() -> dict:
    b = _Builder()
    root = b.object(Scenario)
    # a library file: profiles of actors that scenarios include
    library = {"type": "object", "additionalProperties": False, "required": ["format_version", "kind", "profiles"],
               "properties": {"format_version": {"const": 1}, "kind": {"const": "library"},
                              "title": {"type": "string"},
                              "profiles": {"type": "object", "additionalProperties": b.ref(Actor),
                                           "propertyNames": {"pattern": ID_RE.pattern}}}}
    b.defs["Library"] = library
    return {"$schema": SCHEMA_URL, "$id": "consensus-scenario.schema.json",
            "title": "Consensus scenario (or library of profiles)",
            "description": "A crisis for Consensus; see docs/format.md. Generated by `python play.py schema`.",
            "if": {"properties": {"kind": {"const": "library"}}, "required": ["kind"]},
            "then": {"$ref": "#/$defs/Library"},
            "else": root, "$defs": b.defs}


def schema_text() -> str:
    return json.dumps(scenario_schema(), indent=2, sort_keys=False) + "\n"
