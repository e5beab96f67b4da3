"""Value types shared by the scenario and rules models: references, conditions, effects."""
from __future__ import annotations

from typing import Any, Callable

import attrs
import yaml

from game.core import conditions
from game.scenario.structure import Ctx, Ref, INVALID, describe


class ActorRef(Ref):
    kind = "actor"


class MeterRef(Ref):
    kind = "meter"


class ResourceRef(Ref):
    kind = "resource"


class OptionRef(Ref):
    kind = "option"


class InjectRef(Ref):
    kind = "inject"


class StakeRef(Ref):
    kind = "stake"


class CaveatRef(Ref):
    kind = "caveat"


class BasisRef(Ref):
    kind = "legal basis"


class ReasonRef(Ref):
    kind = "objection reason"


class ResultRef(Ref):
    kind = "adjudication result"


class ProfileRef(Ref):
    kind = "profile"


@attrs.define(eq=False)
class _Compiled:
    """Source text of a condition or effect, and its compiled closure (set by the loader)."""

    text: str
    tree: Any = attrs.field(default=None, repr=False)
    fn: Callable | None = attrs.field(default=None, repr=False)
    node: Any = attrs.field(default=None, repr=False)

    MODE = "condition"
    PROPOSAL = False

    def __eq__(self, other):
        return type(self) is type(other) and self.text == other.text

    def __hash__(self):
        return hash(self.text)

    def __str__(self):
        return self.text

    @classmethod
    def __structure_node__(cls, node: yaml.Node, ctx: Ctx):
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


class Condition(_Compiled):
    """A true/false test over the game's state (meters, turn, what was adopted ...)."""

    MODE = "condition"

    def __call__(self, env) -> bool:
        return self.fn(env)


class ProposalCondition(Condition):
    """A condition that may also ask about the proposal on the table (red lines)."""

    PROPOSAL = True


class Effect(_Compiled):
    """One change to the game: a meter, trust, capital, a resource, or an inject released."""

    MODE = "effect"

    def apply(self, draft, env) -> None:
        self.fn(draft, env)
