"""The table: where a seat sees the crisis and acts. It shows state and sends actions; the engine
(through the Session) decides what is legal and what happens. Computer delegations think in a
worker thread so the screen never freezes."""
from __future__ import annotations

import os
import time
from rich.text import Text
from textual import work
from textual._context import NoActiveAppError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import NoActiveWorker, get_current_worker

from game.tui.keys import NON_MEMBER_WORDS, NOT_FOR_A_HOST, STEP_KINDS, move_bindings
from game.tui.screens import table_moves
from game.tui.screens.table_moves import SeatMoves
from game.tui.widgets.actions import ActionMenu
from game.tui.widgets.countdown import Countdown
from game.tui.widgets.delegations import Delegations
from game.tui.widgets.feed import Feed
from game.tui.widgets.footer import Footer
from game.tui.widgets.header import Header
from game.tui.widgets.ledger import Ledger
from game.tui.widgets.meters import Meters
from game.tui.widgets.proposal import ProposalPanel
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from game.saves.session import Session

PUBLIC = ""  # a viewer id that is no seat: sees only what everyone sees

# The engine's modules this screen uses, bound when the game opens (load_game_modules): the table's
# first frame needs only Textual, so a player sees the table at once and the crisis is set on it a
# moment later, with no import or scenario load before that first frame.
A = texts = menu_words = Step = GameOver = TurnStarted = None
ConsensusError = IllegalActionError = ScenarioError = REFUSED = attempt = None


def load_game_modules() -> None:
    global A, texts, menu_words, Step, GameOver, TurnStarted, ConsensusError, IllegalActionError, ScenarioError, \
        REFUSED, attempt
    from game.core import actions as A  # lazy: start-up
    from game.core import menu as menu_words  # lazy: start-up
    from game.core import texts  # lazy: start-up
    from game.core.engine import Step  # lazy: start-up
    from game.core.errors import ConsensusError, IllegalActionError, ScenarioError  # lazy: start-up
    from game.core.events import GameOver, TurnStarted  # lazy: start-up
    from game.tui.refusals import REFUSED, attempt  # lazy: start-up
    table_moves.load_game_modules()


class TableScreen(SeatMoves, Screen):
    CSS_PATH = "table.tcss"
    AUTO_FOCUS = "#actions"  # the seat's moves: Down and Enter act at once
    BINDINGS = [
        *move_bindings(),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("b", "brief", "Brief", show=False),  # in ? and the palette: the footer keeps room for moves
        Binding("q", "save_quit", "Save & quit"),
        Binding("l", "timeline", "Look back", show=False),
        Binding("f2", "seats", "Seats", show=False),
        Binding("i", "ask", "Ask"),  # the White Cell, for information
        Binding("f5", "console", "Console"),  # the White Cell's
        Binding("f6", "projector", "Projector", show=False),
    ]

    def __init__(self, session: Session | None, briefing: bool = True,
                 opening: Callable[[], Session] | None = None):
        """`session`: the game, opened; or `opening`, which opens it once the table is on screen
        (`play.py --scenario`: the scenario is loaded after the table's first frame)."""
        super().__init__()
        self.session = session
        self.opening = opening
        if session is not None:
            load_game_modules()
        self.seat: str | None = None  # the human seat whose view is on screen
        self.brief_on_first_view = briefing
        self.briefed: set[str] = set()
        self.busy = False
        self.shown_events = 0
        self.pending_results = None  # a turn's results held back while the White Cell's console is up
        self._was_mine = False  # the seat on screen was to move at the last redraw

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="status-row"):
            yield Static(id="status")
            yield Countdown(self.session, id="countdown")  # the phase timer, on every seat's screen
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield ProposalPanel(id="proposal", classes="panel")
                yield Delegations(id="delegations")
                yield Ledger(id="ledger", classes="panel")
            with Vertical(id="right"):
                yield Meters(id="meters", classes="panel")
                yield ActionMenu(id="actions")
                yield Feed(id="feed", classes="panel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#proposal").border_title = "On the table"
        self.query_one("#ledger").border_title = "Force generation"
        self.query_one("#meters").border_title = "Meters"
        self.query_one("#feed").border_title = "Injects and decisions"
        self.query_one("#actions").border_title = "Your moves"
        self.fit(self.size)
        if self.session is None:  # the table first, then the crisis on it
            self.busy = True  # (nothing to press yet: a test's settle() waits, keys say "wait")
            self.query_one("#status", Static).update(" Setting the table…")
            self.app.after_first_frame(self.open_game)
            return
        self.set_the_table()

    def open_game(self) -> None:
        if not self.is_attached:  # the app closed before the game opened
            return
        load_game_modules()
        self.session = self.app.session = self.opening()
        self.set_the_table()  # (busy until the computers are asked to move: see first_advance)

    def set_the_table(self) -> None:
        self.title = self.session.crisis.scenario.title
        self.query_one(Countdown).session = self.session  # (None at compose when the game opens later)
        self.watched = self.source_times()
        self.set_interval(1.0, self.check_reload)
        self.set_interval(1.0, self.check_timer)
        if self.shared:  # a seminar: other processes move the game too
            self.shown_seq = self.session.seq
            self.set_interval(0.1, self.check_remote)  # cheap: the game is read only when another process wrote
            if self.session.home_seat is not None:
                self.show_seat(self.session.home_seat)  # a syndicate's screen is its seat's, acting or not
        self.refresh_view()
        self.call_after_refresh(self.first_advance)  # the table is on screen before the computers move
        if self.session.facilitated and not [h for h in self.session.humans() if h != A.WHITE_CELL]:
            self.action_console()  # the facilitator alone at the keyboard: the console is home

    def on_resize(self, event) -> None:
        self.fit(event.size)

    def fit(self, size) -> None:
        """Narrow or short terminals (80x24) get the compact layout (table.tcss)."""
        self.set_class(size.width < 100, "-narrow")
        self.set_class(size.height < 32, "-short")

    def first_advance(self) -> None:
        self.busy = False
        self.advance()

    @property
    def shared(self) -> bool:
        """A seminar game, shared with other processes (game.seminar.session.SharedSession)."""
        return self.session.shared

    def check_remote(self) -> None:
        """Take the moves other seats (and the host's computer seats) made since we last looked."""
        try:
            seq = self.session.poll()
        except ConsensusError as exc:  # the database busy or unreadable for now: look again next tick
            self.notify(str(exc), title="The shared game", severity="warning", timeout=5)
            return
        if self.session.revoked:
            from game.tui.joining import REVOKED, back_to_join  # lazy: start-up
            back_to_join(self.app, self.session.store, REVOKED)
            return
        if seq == self.shown_seq or self.busy:
            return
        events = self.session.events_since(self.shown_seq)
        self.shown_seq = seq
        if self.app.showing("facilitator") and self.shared and not self.session.over:
            # the White Cell's console is up: it alone is drawn now (the table, hidden below it, is
            # drawn again when the console closes); a seminar's facilitator gets no results dialog
            self.app.screen.refresh_view()
            return
        self.after_step(Step(self.session.state, tuple(events)))
        if self.app.showing("facilitator"):
            self.app.screen.refresh_view()

    def check_timer(self) -> None:
        """A phase timer that runs out: the rules' default (silence is assent), or a pause (the
        session decides: game.saves.timer). In a seminar the host runs it out, once for everyone."""
        s = self.session
        if self.shared:
            return
        action = s.timer_due()
        if action is None:
            return
        try:
            step = s.apply(action)
        except IllegalActionError as exc:
            self.notify(f"Timer: {exc.reason}", severity="warning")
            return
        self.notify("Time is up: " + ("the round is closed; silence is assent." if isinstance(action, A.EndRound)
                                      else "the game is paused for the White Cell."), title="Timer", timeout=8)
        self.after_step(step)

    # -- hot reload: the author saves the scenario file while playing it ------------------------------
    def source_times(self) -> dict[str, float]:
        times = {}
        for name in self.session.crisis.sources:
            try:
                times[name] = os.stat(name).st_mtime
            except OSError:
                pass
        return times

    def check_reload(self) -> None:
        if self.busy or self.session.over or self.shared:
            return
        now = self.source_times()
        if now == self.watched:
            return
        self.watched = now
        from game.scenario.loader import load_scenario  # lazy: start-up
        try:
            crisis = load_scenario(self.session.crisis.path)
        except ScenarioError as exc:
            shown = "\n".join(str(p) for p in exc.problems[:4])
            self.notify(f"{shown}\nStill playing the previous version.", title="Scenario not reloaded",
                        severity="error", timeout=12)
            return
        if crisis.digest == self.session.crisis.digest:
            return
        moved, stopped = self.session.rebase(crisis)
        self.query_one(Feed).reset()
        self.notify(f"{moved} moves replayed onto the new version." + (f"\nStopped: {stopped}" if stopped else ""),
                    title="Scenario reloaded", timeout=8)
        self.refresh_view()
        self.advance()

    # -- the game moving on ---------------------------------------------------------------------
    def advance(self) -> None:
        """Let the computer seats act (in a worker), until a human seat must act or the game ends."""
        s = self.session
        if self.busy:
            return
        if s.over:
            self.show_aar()
            return
        seat = s.next_computer()
        if seat is not None:
            self.busy = True
            self.refresh_view()
            self.think(seat)
            return
        human = s.next_human()
        if human is None:  # nobody can act: the White Cell has paused the game
            self.refresh_view()
            return
        self.show_seat(human)

    @work(thread=True, exclusive=True, group="computers")
    def think(self, seat: str) -> None:
        """A computer seat's move, worked out in a thread. The player may quit while it thinks: then
        the app is gone when it is done, and the move is dropped (it was never played or saved)."""
        try:
            app = self.app
        except NoActiveAppError:  # quit before the thread began
            return
        try:
            action, why = self.session.computer_move(seat)
        except IllegalActionError:
            # the table moved on as it began to think (the White Cell paused or ended the round):
            # nothing to play; look again from the game as it now stands
            action, why = None, ""
        else:
            if app.options.pace == "readable":
                time.sleep(0.15)
        if not app.is_running or _cancelled():
            return
        try:
            app.call_from_thread(self.computer_moved, action, why)
        except RuntimeError:  # the app closed between the look and the call
            return

    def computer_moved(self, action: A.Action | None, why: str) -> None:
        self.busy = False
        if not self.is_attached:  # the table was closed while the computer thought
            return
        if action is None:
            self.advance()
            return
        try:
            step = self.session.apply(action, why)
        except IllegalActionError:
            # the table moved on while it thought (the White Cell paused, ended the round, released
            # an inject): think again from the game as it now stands
            self.advance()
            return
        self.after_step(step)

    def after_step(self, step) -> None:
        if self.shared:
            self.shown_seq = self.session.seq
        self.refresh_view()
        ended = self.turn_ended(step.events)
        if ended is not None and self.session.humans():
            if self.shared and self.session.facilitated:
                pass  # the facilitator's screen in a seminar: its live feed shows the results
            elif self.app.showing("facilitator"):
                # never over the White Cell's console: the assessment waits for the table (Esc), and
                # so does the game on this machine, as it would under the dialog
                self.pending_results = ended
                self.app.screen.refresh_status()
                return
            else:
                self.show_assessment(*ended)
                return
        self.advance()

    @staticmethod
    def turn_ended(events) -> tuple[int, list] | None:
        """(the turn that ended, the events that closed it) if this step ended a turn, else None. The
        next turn's start and injects, in the same step, are not part of it."""
        for i, e in enumerate(events):
            if isinstance(e, TurnStarted) and e.turn > 1:
                return e.turn - 1, list(events[:i])
            if isinstance(e, GameOver):
                return None, list(events[:i + 1])
        return None

    def show_assessment(self, turn: int | None, ending: list) -> None:
        """Every turn ends on its assessment: meters before and after with why, then what each
        operation rolled. The seat on screen reads what it may see (no seat: the public record)."""
        self.pending_results = None
        s = self.session
        viewer = self.seat if self.seat is not None else PUBLIC
        shown = [e for e, _ in s.events_for(viewer if viewer != PUBLIC else None)]
        ending = [e for e in ending if e.visible_to(viewer) and (e.to is None or viewer != PUBLIC)]
        from game.review.turn_assessment import assess  # lazy: start-up
        turn = turn if turn is not None else s.state.turn
        report = assess(s.crisis, shown, turn, ending)
        self.app.push_screen(self.app.make_screen("assessment", s.crisis, report, s.state.turn_limit),
                             lambda _: self.advance())

    def show_seat(self, seat: str) -> None:
        if seat == self.seat:
            self.refresh_view()
            return
        people = [h for h in self.session.humans() if h != A.WHITE_CELL]
        previous = self.seat
        handover = len(people) > 1 and not self.shared  # hotseat: several people share this keyboard
        self.seat = None  # nothing private on screen while the keyboard changes hands
        self.refresh_view()

        def arrive(_=None) -> None:
            self.seat = seat
            self.session.last_human = seat
            self.query_one(Feed).reset()
            self.refresh_view()
            if self.brief_on_first_view and seat not in self.briefed and not self.session.over:
                self.briefed.add(seat)
                self.action_brief()
        if handover:
            self.app.push_screen(self.app.make_screen(
                "handover", self.session.name(seat), self.session.name(previous) if previous else None), arrive)
        else:
            arrive()

    def show_aar(self) -> None:
        humans = self.session.humans()
        viewer = humans[0] if len(humans) == 1 else None
        self.session.close()
        if self.app.screen is not self:  # the game ended under a dialog or a brief (another seat's move)
            if self not in self.app.screen_stack:
                return
            while self.app.screen is not self:
                self.app.pop_screen()
        self.app.switch_screen(self.app.make_screen("aar", self.session, viewer))

    # -- what is on screen ------------------------------------------------------------------------
    def refresh_view(self) -> None:
        s = self.session
        viewer = self.seat if self.seat is not None else PUBLIC
        obs = s.observation(viewer)
        state = obs.state
        crisis = s.crisis
        acting = s.acting()
        self.query_one(Meters).show(crisis, state.meters)
        self.query_one(ProposalPanel).show(crisis, state, self.brief_warnings(obs))
        self.query_one(Delegations).show(crisis, state, acting, self.seat)
        self.query_one(Ledger).show(crisis, state)
        self.query_one(Feed).show(s.events_for(viewer if viewer != PUBLIC else None))
        phase = state.phase.value
        # in force generation the ledger is what the seats read: the delegations give it room (at
        # 80x24, 17 delegations used to push it off the screen)
        self.set_class(phase == "force_generation" and bool(self.query_one(Ledger).display), "-forcegen")
        status = Text()
        status.append(f" Turn {state.turn}/{state.turn_limit} ", style="bold reverse")
        status.append(f" {texts.PHASE_LABELS.get(phase, phase)} ")
        if self.seat is not None:
            status.append(" You: ", style="dim")
            status.append(s.name(self.seat), style="bold")
        if state.paused:
            status.append("  PAUSED by the White Cell", style="bold red")
        elif self.busy or (self.seat is not None and self.seat not in acting):
            waiting = [s.name(a) for a in acting if a != self.seat]
            if waiting:
                status.append("  waiting for " + ", ".join(waiting[:3]) + ("…" if len(waiting) > 3 else ""),
                              style="dim italic")
        elif self.seat is not None:
            status.append("  ▶ your move", style="bold green")
        if status != getattr(self, "_status", None):  # (an update redraws it: only when it changed)
            self._status = status
            self.query_one("#status", Static).update(status)
        title = f"On the table · {menu_words.limits(crisis, state, short=True)}"
        proposal = self.query_one("#proposal")
        if proposal.border_title != title:
            proposal.border_title = title
        menu = self.query_one(ActionMenu)
        if self.seat is not None and self.seat in acting and not self.busy:
            menu.show(phase, self.legal_kinds(), self.role_kinds(self.seat, phase),
                      NON_MEMBER_WORDS if texts.objects_as_concern(crisis, self.seat) else None)
        else:
            menu.show(phase, set(), set())
        # rebuild the footer only when a key's state changes (each rebuild makes new widgets)
        self.relabel_pass()
        keys = self.footer_state()
        if keys != getattr(self, "_footer_keys", None):
            self._footer_keys = keys
            self.refresh_bindings()
        mine = self.seat is not None and self.seat in acting and not self.busy and not state.paused
        if mine and not self._was_mine and self.app.screen is self:
            menu.focus()  # it has become the seat's move: the keyboard goes to its moves
        self._was_mine = mine and self.app.screen is self

    def on_screen_resume(self) -> None:
        """Back from a dialog, a brief or a handover: the footer shows this step's keys (they may have
        changed while the dialog was up), and if the seat must move, its moves have the keys."""
        if self.session is not None:
            self.refresh_bindings()
        if self.seat is not None and self.seat in self.session.acting() and not self.busy:
            self.call_after_refresh(self.query_one(ActionMenu).focus)

    def brief_warnings(self, obs) -> tuple[str, ...]:
        """What the text on the table does against the brief of the seat on screen: its own red lines
        crossed, a Security Council mandate it insists on missing (the engine's checks, on the
        seat's own observation: nobody else's brief is read)."""
        p = obs.state.proposal
        if p is None or self.seat is None or obs.me is None:
            return ()
        from game.core.scoring import crossed_red_lines, mandate_missing  # lazy: start-up
        out = [f"Crosses your red line: {rl.text}" for rl in crossed_red_lines(obs.crisis, obs.state, self.seat, p)]
        if mandate_missing(obs.crisis, self.seat, p):
            out.append("No UN Security Council mandate, which your government insists on")
        return tuple(out)

    def legal_kinds(self) -> set[str]:
        """The kinds of move the seat on screen may make now (asked once per state, not per key)."""
        state = self.session.state
        if getattr(self, "_kinds_state", None) is not state or getattr(self, "_kinds_seat", None) != self.seat:
            self._kinds_state, self._kinds_seat = state, self.seat
            self._kinds = self.session.legal(self.seat).kinds() if self.seat else frozenset()
        return self._kinds

    def role_kinds(self, seat: str, phase: str) -> set[str]:
        """The kinds of move of this step that the seat's role makes (the menu greys those not legal
        now): LegalActions answers, the table keeps no list of its own."""
        legal = self.session.legal(seat)
        if legal.takes_part() is not None:  # an organisation under silence, the chair: no move this step
            return set()
        kinds = {k for k in STEP_KINDS.get(phase, ()) if legal.role_allows(k)}
        if "consent" in self.legal_kinds():  # a host asked for its consent: consent or refuse it
            kinds -= NOT_FOR_A_HOST
        return kinds

    # -- acting -------------------------------------------------------------------------------------
    def action_brief(self) -> None:
        if self.seat is None:
            return
        self.app.push_screen(self.app.make_screen("briefing", self.session.crisis, self.session.observation(self.seat)))

    def action_console(self) -> None:
        if self.session.facilitated and not self.app.showing("facilitator"):
            self.app.push_screen(self.app.make_screen("facilitator", self.session, self))

    def action_projector(self) -> None:
        self.app.push_screen(self.app.make_screen("projector", self.session))

    def action_ask(self) -> None:
        """A request for information to the White Cell, answered privately."""
        if self.seat is None:
            return
        seat = self.seat
        from game.tui.dialogs.form import FormDialog  # lazy: start-up

        def done(form):
            if form and form["question"]:
                self.play(A.RequestInfo(seat, form["question"]))
        self.app.push_screen(FormDialog("Ask the White Cell (only it and you see this)",
                                        [("question", "Your question", "", None)]), done)

    def action_timeline(self) -> None:
        """Step back through past moves; optionally play on from one of them as a what-if."""
        def chosen(n: int | None) -> None:
            if n is None:
                return
            try:
                moved = self.session.branch(n)
            except ConsensusError as exc:
                self.notify(str(exc), title="No what-if here", severity="warning", timeout=10)
                return
            self.seat = None
            self.query_one(Feed).reset()
            self.notify(f"What-if: playing on from move {moved}. The original game is kept as it was.",
                        title="Branch", timeout=8)
            self.refresh_view()
            self.advance()
        self.app.push_screen(self.app.make_screen("timeline", self.session, self.seat), chosen)

    def action_seats(self) -> None:
        if self.check_action("seats", ()) is False:  # the palette too: in a seminar, the White Cell's alone
            self.notify("In a seminar only the White Cell hands seats to the computer.", severity="warning")
            return

        from game.tui.session import COMPUTER, HUMAN  # lazy: start-up

        def changed(humans: set[str] | None) -> None:
            if humans is None:
                return
            for seat, who in list(self.session.controls.items()):
                want = HUMAN if seat in humans else COMPUTER
                if who != want and attempt(self, self.session.set_control, seat, want) is REFUSED:
                    return
            if self.seat is not None and self.seat not in humans:
                self.seat = None
            self.refresh_view()
            self.advance()
        self.app.push_screen(self.app.make_screen("seats", self.session), changed)

    def action_save_quit(self) -> None:
        if self.session is None:  # quit while the table is being set: nothing to save yet
            self.app.exit()
            return
        self.session.close()
        if self.shared:
            self.app.exit(message="You left the table; the game goes on. Join again with your code.")
            return
        self.app.exit(message="Saved. Run the same command again and choose Continue.")

    def palette_commands(self):
        out = []
        if self.check_action("seats", ()) is not False:
            out.append(("Seats: switch between human and computer", self.action_seats, "who plays which seat"))
        out += [("Look back: past moves, and a what-if from any of them", self.action_timeline, "timeline"),
                ("Brief: read my national brief again", self.action_brief, "your private brief"),
                ("Pace: readable / instant computer moves", self.toggle_pace, "how fast computers move"),
                ("Save and quit", self.action_save_quit, "the game continues next time")]
        return self.move_commands() + out

    def action_help(self) -> None:
        if not self.app.showing("help"):
            context = self.help_context() if self.session is not None else ""
            self.app.push_screen(self.app.make_screen("help", context=context))

    def toggle_pace(self) -> None:
        self.app.options.pace = "instant" if self.app.options.pace == "readable" else "readable"
        self.notify(f"Computer moves: {self.app.options.pace}")


def _cancelled() -> bool:
    """Whether this thread's worker was cancelled (the app is shutting down)."""
    try:
        return get_current_worker().is_cancelled
    except NoActiveWorker:
        return False
