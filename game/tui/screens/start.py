"""The first screen: continue an unfinished game, or pick a crisis; a walkthrough for first-timers."""
from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.core.errors import ScenarioChanged, ScenarioError
from game.scenario.loader import load_scenario
from game.scenario.paths import scenarios_dir
from game.tui.dialogs.changed import ScenarioChangedDialog
from game.tui.heap import settle_heap
from game.tui.session import LocalSession, unfinished_saves
from game.tui.widgets.footer import Footer
from game.tui.widgets.header import Header
from game.tui.widgets.pointer import PointerList


def scenario_files(extra: list[str], only: list[str] | None = None) -> list[Path]:
    files = [Path(p) for p in only] if only is not None else sorted(p for p in scenarios_dir().glob("*.yaml") if p.is_file())
    first = [p for p in files if p.stem == "first_response"]
    ordered = first + [p for p in files if p not in first] + [Path(e) for e in extra]
    seen, out = set(), []
    for p in ordered:  # a file named on the command line may already be in the folder
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


class StartScreen(Screen):
    CSS_PATH = "start.tcss"
    BINDINGS = [Binding("h", "how_to_play", "How to play"), Binding("q", "app.quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="intro"):
            yield Static(Text.assemble(("Consensus", "bold"), " — a decision exercise on Alliance consensus, "
                                       "partners and sovereignty. ", ("An educational abstraction, not doctrine.",
                                                                       "italic")), id="tagline")
        with Horizontal(id="choose"):
            yield PointerList(id="menu")
            yield Static(id="details", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        self.entries: dict[str, tuple] = {}
        menu = self.query_one("#menu", OptionList)
        options = []
        set_aside: list[str] = []  # damaged saves, moved out of the way: the player is told where
        new = []
        known: dict[str, object] = {}  # scenario id -> its loaded scenario, for the saves' words
        for path in scenario_files(self.app.options.extra_scenarios, self.app.options.scenario_files):
            key = f"scenario:{path}"
            try:
                crisis = load_scenario(path)
                known.setdefault(crisis.id, crisis)
                self.entries[key] = ("scenario", path, crisis)
                sc = crisis.scenario
                new.append(Option(Text.assemble(("New: ", "dim"), (sc.title, "bold"),
                                                (f"  ~{sc.length.minutes} min", "dim")), id=key))
            except ScenarioError as exc:
                self.entries[key] = ("broken", path, exc)
                new.append(Option(Text(f"⚠ {path.name} (does not load)", style="red"), id=key))
        for path, head, n in unfinished_saves(self.app.save_folder, set_aside)[:3]:
            crisis = known.get(head.get("scenario"))
            title = crisis.scenario.title if crisis is not None else f"{head.get('scenario')} (from {path.name})"
            human = [s for s, who in (head.get("seats") or {}).items() if who == "human"]
            names = [crisis.scenario.actors[s].name if crisis is not None and s in crisis.scenario.actors
                     else ("White Cell" if s == "WHITE_CELL" else s) for s in human]
            key = f"continue:{path}"
            self.entries[key] = ("continue", path, head, n, title)
            options.append(Option(Text.assemble(("▶ Continue ", "bold green"), f"{title} as "
                                                f"{', '.join(names) or 'spectator'} ({n} moves)"), id=key))
        options.append(Option(Text("? How to play (two minutes)", style="bold"), id="howto"))
        self.entries["howto"] = ("howto",)
        options += new
        menu.add_options(options)
        menu.highlighted = 0
        menu.focus()
        for said in set_aside:
            self.notify(said, title="Save set aside", severity="warning", timeout=15)
        settle_heap()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = self.entries.get(event.option.id)
        details = self.query_one("#details", Static)
        if entry is None:
            return
        if entry[0] == "scenario":
            sc = entry[2].scenario
            seats = [f"{a.name} ({a.kind})" for a in sc.actors.values() if a.playable and a.kind != "adversary"]
            details.update(Text.assemble((sc.title + "\n\n", "bold"), sc.summary + "\n\n",
                                         (f"{sc.length.turns} turns · about {sc.length.minutes} minutes solo\n", "dim"),
                                         ("Seats: ", "bold"), ", ".join(seats)))
        elif entry[0] == "continue":
            _, path, head, n, title = entry
            details.update(Text.assemble(("Continue where you stopped\n\n", "bold"),
                                         f"{title}, seed {head.get('seed')}, {n} moves so far.\n",
                                         (str(path), "dim")))
        elif entry[0] == "broken":
            details.update(Text(str(entry[2]), style="red"))
        else:
            details.update(Text("New here? A short walk through a turn: who decides, how a text is agreed, "
                                "and what the keys do."))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        entry = self.entries.get(event.option.id)
        if entry is None:
            return
        if entry[0] == "howto":
            self.action_how_to_play()
        elif entry[0] == "scenario":
            self.app.push_screen(self.app.make_screen("setup", entry[1], entry[2]))
        elif entry[0] == "continue":
            self.continue_game(entry[1], entry[2])
        elif entry[0] == "broken":
            self.notify(str(entry[2]).splitlines()[0], severity="error", timeout=8)

    def continue_game(self, path, head, version: str | None = None) -> None:
        try:
            session = LocalSession.resume(path, version)
        except ScenarioChanged:
            def chosen(answer):
                if answer:
                    self.continue_game(path, head, answer)
            self.app.push_screen(ScenarioChangedDialog(head.get("scenario", "?")), chosen)
            return
        except Exception as exc:  # a save that no longer replays: say so, lose nothing
            self.notify(f"Cannot continue this game: {exc}", severity="error", timeout=8)
            return
        self.app.session = session
        self.app.switch_screen(self.app.make_screen("table", session, briefing=False))

    def action_how_to_play(self) -> None:
        self.app.push_screen(self.app.make_screen("help", walkthrough=True))
