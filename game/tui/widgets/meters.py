"""The meters with their thresholds, as bars. A bar is drawn in lower blocks (▆ on a ▁ track), so
the bars of meters on adjacent lines never merge into one block, at any width; a label is never
cut: where it does not fit beside its bar, it has a line of its own."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

BAR = 14
FILLED, EMPTY, MARK = "▆", "▁", "┆"  # none fills its cell's full height: adjacent bars stay apart
VALUE = 6  # " 100 " and a space


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
        ch = FILLED if i < filled else (MARK if i in marks else EMPTY)
        bar.append(ch, style=style if i < filled else "dim")
    label = meter.label
    if len(label) <= label_width:
        line = Text(f"{label:<{label_width}} ")
    else:  # too long to stand beside its bar: a line of its own, never cut
        line = Text(f"{label}\n{'':<{label_width}} ")
    line.append(f"{value:>4.0f} ", style="bold")
    line.append_text(bar)
    if danger:
        line.append(" !", style="bold red")
    return line


def layout(labels, width: int, most_label: int = 24) -> tuple[int, int]:
    """(label width, bar width) for meters in `width` cells: labels as long as the longest (up to
    `most_label`), the bar the rest (6 to 40 cells)."""
    longest = max((len(x) for x in labels), default=8)
    label = max(8, min(longest, most_label, width - VALUE - 8))
    bar = max(6, min(40, width - label - VALUE - 3))  # 3: " !" and a spare cell
    return label, bar


class Meters(Static):
    """Shows every meter; thresholds marked ┆, crossed ones in red with '!'."""

    _shown = None

    def show(self, crisis, meters: dict[str, float]) -> None:
        self._data = (crisis, meters)
        width = self.content_size.width or 30
        if (crisis, meters, width) == self._shown:
            return
        self._shown = (crisis, dict(meters), width)
        label, bar = layout([m.label for m in crisis.scenario.meters.values()], width)
        text = Text(no_wrap=True, overflow="ellipsis")
        for i, (mid, meter) in enumerate(crisis.scenario.meters.items()):
            if i:
                text.append("\n")
            text.append_text(meter_line(meter, meters[mid], bar, label))
        self.update(text)

    def on_resize(self) -> None:
        if getattr(self, "_data", None):  # after this layout pass: a change of height needs another
            self.call_after_refresh(lambda: self.show(*self._data))
