"""Value types shared by the scenario and rules models: references, conditions, effects.

No YAML here: game.scenario.structure builds these from a file's nodes."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
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


class Requirement(Mapping):
    """What an operation needs pledged: resource id -> amount (read it as a mapping). Each resource
    is met by that resource alone (logistics never stands in for forces): the share of the
    requirement met is the lowest of the resources' shares. `all_of`: the resources each of which
    is indispensable: the Council may accept a shortfall in the others, never in these.
    Immutable."""

    __slots__ = ("_amounts", "all_of")

    def __init__(self, amounts: Mapping[str, int] | None = None, all_of: Iterable[str] = ()) -> None:
        object.__setattr__(self, "_amounts", dict(amounts or {}))
        object.__setattr__(self, "all_of", frozenset(all_of))

    def __setattr__(self, name, value):
        raise AttributeError("a Requirement cannot be changed")

    def __getitem__(self, key: str) -> int:
        return self._amounts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._amounts)

    def __len__(self) -> int:
        return len(self._amounts)

    # the dict's own views and get (Mapping's mixins are Python code; force generation asks often)
    def items(self):
        return self._amounts.items()

    def keys(self):
        return self._amounts.keys()

    def values(self):
        return self._amounts.values()

    def get(self, key, default=None):
        return self._amounts.get(key, default)

    def __contains__(self, key) -> bool:
        return key in self._amounts

    def __eq__(self, other) -> bool:
        if isinstance(other, Requirement):
            return self._amounts == other._amounts and self.all_of == other.all_of
        return isinstance(other, Mapping) and not self.all_of and self._amounts == dict(other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"Requirement({self._amounts!r}, all_of={sorted(self.all_of)!r})"

    def plus(self, other: "Requirement") -> "Requirement":
        """This requirement with another added to it (a parameter's to its option's)."""
        amounts = dict(self._amounts)
        for r, n in other.items():
            amounts[r] = amounts.get(r, 0) + n
        return Requirement(amounts, self.all_of | other.all_of)

    def positive(self) -> "Requirement":
        """Only the resources with something to pledge (a parameter may take some away)."""
        return Requirement({r: n for r, n in self._amounts.items() if n > 0},
                           (r for r in self.all_of if self._amounts.get(r, 0) > 0))

    def share_met(self, per: Mapping[str, float]) -> float:
        """The share of the requirement met, from each resource's share (0-1): the MINIMUM over its
        resources, each met by its own type (nothing else makes up for a missing one). A
        requirement of nothing is met in full."""
        return min((min(1.0, max(0.0, per.get(r, 0.0))) for r in self._amounts), default=1.0)


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
