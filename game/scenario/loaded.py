"""A scenario once loaded: the checked scenario and the rules it plays by, as the engine receives
it (game.scenario.loader makes one; game.scenario.loader re-exports it for its callers)."""
from __future__ import annotations

import attrs

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
