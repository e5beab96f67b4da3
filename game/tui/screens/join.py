"""Joining a seminar: type the code the White Cell gave you; it decides your seat (a delegation,
the White Cell's console or the projector). Wrong codes are refused, with a limit on guesses."""
from __future__ import annotations

import os

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from game.core.errors import ConsensusError
from game.seminar.session import CLIENT_ENV
from game.tui.widgets.header import Header


def client_id() -> str:
    """Who is guessing, for the wrong-code limit: the browser's address, or this terminal's user."""
    if os.environ.get(CLIENT_ENV):
        return os.environ[CLIENT_ENV]
    import getpass
    try:
        return f"terminal:{getpass.getuser()}"
    except Exception:  # no user name in this environment
        return "terminal"


class JoinScreen(Screen):
    DEFAULT_CSS = """
    JoinScreen { align: center middle; }
    JoinScreen #join-box { width: 72; height: auto; border: round $primary; padding: 1 2; }
    JoinScreen #join-title { text-style: bold; margin-bottom: 1; }
    JoinScreen #join-error { color: $error; margin-top: 1; }
    """

    def __init__(self, store, error: str = ""):
        super().__init__()
        self.store = store  # game.saves.store.GameStore, opened by the app
        self.error = error  # why a code given on the command line was refused

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="join-box"):
            yield Static(f"{self.store.crisis.scenario.title}\nA seminar game: join with your code.", id="join-title")
            yield Static("The White Cell gave each syndicate its own code (like ABCD-EFGH-JKMN). "
                         "It decides which delegation you play; nobody else sees your seat's brief.")
            yield Input(placeholder="your join code", id="join-code")
            yield Static(self.error, id="join-error")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Consensus — join the seminar"
        self.query_one("#join-code", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        code = event.value.strip()
        if not code:
            return
        try:
            seat = self.store.seat_for(code, client_id())
        except ConsensusError as exc:
            self.query_one("#join-error", Static).update(str(exc))
            self.query_one("#join-code", Input).value = ""
            return
        enter(self.app, self.store, seat)


def back_to_join(app, store, message: str) -> None:
    """The seat's code was replaced: close this seat's screens and ask for a code again."""
    while len(app.screen_stack) > 2:
        app.pop_screen()
    app.session = None
    app.switch_screen(JoinScreen(store, error=message))


REVOKED = "The White Cell has given this seat a new code (the old one may have been seen by others): type the new one."


def enter(app, store, seat: str, first: bool = False) -> None:
    """Open the screen a seat's code gives: the table (a delegation, or the White Cell's console on
    top of it) or the projector; in place of the join screen, or as the `first` screen."""
    from game.seminar.session import SharedSession
    from game.saves.store import PROJECTOR
    session = SharedSession(store, seat)
    app.session = session
    if seat == PROJECTOR:
        from game.tui.screens.projector import ProjectorScreen
        screen = ProjectorScreen(session, follow=session.poll, standalone=True)
    else:
        from game.tui.screens.table import TableScreen
        screen = TableScreen(session)
    (app.push_screen if first else app.switch_screen)(screen)
