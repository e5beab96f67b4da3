"""8. Assessment, at the end of every turn (whether or not an operation ran): each meter before and
after the turn and what moved it, the turn's news and decisions, then the turn's closing events
(the Council's votes, every adjudication with its roll and factors) as the results screen shows
them. The next turn's injects belong to the next turn and are not shown here."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from game.core import events as ev
from game.review.turn_assessment import TurnAssessment
from game.tui.screens.results import ResultsScreen, results_renderables
from game.tui.widgets.footer import Footer

_COUNCIL = (ev.ResolutionVoted, ev.OperationWaits, ev.ArmedAttack)


class AssessmentScreen(ResultsScreen):
    DEFAULT_CSS = """
    AssessmentScreen { background: $background 60%; }
    AssessmentScreen VerticalScroll { width: 100%; height: 1fr; border: thick $accent; background: $surface;
                                      padding: 0 1; }
    AssessmentScreen .section { text-style: bold; margin: 1 0 0 0; }
    AssessmentScreen #continue { width: 100%; }
    """

    def __init__(self, crisis, assessment: TurnAssessment, turn_limit: int):
        super().__init__(crisis, list(assessment.ending), assessment.turn)
        self.assessment = assessment
        self.turn_limit = turn_limit

    def compose(self) -> ComposeResult:
        a = self.assessment
        with VerticalScroll():
            yield Static(Text(f" Turn {a.turn} of {self.turn_limit}: assessment ", style="bold reverse"))
            if a.injects:
                yield Static(Text.assemble(("News this turn: ", "bold"), "; ".join(a.injects)))
            yield Static(Text.assemble(("Decided this turn: ", "bold"),
                                       "; ".join(a.decisions) if a.decisions else "nothing was adopted"))
            for e in a.ending:
                if isinstance(e, _COUNCIL):
                    yield Static(Text(e.words(self.crisis), style="bold"))
            yield Static("Meters: before and after the turn, and why", classes="section")
            yield Static(self.meter_table())
            renderables = results_renderables(self.crisis, [e for e in a.ending if not isinstance(e, ev.MetersMoved)])
            if renderables:
                yield Static("What each operation rolled, and why", classes="section")
                for r in renderables:
                    yield Static(r)
        close = Button("On to the next turn ▶  (Enter)" if a.turn < self.turn_limit else "Continue ▶  (Enter)",
                       id="continue", compact=True, variant="primary")
        close.can_focus = False  # the keys scroll the assessment; Enter or a click goes on
        yield close
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def on_button_pressed(self, event) -> None:
        event.stop()
        self.action_close()

    def meter_table(self) -> Table:
        table = Table(expand=True, show_header=True, header_style="bold", box=None, padding=(0, 1))
        table.add_column("meter", no_wrap=True)
        table.add_column("before", justify="right")
        table.add_column("after", justify="right")
        table.add_column("change", justify="right")
        table.add_column("why", ratio=1)
        for m in self.assessment.meters:
            delta = m.after - m.before
            why = "; ".join(f"{w} {d:+g}" for w, d in m.why) or "no change"
            table.add_row(m.label, f"{m.before:g}", f"{m.after:g}",
                          Text(f"{delta:+g}" if delta else "0", style="bold" if delta else "dim"), why)
        return table
