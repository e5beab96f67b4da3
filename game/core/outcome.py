"""How a game ended, and every seat's national and collective score, with why."""
from __future__ import annotations

import enum

import attrs


class Termination(str, enum.Enum):
    END_CONDITION = "end_condition"  # an author's end condition held
    TURN_LIMIT = "turn_limit"  # the scenario's last turn was played


@attrs.frozen
class ScoreLine:
    """One contribution to a national score: what (kind), in words (labels, never ids), how much."""
    kind: str  # objective | red_line | interests | blocked | objections | capital | resources
    text: str
    points: float


@attrs.frozen
class Score:
    national: int
    collective: int
    met: tuple[str, ...]  # ids of objectives met (national ones first)
    lines: tuple[ScoreLine, ...] = ()  # why the national score is what it is (core/scoring.py)

    @property
    def total(self) -> int:
        return self.national + self.collective


@attrs.frozen
class Outcome:
    termination: Termination
    end: str  # the end condition id, or "turn_limit"
    title: str
    text: str
    verdict: str  # success | failure | mixed
    turn: int
    scores: dict[str, Score]
