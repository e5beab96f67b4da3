"""The end: the after-action review — who blocked what and why, what was committed, what decided
each adjudication, the scores and the scenario's lessons."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from game.review.aar import aar_markdown
from game.tui.widgets.header import Header
from game.saves.session import Session


class AARScreen(Screen):
    DEFAULT_CSS = """
    AARScreen VerticalScroll { padding: 0 2; }
    """
    BINDINGS = [Binding("q", "app.quit", "Quit"), Binding("n", "new_game", "New game")]

    def __init__(self, session: Session, viewer: str | None):
        super().__init__()
        self.session = session
        self.viewer = viewer

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Markdown(aar_markdown(self.session.crisis, self.session.state, self.session.log.events, self.viewer,
                                        players=dict(self.session.controls)))
        yield Footer()

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "new_game" and self.session.shared:
            return False  # a seminar's browser plays the seminar's game, nothing else on the host
        return True

    def action_new_game(self) -> None:
        if self.check_action("new_game", ()):
            self.app.switch_screen(self.app.make_screen("start"))
