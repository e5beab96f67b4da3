"""The baselines `simulate --baselines` plays against the default delegation (issue 17): every
seat always supporting, always objecting, and a chair that never tables. Each plays the default
game but for the one step it changes."""
from __future__ import annotations

from game.core import actions as A
from game.players.heuristic import Heuristic, _reason_of, utility


class AlwaysSupport(Heuristic):
    """Baseline: every delegation supports (and every host consents to) whatever is tabled."""

    name = "always-support"

    def negotiate(self, obs, legal, rng):
        for a in legal.decisions():
            if isinstance(a, (A.Consent, A.Support)):
                return a, "always supports"
        return legal[0], "always supports"


class ChairNeverTables(Heuristic):
    """Baseline: the chair never tables anything; the crisis runs its course."""

    name = "chair-never-tables"

    def table(self, obs, legal, rng):
        return A.Pass(obs.seat), "never tables"


# -- issue 17: blind objection, the other trivial policy `simulate --baselines` plays ----------------
class AlwaysObject(Heuristic):
    """Baseline: every delegation objects to whatever is tabled (a host refuses its consent), with the
    reason that weighs most for it and no amendment that would cure it; it plays as usual otherwise."""

    name = "always-object"

    def negotiate(self, obs, legal, rng):
        is_host, can_object = legal.stance_options()
        seat, p = obs.seat, obs.state.proposal
        reason = _reason_of(obs, utility(obs, p)[1] or {"cost": 0.0})
        if is_host:
            why = "sovereignty" if "sovereignty" in obs.crisis.rules.reasons else next(iter(obs.crisis.rules.reasons))
            return A.RefuseConsent(seat, None, why), "always refuses its consent"
        if can_object and reason in obs.crisis.rules.reasons:
            return A.Object(seat, reason), "always objects"
        if can_object and obs.crisis.rules.reasons:
            return A.Object(seat, next(iter(obs.crisis.rules.reasons))), "always objects"
        for a in legal.decisions():
            if isinstance(a, A.Reserve):
                return a, "always objects (no capital left to block: a reservation)"
        return A.Pass(seat), "always objects, but cannot"


POLICIES = {p.name: p for p in (Heuristic(), AlwaysSupport(), ChairNeverTables(), AlwaysObject())}
