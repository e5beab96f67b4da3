"""Computer delegations: policies that choose from one seat's observation and its legal actions."""
from game.bots.heuristic import POLICIES, AlwaysSupport, ChairNeverTables, Heuristic
from game.bots.policy import Policy, choose_for

__all__ = ["POLICIES", "Policy", "choose_for", "Heuristic", "AlwaysSupport", "ChairNeverTables"]
