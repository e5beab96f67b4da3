"""A scenario with the rules it plays by: what the engine is given (the loader makes it)."""
from __future__ import annotations

import attrs

from game.core import conditions
from game.core.actions import ShareIntel
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
    # Derived once, when it is made (immutable: nothing is cached on it later)
    seats: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)  # playable seats, adversaries excepted
    delegations: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)  # every seat but the chair's
    groups: dict[str, tuple[str, ...]] = attrs.field(init=False, eq=False, repr=False)  # members, partners, all
    chair: str = attrs.field(init=False, eq=False, repr=False)  # the chair's seat
    shares: dict[str, tuple] = attrs.field(init=False, eq=False, repr=False)  # seat -> every ShareIntel open to it
    silence: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)  # who answers under silence (no IO)
    mandated_options: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)  # options with a UNSC basis

    def __attrs_post_init__(self) -> None:
        actors = self.scenario.actors
        seats = tuple(a for a, x in actors.items() if x.playable and x.kind != "adversary")
        object.__setattr__(self, "seats", seats)
        object.__setattr__(self, "chair", next((a for a, x in actors.items() if x.kind == "chair"), ""))
        object.__setattr__(self, "delegations", tuple(a for a in seats if actors[a].kind != "chair"))
        object.__setattr__(self, "silence", tuple(a for a in self.delegations if actors[a].kind != "organisation"))
        object.__setattr__(self, "shares", {
            s: ((() if actors[s].positions.guards_intelligence else (ShareIntel(s, "all"),))
                + tuple(ShareIntel(s, a) for a in self.delegations if a != s)) for s in self.delegations})
        bases = self.rules.legal_bases
        object.__setattr__(self, "mandated_options", tuple(
            o for o, opt in self.scenario.options.items()
            if any(bases[b].needs == "security_council" for b in opt.legal_bases if b in bases)))
        object.__setattr__(self, "groups", {
            "members": tuple(a for a, x in actors.items() if x.kind == "member"),
            "partners": tuple(a for a, x in actors.items() if x.kind in ("partner", "host_nation")),
            "all": tuple(a for a, x in actors.items() if x.kind not in ("chair", "adversary"))})

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
