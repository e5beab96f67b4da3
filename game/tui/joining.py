"""A seminar seat's way in and out: who is guessing codes, the screen a code opens, and the way back
to the join screen when the White Cell replaces the code. Screens open each other through the app
(`app.make_screen`), so the join screen, the table and the projector need not import one another."""
from __future__ import annotations

import getpass
import os

from game.core.actions import WHITE_CELL
from game.saves.codes import JoinRefused
from game.saves.store import PROJECTOR
from game.seminar.session import SharedSession
from game.seminar.shared import CLIENT_ENV, RESUME_ENV
from game.tui.webdriver import tell_page

REVOKED = "The White Cell has given this seat a new code (the old one may have been seen by others): type the new one."


def client_id() -> str:
    """Who is guessing, for the wrong-code limit: the browser's address, or this terminal's user."""
    if os.environ.get(CLIENT_ENV):
        return os.environ[CLIENT_ENV]
    try:
        return f"terminal:{getpass.getuser()}"
    except Exception:  # no user name in this environment
        return "terminal"


def resume_token() -> str | None:
    """The page's resume token, if the web server passed one (taken once: a screen that goes back to
    the join screen later asks for a code)."""
    return os.environ.pop(RESUME_ENV, None) or None


def seat_back(store, token: str) -> tuple[str | None, str]:
    """(seat, "") for a page's resume token, or (None, why not) — the page then forgets it."""
    try:
        return store.resume(token), ""
    except JoinRefused as exc:
        tell_page(resume=None)
        return None, str(exc)


def view_of(seat: str) -> str:
    return "projector" if seat == PROJECTOR else ("white_cell" if seat == WHITE_CELL else "seat")


def enter(app, store, seat: str, first: bool = False, resumed: bool = False) -> None:
    """Open the screen a seat's code gives: the table (a delegation, or the White Cell's console on
    top of it) or the projector; in place of the join screen, or as the `first` screen. A browser's
    page is told which view it shows and, for a code just accepted, given a resume token to keep."""
    if not resumed:
        try:
            tell_page(resume=store.issue_resume(seat))
        except Exception:  # the database busy: this page will ask for its code again after a drop
            pass
    tell_page(view=view_of(seat))
    session = SharedSession(store, seat)
    app.session = session
    if seat == PROJECTOR:
        screen = app.make_screen("projector", session, follow=session.poll, standalone=True)
    else:
        screen = app.make_screen("table", session, briefing=not resumed)  # back at the seat: no brief again
    (app.push_screen if first else app.switch_screen)(screen)


def back_to_join(app, store, message: str) -> None:
    """The seat's code was replaced: close this seat's screens and ask for a code again."""
    while len(app.screen_stack) > 2:
        app.pop_screen()
    app.session = None
    tell_page(resume=None, view="join")
    app.switch_screen(app.make_screen("join", store, error=message))
