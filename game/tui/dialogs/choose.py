"""Build one action by narrowing the legal ones, a field at a time (option, then host, then basis ...).
Beside the list, what the highlighted choice means (a course of action's description, legal bases,
needs, difficulty, caveats and the positions stated on it); choices the rules do not allow now stay
listed, greyed, with the engine's reason."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from game.core import actions as A
from game.core import menu, texts
from game.core.actions import Action
from game.tui.literal import literal
from game.tui.widgets.pointer import PointerList


class ChooseAction(ModalScreen[Action | None]):
    """Returns the chosen action, or None if the player backs out (Escape)."""

    DEFAULT_CSS = """
    ChooseAction { align: center middle; }
    ChooseAction > Vertical { width: 100%; max-width: 100; height: auto; max-height: 100%;
                              border: thick $accent; background: $surface; padding: 0 1; }
    ChooseAction #limits { color: $text-muted; }
    ChooseAction #question { text-style: bold; }
    ChooseAction #choices { height: auto; max-height: 40vh; border: none; padding: 0; }
    ChooseAction #about { height: auto; max-height: 30vh; border-top: solid $primary 50%; }
    ChooseAction #hint { color: $text-muted; }
    """
    # PgDn/PgUp read on in what the highlighted choice means (at 80x24 a course of action's
    # description, needs and positions take more lines than the panel has); the arrows keep the list.
    BINDINGS = [Binding("escape", "cancel", "Back"),
                Binding("pagedown", "about(1)", "More", show=False, priority=True),
                Binding("pageup", "about(-1)", "Back up", show=False, priority=True)]

    def __init__(self, crisis, kind: str, candidates: list[Action], state=None, legal=None):
        """`state` (the seat's view of the game) and `legal` (its LegalActions) let the dialog say
        what each choice means and list, greyed with the rules' reason, the choices not open now."""
        super().__init__()
        self.crisis = crisis
        self.kind = kind
        self.candidates = list(candidates)
        self.state = state
        self.legal = legal
        self.fields = [f for f in texts.FIELDS.get(kind, ()) if hasattr(candidates[0], f)]
        self.step = 0
        self.values: list = []
        self.closed: dict[int, str] = {}  # index in the list -> why the rules do not allow it now
        self.asked = False  # whether a question was put (else the one move is shown before it is made)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(texts.move_label(self.crisis, self.candidates[0].seat, self.kind).rstrip("…"),
                        classes="panel-title")
            if self.state is not None and self.kind in ("table", "amend", "set_param", "link"):
                yield Static(literal("Limits: " + menu.limits(self.crisis, self.state)), id="limits")
            yield Label("", id="question")
            yield PointerList(id="choices")
            with VerticalScroll(id="about"):
                yield Static(id="about-text")
            yield Static("↑↓ choose · Enter take it · PgDn/PgUp read on · Esc back · greyed: not now",
                         id="hint")

    def on_mount(self) -> None:
        self._next_question()

    def _label(self, field: str, value) -> str:
        """A choice in words; an operation by its course of action too (its number alone says little)."""
        words = texts.value_label(self.crisis, self.kind, field, value)
        if field == "operation" and self.state is not None:
            op = next((o for o in self.state.operations if o.number == value), None)
            if op is not None and op.option in self.crisis.scenario.options:
                words += f": {self.crisis.scenario.options[op.option].title}"
        return words

    def _values(self, field: str) -> list:
        seen = []
        for c in self.candidates:
            v = getattr(c, field)
            if v not in seen:
                seen.append(v)
        return seen

    def _next_question(self) -> None:
        while self.step < len(self.fields):  # a field with one open value and none closed: no question
            field = self.fields[self.step]
            if len(self._values(field)) > 1 or self._closed_values(field):
                break
            self.step += 1
        if self.step >= len(self.fields):
            if self.asked:
                self.dismiss(self.candidates[0])
            else:  # one move, nothing to choose: show it; Enter takes it, Esc goes back
                self._confirm_the_one()
            return
        self.asked = True
        field = self.fields[self.step]
        question = texts.FIELD_QUESTIONS.get(field, field)
        settled = [self._label(f, getattr(self.candidates[0], f)) for f in self.fields[:self.step]
                   if f in ("operation", "resource", "to", "inject")]
        if settled:  # what is already fixed (one choice, or chosen): "How much? (Forces, operation 1: …)"
            question += f"  ({', '.join(settled)})"
        self.query_one("#question", Label).update(literal(question))
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        self.values = self._values(field)
        options = [Option(literal(self._label(field, v)), id=str(i))
                   for i, v in enumerate(self.values)]
        self.closed = {}
        for value, why in self._closed_values(field):
            line = Text(self._label(field, value), style="dim")
            line.append(f"\n  not now: {why}", style="dim italic")
            self.closed[len(self.values)] = why
            options.append(Option(line, id=str(len(self.values))))
            self.values.append(value)
        choices.add_options(options)
        choices.highlighted = 0
        choices.focus()
        self._about(0)

    def _confirm_the_one(self) -> None:
        """The only move of its kind, shown in words before it is made."""
        move = self.candidates[0]
        self.query_one("#question", Label).update("Only this one is open now. Take it?")
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        what = texts.third_person(self.crisis, move)
        choices.add_options([Option(literal(what[:1].upper() + what[1:]), id="the-one")])
        choices.highlighted = 0
        choices.focus()
        self.values, self.closed = [], {}
        field = next((f for f in self.fields if f in ("caveat", "resource", "to", "on", "reason")), None)
        about = self.query_one("#about-text", Static)
        lines = self.describe(field, getattr(move, field)) if field else []
        about.update(Text("\n".join(words for _head, words in lines)))
        self.query_one("#about", VerticalScroll).display = bool(lines)

    # -- choices the rules do not allow now (the chair's menu) ---------------------------------------
    def _closed_values(self, field: str) -> list[tuple[object, str]]:
        """(value, the rules' reason) for choices not open now that a player would look for: courses
        of action on the menu that cannot be tabled, and legal bases that cannot carry the text."""
        if self.legal is None or self.kind != "table" or field not in ("option", "basis"):
            return []
        crisis, seat = self.crisis, self.legal.seat
        open_now = set(self._values(field))
        out = []
        if field == "option":
            for oid, opt in crisis.scenario.options.items():
                if oid in open_now:
                    continue
                whys = []
                for host in opt.hosts or (None,):
                    for basis in opt.legal_bases:
                        why = self.legal.why_not(A.Table(seat, oid, basis, host, _defaults(opt)))
                        if why is not None and why.reason not in whys:
                            whys.append(why.reason)
                out.append((oid, "; ".join(whys) or "not open now"))
        else:
            first = self.candidates[0]
            opt = crisis.scenario.options[first.option]
            for basis in opt.legal_bases:
                if basis in open_now:
                    continue
                why = self.legal.why_not(A.Table(seat, first.option, basis, first.host, first.params))
                out.append((basis, why.reason if why is not None else "not open now"))
        return out

    # -- what the highlighted choice means -------------------------------------------------------------
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None and event.option.id != "the-one":
            self._about(int(event.option.id))

    def _about(self, index: int) -> None:
        about = self.query_one("#about-text", Static)
        if self.step >= len(self.fields) or index >= len(self.values):
            about.update("")
            return
        field, value = self.fields[self.step], self.values[index]
        lines = self.describe(field, value)
        if index in self.closed:
            lines.insert(0, ("Not open now", self.closed[index]))
        t = Text()
        for head, words in lines:
            if len(t):
                t.append("\n")
            if head:
                t.append(f"{head}: ", style="bold")
            t.append(words)
        about.update(t)
        scroll = self.query_one("#about", VerticalScroll)
        scroll.display = bool(lines)
        scroll.scroll_home(animate=False)

    def describe(self, field: str, value) -> list[tuple[str, str]]:
        crisis, rules = self.crisis, self.crisis.rules
        if field == "option" and value in crisis.scenario.options:
            if self.state is not None:
                return menu.option_lines(crisis, self.state, value)
            return [("", crisis.scenario.options[value].text.strip())]
        if field == "basis" and value in rules.legal_bases:
            return [("", rules.legal_bases[value].text)]
        if field == "reason" and value in rules.reasons:
            return [("", rules.reasons[value].text)]
        if field in ("caveat", "wants_caveat") and value in rules.caveats:
            return [("", rules.caveats[value].text)]
        if field == "resource":
            decl = crisis.scenario.resources.get(value) or rules.resources.get(value)
            return [("", decl.text)] if decl is not None and decl.text else []
        if field in ("to", "host", "on") and value in crisis.scenario.actors:
            a = crisis.scenario.actors[value]
            return [("", f"{a.name}: {texts.kind_label(a)}")]
        return []

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == "the-one":
            self.dismiss(self.candidates[0])
            return
        index = int(event.option.id)
        if index in self.closed:
            label = texts.value_label(self.crisis, self.kind, self.fields[self.step], self.values[index])
            self.notify(self.closed[index], title=f"Not open now: {label}", severity="warning", timeout=8)
            return
        field = self.fields[self.step]
        value = self.values[index]
        self.candidates = [c for c in self.candidates if getattr(c, field) == value]
        self.step += 1
        self._next_question()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_about(self, pages: int) -> None:
        about = self.query_one("#about", VerticalScroll)
        step = max(1, about.scrollable_content_region.height - 1)
        about.scroll_to(y=about.scroll_y + pages * step, animate=False)


def _defaults(opt) -> tuple[tuple[str, str], ...]:
    return tuple((name, par.default) for name, par in opt.parameters.items())
