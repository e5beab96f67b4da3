"""What conditions read (Env) and what effects write (Draft), over one game state."""
from __future__ import annotations

from typing import TYPE_CHECKING

from game.core.capacity import interoperability_of, resilience_of
from game.core.state import GameState, Proposal

if TYPE_CHECKING:
    from game.core.model.crisis import LoadedScenario


def proposal_stakes(crisis: "LoadedScenario", proposal: Proposal) -> dict[str, float]:
    sc, rules = crisis.scenario, crisis.rules
    out: dict[str, float] = {}

    def add(d):
        for k, v in d.items():
            out[k] = out.get(k, 0) + v
    for oid in proposal.options:
        opt = sc.options[oid]
        add(opt.stakes)
        for pname, value in proposal.params:
            p = opt.parameters.get(pname)
            if p is not None and value in p.values:
                add(p.values[value].stakes)
    for cav in proposal.caveats:
        add(rules.caveats[cav].stakes)
    return out


class Env:
    """Read-only view for conditions. Only public facts of the game: meters, turn, decisions."""

    __slots__ = ("state", "crisis", "proposal", "meters", "turn", "_stakes")

    def __init__(self, state: GameState, crisis: "LoadedScenario", proposal: Proposal | None = None,
                 meters: dict | None = None, stakes: dict[str, float] | None = None):
        self.state = state
        self.crisis = crisis
        self.proposal = proposal
        self.meters = state.meters if meters is None else meters
        self.turn = state.turn
        self._stakes = stakes  # proposal_stakes(crisis, proposal), when the caller has it already

    def _ops(self, option: str):
        return [o for o in self.state.operations if o.option == option]

    def adopted(self, option):
        return bool(self._ops(option))

    def succeeded(self, option):
        good = self.crisis.rules.adjudication.success_results
        return any(r in good for o in self._ops(option) for _, r in o.results)

    def failed(self, option):
        return any(r == "failure" for o in self._ops(option) for _, r in o.results)

    def coalition(self, option):
        return any(o.coalition for o in self._ops(option))

    def mandate(self, option):
        return any(o.mandate for o in self._ops(option))

    def resolution(self, option):
        return any(r.option == option and r.in_force for r in self.state.resolutions)

    def attacked(self, actor):
        return any(on == actor for on, _, _ in self.state.attacks)

    def article5(self, actor):
        bases = self.crisis.rules.legal_bases
        return any(o.proposal.host == actor and bases[o.proposal.basis].needs == "collective_defence"
                   for o in self.state.operations)

    def fired(self, inject):
        return inject in self.state.fired

    def trust(self, actor):
        return self.state.trust.get(actor, 0)

    def capital(self, actor):
        return self.state.capital.get(actor, 0)

    def resource(self, actor, res):
        if res == "capital":
            return self.state.capital.get(actor, 0)
        return self.state.resources.get(actor, {}).get(res, 0)

    def consent(self, actor):
        return self.state.consent.get(actor, True)

    def objected(self, actor):
        return any(a == actor and s in ("object", "concern") for d in self.state.decisions for _, a, s, _ in d.stances)

    def blocked(self, actor):
        return any(actor in d.blocked_by for d in self.state.decisions if d.outcome in ("failed", "withdrawn", "coalition"))

    def vetoed(self, option):
        return any(r.option == option and r.status == "vetoed" for r in self.state.resolutions) or any(
            o.status == "vetoed" for o in self._ops(option))

    def art4(self, actor):
        return actor in self.state.art4

    # partners (issue 17, item 3)
    def consulted(self, actor):
        return self.state.consulted(actor)

    def interoperability(self, actor):
        return interoperability_of(self.crisis, self.state, actor)

    def resilience(self, actor):
        return resilience_of(self.state, actor)

    # -- the proposal being weighed --
    def proposed(self, option):
        return self.proposal is not None and option in self.proposal.options

    def stake(self, stake):
        if self.proposal is None:
            return 0
        if self._stakes is None:
            self._stakes = proposal_stakes(self.crisis, self.proposal)
        return self._stakes.get(stake, 0)

    def caveat(self, caveat):
        return self.proposal is not None and caveat in self.proposal.caveats

    def basis(self, basis):
        return self.proposal is not None and self.proposal.basis == basis

    def host(self, actor):
        return self.proposal is not None and self.proposal.host == actor

    def param(self, name):
        return None if self.proposal is None else self.proposal.param(name)


class Draft:
    """What effects may change, copied on first change (most effects touch a meter or two); the
    engine folds it into a new state. Read the tables freely; change them only through change()."""

    def __init__(self, state: GameState, crisis: "LoadedScenario"):
        self.crisis = crisis
        self.meters = state.meters
        self.capital = state.capital
        self.trust = state.trust
        self.resources = state.resources
        self._copied: set = set()  # the tables (and actors' resources) already copied
        self.releases: list[str] = []
        self.consent_changes: list[tuple[str, bool]] = []
        self.attacks: list[tuple[str, str | None]] = []

    def _own(self, name: str) -> dict:
        if name not in self._copied:
            self._copied.add(name)
            setattr(self, name, dict(getattr(self, name)))
        return getattr(self, name)

    def _own_resources(self, actor: str) -> dict:
        resources = self._own("resources")
        if ("resources", actor) not in self._copied:
            self._copied.add(("resources", actor))
            resources[actor] = dict(resources.get(actor, {}))
        return resources[actor]

    def _actors(self, who: str) -> tuple[str, ...]:
        if who not in ("members", "partners", "all"):
            return (who,)
        return self.crisis.groups[who]

    def change(self, key: tuple, mode: str, value: float) -> None:
        what = key[0]
        if what == "meter":
            m = self.crisis.scenario.meters[key[1]]
            meters = self._own("meters")
            cur = meters[key[1]]
            new = cur + value if mode == "add" else cur - value if mode == "sub" else value
            meters[key[1]] = min(m.max, max(m.min, round(new, 2)))
        elif what in ("trust", "capital"):
            table = self._own(what)
            hi = 100 if what == "trust" else 100
            for a in self._actors(key[1]):
                cur = table.get(a, 0)
                new = cur + value if mode == "add" else cur - value if mode == "sub" else value
                table[a] = int(min(hi, max(0, round(new))))
        elif what == "resource":
            actor, res = key[1], key[2]
            if res == "capital":
                return self.change(("capital", actor), mode, value)
            mine = self._own_resources(actor)
            cur = mine.get(res, 0)
            new = cur + value if mode == "add" else cur - value if mode == "sub" else value
            mine[res] = int(max(0, round(new)))

    def release(self, inject: str) -> None:
        self.releases.append(inject)

    def withdraw_consent(self, actor: str) -> None:
        self.consent_changes.append((actor, False))  # the engine applies it, with what follows from it

    def grant_consent(self, actor: str) -> None:
        self.consent_changes.append((actor, True))

    def armed_attack(self, on: str, by: str) -> None:
        self.attacks.append((on, by))  # the engine records it and tells every seat

    def fold(self, state: GameState) -> GameState:
        return state.replace(meters=self.meters, capital=self.capital, trust=self.trust,
                             resources=self.resources)
