"""The table's move keys: one key per kind of move, the moves each step offers, and the footer's
words for them. The rules decide which of them is legal now (LegalActions); this module only says
which key stands for which kind of move, so the footer, the moves list, the help and the palette
all agree."""
from __future__ import annotations

from textual.binding import Binding

# kind -> (key, the key as shown, the footer's short word). Every kind a seat can be offered.
MOVE_KEYS: dict[str, tuple[str, str, str]] = {
    "support": ("s", "s", "Support"),
    "object": ("o", "o", "Object"),
    "reserve": ("r", "r", "Reserve"),
    "consent": ("c", "c", "Consent"),
    "refuse_consent": ("x", "x", "Refuse"),
    "pass": ("space", "␣", "Pass"),
    "undo": ("u", "u", "Undo"),
    "share_intel": ("h", "h", "Share"),
    "request_art4": ("4", "4", "Art. 4"),
    "offer_mou": ("m", "m", "MOU"),
    "request_art5": ("5", "5", "Art. 5"),
    "seek_resolution": ("n", "n", "UN resolution"),
    "lead_coalition": ("v", "v", "Coalition"),
    "withdraw_consent": ("d", "d", "Withdraw consent"),
    "table": ("t", "t", "Table"),
    "amend": ("a", "a", "Amend"),
    "set_param": ("e", "e", "Param"),
    "link": ("k", "k", "Package"),
    "recirculate": ("g", "g", "Silence"),
    "withdraw": ("w", "w", "Withdraw"),
    "pledge": ("p", "p", "Pledge"),
    "withdraw_pledge": ("z", "z", "Withdraw pledge"),
    # partners and releasability (issue 17)
    "request_consultations": ("j", "j", "Consult"),
    "hold_consultations": ("y", "y", "Hold consult."),
    "widen_release": ("f", "f", "Widen release"),
}
# Moves with no letter left for them: the moves list and the palette offer them (issue 17).
LIST_ONLY = frozenset({"invite", "accept_shortfall", "override_caveats", "withdraw_contribution"})
KEY_KINDS = {key: kind for kind, (key, _shown, _word) in MOVE_KEYS.items()}  # key -> kind

# What a seat might do in each step, in the order the moves list shows them (each greyed, with
# the engine's reason, when the rules do not allow it now; a kind the seat's role never makes is
# not offered at all).
STEP_KINDS = {
    "consultation": ("pass", "share_intel", "request_art4", "offer_mou", "seek_resolution", "request_art5",
                     "lead_coalition", "withdraw_consent", "request_consultations", "widen_release",
                     "decide_in_parallel"),
    "proposal": ("hold_consultations", "table", "pass"),
    "negotiation": ("support", "object", "reserve", "pass", "consent", "refuse_consent", "undo"),
    "amendment": ("amend", "set_param", "link", "recirculate", "withdraw"),
    "force_generation": ("pledge", "pass", "undo", "withdraw_pledge", "invite", "accept_shortfall", "override_caveats",
                         "withdraw_contribution"),
}

# Moves that only some situations open (an armed attack, a failed text, an operation on the
# host's soil, a course of action that names the Security Council): the footer shows their key
# only when they are legal; the moves list always lists them, greyed with the reason.
SITUATIONAL = frozenset({"request_art5", "lead_coalition", "withdraw_consent", "seek_resolution", "link",
                         "set_param", "undo", "consent", "refuse_consent", "withdraw_pledge", "invite",
                         "accept_shortfall", "override_caveats", "withdraw_contribution",
                         "request_consultations", "hold_consultations", "widen_release", "decide_in_parallel"})

# A host nation asked for its consent answers with consent or a refusal: the other answers are not
# its moves on this text, and are not offered to it (pressed, their keys still say why).
NOT_FOR_A_HOST = frozenset({"support", "object", "reserve", "pass"})

# A partner's (or a host nation's) words where a member's would mislead: its objection is a concern
# that blocks nothing (texts.move_label says the same at length).
NON_MEMBER_WORDS = {"object": "Concern… (no block)"}

# The moves list's words (short enough for a 30-column list; the palette and help use texts.KIND_LABELS).
MENU_WORDS = {
    "support": "Support", "object": "Object…", "reserve": "Reserve (does not block)", "consent": "Consent (host)",
    "refuse_consent": "Refuse consent…", "undo": "Undo my last move", "share_intel": "Share intelligence…",
    "request_art4": "Request Article 4", "offer_mou": "Offer an MOU…", "request_art5": "Request Article 5…",
    "seek_resolution": "Seek a UN resolution…", "lead_coalition": "Lead a coalition…",
    "withdraw_consent": "Withdraw consent", "table": "Table a text…", "amend": "Add a caveat…",
    "set_param": "Change a parameter…", "link": "Link a package…", "recirculate": "Call silence again",
    "withdraw": "Withdraw the text", "pledge": "Pledge…",
    "withdraw_pledge": "Withdraw a pledge…", "invite": "Invite a partner…", "accept_shortfall": "Accept a shortfall…",
    "request_consultations": "Request consultations", "hold_consultations": "Hold consultations…",
    "widen_release": "Widen releasability…", "decide_in_parallel": "Act alongside (own way)…",
    "override_caveats": "Override caveats…", "withdraw_contribution": "Pull my contribution…",
}
PASS_MENU_WORD = {"consultation": "Pass", "proposal": "Pass (table nothing)", "negotiation": "Stay silent (assent)",
                  "force_generation": "Done pledging"}

# What the pass key means in each step.
PASS_WORD = {"consultation": "Pass", "proposal": "Pass", "negotiation": "Silent",
             "force_generation": "Done", "amendment": "Pass"}

# Moves that cannot be taken back: asked again before they are made (Enter means "cancel").
CONFIRM = {
    "table": "Table this text? Every delegation answers it at once, and it counts against the proposals "
             "you may table this turn.",
    "recirculate": "Put the text under silence again? The delegations answer it in a new round; the rounds "
                   "are limited, and after the last one an objection makes it fail.",
    "withdraw": "Withdraw the text? It leaves the table and cannot be brought back this round.",
    "withdraw_consent": "Withdraw your consent? Every operation on your territory that rests on it stops at "
                        "once, and the Alliance's legitimacy and cohesion suffer. It cannot be taken back.",
}


def move_bindings() -> list[Binding]:
    """A binding per kind of move, in the order the footer shows them."""
    return [Binding(key, f"act('{kind}')", word, key_display=shown) for kind, (key, shown, word) in MOVE_KEYS.items()]


def key_of(kind: str) -> str | None:
    got = MOVE_KEYS.get(kind)
    return got[1] if got else None
