"""The projector view: the room's picture of the game, large and read-only — the public situation,
the meters, the text on the table and the public stances, the timer, the latest injects. Built only
from what every delegation may see (never a private brief or private intelligence)."""
from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Static

from game.tui.joining import REVOKED, back_to_join
from game.core import events as ev
from game.core import texts, words
from game.core import engine
from game.saves.timer import clock
from game.tui.widgets.countdown import LAST_MINUTE
from game.tui.widgets.meters import layout, meter_line
from game.tui.widgets.positions import Positions
from game.tui.widgets.proposal import ProposalPanel
from game.core.observation import observe

PUBLIC = ""


_SHOWN = (ev.Inject, ev.Adopted, ev.ProposalFailed, ev.SilenceHeld, ev.SilenceBroken, ev.Adjudication, ev.Vetoed,
          ev.Mandated, ev.GameOver, ev.TurnStarted)
_BOLD = (ev.Inject, ev.Adopted, ev.GameOver)


def public_events(events, n: int = 8):
    return [e for e in events if e.to is None and isinstance(e, _SHOWN)][-n:]


class ProjectorScreen(Screen):
    """`source` has .crisis, .state, .events and .timer_left() (and .timer_running()); a Session or a
    Follower. Laid out for a wall: in a seminar the page turns the projector's text large (32 px on a
    1920×1080 screen: about 100×27 cells) and everything here fits that grid without cutting a word —
    the title and status, the countdown in large digits, what is on the table, the delegations'
    public positions, the meters and the latest public events."""

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
            with Vertical(id="p-clock"):
                yield Digits("", id="p-timer")
                yield Static(id="p-timer-note")
        with Horizontal(id="p-body"):
            with Vertical(id="p-left"):
                yield ProposalPanel(id="p-proposal", classes="panel")
                yield Positions(id="p-stances", classes="panel")
            with Vertical(id="p-right"):
                yield Static(id="p-meters", classes="panel")
                yield Static(id="p-feed", classes="panel")

    def on_mount(self) -> None:
        self.query_one("#p-proposal").border_title = "On the table"
        self.query_one("#p-stances").border_title = "Positions"
        self.query_one("#p-meters").border_title = "Meters"
        self.query_one("#p-feed").border_title = "Latest"
        self.show()
        self.set_interval(0.1, self.tick)

    def tick(self) -> None:
        """Look ten times a second (in a seminar, one cheap read unless another process wrote);
        draw again when the game moved, and twice a second for the countdown."""
        if self.follow is not None:
            self.follow()
            if getattr(self.source, "revoked", False):  # a seminar's projector code was replaced
                back_to_join(self.app, self.source.store, REVOKED)
                return
        if self.source.state is not self._shown_state or time.monotonic() - self._shown_at >= 0.5:
            self.show()

    _shown_state, _shown_at = None, 0.0

    def show(self) -> None:
        src = self.source
        self._shown_state, self._shown_at = src.state, time.monotonic()
        crisis = src.crisis
        obs = observe(crisis, src.state, PUBLIC)  # the public view only
        state = obs.state
        sc = crisis.scenario
        self.query_one("#p-title", Static).update(Text(sc.title))
        status = Text(f"Turn {state.turn} of {state.turn_limit} · {texts.PHASE_LABELS.get(state.phase.value)}",
                      style="bold")
        if state.paused:
            status.append("\nPAUSED by the White Cell", style="bold red")
        if state.outcome is not None:
            status.append(f"\n{state.outcome.title}", style="bold green")
        self.query_one("#p-status", Static).update(status)
        self.show_timer(state)
        self.query_one(ProposalPanel).show(crisis, state)
        self.query_one(Positions).show(crisis, state, engine.acting_seats(crisis, src.state))
        width = self.query_one("#p-meters").content_size.width or 36
        label, bar = layout([m.label for m in sc.meters.values()], width)
        meters = Text()
        for i, (mid, meter) in enumerate(sc.meters.items()):
            if i:
                meters.append("\n")
            meters.append_text(meter_line(meter, state.meters[mid], bar, label))
        self.query_one("#p-meters", Static).update(meters)
        self.show_latest(src.events)

    def show_latest(self, events) -> None:
        """The newest public events first, as many as fit whole: an entry that would be cut at the
        bottom of the panel is left out (the wall never shows half a sentence)."""
        panel = self.query_one("#p-feed", Static)
        width, height = panel.content_size.width or 40, panel.content_size.height or 12
        crisis = self.source.crisis
        feed, used = Text(), 0
        for e in reversed(public_events(events, 8)):
            entry = Text("▸ " + words.text(e, crisis, words.PUBLIC), style="bold" if isinstance(e, _BOLD) else "")
            lines = len(entry.wrap(self.app.console, width))
            if used and used + 1 + lines > height:
                break
            if used:
                feed.append("\n")
                used += 1
            feed.append_text(entry)
            used += lines
        panel.update(feed)

    def show_timer(self, state) -> None:
        """The countdown in large digits, with what it is doing; nothing when there is no timer."""
        src = self.source
        left = src.timer_left()
        running = getattr(src, "timer_running", lambda: left is not None)()
        clock_box = self.query_one("#p-clock")
        clock_box.display = left is not None
        if left is None:
            return
        digits = self.query_one("#p-timer", Digits)
        digits.update(clock(left))
        digits.set_class(running and left <= LAST_MINUTE, "-last-minute")
        digits.set_class(not running, "-held")
        note = "left in this step" if running else ("paused" if state.paused else "held")
        self.query_one("#p-timer-note", Static).update(Text(note, justify="center"))

    def action_close(self) -> None:
        if self.standalone:
            self.app.exit()
        else:
            self.app.pop_screen()
