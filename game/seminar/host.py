"""The host's side of a seminar: the game database and its join codes, the room (the computer
seats and the facilitator's timer, played from the host process), and the web server.

A game database lives in the seminar folder (default: the user data folder's `seminars/`), with its
join codes beside it in `<game>.codes.txt` (readable by the host's user only): codes are stored in
the database only as hashes, so this file is how the facilitator finds them again after a restart.
Running the same `seminar` command again carries on the newest unfinished game of that scenario.
"""
from __future__ import annotations

import os
import shlex
import socket
import sys
import threading
import time
from pathlib import Path

import platformdirs

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None

from game.core import engine
from game.core import actions as A
from game.core.actions import WHITE_CELL
from game.players import POLICIES, choose_for
from game.core.errors import ConsensusError, IllegalActionError
from game.core.texts import printable
from game.scenario.loader import LoadedScenario
from game.saves.log import private
from game.saves.store import PROJECTOR, GameStore, StoreBusy
from game.saves.timer import HEARTBEAT, STALE, PhaseTimer
from game.seminar.addresses import Address, url
from game.seminar.shared import COMPUTER, HUMAN, controls_of

CODES_SUFFIX = ".codes.txt"


def seminar_dir(save_dir: str | Path | None = None) -> Path:
    """Where seminar games are kept: `--save-dir`'s `seminars/`, or the user data folder's."""
    if save_dir:
        return Path(save_dir) / "seminars"
    return Path(platformdirs.user_data_dir("consensus")) / "seminars"


def codes_path(game: Path) -> Path:
    return game.with_name(game.name + CODES_SUFFIX)


def write_codes(game: Path, crisis: LoadedScenario, codes: dict[str, str]) -> Path:
    """The codes file: one line per seat, the White Cell's and the projector's last."""
    path = codes_path(game)
    lines = [f"# Join codes for {crisis.scenario.title} ({game.name}). Give each syndicate its own line only."]
    for seat, code in codes.items():
        lines.append(f"{seat}\t{code}\t{seat_label(crisis, seat)}")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return path


def read_codes(game: Path) -> dict[str, str]:
    path = codes_path(game)
    out = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return out
    for line in text.splitlines():
        parts = line.split("\t")
        if line and not line.startswith("#") and len(parts) >= 2:  # a line edited out of shape is skipped
            out[parts[0].strip()] = parts[1].strip()
    return out


def seat_label(crisis: LoadedScenario, seat: str) -> str:
    if seat == WHITE_CELL:
        return "White Cell (facilitator)"
    if seat == PROJECTOR:
        return "Projector (watches; acts as nobody)"
    actor = crisis.scenario.actors[seat]
    return f"{actor.name} ({actor.kind})"


def reissue_code(store: GameStore, seat: str) -> str:
    """A new code for a seat (lost or leaked); the old one stops working; the codes file follows."""
    code = store.reissue(seat)
    store.journal_add("code_reissued", seat=seat, name=seat_label(store.crisis, seat))
    codes = read_codes(store.path)
    codes[seat] = code
    write_codes(store.path, store.crisis, codes)
    return code


def unfinished_games(folder: Path, scenario_id: str | None = None, scenario_path: str | Path | None = None) -> list[Path]:
    """Seminar games in `folder` that have not ended, newest first (of one scenario, by its id or
    by the file it was started from)."""
    wanted_path = str(Path(scenario_path).resolve()) if scenario_path else None
    out = []
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            with GameStore.open(path) as store:
                ours = ((scenario_id is None or store.header.get("scenario") == scenario_id)
                        and (wanted_path is None or store.header.get("scenario_path") == wanted_path))
                if ours and not store.over:
                    out.append(path)
        except ConsensusError:
            continue
    return out


ROOM_NAME_MAX = 40


def room_slug(room: str) -> str:
    """A room's name as a file name: letters, digits and dashes."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in room.strip().lower())
    return "-".join(part for part in slug.split("-") if part)[:ROOM_NAME_MAX] or "room"


def default_room(crisis: LoadedScenario, folder: Path) -> str:
    """A room name nobody has used in `folder`: the scenario and the time, e.g. first_response-0915."""
    base = f"{crisis.id}-{time.strftime('%H%M')}"
    name, n = base, 1
    while (folder / f"{room_slug(name)}.sqlite").exists():
        n += 1
        name = f"{base}-{n}"
    return name


def check_room(room: str) -> str:
    room = room.strip()
    if not room or len(room) > ROOM_NAME_MAX or not room.isprintable():
        raise ConsensusError(f"a room's name is 1 to {ROOM_NAME_MAX} printable characters, e.g. --room 'Syndicate room 2'")
    return room


def open_or_create(crisis: LoadedScenario, game: Path | None, *, folder: Path, seed: int | None,
                   humans: list[str] | None, turns: int | None, room: str | None = None,
                   new: bool = True) -> tuple[GameStore, dict[str, str], bool]:
    """(store, codes, resumed). With `game` (--game FILE): that game, carried on if the file is there,
    else made there. Without it, always a new game — never another room's — in `folder`, named after
    its room (`room`, or the scenario and the time); a room whose game is already there is refused
    with the command that continues it. (`new` is what every seminar without --game now does.)"""
    if game is not None and Path(game).exists():
        store = GameStore.open(game)
        return store, read_codes(store.path), True
    room = check_room(room) if room else None
    if game is None:
        folder.mkdir(parents=True, exist_ok=True)
        room = room or default_room(crisis, folder)
        game = folder / f"{room_slug(room)}.sqlite"
        if game.exists():
            raise ConsensusError(f"room '{room}' already has a game ({game}): continue it with --game {game}, "
                                 "or name this seminar another room with --room NAME")
    seats = engine.seats(crisis)
    unknown = [h for h in (humans or ()) if h not in seats]
    if unknown:
        raise ConsensusError(f"no seat {', '.join(unknown)} in {crisis.id}; the seats are {', '.join(seats)}")
    played = set(humans) if humans else {s for s in seats if crisis.scenario.actors[s].kind != "adversary"}
    controls = {s: HUMAN if s in played else COMPUTER for s in seats}
    controls[WHITE_CELL] = HUMAN
    if seed is None:
        seed = int.from_bytes(os.urandom(3), "big")
    store, codes = GameStore.create(game, crisis, seed, controls, turns, room=room or Path(game).stem)
    write_codes(store.path, crisis, codes)
    return store, codes, False


class Room:
    """What the host process does for the room: plays the computer seats (with a short pause between
    moves, so people can follow) and runs out the facilitator's timer. Every move goes through the
    store like a syndicate's, so a stale one is refused and decided again."""

    def __init__(self, store: GameStore, pace: float = 0.6, policy: str = "default"):
        self.store = store
        self.pace = pace
        self.policy = POLICIES[policy]
        self.stop = threading.Event()
        self.moves = 0

    def controls(self) -> dict[str, str]:
        return controls_of(self.store.header, self.store.notes())

    def step(self) -> bool:
        """One look at the game: True if the room moved it."""
        store = self.store
        store.refresh()
        if engine.is_over(store.current):
            return False
        if self.run_out_timer():
            return True
        if store.current.paused:
            return False
        controls = self.controls()
        seat = next((s for s in engine.acting_seats(store.crisis, store.current)
                     if controls.get(s, COMPUTER) == COMPUTER), None)
        if seat is None:
            return False
        based_on = store.seq
        try:
            action, why = choose_for(store.crisis, store.current, seat, self.policy)
            store.submit(action, based_on, caller=seat, why=why)
        except (IllegalActionError, StoreBusy):
            return False  # the game moved meanwhile: look again
        self.moves += 1
        return True

    def run_out_timer(self, now: float | None = None) -> bool:
        """The facilitator's timer, kept by the host alone (game.saves.timer): its heartbeat (the time
        left, written every HEARTBEAT seconds, so a restarted host carries on from it), held while the
        game is paused, ended with its step, and run out once — the rules' default (silence is
        assent) or a pause. True if the room moved the game. The note is changed only if it is still
        the one read (the White Cell may stop or restart the timer meanwhile)."""
        now = time.time() if now is None else now
        store = self.store
        noted = store.notes().get("timer")
        timer = PhaseTimer.from_dict(noted, now)
        if timer is None:
            if noted is not None:
                store.replace_note("timer", noted, None)  # damaged: no timer
            return False
        state = store.current
        if not timer.belongs_to(state):  # its step is over: the timer ends with it
            if store.replace_note("timer", noted, None):
                store.journal_add("timer_ended", turn=timer.turn, phase=timer.phase,
                                  left=timer.left_at(now, STALE), why="its step ended")
            return False
        ticked = timer.tick(now, state.paused, STALE)
        if ticked.run_out:
            action = A.EndRound(WHITE_CELL, "timer") if timer.expiry == "silence" else A.Pause(WHITE_CELL)
            try:
                store.submit(action, store.seq, caller=WHITE_CELL)
            except StoreBusy:
                return False  # try again next look
            except IllegalActionError:  # e.g. already paused: nothing to do
                if store.replace_note("timer", noted, None):
                    store.journal_add("timer_ran_out", turn=timer.turn, phase=timer.phase, expiry=timer.expiry,
                                      moved=False)
                return False
            store.replace_note("timer", noted, None)
            store.journal_add("timer_ran_out", turn=timer.turn, phase=timer.phase, expiry=timer.expiry, moved=True)
            return True
        if ticked.running != timer.running or now - timer.at >= HEARTBEAT:
            store.replace_note("timer", noted, ticked.to_dict())
        return False

    def run(self) -> None:
        complained = None
        while not self.stop.is_set():
            try:
                moved = self.step()
                complained = None
            except StoreBusy:
                moved = False
            except Exception as exc:  # say it once on the host's terminal, and keep looking: the room
                moved = False         # must not stop playing the computer seats over one bad look
                said = f"{type(exc).__name__}: {exc}"
                if said != complained:
                    complained = said
                    print(f"room: {said}", file=sys.stderr, flush=True)
            self.stop.wait(self.pace if moved else 0.2)

    def start(self) -> threading.Thread:
        self.store.journal_add("host_started", pid=os.getpid(), move=self.store.seq)
        thread = threading.Thread(target=self.run, name="room", daemon=True)
        thread.start()
        return thread


HOST_SUFFIX = ".host"


def claim_game(game: Path, address: str, take_over: bool = False):
    """Hold the game for this host process (an exclusive lock on `<game>.host`, released when the
    process ends, however it ends). A second host on the same game is refused with the first's
    process id and address, unless `take_over`. Returns the open lock file (keep it)."""
    if fcntl is None:  # pragma: no cover - not POSIX: no lock, as before
        return None
    path = game.with_name(game.name + HOST_SUFFIX)
    fh = open(path, "a+", encoding="utf-8", opener=private)
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.seek(0)
        first = fh.read().strip() or "another process"
        if not take_over:
            fh.close()
            raise ConsensusError(f"{game} is already being served ({first}): stop that host first, "
                                 "or start this one with --take-over") from None
        print(f"taking over {game} from {first}: stop that host, or the room sees two", file=sys.stderr)
    fh.seek(0)
    fh.truncate()
    fh.write(f"process {os.getpid()} on {socket.gethostname()}, serving {address}\n")
    fh.flush()
    return fh


def check_port(host: str, port: int) -> None:
    """Refuse, in plain words, an address this machine cannot serve on, before any game is made."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((host, port))
    except OSError as exc:
        raise ConsensusError(f"cannot serve on {host}:{port} ({exc.strerror or exc}): another program may "
                             "be using the port; choose another with --port") from None


def join_command(game: Path) -> str:
    """What the web server runs for each browser: an app process joined to this game."""
    return " ".join(shlex.quote(p) for p in (sys.executable, "-m", "game", "join", "--game", str(game)))


def restart_command(store: GameStore, host: str, port: int) -> str:
    """The command that carries this game on, should the host process stop."""
    parts = ["python", "play.py", "seminar", "--game", str(store.path)]
    if host not in ("0.0.0.0", ""):
        parts += ["--host", host]
    if port != 8000:
        parts += ["--port", str(port)]
    return " ".join(shlex.quote(p) for p in parts)


def banner(store: GameStore, codes: dict[str, str], resumed: bool, addresses: list[Address], port: int = 8000,
           host: str = "0.0.0.0") -> str:
    crisis = store.crisis
    out = [f"Consensus seminar: {crisis.scenario.title}", f"Room: {store.room}",
           f"Game: {store.path}" + (f" (carried on at move {store.seq})" if resumed else " (new)"), ""]
    room = [a for a in addresses if a.kind == "lan"]
    other = [a for a in addresses if a.kind != "lan"]
    if room:
        out.append("Browsers on the room's network open:")
        out.extend(f"  {url(a, port):<28} ({a.note})" for a in room)
    else:
        out.append("No room network found on this machine: join the room's Wi-Fi (or start a hotspot) and start "
                   "again, or try these:")
    if other:
        if room:
            out.append("Other addresses of this machine (only for laptops on that network):")
        out.extend(f"  {url(a, port):<28} ({a.note})" for a in other)
    if PROJECTOR in codes:
        out.append(f"The projector: open that address on the wall's screen and type {codes[PROJECTOR]} "
                   "(the text grows to the screen).")
    out += ["", "Join codes (each syndicate types its own; keep the White Cell's to yourself):"]
    if not codes:
        out.append(f"  (no codes file beside the game: {codes_path(store.path)}; give seats new codes with "
                   "--reissue SEAT, e.g. --reissue WHITE_CELL, then the White Cell's console (j) for the rest)")
    controls = store.header.get("seats", {})
    for seat, code in codes.items():
        played = "" if seat in (WHITE_CELL, PROJECTOR) else ("" if controls.get(seat) == HUMAN else "  [computer plays]")
        out.append(f"  {code}  {seat_label(crisis, seat)}{played}")
    out += ["", f"Codes are kept in {codes_path(store.path)} (this machine's user only).",
            f"A terminal on this machine joins with: python play.py join --game {store.path}",
            "If this process stops, the pages wait and reconnect by themselves once it runs again:",
            f"  {restart_command(store, host, port)}",
            "Ctrl+C stops serving (the game is kept)."]
    return printable("\n".join(out))
