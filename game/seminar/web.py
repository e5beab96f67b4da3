"""Serving the app to the room's browsers: textual-serve, with our own page (nothing loaded from
outside the host: its stock page links a web font from the internet, which hangs offline) and the
browser's address handed to the app process, so wrong join codes are counted per address; and
`serve`, which runs the room (game.seminar.host) beside the server."""
from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from game.saves.store import GameStore
from game.seminar.host import Room, banner, join_command, lan_addresses
from game.seminar.shared import CLIENT_ENV

log = logging.getLogger("consensus.seminar")
TEMPLATES = Path(__file__).parent / "templates"


class _ClientAppService(AppService):
    def __init__(self, *args, client: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        env = super()._build_environment(width, height)
        env[CLIENT_ENV] = self.client
        return env


class SeminarServer(Server):
    def __init__(self, command: str, host: str, port: int, title: str):
        super().__init__(command, host=host, port=port, title=title, templates_path=TEMPLATES)

    def initialize_logging(self) -> None:
        logging.basicConfig(level="WARNING", format="%(message)s")

    async def on_startup(self, app: web.Application) -> None:
        pass  # the seminar command prints its own banner

    async def handle_index(self, request: web.Request):
        """The page, with addresses built from the one the browser used (any of the host's)."""
        base = f"{request.scheme}://{request.host}"
        ws = ("wss://" if request.scheme == "https" else "ws://") + request.host + "/ws"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": ws,
            "config": {"static": {"url": base + "/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's own, with the client's address passed to the app process."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service = None
        try:
            await websocket.prepare(request)
            service = _ClientAppService(self.command, write_bytes=websocket.send_bytes,
                                        write_str=websocket.send_str, close=websocket.close,
                                        download_manager=self.download_manager, debug=self.debug,
                                        client=f"web:{request.remote or 'unknown'}")
            await service.start(width, height)
            try:
                await self._process_messages(websocket, service)
            finally:
                await service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one browser's trouble never stops the room
            log.exception(error)
        finally:
            if service is not None:
                await service.stop()
        return websocket


def serve(store: GameStore, codes: dict[str, str], resumed: bool, host: str, port: int, pace: float) -> int:
    """The seminar command's last step: the banner, the room in a thread, the web server until Ctrl+C."""
    shown = ["localhost"] + lan_addresses() if host in ("0.0.0.0", "") else [host]
    urls = [f"http://{h}:{port}/" for h in shown]
    print(banner(store, codes, resumed, urls), flush=True)
    room = Room(store, pace=pace)
    room.start()
    server = SeminarServer(join_command(store.path), host=host, port=port,
                           title=f"Consensus — {store.crisis.scenario.title}")
    try:
        server.serve()
    finally:
        room.stop.set()
    return 0
