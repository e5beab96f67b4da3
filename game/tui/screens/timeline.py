"""Step back through the game: every move so far, by turn; the table as it stood after any of them;
and a what-if branch from there (a new save; the game you came from is untouched)."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.core import engine, texts
from game.core.actions import from_dict
from game.saves.session import Session


class TimelineScreen(ModalScreen[int | None]):
    """Returns the move to branch after, or None to go back to the game."""

    DEFAULT_CSS = """
    TimelineScreen { background: $background; }
    TimelineScreen #moves { width: 3fr; border: round $primary 50%; }
    TimelineScreen #then { width: 2fr; border: round $accent 50%; padding: 0 1; }
    """
    BINDINGS = [Binding("escape", "close", "Back to the game"), Binding("b", "branch", "What-if from here")]

    def __init__(self, session: Session, viewer: str | None):
        super().__init__()
        self.session = session
        self.viewer = viewer  # what the moves' reasons and private events may show

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="moves")
            yield Static(id="then")
        yield Footer()

    def on_mount(self) -> None:
        crisis = self.session.crisis
        options = [Option(Text("Start of the game", style="bold"), id="0")]
        turn = 1
        state = engine.new_game(crisis, self.session.log.seed, self.session.log.turns).state
        for rec in self.session.log.records:
            action = from_dict(rec["action"])
            if state.turn != turn:
                turn = state.turn
            step = engine.apply_unchecked(crisis, state, action)
            state = step.state
            if not self.shown(step.events):
                continue  # a move only others may know of (a request to the White Cell, its answer)
            line = Text(f"T{turn} ", style="dim")
            line.append(f"{texts.actor_name(crisis, action.seat)} {texts.third_person(crisis, action)}")
            options.append(Option(line, id=str(rec["n"])))
        moves = self.query_one("#moves", OptionList)
        moves.add_options(options)
        moves.highlighted = len(options) - 1
        moves.focus()

    def shown(self, events) -> bool:
        """Whether the viewer may know of a move: one of its events is public, or is to the viewer."""
        return any(e.to is None or (self.viewer is not None and e.visible_to(self.viewer)) for e in events)

    def state_after(self, n: int):
        crisis = self.session.crisis
        state = engine.new_game(crisis, self.session.log.seed, self.session.log.turns).state
        for rec in self.session.log.records[:n]:
            state = engine.apply_unchecked(crisis, state, from_dict(rec["action"])).state
        return state

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        n = int(event.option.id)
        state = self.state_after(n)
        crisis = self.session.crisis
        t = Text(f"After move {n}: turn {state.turn}, {texts.PHASE_LABELS.get(state.phase.value)}\n\n", style="bold")
        for m, meter in crisis.scenario.meters.items():
            t.append(f"{meter.label:<22} {state.meters[m]:>5.0f}\n")
        t.append("\nDecisions so far:\n", style="bold")
        for d in state.decisions:
            t.append(f"  T{d.turn} {texts.option_title(crisis, d.option)}: {d.outcome}\n")
        if not state.decisions:
            t.append("  none\n", style="dim")
        t.append("\nPress b to play on from here as a what-if (a new save).", style="italic")
        self.query_one("#then", Static).update(t)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()

    def action_branch(self) -> None:
        moves = self.query_one("#moves", OptionList)
        if moves.highlighted is not None:
            self.dismiss(int(moves.get_option_at_index(moves.highlighted).id))

    def action_close(self) -> None:
        self.dismiss(None)
