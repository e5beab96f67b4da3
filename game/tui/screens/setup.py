"""Who holds which seat (human or computer), the seed and the pace; then the game starts."""
from __future__ import annotations

import random

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, Switch
from textual.widgets.selection_list import Selection

from game.core import engine
from game.core.actions import WHITE_CELL
from game.scenario.loader import load_scenario
from game.tui.heap import settle_heap
from game.tui.session import COMPUTER, HUMAN, LocalSession
from game.tui.widgets.footer import Footer
from game.tui.widgets.header import Header


def start_direct(app) -> None:
    """`play.py --scenario FILE --seat ID --seed N`: straight to the table."""
    o = app.options
    crisis = load_scenario(o.scenario)
    seat = o.seat or crisis.scenario.chair
    seed = o.seed if o.seed is not None else random.SystemRandom().randrange(1_000_000)
    controls = {seat: HUMAN} if seat != WHITE_CELL else {}
    if o.white_cell or seat == WHITE_CELL:
        controls[WHITE_CELL] = HUMAN
    session = LocalSession.new(crisis, seed, controls, app.save_folder)
    app.session = session
    app.push_screen(app.make_screen("table", session, briefing=True))
    settle_heap()


class SetupScreen(Screen):
    CSS_PATH = "setup.tcss"
    BINDINGS = [Binding("ctrl+s", "start", "Start"), Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, path, crisis):
        super().__init__()
        self.path = path
        self.crisis = crisis

    def compose(self) -> ComposeResult:
        sc = self.crisis.scenario
        yield Header()
        with Vertical(id="setup"):
            yield Static(Text.assemble((sc.title, "bold"), "\n", (sc.summary, "")), id="summary")
            yield Label("Seats — ticked seats are played by people at this keyboard (hotseat); the computer "
                        "plays the rest. The chair brokers the deal; members decide by consensus.")
            seats = [Selection(f"{a.name} ({a.kind}{'/' + a.programme if a.kind == 'partner' else ''})", aid,
                               aid == sc.chair)
                     for aid, a in sc.actors.items() if aid in engine.seats(self.crisis)]
            yield SelectionList(*seats, id="seats")
            yield Static(id="who")
            with Horizontal(id="settings"):
                yield Label("Seed (blank = random):")
                yield Input(placeholder="e.g. 42", id="seed", type="integer")
                limits = engine.turn_limits(self.crisis)
                if len(limits) > 1:
                    yield Label("Length:")
                    yield Select([(f"{k} ({v} turns)", v) for k, v in limits.items()], value=limits["standard"],
                                 allow_blank=False, id="length")
                yield Label("White Cell here:")
                yield Switch(value=False, id="whitecell")
                yield Label("Readable pace:")
                yield Switch(value=self.app.options.pace == "readable", id="pace")
                yield Button("Start", variant="primary", id="start")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#seats", SelectionList).focus()
        self.show_who()

    def on_selection_list_selected_changed(self, _event) -> None:
        self.show_who()

    def show_who(self) -> None:
        sc = self.crisis.scenario
        humans = [sc.actors[s].name for s in self.query_one("#seats", SelectionList).selected]
        text = ("Played by people here: " + ", ".join(humans) + ". The computer plays the rest."
                if humans else "No one ticked: you will watch the computer play every seat.")
        self.query_one("#who", Static).update(Text(text, style="bold"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()

    def action_start(self) -> None:
        humans = set(self.query_one("#seats", SelectionList).selected)
        raw = self.query_one("#seed", Input).value.strip()
        seed = int(raw) if raw.lstrip("-").isdigit() else random.SystemRandom().randrange(1_000_000)
        self.app.options.pace = "readable" if self.query_one("#pace", Switch).value else "instant"
        controls = {s: (HUMAN if s in humans else COMPUTER) for s in engine.seats(self.crisis)}
        if self.query_one("#whitecell", Switch).value:
            controls[WHITE_CELL] = HUMAN  # a facilitator runs the room from the console (F5)
        turns = self.query_one("#length", Select).value if self.query("#length") else None
        session = LocalSession.new(self.crisis, seed, controls, self.app.save_folder, turns)
        self.app.session = session
        self.app.switch_screen(self.app.make_screen("table", session, briefing=True))
