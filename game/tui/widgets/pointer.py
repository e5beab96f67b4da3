"""Lists whose highlighted line is marked with a pointer, not by colour alone (a monochrome terminal,
a projector washed out by daylight, a colour-blind player all see which line Enter takes)."""
from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import OptionList

POINTER, IDLE, GUTTER = "▶ ", "▷ ", 2  # focused: Enter takes it / not focused


class Pointer:
    """Mixed into an OptionList (or a SelectionList): a two-cell gutter with `▶` beside the
    highlighted option while the list has the focus (`▷` when it has not), blank beside the
    others. Clicks in the gutter choose the option."""

    def _get_left_gutter_width(self) -> int:
        return super()._get_left_gutter_width() + GUTTER

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        line = self.scroll_offset.y + y
        lines = self._lines
        mark = "  "
        meta = {}
        if line < len(lines):
            index, offset = lines[line]
            meta = {"option": index}
            if index == self.highlighted and offset == 0:
                mark = POINTER if self.has_focus else IDLE
        style = self.get_visual_style("option-list--option").rich_style
        gutter = Strip([Segment(mark, style)], GUTTER).apply_meta(meta)
        return Strip.join([gutter, strip])

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


class PointerList(Pointer, OptionList):
    pass
