"""The seminar's join codes, for the White Cell: one per seat, its own and the projector's; a new
code for a seat whose code was lost or leaked (the old one stops working at once)."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from game.core.errors import ConsensusError
from game.seminar.host import codes_path, read_codes, reissue_code, seat_label


class CodesDialog(ModalScreen[None]):
    DEFAULT_CSS = """
    CodesDialog { align: center middle; }
    CodesDialog Vertical { width: 84; height: auto; max-height: 90%; border: thick $accent;
                           background: $surface; padding: 0 1; }
    CodesDialog OptionList { height: auto; max-height: 24; }
    """
    BINDINGS = [Binding("n", "reissue", "New code for this seat"), Binding("escape", "close", "Close")]

    def __init__(self, store):
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Join codes — give each syndicate its own. Kept in {codes_path(self.store.path)}")
            yield OptionList(id="codes")
        yield Footer()

    def on_mount(self) -> None:
        self.show()
        self.query_one(OptionList).focus()

    def show(self) -> None:
        codes = read_codes(self.store.path)
        listing = self.query_one(OptionList)
        keep = listing.highlighted
        listing.clear_options()
        for seat in self.store.seat_ids():  # every seat, whether or not the codes file still has it
            code = codes.get(seat)
            line = Text(f"{code}  " if code else "(not on file: n for a new code)  ", style="bold" if code else "dim")
            line.append(seat_label(self.store.crisis, seat))
            listing.add_option(Option(line, id=seat))
        listing.highlighted = keep if keep is not None and keep < listing.option_count else 0

    def action_reissue(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return
        seat = listing.get_option_at_index(listing.highlighted).id
        if seat is None:
            return
        try:
            code = reissue_code(self.store, seat)
        except ConsensusError as exc:
            self.notify(str(exc), title="No new code", severity="error", timeout=10)
            return
        self.notify(f"New code for {seat}: {code}. The old one no longer works.", timeout=10)
        self.show()

    def action_close(self) -> None:
        self.dismiss(None)
