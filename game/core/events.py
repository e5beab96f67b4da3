"""What happened: the vocabulary of the log, the table's feed and the after-action review."""
from __future__ import annotations

from typing import Any

import attrs


@attrs.frozen
class Event:
    kind: str
    text: str  # one line a player reads
    data: dict[str, Any] = attrs.field(factory=dict)
    to: tuple[str, ...] | None = None  # None: public; else only these seats (and the White Cell)

    def to_dict(self) -> dict:
        d = {"kind": self.kind, "text": self.text, "data": _plain(self.data)}
        if self.to is not None:
            d["to"] = list(self.to)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Event":
        return cls(d["kind"], d["text"], d.get("data", {}), tuple(d["to"]) if "to" in d else None)

    def visible_to(self, seat: str) -> bool:
        from game.core.actions import WHITE_CELL
        return self.to is None or seat in self.to or seat == WHITE_CELL


def _plain(v):
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v
