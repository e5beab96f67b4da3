"""Who holds which seat (human or computer), the seed and the pace; then the game starts."""
from __future__ import annotations

import random

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from game.core import engine, texts
from game.tui.session import COMPUTER, HUMAN, LocalSession
from game.tui.widgets.footer import Footer
from game.tui.widgets.header import Header
from game.tui.widgets.pointer import Pointer
from game.tui.widgets.toggle import Toggle


class PointerSelectionList(Pointer, SelectionList):
    pass


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
            yield Static("Seats: tick (space) the ones people play at this keyboard (hotseat); the computer plays "
                         "the rest. The chair brokers the deal; members decide by consensus.", id="seats-help")
            seats = [Selection(self.seat_label(aid, aid == sc.chair), aid, aid == sc.chair)
                     for aid in sc.actors if aid in engine.seats(self.crisis)]
            yield PointerSelectionList(*seats, id="seats")
            yield Static(id="who")
            with Horizontal(id="settings"):
                yield Label("Seed (blank = random)")
                yield Input(placeholder="e.g. 42", id="seed", type="integer", compact=True)
                limits = engine.turn_limits(self.crisis)
                if len(limits) > 1:
                    yield Label("Length")
                    yield Select([(f"{k} ({v} turns)", v) for k, v in limits.items()], value=limits["standard"],
                                 allow_blank=False, id="length", compact=True)
            with Horizontal(id="switches"):
                yield Toggle("White Cell here", False, id="whitecell")
                yield Toggle("Readable pace", self.app.options.pace == "readable", id="pace")
                yield Button("Start ▶", variant="primary", id="start", compact=True)
        yield Footer()

    def seat_label(self, aid: str, ticked: bool) -> Text:
        """A seat's line: who plays it in words (not by the tick's colour alone), its name and kind."""
        a = self.crisis.scenario.actors[aid]
        line = Text("you     " if ticked else "computer", style="bold green" if ticked else "dim")
        line.append(f"  {a.name}", style="bold" if ticked else "")
        line.append(f" — {texts.kind_label(a)}", style="dim")
        return line

    def on_mount(self) -> None:
        self.query_one("#seats", SelectionList).focus()
        self.fit(self.size)
        self.show_who()

    def on_resize(self, event) -> None:
        self.fit(event.size)

    def fit(self, size) -> None:
        self.set_class(size.height < 32, "-short")

    def on_selection_list_selected_changed(self, _event) -> None:
        self.show_who()

    def show_who(self) -> None:
        sc = self.crisis.scenario
        seats = self.query_one("#seats", SelectionList)
        ticked = set(seats.selected)
        for i in range(seats.option_count):
            aid = seats.get_option_at_index(i).value
            seats.replace_option_prompt_at_index(i, self.seat_label(aid, aid in ticked))
        humans = [sc.actors[s].name for s in seats.selected]
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
        self.app.options.pace = "readable" if self.query_one("#pace", Toggle).value else "instant"
        controls = {s: (HUMAN if s in humans else COMPUTER) for s in engine.seats(self.crisis)}
        if self.query_one("#whitecell", Toggle).value:
            controls[WHITE_CELL] = HUMAN  # a facilitator runs the room from the console (F5)
        turns = self.query_one("#length", Select).value if self.query("#length") else None
        session = LocalSession.new(self.crisis, seed, controls, self.app.save_folder, turns)
        self.app.session = session
        self.app.switch_screen(self.app.make_screen("table", session, briefing=True))
