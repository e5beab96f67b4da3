"""Saying on screen why a move or a change was not made: the rules' refusal (naming the rule), or a
shared game's database that could not record it. Nothing was applied in either case."""
from __future__ import annotations

from game.core.errors import ConsensusError, IllegalActionError

REFUSED = object()  # what attempt() returns when the change was not made


def attempt(widget, change, *args, **kwargs):
    """change(*args, **kwargs), or REFUSED after telling the player why."""
    try:
        return change(*args, **kwargs)
    except IllegalActionError as exc:
        widget.notify(f"{exc.reason}\nRule: {exc.rule}", title="Not allowed", severity="warning", timeout=8)
    except ConsensusError as exc:  # a seminar's database busy or unreachable
        widget.notify(str(exc), title="Not recorded", severity="error", timeout=10)
    return REFUSED
