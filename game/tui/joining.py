"""A seminar seat's way in and out: who is guessing codes, the screen a code opens, and the way back
to the join screen when the White Cell replaces the code. Screens open each other through the app
(`app.make_screen`), so the join screen, the table and the projector need not import one another."""
from __future__ import annotations

import getpass
import os

from game.saves.store import PROJECTOR
from game.seminar.session import SharedSession
from game.seminar.shared import CLIENT_ENV

REVOKED = "The White Cell has given this seat a new code (the old one may have been seen by others): type the new one."


def client_id() -> str:
    """Who is guessing, for the wrong-code limit: the browser's address, or this terminal's user."""
    if os.environ.get(CLIENT_ENV):
        return os.environ[CLIENT_ENV]
    try:
        return f"terminal:{getpass.getuser()}"
    except Exception:  # no user name in this environment
        return "terminal"


def enter(app, store, seat: str, first: bool = False) -> None:
    """Open the screen a seat's code gives: the table (a delegation, or the White Cell's console on
    top of it) or the projector; in place of the join screen, or as the `first` screen."""
    session = SharedSession(store, seat)
    app.session = session
    if seat == PROJECTOR:
        screen = app.make_screen("projector", session, follow=session.poll, standalone=True)
    else:
        screen = app.make_screen("table", session)
    (app.push_screen if first else app.switch_screen)(screen)


def back_to_join(app, store, message: str) -> None:
    """The seat's code was replaced: close this seat's screens and ask for a code again."""
    while len(app.screen_stack) > 2:
        app.pop_screen()
    app.session = None
    app.switch_screen(app.make_screen("join", store, error=message))
