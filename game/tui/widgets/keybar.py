"""A key bar that is never cut: the screen's keys (those it shows), packed into as many lines as the
width needs, each key and its label kept together, each clickable. Textual's Footer keeps one line
and cuts what does not fit — at 1366×768 in a browser the White Cell's console lost a third of its
keys. Keys the screen does not allow now are left out (check_action False) or dimmed (None)."""
from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

GAP = "  "


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { height: auto; max-height: 4; background: $panel; color: $text; padding: 0 1; dock: bottom; }
    """

    def __init__(self, **kw):
        super().__init__("", **kw)
        self._shown = None

    def on_mount(self) -> None:
        self.refresh_keys()
        self.set_interval(0.5, self.refresh_keys)  # keys come and go with the game

    def on_resize(self) -> None:
        self.refresh_keys()

    def keys(self) -> list[tuple[str, str, str, bool]]:
        """(key as shown, label, the action to run, allowed now) for each key the screen shows."""
        screen = self.screen
        out = []
        for binding in getattr(screen, "BINDINGS", ()):
            if not binding.show:
                continue
            name, _, rest = binding.action.partition("(")
            params = tuple(p.strip().strip("'\"") for p in rest.rstrip(")").split(",") if p.strip()) if rest else ()
            allowed = screen.check_action(name, params)
            if allowed is False:
                continue
            out.append((self.app.get_key_display(binding), binding.description, binding.action, allowed is not None))
        return out

    def refresh_keys(self) -> None:
        width = max(20, (self.content_size.width or self.size.width or 80))
        keys = self.keys()
        shown = (width, tuple(keys))
        if shown == self._shown:
            return
        self._shown = shown
        lines: list[Text] = []
        line, used = Text(), 0
        for key, label, action, allowed in keys:
            size = cell_len(key) + 1 + cell_len(label)
            if used and used + len(GAP) + size > width:
                lines.append(line)
                line, used = Text(), 0
            if used:
                line.append(GAP)
                used += len(GAP)
            click = Style(meta={"@click": f"screen.{action}"})
            line.append(key, style=(Style(bold=True, color="yellow") if allowed else Style(dim=True)) + click)
            line.append(" " + label, style=(Style() if allowed else Style(dim=True)) + click)
            used += size
        lines.append(line)
        self.update(Text("\n").join(lines))
