"""The seat's moves on the table: which key stands for which move now (shown, greyed or hidden in
the footer), a refused key's reason, the confirmation before a move that cannot be taken back,
the command palette's moves and the help for the step being played. What is legal is always the
engine's answer (LegalActions); nothing here decides it."""
from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.events import Key

from game.tui.commands import SEARCH_WORDS
from game.tui.keys import CONFIRM, KEY_KINDS, MOVE_KEYS, NOT_FOR_A_HOST, PASS_WORD, SITUATIONAL, STEP_KINDS, key_of

A = texts = REFUSED = attempt = None  # bound when the game opens: the table's first frame needs no engine


def load_game_modules() -> None:
    global A, texts, REFUSED, attempt
    from game.core import actions as A  # lazy: start-up
    from game.core import texts  # lazy: start-up
    from game.tui.refusals import REFUSED, attempt  # lazy: start-up


UNDONE = {"support": "support", "object": "objection", "reserve": "reservation", "consent": "consent",
          "refuse_consent": "refusal of consent", "pass": "silence", "pledge": "pledge"}


def names_a_choice(action) -> bool:
    """Whether a move carries a choice of its own besides its seat (what to amend, whom to invite,
    which operation, how much): one that does not (pass, support, consent ...) is played on its key."""
    import attrs  # lazy: start-up
    return any(f.name != "seat" and getattr(action, f.name) != f.default for f in attrs.fields(type(action)))


class SeatMoves:
    """Mixed into TableScreen (which has .session, .seat, .busy, .shared, .after_step)."""

    _pass_word = None
    _object_word = "Object"

    # -- what each key does now -------------------------------------------------------------------
    def move_state(self, kind: str) -> bool | None:
        """True: the seat may make this move now (its key is lit); None: a move of this step the rules
        do not allow now (greyed: pressing it says why); False: not shown (another step's move, one
        the seat's role never makes, or one only some situations open and this is not one)."""
        s = self.session
        if s is None:  # the table is being set
            return False
        phase = s.state.phase.value
        if self.seat is None:  # nothing private on screen: the keys of the seats people play, greyed
            people = [h for h in s.humans() if h != A.WHITE_CELL]
            if kind not in STEP_KINDS.get(phase, ()):
                return False
            return None if any(s.legal(h).role_allows(kind) for h in people) else False
        legal = s.legal(self.seat)
        if not legal.role_allows(kind) or kind not in STEP_KINDS.get(phase, ()) or legal.takes_part() is not None:
            return False
        kinds = self.legal_kinds()
        if kind in kinds:
            return True
        if kind in SITUATIONAL or (kind in NOT_FOR_A_HOST and "consent" in kinds):
            return False
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.session is None:  # the table is being set: help and quit only
            return action in ("help", "save_quit")
        if action == "console":
            return self.session.facilitated
        if action == "ask":
            return self.session.white_cell_present and self.seat is not None
        if action == "seats" and self.shared and not self.session.facilitated:
            return False  # in a seminar only the White Cell hands seats to the computer
        if action != "act":
            return True
        return self.move_state(parameters[0])

    def relabel_pass(self) -> None:
        """The pass key's word follows the step: pass, silent (assent), done pledging; the objection
        key's follows the seat: a partner's objection is a concern (it blocks nothing)."""
        word = PASS_WORD.get(self.session.state.phase.value, "Pass")
        if word != self._pass_word:
            self._pass_word = word
            key, shown, _ = MOVE_KEYS["pass"]
            self._bindings.key_to_bindings[key] = [Binding(key, "act('pass')", word, key_display=shown)]
        key, shown, member_word = MOVE_KEYS["object"]
        word = "Concern" if texts.objects_as_concern(self.session.crisis, self.seat) else member_word
        if word != self._object_word:
            self._object_word = word
            self._bindings.key_to_bindings[key] = [Binding(key, "act('object')", word, key_display=shown)]

    def footer_state(self) -> tuple:
        """What the footer shows (compared to rebuild it only when a key's state changes)."""
        return (self._pass_word, self._object_word) + tuple(
            self.check_action(b.action.split("(")[0], (b.action.split("'")[1],) if "'" in b.action else ())
            for bindings in self._bindings.key_to_bindings.values() for b in bindings)

    def on_key(self, event: Key) -> None:
        """A move key that is greyed or hidden now. Textual runs no action for a disabled binding and
        passes the key on, so it arrives here: say why the rules do not allow that move now."""
        kind = KEY_KINDS.get(event.key)
        if kind is None or self.seat is None or self.move_state(kind) is True:
            return
        event.stop()
        event.prevent_default()
        self.action_act(kind)

    def on_action_menu_chosen(self, message) -> None:
        self.action_act(message.kind)

    # -- making a move ----------------------------------------------------------------------------
    def action_act(self, kind: str) -> None:
        seat = self.seat
        if seat is None:
            return
        apart = self.session.legal(seat).takes_part()
        if apart is not None:  # its role has no move in this step: say so, not "wait"
            self.notify(f"{apart.reason}.\nRule: {apart.rule.text}", title="No move for you in this step", timeout=8)
            return
        if kind != "undo" and (self.busy or seat not in self.session.acting()):
            waiting = ", ".join(self.session.name(a) for a in self.session.acting()[:3])
            self.notify(f"Not your move yet: waiting for {waiting or 'the game to move on'}.", title="Wait",
                        timeout=4)
            return
        s = self.session
        candidates = [a for a in s.legal(seat) if a.kind == kind]
        if not candidates:
            self.refuse(kind)
            return
        # the move answers the game as this screen shows it: in a seminar, if another process moves
        # the game on while the seat chooses (a dialog is open), the store refuses it as stale
        based_on = self.shown_seq if self.shared else None
        if len(candidates) == 1 and not names_a_choice(candidates[0]):
            self.confirm_and_play(candidates[0], based_on)
            return
        # a move that names something (a caveat, a parameter, a partner, an operation, an amount) opens
        # its dialog even when only one is left: the seat sees what it would do, Enter takes it and
        # Esc goes back (applied on the key alone, the next habitual Enter took the menu's next move)
        self.app.push_screen(self.chooser(kind, candidates), partial(self.confirm_and_play, based_on=based_on))

    def chooser(self, kind: str, candidates):
        from game.tui.dialogs.choose import ChooseAction  # lazy: start-up
        s = self.session
        return ChooseAction(s.crisis, kind, candidates, state=s.observation(self.seat).state, legal=s.legal(self.seat))

    def refuse(self, kind: str) -> None:
        """Say why the rules allow no move of this kind now: the reason, and the rule it applies."""
        why = self.session.legal(self.seat).why_not_kind(kind)
        if why is None:  # legal after all (the game moved on): nothing to refuse
            return
        label = texts.move_label(self.session.crisis, self.seat, kind).rstrip("…")
        self.notify(f"{why.reason}\nRule: {why.rule.text}", title=f"Not allowed: {label}", severity="warning",
                    timeout=8)

    def confirm_and_play(self, action: A.Action | None, based_on: int | None = None) -> None:
        if action is None:
            return
        question = CONFIRM.get(action.kind)
        from game.tui.dialogs.confirm import IRREVERSIBLE, ConfirmDialog, ConfirmMove  # lazy: start-up
        if question is None:
            if action.kind in IRREVERSIBLE and self.app.chosen_by_click():
                # a click that cannot be taken back asks first (a key pressed on purpose does not)
                self.app.push_screen(ConfirmMove(self.session.crisis, action),
                                     lambda yes: yes and self.play(action, based_on))
                return
            self.play(action, based_on)
            return
        s = self.session
        what = f"{s.name(action.seat)} {texts.third_person(s.crisis, action)}."

        def answered(yes: bool | None) -> None:
            if yes:
                self.play(action, based_on)
            else:
                self.notify("Nothing was done.", title="Cancelled", timeout=3)
        title = texts.move_label(self.session.crisis, action.seat, action.kind).rstrip("…")
        self.app.push_screen(ConfirmDialog(title, what, question, yes=title.split(" (")[0]), answered)

    def play(self, action: A.Action | None, based_on: int | None = None) -> None:
        if action is None:
            return
        before = self.session.state.submitted(action.seat) if isinstance(action, A.Undo) else None
        step = attempt(self, self.session.apply, action, based_on=based_on)
        if step is REFUSED:
            return
        if isinstance(action, A.Undo):
            what = UNDONE.get(before.kind, "last move") if before is not None else "last pledge"
            self.notify(f"Your {what} is taken back: the round is still open, answer again.", title="Undone",
                        timeout=5)
        self.after_step(step)

    # -- the palette and the help -----------------------------------------------------------------
    def move_commands(self) -> list[tuple[str, object, str]]:
        """The seat's moves for the palette: this step's first (those not allowed now say why when
        chosen), then the other moves its role makes, each with its key."""
        if self.seat is None:
            return []
        legal = self.session.legal(self.seat)
        phase = self.session.state.phase.value
        step = [k for k in STEP_KINDS.get(phase, ()) if legal.role_allows(k)]
        other = [k for kinds in STEP_KINDS.values() for k in kinds if k not in step and legal.role_allows(k)]
        out, seen = [], set()
        for kind in step + other:
            if kind in seen:
                continue
            seen.add(kind)
            label = texts.move_label(self.session.crisis, self.seat, kind).rstrip("…")
            why = legal.why_not_kind(kind)
            help_text = (f"key {key_of(kind)}" if key_of(kind) else "moves list") + \
                ("" if why is None else f" · not now: {why.reason}")
            out.append((f"Move: {label}", partial(self.action_act, kind), help_text, SEARCH_WORDS.get(kind, ""),
                        why is None))
        return out

    def help_context(self) -> str:
        """Markdown for `?`: the step being played, and what this seat may do in it now."""
        s = self.session
        phase = s.state.phase.value
        lines = [f"## Now: {texts.PHASE_LABELS.get(phase, phase)} (turn {s.state.turn} of {s.state.turn_limit})", "",
                 texts.STEP_GUIDE.get(phase, ""), ""]
        if self.seat is not None and self.seat in s.acting():
            legal = s.legal(self.seat)
            lines += [f"**Your moves as {s.name(self.seat)}:**", ""]
            for kind in STEP_KINDS.get(phase, ()):
                if not legal.role_allows(kind):
                    continue
                label = texts.move_label(self.session.crisis, self.seat, kind).rstrip("…")
                why = legal.why_not_kind(kind)
                key = key_of(kind)
                key = "space" if key == "␣" else key
                lines.append((f"- `{key}` {label}" if key else f"- {label} (moves list)") + ("" if why is None else f" — *not now: {why.reason}*"))
            lines.append("")
        elif self.seat is not None:
            apart = s.legal(self.seat).takes_part()
            waiting = ", ".join(s.name(a) for a in s.acting()) or "nobody (the game is paused)"
            lines += [f"You have no move in this step: {apart.reason}." if apart is not None else
                      f"You have no move to make now: waiting for {waiting}.", ""]
        from game.tui.widgets.delegations import Delegations  # lazy: start-up
        lines += ["### Reading the table", "",
                  "- **Meters**: each bar runs from the meter's lowest to its highest value. `┆` marks a danger "
                  "threshold the scenario set; past it the bar turns red and a red `!` follows its value.",
                  f"- **Delegations**: {Delegations.legend(s.crisis)} (what each seat still holds). `PfP`, "
                  "`MD`, `ICI`: a partner's programme (Partnership for Peace, Mediterranean Dialogue, Istanbul "
                  "Cooperation Initiative); `host`: a host nation; `org`: an international organisation. A "
                  "stance `…`: that seat has yet to answer this round.", ""]
        return "\n".join(lines)
