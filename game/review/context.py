"""What every part of the review reads: the scenario, the final state, the viewer, and the
scenario's words for its ids."""
from __future__ import annotations

from typing import Iterable

from game.core import words
from game.core.actions import WHITE_CELL
from game.core.events import Event, TurnStarted
from game.core.state import GameState
from game.scenario.loader import LoadedScenario


class Ctx:
    """One report's reading of the game: the scenario, the final state, the viewer (and whether
    it sees everything), and the scenario's labels for ids."""

    def __init__(self, crisis: LoadedScenario, state: GameState, viewer: str):
        self.crisis, self.sc, self.rules = crisis, crisis.scenario, crisis.rules
        self.state = state
        self.viewer = viewer
        self.full = viewer == WHITE_CELL

    def name(self, actor: str | None) -> str:
        if actor is None:
            return "—"
        if actor == WHITE_CELL:
            return "White Cell"
        a = self.sc.actors.get(actor)
        return a.name if a is not None else str(actor)

    def knows(self, actor: str) -> bool:
        """Whether the viewer may see `actor`'s private brief, red lines and objectives."""
        return self.full or actor == self.viewer

    def option(self, oid: str) -> str:
        o = self.sc.options.get(oid)
        return o.title if o is not None else oid

    def reason(self, r: str) -> str:
        d = self.rules.reasons.get(r)
        return d.label if d is not None else r

    def caveat(self, c: str) -> str:
        d = self.rules.caveats.get(c)
        return d.label if d is not None else c

    def basis(self, b: str) -> str:
        d = self.rules.legal_bases.get(b)
        return d.label if d is not None else b

    def resource(self, r: str) -> str:
        d = self.sc.resources.get(r) or self.rules.resources.get(r)
        return d.label if d is not None else r

    def meter(self, m: str) -> str:
        d = self.sc.meters.get(m)
        return d.label if d is not None else m

    def result(self, r: str) -> str:
        return next((b.label for b in self.rules.adjudication.results if b.result == r), r)

    def param(self, oid: str, name: str, value: str) -> tuple[str, str]:
        par = self.sc.options[oid].parameters.get(name) if oid in self.sc.options else None
        if par is None:
            return name, value
        v = par.values.get(value)
        return par.label, (v.label if v is not None else value)

    def changes(self, changes: dict) -> str:
        return ", ".join(f"{self.meter(m)} {float(d):+g}" for m, d in changes.items())

    def say(self, e: Event) -> str:
        """The event in words, as this report's viewer may read it."""
        return words.text(e, self.crisis, self.viewer)

    def is_member(self, actor: str) -> bool:
        a = self.sc.actors.get(actor)
        return a is not None and a.kind == "member"


def turned(events: Iterable[Event]) -> list[tuple[int, Event]]:
    """Each event with the turn it happened in."""
    out, turn = [], 1
    for e in events:
        if isinstance(e, TurnStarted):
            turn = e.turn
        out.append((turn, e))
    return out
