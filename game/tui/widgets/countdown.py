"""The phase timer's countdown, as every seat's screen shows it: the time left in this step, held
(not running) while the game is paused or the host is away, red in its last minute, gone when the
step ends. It reads the session (game.saves.timer does the arithmetic) twice a second."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from game.saves.timer import clock

LAST_MINUTE = 60.0


def countdown_text(left: float | None, running: bool, paused: bool = False) -> Text:
    """The words of the countdown: '' without a timer."""
    if left is None:
        return Text()
    if not running:
        why = "paused" if paused else "held"
        return Text(f" ⏸ {clock(left)} {why} ", style="bold black on grey70")
    style = "bold white on red" if left <= LAST_MINUTE else "bold black on yellow"
    return Text(f" ⏱ {clock(left)} left ", style=style)


class Countdown(Static):
    DEFAULT_CSS = "Countdown { width: auto; height: 1; }"

    def __init__(self, session=None, **kw):
        super().__init__("", **kw)
        self.session = session
        self._shown = None

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(0.5, self.tick)

    def tick(self) -> None:
        s = self.session
        if s is None:
            return
        try:
            left = s.timer_left()
            running = s.timer_running()
            paused = bool(s.state.paused)
        except Exception:  # a session closed under the screen (the review): nothing to count
            left, running, paused = None, False, False
        shown = (None if left is None else int(left + 0.999), running, paused)
        if shown != self._shown:
            self._shown = shown
            self.update(countdown_text(left, running, paused))
            self.display = left is not None
