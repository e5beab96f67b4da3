"""What the host, the web server and a seat's session all need, kept below the three of them: who
plays each seat, and how an app process learns which browser it serves."""
from __future__ import annotations

HUMAN, COMPUTER = "human", "computer"
CLIENT_ENV = "CONSENSUS_CLIENT"  # set by the seminar's web server for each app process: the browser's address
RESUME_ENV = "CONSENSUS_RESUME"  # … and the page's resume token, when it had one (the app takes it and forgets it)
DRIVER = "game.tui.webdriver:SeminarDriver"  # the app processes' driver: Textual's web driver, which also
# ends its app when the host goes away and tells the page what it needs to keep (game.tui.webdriver)
PAGE_META = "consensus"  # the type of the app's messages for the page (a resume token, the view, leaving)


def controls_of(header: dict, notes: dict) -> dict[str, str]:
    """Who plays each seat: as the game was set up, then as the White Cell changed it (one note per
    seat, so two facilitator screens never overwrite each other's changes)."""
    out = dict(header.get("seats", {}))
    out.update(notes.get("controls", {}))  # (a game from before per-seat notes)
    out.update({k.split(":", 1)[1]: v for k, v in notes.items() if k.startswith("control:")})
    return out
