"""The White Cell's console: the umpire sees every delegation's private information, runs the
master events list (release, hold, edit, ad-hoc), paces the room (pause, timers, end a round),
overrides with a rationale, answers requests for information, switches seats and calls syndicates
to the keyboard. Every move it makes is an action in the log."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from game.core import actions as A
from game.core import engine, texts
from game.core.actions import WHITE_CELL
from game.review.papers import brief_markdown
from game.review.room import room_lines
from game.tui.dialogs.choose import ChooseAction
from game.tui.dialogs.codes import CodesDialog
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.dialogs.form import FormDialog
from game.tui.refusals import REFUSED, attempt
from game.tui.widgets.countdown import countdown_text
from game.tui.widgets.keybar import KeyBar
from game.tui.widgets.roomfeed import RoomFeed
from game.tui.widgets.header import Header
from game.tui.session import HUMAN, TIMER_EXPIRY
from game.core.observation import observe
from game.saves.session import Session
from game.tui.literal import literal

WC = WHITE_CELL


class FacilitatorScreen(Screen):
    CSS_PATH = "facilitator.tcss"
    BINDINGS = [
        Binding("j", "codes", "Join codes"),  # first: a seminar's facilitator needs it at once (hidden elsewhere)
        Binding("r", "release", "Release"), Binding("e", "edit", "Edit+release"), Binding("h", "hold", "Hold"),
        Binding("i", "adhoc", "Ad-hoc inject"), Binding("p", "pause", "Pause/resume"),
        Binding("t", "timer", "Timer"), Binding("x", "end_round", "End round"),
        Binding("o", "override_meter", "Override meter"), Binding("d", "override_result", "Override result"),
        Binding("a", "answer", "Answer RFI"), Binding("c", "call", "Call to keyboard"),
        Binding("m", "move_for", "Move for seat"), Binding("s", "seats", "Seats"),
        Binding("v", "projector", "Projector"), Binding("escape", "close", "Table"),
    ]

    def __init__(self, session: Session, table):
        super().__init__()
        self.session = session
        self.table = table  # the TableScreen below: it applies steps and moves the game on

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="wc-status")
        with Horizontal(id="wc-body"):
            with Vertical(id="wc-left"):
                yield OptionList(id="wc-injects")
                yield OptionList(id="wc-rfis")
            with Vertical(id="wc-mid"):
                yield DataTable(id="wc-seats", cursor_type="row")
                yield Static(id="wc-private", classes="panel private")
            yield RoomFeed(id="wc-feed", classes="panel")
        yield KeyBar(id="wc-keys")

    def on_mount(self) -> None:
        self.title = "White Cell — facilitator console"
        self.query_one("#wc-injects").border_title = "Master events list"
        self.query_one("#wc-rfis").border_title = "Requests for information"
        self.query_one("#wc-private").border_title = "Private (White Cell only)"
        self.query_one("#wc-feed").border_title = "Live: moves, injects, RFIs, timers"
        seats = self.query_one("#wc-seats", DataTable)
        seats.add_columns("Seat", "Played by", "Now")  # narrow enough to show whole beside the feed
        self.shown_at = None
        self.refresh_view()
        self.set_interval(1.0, self.refresh_status)
        self.set_interval(0.5, self.keep_up)
        self.query_one("#wc-injects").focus()

    def keep_up(self) -> None:
        """Never stale: whatever moved the game (a syndicate, the host's computer seats, a timer, this
        console), the lists, the seats and the feed follow within half a second."""
        s = self.session
        now = (getattr(s, "seq", None), len(s.log.records), s.state, len(s.journal()))
        if now != self.shown_at:
            self.refresh_view()

    def refresh_feed(self) -> None:
        """Add what happened since the last look (the words of new events and journal lines only)."""
        s = self.session
        timed, journal = s.timed_events_for(WC), s.journal()
        seen_events, seen_journal = getattr(self, "_fed", (0, 0))
        if (len(timed), len(journal)) == (seen_events, seen_journal):
            return
        self._fed = (len(timed), len(journal))
        new = room_lines(s.crisis, timed[seen_events:], journal[seen_journal:], WC)
        self.query_one(RoomFeed).add(new)

    @property
    def shared(self) -> bool:
        return self.session.shared

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "codes":
            return self.shared  # a seminar's join codes
        if action == "call":
            return not self.shared  # in a seminar every syndicate has its own screen
        return True

    def action_codes(self) -> None:
        if self.shared:
            self.app.push_screen(CodesDialog(self.session.store))

    # -- view ---------------------------------------------------------------------------------------
    def refresh_status(self) -> None:
        s = self.session
        st = s.state
        t = Text(f" Turn {st.turn}/{st.turn_limit} · {texts.PHASE_LABELS.get(st.phase.value)} ", style="bold reverse")
        if st.paused:
            t.append("  PAUSED", style="bold red")
        left = s.timer_left()
        if left is not None:
            t.append("  ")
            t.append_text(countdown_text(left, s.timer_running(), st.paused))
        if getattr(self.table, "pending_results", None) is not None:
            t.append("  results of the turn are in: Esc shows them and plays on", style="bold green")
        acting = [s.name(a) for a in s.acting()]
        if acting:
            t.append("  waiting for: " + ", ".join(acting[:4]) + ("…" if len(acting) > 4 else ""), style="dim")
        self.query_one("#wc-status", Static).update(t)

    def refresh_view(self) -> None:
        """Draw what changed since the last look (each part is redrawn only when what it shows
        changed: a syndicate's move redraws the seats and the feed, not the events list)."""
        s = self.session
        st = s.state
        crisis = s.crisis
        drawn = getattr(self, "_drawn", {})
        self._drawn = drawn
        injects = self.query_one("#wc-injects", OptionList)
        if drawn.get("injects") != (st.fired, st.held):
            drawn["injects"] = (st.fired, st.held)
            keep = injects.highlighted
            injects.clear_options()
            for iid, inj in crisis.scenario.injects.items():
                status = "fired" if iid in st.fired else ("HELD" if iid in st.held else "pending")
                trigger = texts.trigger_words(crisis, inj)
                line = Text(f"[{status}] ", style="dim" if status == "fired" else ("bold red" if status == "HELD" else "green"))
                line.append(inj.title, style="bold")
                line.append(f"  {trigger}", style="dim")
                injects.add_option(Option(line, id=iid))
            if keep is not None and keep < injects.option_count:
                injects.highlighted = keep
        if drawn.get("rfis") != st.requests:
            drawn["rfis"] = st.requests
            rfis = self.query_one("#wc-rfis", OptionList)
            rfis.clear_options()
            for number, seat, question in st.requests:
                rfis.add_option(Option(literal(f"{number}. {s.name(seat)}: {question}"), id=str(number)))
        acting = s.acting()
        rows = [(seat, s.controls.get(seat, "computer"),
                 "to act" if seat in acting else (st.submitted(seat).kind if st.submitted(seat) else ""))
                for seat in engine.seats(crisis)]
        if drawn.get("seats") != rows:
            drawn["seats"] = rows
            seats = self.query_one("#wc-seats", DataTable)
            row = seats.cursor_row
            seats.clear()
            for seat, who, now in rows:
                # a Text, not markup, and measured (a Content cell was cut to its header's width)
                seats.add_row(Text(texts.printable(crisis.scenario.actors[seat].name)), who, now, key=seat)
            if row is not None and row < seats.row_count:
                seats.move_cursor(row=row)
        self.show_private()
        self.refresh_status()
        self.refresh_feed()
        self.shown_at = (getattr(s, "seq", None), len(s.log.records), s.state, len(s.journal()))

    def selected_seat(self) -> str | None:
        seats = self.query_one("#wc-seats", DataTable)
        if seats.row_count == 0 or seats.cursor_row is None:
            return None
        return seats.coordinate_to_cell_key((seats.cursor_row, 0)).row_key.value

    def on_data_table_row_highlighted(self, _event) -> None:
        self.show_private()

    def show_private(self) -> None:
        seat = self.selected_seat()
        panel = self.query_one("#wc-private", Static)
        if seat is None:
            panel.update("")
            return
        crisis = self.session.crisis
        st = self.session.state
        key = (seat, st.turn, st.phase, st.operations, st.attacks, st.private_intel, st.capital.get(seat),
               str(st.resources.get(seat)))
        if getattr(self, "_private_for", None) == key:  # what the brief shows has not changed
            return
        self._private_for = key
        md = brief_markdown(crisis, observe(crisis, st, seat))
        text = md.split("## Your seat:", 1)[-1].replace("**", "").replace("*", "").replace("## ", "")
        panel.update(Text("Seat:" + text))

    # -- acting -------------------------------------------------------------------------------------
    def do(self, action, by_seat: bool = False, based_on: int | None = None) -> None:
        step = attempt(self, self.session.act_for if by_seat else self.session.apply, action, based_on=based_on)
        if step is REFUSED:
            return
        self.table.after_step(step)
        self.refresh_view()

    def noted(self, change, *args) -> bool:
        """A change that is not a move (a timer): in a seminar a busy database refuses it, said on screen."""
        return attempt(self, change, *args) is not REFUSED

    def highlighted_inject(self) -> str | None:
        injects = self.query_one("#wc-injects", OptionList)
        if injects.highlighted is None:
            return None
        return injects.get_option_at_index(injects.highlighted).id

    def action_release(self) -> None:
        iid = self.highlighted_inject()
        if iid:
            self.do(A.ReleaseInject(WC, iid))

    def action_hold(self) -> None:
        iid = self.highlighted_inject()
        if iid:
            self.do(A.HoldInject(WC, iid))

    def action_edit(self) -> None:
        iid = self.highlighted_inject()
        if not iid:
            return
        inj = self.session.crisis.scenario.injects[iid]

        def done(form):
            if form and form["text"]:
                self.do(A.ReleaseInject(WC, iid, form["text"]))
        self.app.push_screen(FormDialog(f"Edit and release: {inj.title}", [("text", "Public text", inj.text, None)]),
                             done)

    def action_adhoc(self) -> None:
        def done(form):
            if form:
                effects = tuple(e.strip() for e in form["effects"].split(";") if e.strip())
                self.do(A.AdHocInject(WC, form["title"], form["text"], effects))
        meters = ", ".join(self.session.crisis.scenario.meters)
        self.app.push_screen(FormDialog("Ad-hoc inject", [
            ("title", "Headline", "", None), ("text", "Public text", "", None),
            ("effects", f"Effects, separated by ';' (e.g. severity += 5; trust(partners) -= 3). Meters: {meters}",
             "", None)]), done)

    def action_pause(self) -> None:
        self.do(A.Resume(WC) if self.session.state.paused else A.Pause(WC))

    def action_end_round(self) -> None:
        """Ending a round records every seat that has not acted as silent (or, in amendment, makes
        the chair recirculate or withdraw): it cannot be taken back, so it is asked first, with the
        focus on Cancel (Enter, Escape and n cancel; y ends the round)."""
        action = A.EndRound(WC)
        s = self.session
        if s.legal(WC).why_not(action) is not None:  # refused: say why, as any key does
            self.do(action)
            return
        waiting = [s.name(a) for a in s.acting() if a != WC]
        if s.state.phase.value == "amendment":
            what = "The chair's turn ends: the text is recirculated as it stands, or withdrawn if it has failed."
        else:
            what = ("Recorded as silent now: " + ", ".join(waiting) + "." if waiting else
                    "Every seat has acted.") + " Under silence procedure, silence is assent."

        def answered(yes: bool | None) -> None:
            if yes:
                self.do(action)
        self.app.push_screen(ConfirmDialog("End the round now? This cannot be taken back.", what,
                                           "Cancel (Enter) leaves the round open.", yes="End the round"), answered)

    def action_timer(self) -> None:
        if self.session.timer_left() is not None:
            if self.noted(self.session.stop_timer):
                self.notify("Timer stopped.")
            self.refresh_status()
            return

        def done(form):
            if form:
                try:
                    minutes = float(form["minutes"])
                except ValueError:
                    self.notify("Minutes must be a number.", severity="warning")
                    return
                self.noted(self.session.start_timer, minutes, form["expiry"])
                self.refresh_status()
        self.app.push_screen(FormDialog("Phase timer", [
            ("minutes", "Minutes for this step", "10", None),
            ("expiry", "When it runs out", "silence", [(v, k) for k, v in TIMER_EXPIRY.items()])]), done)

    def action_override_meter(self) -> None:
        sc = self.session.crisis.scenario

        def done(form):
            if form:
                try:
                    value = float(form["value"])
                except ValueError:
                    self.notify("The value must be a number.", severity="warning")
                    return
                self.do(A.OverrideMeter(WC, form["meter"], value, form["rationale"]))
        self.app.push_screen(FormDialog("Override a meter", [
            ("meter", "Meter", "", [(f"{m.label} (now {self.session.state.meters[k]:g})", k) for k, m in sc.meters.items()]),
            ("value", "New value", "", None), ("rationale", "Rationale (recorded, shown in the review)", "", None)]),
            done)

    def action_override_result(self) -> None:
        crisis = self.session.crisis
        ops = [op for op in self.session.state.operations if op.results and op.result_changes is not None]
        if not ops:
            self.notify("No adjudication to override yet.", severity="warning")
            return

        def done(form):
            if form:
                self.do(A.OverrideResult(WC, int(form["operation"]), form["result"], form["rationale"]))
        self.app.push_screen(FormDialog("Override an adjudication", [
            ("operation", "Operation", str(ops[-1].number),
             [(f"{op.number}: {texts.option_title(crisis, op.option)} — {op.results[-1][1]}", str(op.number))
              for op in ops]),
            ("result", "New result", "", [(b.label, b.result) for b in crisis.rules.adjudication.results]),
            ("rationale", "Rationale (recorded, shown in the review)", "", None)]), done)

    def action_answer(self) -> None:
        rfis = self.query_one("#wc-rfis", OptionList)
        if rfis.highlighted is None:
            self.notify("No request selected.", severity="warning")
            return
        number = int(rfis.get_option_at_index(rfis.highlighted).id)

        def done(form):
            if form:
                self.do(A.AnswerInfo(WC, number, form["answer"]))
        self.app.push_screen(FormDialog(f"Answer request {number} (only the asker sees it)",
                                        [("answer", "Answer", "", None)]), done)

    def action_call(self) -> None:
        seat = self.selected_seat()
        if seat is None or self.session.controls.get(seat) != HUMAN:
            self.notify("Call a seat that people play (switch it with s first).", severity="warning")
            return
        self.session.last_human = seat
        self.notify(f"{self.session.name(seat)} is called to the keyboard next.")
        self.table.seat = None
        self.table.advance()

    def action_move_for(self) -> None:
        seat = self.selected_seat()
        if seat is None:
            return
        legal = self.session.legal(seat)
        if not legal:
            self.notify(f"{self.session.name(seat)} has no move to make now.", severity="warning")
            return
        kinds = sorted({a.kind for a in legal})
        based_on = getattr(self.session, "seq", None)  # a seminar: the move answers the game as it was when chosen

        def chose_kind(form):
            if not form:
                return
            candidates = [a for a in legal if a.kind == form["kind"]]
            if len(candidates) == 1:
                self.do(candidates[0], by_seat=True, based_on=based_on)
            else:
                self.app.push_screen(ChooseAction(self.session.crisis, form["kind"], candidates),
                                     lambda a: a is not None and self.do(a, by_seat=True, based_on=based_on))
        self.app.push_screen(FormDialog(f"A move on behalf of {self.session.name(seat)} (recorded as such)", [
            ("kind", "Move", kinds[0], [(texts.KIND_LABELS.get(k, k), k) for k in kinds])]), chose_kind)

    def action_seats(self) -> None:
        self.table.action_seats()

    def action_projector(self) -> None:
        self.app.push_screen(self.app.make_screen("projector", self.session))

    def action_close(self) -> None:
        self.app.pop_screen()
        self.table.refresh_view()
        if self.table.pending_results is not None:  # the turn's results, held back while the console was up
            self.table.show_assessment(*self.table.pending_results)
