"""The inject feed and turn timeline: what this seat has seen happen, newest last."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import RichLog


def styles() -> tuple[dict, type]:
    """Each kind of event's look, and the kind whose mover's reason is not shown (a plain pass). The
    event classes load with the game, not with the table's first frame."""
    from game.core import events as ev  # lazy: start-up
    return {ev.TurnStarted: "bold reverse", ev.Inject: "bold cyan", ev.Intel: "bold magenta",
            ev.Adjudication: "bold", ev.Adopted: "bold green", ev.ProposalFailed: "bold red",
            ev.SilenceBroken: "red", ev.SilenceHeld: "green", ev.MetersMoved: "dim", ev.GameOver: "bold reverse",
            ev.Vetoed: "bold red", ev.Mandated: "green", ev.ConsentWithdrawn: "bold red",
            ev.Overridden: "bold yellow"}, ev.Done


class Feed(RichLog):
    def __init__(self, **kw):
        super().__init__(wrap=True, markup=False, highlight=False, min_width=20, **kw)
        self.shown = 0
        self.texts: list[Text] = []  # every line written, to wrap them again when the width changes
        self.wrapped_at = 0

    def reset(self) -> None:
        self.clear()
        self.shown = 0
        self.texts = []

    def on_resize(self) -> None:
        """Wrap the lines again at the new width (RichLog wraps a line once, when it is written), and
        keep the newest line in view: a panel above that grows shortens the feed without a write."""
        width = self.scrollable_content_region.width
        if width and width != self.wrapped_at and self.texts:
            self.wrapped_at = width
            keep = list(self.texts)
            self.clear()
            for line in keep:
                self.write(line)
            self.texts = keep
        if self.texts:
            self._to_the_end()

    def show(self, events) -> None:
        """Append events not yet shown: (event, the mover's reason or None), in order (already
        filtered to what this seat may see; their words are built here, as they are shown)."""
        style_of, done = self._styles = getattr(self, "_styles", None) or styles()
        for e, why in events[self.shown:]:
            style = style_of.get(type(e), "")
            text = e.text
            line = Text("🔒 " + text if e.to is not None else text, style=style)
            if why and not isinstance(e, done):  # a plain pass needs no reason
                line.append(f" — {why}", style="dim italic")
            self.write(line)
            self.texts.append(line)
        if len(events) > self.shown:
            self._to_the_end()
        self.shown = len(events)

    def _to_the_end(self) -> None:
        """Newest last, and shown: once the lines just written are laid out, scroll to them. (A
        RichLog scrolls as it writes, but lines written while the table lay under the brief, not
        yet sized, could leave it scrolled to its top for good.)"""
        self.call_after_refresh(self.scroll_end, animate=False, immediate=True)
