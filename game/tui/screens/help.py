"""`?`: the keys and the turn procedure; from the start screen, a short walkthrough too."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from game.tui.widgets.footer import Footer

WALKTHROUGH = """
## How to play, in two minutes

You sit at the North Atlantic Council in a crisis — as one nation's delegation, or as the chair.

1. **Injects** — each turn opens with news. Some of it is private intelligence, for your eyes only (🔒).
2. **Consultation** — share intelligence, ask for Article 4 consultations (members, freely), offer a partner an
   MOU, or pass. Members may also seek a UN Security Council resolution (voted at the end of the turn: nine votes
   and no permanent member's veto), ask for Article 5 after an armed attack on an Ally, or lead a coalition of the
   willing for a text that failed.
3. **Proposal** — the chair tables a course of action: where, on what legal basis (host-nation consent, a UN
   Security Council resolution in force, or Article 5 after an armed attack on an Ally), with which parameters.
   On a non-member's soil the host's consent is needed whatever the basis.
4. **Negotiation** — all delegations answer at once. **There is no vote**: silence by the end of the round is
   assent; **one member's written objection blocks**. Partners are consulted but do not block — except a host
   nation, whose consent is needed on its soil. A member that disagrees but will not block places a
   **reservation**. The chair answers objections with **amendments** (caveats, parameters) or a **package**,
   and calls silence again — until the round limit, when the text fails (and a member may lead a coalition of
   the willing, at a cost). The chair pays no one and pledges nothing. Article 5 needs every member's yes.
5. **Force generation** — adopted is not delivered: delegations pledge forces, intelligence, cyber teams,
   logistics and funds. Caveats and poor interoperability make a pledge count for less.
6. **Adjudication** — the dice, every modifier and the difficulty are shown. Meters move; end conditions are
   checked. At the end, the after-action review explains who blocked what and why.

Every move is saved as it happens: close the terminal and run the same command to continue.
"""

KEYS = """
## Keys

| key | what it does |
|---|---|
| ↑ ↓ Enter | choose from your moves (▶ marks the one Enter makes; dimmed ones are not allowed now: choose one to see why) |
| Tab | move between your moves, the delegations and the feed |
| s / o / r | support / object / place a reservation |
| c / x | host nation: consent / refuse consent (with a reason, or a condition) |
| space | pass: stay silent (assent) in negotiation, or say you are done |
| u | undo your last move while the round is open |
| h / 4 / m | consultation: share intelligence / request Article 4 consultations / offer a partner an MOU |
| n / 5 / v | seek a UN Security Council resolution / request Article 5 (after an armed attack) / lead a coalition of the willing |
| d | host nation: withdraw consent to operations on your soil |
| t / a / e / k | chair: table a text / add a caveat / change a parameter / link a package |
| g / w | chair: call silence again / withdraw the text (both asked again first) |
| p | pledge resources to an adopted operation |
| b | read your brief again |
| l | look back through past moves; b there plays on from one as a what-if (a new save) |
| f2 | seats: switch a seat between human and computer |
| i | ask the White Cell for information (when a facilitator runs the room; only it and you see it) |
| f5 / f6 | the White Cell's console (the facilitator) / the projector view (public only) |
| ctrl+p | command palette |
| f3 | light or dark theme |
| q | save and quit (the game continues next time) |
| ? | this help |

## The White Cell's console (F5)

| key | what it does |
|---|---|
| j | the join codes of a seminar across laptops; n there gives a seat a new code |
| r / e / h | release / edit and release / hold the highlighted inject |
| i | an ad-hoc inject, with effects |
| p / t / x | pause or resume / a phase timer / end the round now |
| o / d | override a meter / an adjudication, with a rationale for the record |
| a | answer the highlighted request for information |
| c / m | call a syndicate to the keyboard / enter a move on a seat's behalf (marked as such) |
| s / v | seats (people or computer) / the projector view |
| Esc | back to the table |
"""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen VerticalScroll { width: 90%; max-width: 110; height: 90%; border: thick $accent;
                                background: $surface; padding: 0 1; }
    """
    BINDINGS = [Binding("escape", "close", "Close"), Binding("enter", "close", "Close", show=False),
                Binding("question_mark", "close", "Close", show=False)]

    def __init__(self, walkthrough: bool = False, context: str = ""):
        """`context`: Markdown on the step being played and the seat's moves in it, shown first."""
        super().__init__()
        self.walkthrough = walkthrough
        self.context = context

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self.context + (WALKTHROUGH if self.walkthrough else "") + KEYS
                           + ("" if self.walkthrough else WALKTHROUGH))
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
