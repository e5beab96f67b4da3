"""ConsensusApp: wires screens, bindings and the command palette; the game lives in Session."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from game.tui.commands import GameCommands


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
        self.session = None  # set when a game starts (game.tui.session.Session)

    def on_mount(self) -> None:
        import gc

        from game.tui.screens.setup import settle_heap
        gc.disable()  # the first screen's objects (modules, the scenario) live as long as the app:
        self.call_after_refresh(settle_heap)  # once it is up they are frozen and collection resumes
        self.set_interval(IDLE_COLLECT_EVERY, self.idle_collect)
        if self.options.game:
            self.join_seminar()
        elif self.options.follow:
            from game.tui.screens.projector import ProjectorScreen
            from game.tui.session import Follower
            source = Follower(self.options.follow)
            self.push_screen(ProjectorScreen(source, follow=source.poll, standalone=True))
        elif self.options.scenario:
            from game.tui.screens.setup import start_direct
            start_direct(self)
        else:
            from game.tui.screens.start import StartScreen
            self.push_screen(StartScreen())

    async def on_event(self, event) -> None:
        from textual import events
        if isinstance(event, (events.Key, events.MouseDown)):
            self.last_input = time.monotonic()
        await super().on_event(event)

    def idle_collect(self) -> None:
        """A full garbage collection while nobody is typing (after a second without input, at most
        every IDLE_COLLECT_EVERY seconds), so that a key press does not meet one."""
        import gc
        now = time.monotonic()
        if now - self.last_input >= 1.0 and now - self.last_collect >= IDLE_COLLECT_EVERY:
            gc.collect()
            self.last_collect = time.monotonic()

    def join_seminar(self) -> None:
        from game.core.errors import ConsensusError
        from game.saves.store import GameStore
        from game.tui.screens.join import JoinScreen, client_id, enter
        try:
            store = GameStore.open(self.options.game)
        except ConsensusError as exc:
            self.exit(return_code=1, message=f"error: {exc}")
            return
        if self.options.code:
            try:
                seat = store.seat_for(self.options.code, client_id())
            except ConsensusError as exc:
                self.push_screen(JoinScreen(store, error=str(exc)))
                return
            enter(self, store, seat, first=True)
            return
        self.push_screen(JoinScreen(store))

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme != "textual-light" else "textual-dark"

    @property
    def save_folder(self) -> Path:
        from game.tui.session import save_dir
        return save_dir(self.options.save_dir)


def make_app(options: Options | None = None) -> ConsensusApp:
    """The one factory the command line and the tests use."""
    return ConsensusApp(options)
