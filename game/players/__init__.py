"""Computer delegations: policies that choose from one seat's observation and its legal actions."""
from game.players.baselines import POLICIES, AlwaysObject, AlwaysSupport, ChairNeverTables
from game.players.heuristic import Heuristic
from game.players.policy import Policy, choose_for

__all__ = ["POLICIES", "Policy", "choose_for", "Heuristic", "AlwaysSupport", "ChairNeverTables", "AlwaysObject"]
