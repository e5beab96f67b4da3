"""Command palette: the game's commands for the screen the palette was opened from (the seat's
moves in this step first), offered only where they make sense."""
from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider

# Words a newcomer types for a move that are not in its name: typed (or the start of one), the move
# comes first in the palette.
SEARCH_WORDS = {
    "support": "agree yes back endorse approve accept",
    "object": "block veto oppose disagree no break silence",
    "reserve": "footnote abstain reservation",
    "pass": "skip wait silent silence nothing done next",
    "consent": "approve accept agree allow yes host",
    "refuse_consent": "reject deny no veto block",
    "share_intel": "intel intelligence tell inform",
    "pledge": "give offer contribute forces troops commit send",
    "table": "propose proposal option course action",
    "undo": "back take back mistake",
    "withdraw_consent": "revoke",
    "request_art5": "attack article collective defence",
    "request_art4": "consult article",
    "seek_resolution": "un united nations mandate council",
    "lead_coalition": "coalition willing",
    "recirculate": "silence again",
    "override_caveats": "caveats override overrule restrictions national full",
    "withdraw_contribution": "caveats walk out leave pull out contribution withdraw",
}


def _word_score(query: str, words: str) -> float:
    """1 when the query is one of `words` or the start of one, else 0 (the fuzzy matcher scores a
    word typed in full about 24, a few of its letters scattered in a long help text under 8)."""
    q = query.strip().lower()
    return 1.0 if q and any(w.startswith(q) for w in words.split()) else 0.0


class GameCommands(Provider):
    def commands(self) -> list[tuple[str, object, str]]:
        # `self.screen` is the screen the palette was opened from (`app.screen` is the palette itself)
        screen = self.screen
        out = []
        if hasattr(screen, "palette_commands"):
            out += screen.palette_commands()
        out.append(("Help: keys and the step being played", getattr(screen, "action_help", self.app.action_help),
                    "show help"))
        return out

    async def discover(self) -> Hits:
        """Before anything is typed: the game's commands, this step's moves first, above Textual's
        own (a discovery hit scores 0 and keeps the order it came in; ours score above it)."""
        for i, (name, callback, help_text, *_also) in enumerate(self.commands()):
            yield Hit(1.0 - i / 1000, name, partial(callback), text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text, *also in self.commands():
            # (also: a move's other words, and whether it is open now: an open move goes first)
            score = max(matcher.match(name), matcher.match(help_text) * 0.5,
                        20 * _word_score(query, also[0]) if also else 0.0)  # (a name typed in full: 24)
            if score > 0 and len(also) > 1 and also[1]:
                score += 1
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(callback), help=help_text)
