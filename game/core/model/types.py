"""Value types shared by the scenario and rules models: references, conditions, effects.

No YAML here: game.scenario.structure builds these from a file's nodes."""
from __future__ import annotations

from typing import Any, Callable

import attrs


class Ref(str):
    """A string that names something declared elsewhere in the scenario."""

    kind = "thing"


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
class Compiled:
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



class Condition(Compiled):
    """A true/false test over the game's state (meters, turn, what was adopted ...)."""

    MODE = "condition"

    def __call__(self, env) -> bool:
        return self.fn(env)


class ProposalCondition(Condition):
    """A condition that may also ask about the proposal on the table (red lines)."""

    PROPOSAL = True


class Effect(Compiled):
    """One change to the game: a meter, trust, capital, a resource, or an inject released."""

    MODE = "effect"

    def apply(self, draft, env) -> None:
        self.fn(draft, env)
