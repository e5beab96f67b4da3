"""ConsensusApp: wires screens, bindings and the command palette; the game lives in a Session."""
from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field
from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from game.core.plain import printable
from game.tui.commands import GameCommands
from game.tui.heap import settle_heap


@dataclass
class Options:
    """What the command line asked for."""

    scenario: str | None = None  # start directly on this scenario
    seat: str | None = None
    seed: int | None = None
    save_dir: str | None = None
    extra_scenarios: list[str] = field(default_factory=list)
    scenario_files: list[str] | None = None  # the start screen's list (default: every file in scenarios/)
    pace: str = "readable"  # readable | instant
    white_cell: bool = False  # a facilitator runs the room from the console
    follow: str | None = None  # projector: the save to follow (read-only)
    game: str | None = None  # a seminar: the shared game database to join
    code: str | None = None  # … with this join code (else the join screen asks)


IDLE_COLLECT_EVERY = 5.0  # seconds


def screen_class(name: str) -> type[Screen]:
    """The screen called `name`. Screens open one another by name through the app
    (`app.make_screen`), never by importing one another, so the screens hold no import cycle."""
    # each import below is lazy for start-up: a screen's module loads when that screen first opens
    match name:
        case "assessment":
            from game.tui.screens.assessment import AssessmentScreen as cls  # lazy: start-up
        case "aar":
            from game.tui.screens.aar import AARScreen as cls  # lazy: start-up
        case "briefing":
            from game.tui.screens.briefing import BriefingScreen as cls  # lazy: start-up
        case "facilitator":
            from game.tui.screens.facilitator import FacilitatorScreen as cls  # lazy: start-up
        case "handover":
            from game.tui.screens.handover import HandoverScreen as cls  # lazy: start-up
        case "help":
            from game.tui.screens.help import HelpScreen as cls  # lazy: start-up
        case "join":
            from game.tui.screens.join import JoinScreen as cls  # lazy: start-up
        case "projector":
            from game.tui.screens.projector import ProjectorScreen as cls  # lazy: start-up
        case "results":
            from game.tui.screens.results import ResultsScreen as cls  # lazy: start-up
        case "seats":
            from game.tui.screens.seats import SeatsScreen as cls  # lazy: start-up
        case "setup":
            from game.tui.screens.setup import SetupScreen as cls  # lazy: start-up
        case "start":
            from game.tui.screens.start import StartScreen as cls  # lazy: start-up
        case "table":
            from game.tui.screens.table import TableScreen as cls  # lazy: start-up
        case "timeline":
            from game.tui.screens.timeline import TimelineScreen as cls  # lazy: start-up
        case _:
            raise KeyError(f"no screen called {name!r}")
    return cls


class ConsensusApp(App):
    TITLE = "Consensus"
    SUB_TITLE = "an educational abstraction, not doctrine"
    CSS_PATH = ["theme.tcss"]
    COMMANDS = App.COMMANDS | {GameCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f3", "toggle_theme", "Light/dark", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, options: Options | None = None):
        super().__init__()
        self.options = options or Options()
        self.last_input = self.last_collect = time.monotonic()
        self.last_click = float("-inf")  # when the mouse last pressed (a move chosen by a click is confirmed)
        self.session = None  # set when a game starts (a game.saves.session.Session)
        self.first_frame_shown = False
        self._after_first_frame: list = []

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Every notification is literal text (game.tui.literal): they carry names, reasons and
        errors that come from scenario files and other players, never our own markup."""
        super().notify(printable(message), title=printable(title), severity=severity, timeout=timeout, markup=False)

    def exit(self, result=None, return_code: int = 0, message=None) -> None:
        """Leave. A seminar page is told it was on purpose, so it offers to join again instead of
        reconnecting by itself (a dropped connection or a stopped host reconnects)."""
        if self.options.game:
            from game.tui.webdriver import tell_page  # a seminar's page only  # lazy: start-up
            tell_page(left=printable(str(message)) if message else "You have left the table.")
        super().exit(result, return_code, message)

    def make_screen(self, name: str, *args, **kwargs) -> Screen:
        """A new screen called `name` (see `screen_class`), built with these arguments."""
        return screen_class(name)(*args, **kwargs)

    def showing(self, name: str) -> bool:
        """Whether the screen on top is the one called `name`."""
        return isinstance(self.screen, screen_class(name))

    def on_mount(self) -> None:
        gc.disable()  # the first screen's objects (modules, the scenario) live as long as the app:
        self.call_after_refresh(settle_heap)  # once it is up they are frozen and collection resumes
        self.set_interval(IDLE_COLLECT_EVERY, self.idle_collect)
        if self.options.game:
            self.join_seminar()
        elif self.options.follow:
            from game.tui.session import Follower  # lazy: start-up
            source = Follower(self.options.follow)
            self.push_screen(self.make_screen("projector", source, follow=source.poll, standalone=True))
        elif self.options.scenario:
            from game.tui.direct import start_direct  # lazy: start-up
            start_direct(self)
        else:
            self.push_screen(self.make_screen("start"))

    def after_first_frame(self, callback) -> None:
        """Call `callback` once the app's first frame is on the terminal (at once if it is): work the
        first frame does not need waits for it (the table opens its game so)."""
        if self.first_frame_shown:
            self.call_later(callback)
        else:
            self._after_first_frame.append(callback)

    def on_ready(self) -> None:
        """Textual: the DOM is ready and the first frame has been displayed."""
        self.first_frame_shown = True
        waiting, self._after_first_frame = self._after_first_frame, []
        if waiting:
            self.screen.refresh()  # (a frame painted during start-up's batch was never written)
            for callback in waiting:
                self.screen.call_after_refresh(callback)

    async def on_event(self, event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self.last_input = time.monotonic()
        if isinstance(event, events.MouseDown):
            self.last_click = self.last_input
        await super().on_event(event)

    def chosen_by_click(self, within: float = 1.5) -> bool:
        """The choice just made came from the mouse: a click in the last `within` seconds (on a list,
        a menu, or the key bar, which Textual turns into a key press: so a key pressed just after a
        click is asked about too — one question more, never one less)."""
        return time.monotonic() - self.last_click <= within

    def idle_collect(self) -> None:
        """A full garbage collection while nobody is typing (after a second without input, at most
        every IDLE_COLLECT_EVERY seconds), so that a key press does not meet one."""
        now = time.monotonic()
        if now - self.last_input >= 1.0 and now - self.last_collect >= IDLE_COLLECT_EVERY:
            gc.collect()
            self.last_collect = time.monotonic()

    def join_seminar(self) -> None:
        from game.core.errors import ConsensusError  # (a seminar's seat only)  # lazy: start-up
        from game.saves.store import GameStore  # lazy: start-up
        from game.tui.joining import client_id, enter, resume_token, seat_back  # lazy: start-up
        try:
            store = GameStore.open(self.options.game)
        except ConsensusError as exc:
            self.exit(return_code=1, message=f"error: {exc}")
            return
        token = resume_token()
        if token:  # a page reconnecting (a dropped connection, a restarted host): its seat, no code
            seat, why = seat_back(store, token)
            if seat is not None:
                enter(self, store, seat, first=True, resumed=True)
                return
            self.push_screen(self.make_screen("join", store, error=why))
            return
        if self.options.code:
            try:
                seat = store.seat_for(self.options.code, client_id())
            except ConsensusError as exc:
                self.push_screen(self.make_screen("join", store, error=str(exc)))
                return
            enter(self, store, seat, first=True)
            return
        self.push_screen(self.make_screen("join", store))

    def action_help(self) -> None:
        if not self.showing("help"):
            self.push_screen(self.make_screen("help"))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme != "textual-light" else "textual-dark"

    @property
    def save_folder(self) -> Path:
        from game.tui.session import save_dir  # lazy: start-up
        return save_dir(self.options.save_dir)


def make_app(options: Options | None = None) -> ConsensusApp:
    """The one factory the command line and the tests use."""
    return ConsensusApp(options)
