"""The projector view: the room's picture of the game, large and read-only — the public situation,
the meters, the text on the table and the public stances, the timer, the latest injects. Built only
from what every delegation may see (never a private brief or private intelligence)."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Static

from game.tui.joining import REVOKED, back_to_join
from game.core import events as ev
from game.core import texts, words
from game.tui.widgets.delegations import Delegations
from game.tui.widgets.meters import meter_line
from game.tui.widgets.proposal import ProposalPanel
from game.core.observation import observe

PUBLIC = ""


_SHOWN = (ev.Inject, ev.Adopted, ev.ProposalFailed, ev.SilenceHeld, ev.SilenceBroken, ev.Adjudication, ev.Vetoed,
          ev.Mandated, ev.GameOver, ev.TurnStarted)
_BOLD = (ev.Inject, ev.Adopted, ev.GameOver)


def public_events(events, n: int = 8):
    return [e for e in events if e.to is None and isinstance(e, _SHOWN)][-n:]


class ProjectorScreen(Screen):
    """`source` has .crisis, .state, .events and .timer_left(); a Session or a Follower."""

    CSS_PATH = "projector.tcss"
    BINDINGS = [Binding("escape", "close", "Back", show=False), Binding("q", "close", "Back", show=False)]

    def __init__(self, source, follow=None, standalone: bool = False):
        super().__init__()
        self.source = source
        self.follow = follow  # a callable that refreshes the source (a Follower's poll)
        self.standalone = standalone

    def compose(self) -> ComposeResult:
        yield Static(id="p-title")
        with Horizontal(id="p-top"):
            yield Static(id="p-status")
            yield Digits("--:--", id="p-timer")
        with Horizontal(id="p-body"):
            with Vertical(id="p-left"):
                yield ProposalPanel(id="p-proposal", classes="panel")
                yield Delegations(id="p-stances")
            with Vertical(id="p-right"):
                yield Static(id="p-meters", classes="panel")
                yield Static(id="p-feed", classes="panel")

    def on_mount(self) -> None:
        self.query_one("#p-proposal").border_title = "On the table"
        self.query_one("#p-meters").border_title = "Meters"
        self.query_one("#p-feed").border_title = "Latest"
        self.show()
        self.set_interval(0.5, self.tick)

    def tick(self) -> None:
        if self.follow is not None:
            self.follow()
            if getattr(self.source, "revoked", False):  # a seminar's projector code was replaced
                back_to_join(self.app, self.source.store, REVOKED)
                return
        self.show()

    def show(self) -> None:
        src = self.source
        crisis = src.crisis
        obs = observe(crisis, src.state, PUBLIC)  # the public view only
        state = obs.state
        sc = crisis.scenario
        self.query_one("#p-title", Static).update(Text(f"{sc.title}", style="bold reverse", justify="center"))
        status = Text(f" Turn {state.turn} of {state.turn_limit} · {texts.PHASE_LABELS.get(state.phase.value)}",
                      style="bold")
        if state.paused:
            status.append("   PAUSED", style="bold red")
        if state.outcome is not None:
            status.append(f"   {state.outcome.title}", style="bold green")
        self.query_one("#p-status", Static).update(status)
        left = src.timer_left()
        self.query_one("#p-timer", Digits).update("--:--" if left is None else f"{int(left) // 60:02d}:{int(left) % 60:02d}")
        self.query_one(ProposalPanel).show(crisis, state)
        acting = ()
        self.query_one(Delegations).show(crisis, state, acting, None)
        meters = Text()
        label = max((len(m.label) for m in sc.meters.values()), default=8)  # full labels, never cut
        for i, (mid, meter) in enumerate(sc.meters.items()):
            if i:
                meters.append("\n\n")
            meters.append_text(meter_line(meter, state.meters[mid], 30, label))
        self.query_one("#p-meters", Static).update(meters)
        feed = Text()
        for e in public_events(src.events):
            feed.append(words.text(e, crisis, words.PUBLIC) + "\n\n", style="bold" if isinstance(e, _BOLD) else "")
        self.query_one("#p-feed", Static).update(feed)

    def action_close(self) -> None:
        if self.standalone:
            self.app.exit()
        else:
            self.app.pop_screen()
