"""The meters with their thresholds, as bars."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

BAR = 14


def meter_line(meter, value: float, width: int = BAR, label_width: int = 16) -> Text:
    span = max(1e-9, meter.max - meter.min)
    filled = round((value - meter.min) / span * width)
    danger = any((t.direction == "above" and value >= t.at) or (t.direction == "below" and value <= t.at)
                 for t in meter.thresholds)
    good_high = meter.good == "high"
    frac = (value - meter.min) / span
    style = "red" if danger else ("green" if (frac >= 0.5) == good_high else "yellow")
    marks = {round((t.at - meter.min) / span * width) for t in meter.thresholds}
    bar = Text()
    for i in range(width):
        ch = "█" if i < filled else ("┆" if i in marks else "░")
        bar.append(ch, style=style if i < filled else "dim")
    line = Text(f"{meter.label[:label_width]:<{label_width}} ")
    line.append(f"{value:>4.0f} ", style="bold")
    line.append_text(bar)
    if danger:
        line.append(" !", style="bold red")
    return line


class Meters(Static):
    """Shows every meter; thresholds marked ┆, crossed ones in red with '!'."""

    _shown = None

    def show(self, crisis, meters: dict[str, float]) -> None:
        self._data = (crisis, meters)
        width = self.content_size.width or 30
        if (crisis, meters, width) == self._shown:
            return
        self._shown = (crisis, dict(meters), width)
        label = max(8, min(16, width - 8 - 8))
        bar = max(6, min(24, width - label - 8))
        text = Text(no_wrap=True, overflow="ellipsis")
        for i, (mid, meter) in enumerate(crisis.scenario.meters.items()):
            if i:
                text.append("\n")
            text.append_text(meter_line(meter, meters[mid], bar, label))
        self.update(text)

    def on_resize(self) -> None:
        if getattr(self, "_data", None):
            self.show(*self._data)
