"""The after-action review shown at the end of a game: the report (game.review.report) in
Markdown, for one viewer — the public record, plus the viewer's own brief, intelligence and score."""
from __future__ import annotations

from game.core.actions import WHITE_CELL
from game.review import report


def aar_markdown(crisis, state, events, viewer: str | None, players: dict[str, str] | None = None) -> str:
    """`players`: seat -> "human" or "computer" (the session's seats), for "Played by"."""
    return report.to_markdown(report.build(crisis, state, events, viewer=viewer or WHITE_CELL, players=players))
