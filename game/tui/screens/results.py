"""End of a turn: every adjudication with its roll, each modifier and the difficulty, and the meters
it moved — chance explained, not hidden."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from game.core import events as ev
from game.core import texts

_PLAIN = (ev.MetersMoved, ev.Vetoed, ev.Mandated, ev.Inaction, ev.ConsentWithdrawn, ev.GameOver, ev.ResultOverridden)


def results_renderables(crisis, events):
    out = []
    for e in events:
        if isinstance(e, ev.Adjudication):
            d = e.data
            table = Table(title=Text(texts.option_title(crisis, d["option"]), style="bold"), expand=True,
                          show_header=True, header_style="bold")
            table.add_column("Factor")
            table.add_column("", justify="right")
            table.add_row("Roll of the dice: " + " + ".join(map(str, d["dice"])), str(sum(d["dice"])))
            for k, v in d["modifiers"].items():
                extra = {"commitment": f": {d['coverage']:.0%} met",
                         "interoperability": f": {d['interoperability']:.2f}", "trust": f": {d['trust']:g}"}.get(k, "")
                table.add_row(texts.factor_label(k) + extra, f"{v:+g}")
            table.add_row("Difficulty", f"-{d['difficulty']}")
            label = next(b.label for b in crisis.rules.adjudication.results if b.result == d["result"])
            table.add_row(Text("Result", style="bold"), Text(f"{d['margin']:+g}: {label}", style="bold"))
            out.append(table)
        elif isinstance(e, _PLAIN):
            out.append(Text(e.words(crisis), style="dim" if isinstance(e, ev.MetersMoved) else "bold"))
    return out


class ResultsScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ResultsScreen { align: center middle; }
    ResultsScreen VerticalScroll { width: 90%; max-width: 100; height: 90%; border: thick $accent;
                                   background: $surface; padding: 0 1; }
    """
    BINDINGS = [Binding("enter", "close", "Continue"), Binding("escape", "close", "Continue", show=False)]

    def __init__(self, crisis, events, turn: int):
        super().__init__()
        self.crisis, self.events, self.turn = crisis, events, turn

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(f"Turn {self.turn}: adjudication and assessment", style="bold reverse"))
            for r in results_renderables(self.crisis, self.events):
                yield Static(r)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
