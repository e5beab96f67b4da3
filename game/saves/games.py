"""Either kind of saved game, for the commands that read one (`report`, `replay`): a save (JSON
lines, game.saves.log) or a seminar's game database (SQLite, game.saves.store), told apart by the
file's first bytes — a database read as text failed with a UTF-8 error."""
from __future__ import annotations

from pathlib import Path

from game.core.errors import SaveError
from game.saves.log import read_records
from game.saves.store import GameStore


SQLITE_MAGIC = b"SQLite format 3\x00"


def read_game(path: str | Path) -> tuple[dict, list[dict], list[str]]:
    """(header, records, warnings) of a save or of a seminar's game database — `report` and `replay`
    take either file."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            magic = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise SaveError(f"{path}: cannot read the save: {exc}") from None
    if magic != SQLITE_MAGIC:
        return read_records(path)
    with GameStore.open(path) as store:
        head, records = store.as_save()
    return head, records, []
