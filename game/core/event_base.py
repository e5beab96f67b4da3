"""The base of every event, the registry of kinds and the record round trip.

game.core.events holds one class per kind of event and is the module callers import; this one
holds what those classes share: the base class `Event`, the `@event(kind, say)` decorator that
makes a class frozen and files it under its kind in `REGISTRY`, `from_dict()` that reads a record
`{"kind", "text", "data", ["to"]}` back into its class, and `bind()` that tells the events of a
move which scenario their words come from. It names no kind itself: every kind string lives in
game.core.events, next to its class.
"""
from __future__ import annotations

from typing import Any, ClassVar

import attrs

from game.core.actions import WHITE_CELL, Action
from game.core.actions import from_dict as action_from_dict

REGISTRY: dict[str, type["Event"]] = {}


class Event:
    """The base of every event. Not made itself: make the class for what happened."""

    __slots__ = ("_crisis", "_recorded")  # where the words come from: a scenario, or a record's text
    KIND: ClassVar[str]
    to: tuple[str, ...] | None = None  # None: public; else only these seats (and the White Cell)

    def visible_to(self, seat: str) -> bool:
        to = self.to
        return to is None or seat in to or seat == WHITE_CELL

    @property
    def data(self) -> dict[str, Any]:
        """The record's `data`, exactly as the log has always written it."""
        return {}

    @property
    def text(self) -> str:
        """The words the log records for this event (the White Cell's; no viewer check — a screen
        asks game.core.words.text with its viewer)."""
        return self.words()

    @classmethod
    def _from_record(cls, data: dict, to: tuple[str, ...] | None) -> "Event":
        return cls()

    def words(self, crisis=None) -> str:
        """This event in words (no viewer check: game.core.words.text makes it). A record read back
        keeps its own words; otherwise they are built from `crisis`, or the scenario the engine
        played it in."""
        recorded = getattr(self, "_recorded", None)
        if recorded is not None:
            return recorded
        if crisis is None:
            crisis = getattr(self, "_crisis", None)
            if crisis is None:
                raise ValueError(f"no scenario to put this {self.KIND} event into words: pass one")
        return self._words(crisis)

    def to_dict(self, crisis=None) -> dict:
        d = {"kind": self.KIND, "text": self.words(crisis), "data": _plain(self.data)}
        if self.to is not None:
            d["to"] = list(self.to)
        return d

    @staticmethod
    def from_dict(d: dict) -> "Event":
        return from_dict(d)


class Move(Event):
    """A seat did something: its action, as the log records it (the seat is the action's)."""

    __slots__ = ()
    action: Action

    @property
    def seat(self) -> str:
        return self.action.seat

    @property
    def data(self) -> dict[str, Any]:
        return {"seat": self.action.seat, "action": self.action.to_dict()}

    @classmethod
    def _from_record(cls, data, to):
        return cls(action_from_dict(data["action"]))



def from_dict(d: dict) -> Event:
    """The typed event of a record `{"kind", "text", "data", ["to"]}` (its words kept as written)."""
    try:
        cls = REGISTRY[d["kind"]]
    except KeyError:
        raise ValueError(f"not an event this game knows: kind {d.get('kind')!r}") from None
    e = cls._from_record(d.get("data") or {}, tuple(d["to"]) if "to" in d else None)
    object.__setattr__(e, "_recorded", d["text"])
    return e


def reproduces(events, recorded: list[dict]) -> bool:
    """Whether `events` (a move replayed) are the ones a save recorded for it: the same kinds, data
    and addressees. The words are not compared: they are rebuilt from the scenario whenever the
    game is read, so a corrected sentence never makes an old save "not reproduce" its moves."""
    if len(events) != len(recorded):
        return False
    return all({k: v for k, v in e.to_dict().items() if k != "text"} == {k: v for k, v in r.items() if k != "text"}
               for e, r in zip(events, recorded))


def bind(events, crisis) -> tuple[Event, ...]:
    """The events of one move, told which scenario their words come from (the engine calls this)."""
    for e in events:
        object.__setattr__(e, "_crisis", crisis)
    return tuple(events)


def event(kind: str, say):
    """Class decorator: a frozen event class for `kind`, put into words by `say(event, crisis)`."""
    def wrap(cls):
        cls = attrs.frozen(cls)
        cls.KIND = kind
        cls._words = say
        REGISTRY[kind] = cls
        return cls
    return wrap


def words_field(default=None):
    """A field the sentence needs but the record never held apart from it: not part of equality."""
    return attrs.field(default=default, eq=False)


def _plain(v):
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v
