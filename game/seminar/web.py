"""Serving the app to the room's browsers: textual-serve, with our own page (nothing loaded from
outside the host: its stock page links a web font from the internet, which hangs offline) and the
browser's address handed to the app process, so wrong join codes are counted per address; and
`serve`, which runs the room (game.seminar.host) beside the server.

Every browser is a stranger to the host (game.seminar.limits has the figures): a frame bigger than
FRAME_LIMIT or more input than a connection's budget closes that connection; a message the page
never sends closes it with one line on the host's terminal, never a traceback; the sessions one
address and the whole room may hold are capped, and a browser over the cap gets a page saying so;
a session's process is ended when its socket closes, and killed if it does not exit in
EXIT_GRACE seconds (a process busy with hostile input never gets to read "quit")."""
from __future__ import annotations

import asyncio
import html
import json
import logging
import shlex
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from game.saves.store import GameStore
from game.seminar import limits
from game.seminar.addresses import reachable
from game.seminar.host import Room, banner, join_command
from game.seminar.limits import Admission, InputBudget, Malformed, parse_message
from game.seminar.shared import CLIENT_ENV, DRIVER, PAGE_META, RESUME_ENV

log = logging.getLogger("consensus.seminar")
TEMPLATES = Path(__file__).parent / "templates"
FULL_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body style="background:#0c181f;color:#eee;font:16px monospace;padding:4em"><h1>{title}</h1><p>{why}</p>
<p><a style="color:#9cf" href="/">Try again</a></p></body></html>"""


TERMINAL_OPENED = "this.terminal.open(e)"  # in textual-serve's textual.js: where its terminal is ready
TERMINAL_HOOK = ",window.consensusTerminal&&window.consensusTerminal(this)"  # our page's hook (app_index.html)


def page_script(statics: Path) -> str:
    """textual-serve's textual.js with one call added: it hands its terminal to our page, which sizes
    the text (the projector's large text) and keeps the seat across reconnections. Without the
    anchor (another textual-serve), the script as it is: the page still reconnects, in one size."""
    text = (statics / "js" / "textual.js").read_text(encoding="utf-8")
    if TERMINAL_OPENED not in text:
        log.warning("textual-serve's textual.js has changed: the page's text size is fixed (16 px)")
        return text
    return text.replace(TERMINAL_OPENED, TERMINAL_OPENED + TERMINAL_HOOK, 1)


class _ClientAppService(AppService):
    """One browser's app process: started without a shell (so its id is the app's own), and stopped
    for certain (`end`)."""

    def __init__(self, *args, client: str, resume: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.resume = resume  # the page's resume token: the app takes its seat back with it

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        env = super()._build_environment(width, height)
        env[CLIENT_ENV] = self.client
        env["TEXTUAL_DRIVER"] = DRIVER
        env.pop(RESUME_ENV, None)
        if self.resume:
            env[RESUME_ENV] = self.resume
        return env

    async def on_meta(self, data: bytes) -> None:
        """The app's word for the page (a resume token to keep, the view it shows, that the seat was
        left on purpose) goes on as ["consensus", {...}]; the rest as textual-serve does it."""
        try:
            meta = json.loads(data)
        except ValueError:
            return
        if isinstance(meta, dict) and meta.get("type") == PAGE_META:
            said = {k: meta[k] for k in ("resume", "view", "left", "room") if k in meta}
            await self.remote_write_str(json.dumps([PAGE_META, said]))
            return
        await super().on_meta(data)

    async def _open_app_process(self, width: int = 80, height: int = 24):
        self._process = process = await asyncio.create_subprocess_exec(
            *shlex.split(self.command), stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=self._build_environment(width=width, height=height))
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def end(self, grace: float = limits.EXIT_GRACE) -> None:
        """Ask the process to quit; after `grace` seconds terminate it, a second later kill it."""
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            try:
                await asyncio.wait_for(self.send_meta({"type": "quit"}), grace / 2)
            except (asyncio.TimeoutError, OSError, AssertionError):
                pass  # not reading its input: it is told more firmly below
            for signal_it, wait in ((None, grace / 2), (process.terminate, 1.0), (process.kill, 5.0)):
                if signal_it is not None and process.returncode is None:
                    try:
                        signal_it()
                    except ProcessLookupError:
                        break
                try:
                    await asyncio.wait_for(process.wait(), wait)
                    break
                except asyncio.TimeoutError:
                    continue
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, 2.0)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                self._task.cancel()
            self._task = None
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)


class SeminarServer(Server):
    def __init__(self, command: str, host: str, port: int, title: str, *,
                 per_address: int = limits.SESSIONS_PER_ADDRESS, total: int = limits.SESSIONS_TOTAL,
                 grace: float = limits.EXIT_GRACE):
        super().__init__(command, host=host, port=port, title=title, templates_path=TEMPLATES)
        self.grace = grace
        self.admission = Admission(per_address, total)
        self.sessions: dict[str, _ClientAppService] = {}  # open now, by the service's id

    async def _make_app(self) -> web.Application:
        """textual-serve's routes, with our page's script in place of its textual.js, and no
        listing of the static folder."""
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        script = page_script(Path(self.statics_path))

        async def handle_script(request: web.Request) -> web.Response:
            return web.Response(text=script, content_type="application/javascript",
                                headers={"Cache-Control": "no-cache"})
        async def handle_no_icon(request: web.Request) -> web.Response:
            return web.Response(status=204)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.get("/static/js/textual.js", handle_script, name="script"),
            web.get("/favicon.ico", handle_no_icon),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    def initialize_logging(self) -> None:
        logging.basicConfig(level="WARNING", format="%(message)s")

    async def on_startup(self, app: web.Application) -> None:
        pass  # the seminar command prints its own banner

    async def on_shutdown(self, app: web.Application) -> None:
        """The host stops: no session's process outlives it."""
        await asyncio.gather(*(s.end(grace=1.0) for s in list(self.sessions.values())), return_exceptions=True)

    async def handle_index(self, request: web.Request):
        """The page, with addresses built from the one the browser used (any of the host's); or,
        when this address or the room is full, a page saying so."""
        why = self.admission.refusal(request.remote or "unknown")
        if why is not None:
            return web.Response(status=503, content_type="text/html",
                                text=FULL_PAGE.format(title=html.escape(self.title), why=html.escape(why)))
        base = f"{request.scheme}://{request.host}"
        ws = ("wss://" if request.scheme == "https" else "ws://") + request.host + "/ws"
        context = {
            "font_size": max(8, min(96, to_int(request.query.get("fontsize", "16"), 16))),
            "app_websocket_url": ws,
            "config": {"static": {"url": base + "/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's own, with the client's address passed to the app process, and the limits."""
        address = request.remote or "unknown"
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=limits.FRAME_LIMIT)
        if not websocket.can_prepare(request).ok:
            log.warning("%s: refused a request for /ws that is not a websocket", address)
            return web.Response(status=400, text="This address is for the seminar page's websocket only.\n")
        why = self.admission.admit(address)
        service = None
        try:
            await websocket.prepare(request)
            if why is not None:
                log.warning("%s: refused a session: %s", address, why)
                await websocket.send_bytes(("\x1b[2J\x1b[H" + why + "\r\n").encode())
                await websocket.close(code=1013, message=b"full")
                return websocket
            width, height = limits.terminal_size(request.query.get("width"), request.query.get("height"))
            budget = InputBudget()
            first = await self._first_message(websocket, budget)  # the page's resume token, if it has one
            if isinstance(first, str):
                log.warning("%s: closed a session: %s", address, first)
                await websocket.close(code=1008, message=b"refused")
                return websocket
            if first is not None and first[0] == "closed":
                return websocket
            resume = first[1] if first is not None and first[0] == "resume" else None
            if first is not None and first[0] == "resize":
                width, height = first[1]
            service = _ClientAppService(self.command, write_bytes=websocket.send_bytes,
                                        write_str=websocket.send_str, close=websocket.close,
                                        download_manager=self.download_manager, debug=self.debug,
                                        client=f"web:{address}", resume=resume)
            self.sessions[service.app_service_id] = service
            await service.start(width, height)
            if first is not None and first[0] not in ("resume", "resize"):
                await self._pass_on(websocket, service, *first)
            complaint = await self._read_page(websocket, service, budget)
            if complaint:
                log.warning("%s: closed a session: %s", address, complaint)
                await websocket.close(code=1008, message=b"refused")
        except (asyncio.CancelledError, ConnectionError):
            await websocket.close()
        except Exception as error:  # one browser's trouble never stops the room: one line, no traceback
            log.warning("%s: closed a session: %s: %s", address, type(error).__name__, error)
            await websocket.close()
        finally:
            if why is None:
                self.admission.release(address)
            if service is not None:  # ended even if this handler is cancelled (the socket dropped)
                ending = asyncio.ensure_future(service.end(self.grace))
                ending.add_done_callback(lambda _, key=service.app_service_id: self.sessions.pop(key, None))
                await asyncio.shield(ending)
        return websocket

    async def _first_message(self, websocket: web.WebSocketResponse, budget: InputBudget):
        """The page's first message, read before its process starts: (kind, data), None if none came
        within FIRST_MESSAGE_WAIT seconds (or the socket closed), or what is wrong with it (one line)."""
        try:
            message = await websocket.receive(timeout=limits.FIRST_MESSAGE_WAIT)
        except asyncio.TimeoutError:
            return None
        if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
            return ("closed", None)  # gone before it began: nothing to start, nothing to say
        return self._checked(message, budget)

    @staticmethod
    def _checked(message, budget: InputBudget):
        """(kind, data) of one message from the page, or what is wrong with it (one line)."""
        if message.type == WSMsgType.ERROR:
            return f"a broken or oversized frame ({message.data})"
        if message.type != WSMsgType.TEXT:
            return f"a {message.type.name.lower()} message the page never sends"
        if not budget.spend(len(message.data)):
            return f"more input than a person types (over {limits.INPUT_BURST // 1024} KB at once)"
        try:
            return parse_message(message.data)
        except Malformed as exc:
            return f"a malformed message ({exc})"

    async def _read_page(self, websocket: web.WebSocketResponse, service: _ClientAppService,
                         budget: InputBudget | None = None) -> str | None:
        """Pass the page's messages to the app process until the socket closes (None) or the page
        breaks a limit (what it did, one line)."""
        budget = budget or InputBudget()
        async for message in websocket:
            checked = self._checked(message, budget)
            if isinstance(checked, str):
                return checked
            await self._pass_on(websocket, service, *checked)
        return None

    @staticmethod
    async def _pass_on(websocket: web.WebSocketResponse, service: _ClientAppService, kind: str, data) -> None:
        if kind == "stdin":
            await service.send_bytes(data.encode("utf-8", "replace"))
        elif kind == "resize":
            await service.set_terminal_size(*data)
        elif kind == "ping":
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()
        # "resume" counts only as the first message: later ones are ignored


def serve(store: GameStore, codes: dict[str, str], resumed: bool, host: str, port: int, pace: float) -> int:
    """The seminar command's last step: the banner, the room in a thread, the web server until Ctrl+C."""
    print(banner(store, codes, resumed, reachable(host), port, host), flush=True)
    room = Room(store, pace=pace)
    room.start()
    server = SeminarServer(join_command(store.path), host=host, port=port,
                           title=f"Consensus — {store.room} — {store.crisis.scenario.title}")
    try:
        server.serve()
    finally:
        room.stop.set()
    return 0
