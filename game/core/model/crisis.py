"""A scenario with the rules it plays by: what the engine is given (the loader makes it)."""
from __future__ import annotations

import attrs

from game.core import conditions
from game.core.model.rules import Rules
from game.core.model.scenario import Scenario


@attrs.frozen
class LoadedScenario:
    """A scenario with the rules it plays by, checked and ready for the engine."""

    scenario: Scenario
    rules: Rules
    path: str
    sources: dict[str, str]  # display name -> exact text of every file it was built from
    digest: str  # sha256 over the sources: identifies this exact version
    warnings: tuple = ()  # problems that do not stop loading
    views: dict = attrs.field(factory=dict, init=False, eq=False, repr=False)  # derived, cached: seat lists, redacted copies

    @property
    def id(self) -> str:
        return self.scenario.id


def names_of(crisis: LoadedScenario) -> conditions.Names:
    """Every name a loaded scenario declares (for checking expressions written after loading)."""
    sc, rules = crisis.scenario, crisis.rules
    params: dict[str, set[str]] = {}
    for opt in sc.options.values():
        for pname, p in opt.parameters.items():
            params.setdefault(pname, set()).update(p.values)
    return conditions.Names(
        meters=frozenset(sc.meters), actors=frozenset(sc.actors), options=frozenset(sc.options),
        injects=frozenset(sc.injects), resources=frozenset(rules.resources) | frozenset(sc.resources) | {"capital"},
        stakes=frozenset(rules.stakes) | frozenset(sc.stakes), caveats=frozenset(rules.caveats),
        bases=frozenset(rules.legal_bases), params={k: frozenset(v) for k, v in params.items()})
