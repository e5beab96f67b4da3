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
    line = Text(f"{meter.label[:label_width]:<{label_width}} " if label_width else "")
    line.append(f"{value:>3.0f} ", style="bold")
    line.append_text(bar)
    if danger:
        line.append("!", style="bold red")
    return line


class Meters(Static):
    """Shows every meter with its full label; thresholds marked ┆, crossed ones in red with '!'. A
    label too long for the width goes on its own line, above its value and bar."""

    _shown = None

    def show(self, crisis, meters: dict[str, float]) -> None:
        self._data = (crisis, meters)
        width = self.content_size.width or 30
        if (crisis, meters, width) == self._shown:
            return
        self._shown = (crisis, dict(meters), width)
        labels = [m.label for m in crisis.scenario.meters.values()]
        label = max((len(x) for x in labels), default=8)
        bar = width - label - 6  # label, space, value (3), space, bar, "!" when a threshold is crossed
        if bar < 5:  # labels that do not fit beside a bar of 5 get a line of their own
            label = max(5, min(label, width - 11))
            bar = max(5, width - label - 6)
        text = Text(no_wrap=True, overflow="ellipsis")
        for i, (mid, meter) in enumerate(crisis.scenario.meters.items()):
            if i:
                text.append("\n")
            if len(meter.label) > label:
                text.append(meter.label + "\n")
                text.append_text(meter_line(meter, meters[mid], min(24, width - 6), 0))
            else:
                text.append_text(meter_line(meter, meters[mid], min(24, bar), label))
        self.update(text)

    def on_resize(self) -> None:
        if getattr(self, "_data", None):  # after this layout pass: a change of height needs another
            self.call_after_refresh(lambda: self.show(*self._data))
