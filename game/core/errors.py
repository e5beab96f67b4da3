"""The error hierarchy: every failure a user can meet has its own class and a plain message."""
from __future__ import annotations

import difflib

import attrs


def did_you_mean(word: str, pool, list_up_to: int = 12) -> str:
    """' — did you mean 'x'?' for a close match; else the choices, when there are few."""
    choices = sorted(str(c) for c in pool)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f" — did you mean '{close[0]}'?"
    if choices and len(choices) <= list_up_to:
        return f"; known: {', '.join(choices)}"
    return ""


class ConsensusError(Exception):
    """Base of every error the game raises on purpose."""


@attrs.frozen
class Problem:
    """One problem in a scenario or rules file, located to the character."""

    file: str
    line: int  # 1-based
    column: int  # 1-based
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "warning: "
        return f"{self.file}:{self.line}:{self.column}: {tag}{self.message}"

    def to_dict(self) -> dict:
        return attrs.asdict(self)


class ScenarioError(ConsensusError):
    """A scenario (or rules, or library) file could not be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def first(self) -> Problem:
        return self.problems[0]


class IllegalActionError(ConsensusError):
    """An action the rules do not allow now. `rule` names the rule that refuses it."""

    def __init__(self, rule, reason: str):
        self.rule = str(rule)  # the sentence of the procedure it applies
        self.rule_id = getattr(rule, "id", None)  # game.core.legal.Rule's id, where it came from there
        self.reason = reason
        super().__init__(f"{reason} (rule: {rule})")


class SaveError(ConsensusError):
    """A saved game could not be read, or does not replay to what it recorded."""


class ScenarioChanged(SaveError):
    """The scenario file has changed since the game was saved: continue on the saved version
    (embedded in the save) or replay the moves onto the new one."""

    def __init__(self, path, head: dict):
        self.path, self.head = path, head
        super().__init__(f"{path}: the scenario has changed since this game was saved")
