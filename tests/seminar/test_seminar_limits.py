"""A browser in the room is a stranger to the host: each test here is an attack a laptop on the
seminar's network could make on the web server, and the limit that stops it (game.seminar.limits).

The server runs in the test's event loop (aiohttp's TestServer around our SeminarServer); the
sessions are real app processes (`python -m game join`), except where a test only needs something
to hold a session open (a `sleep`, which costs no CPU)."""
from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from game.saves.store import GameStore
from game.seminar import limits
from game.seminar.host import join_command
from game.seminar.web import SeminarServer
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc for memory")

CHEAP = "sleep 60"  # holds a session open without running the app


@pytest.fixture
def game(crisis, tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # the app processes import this checkout's game/
    store, codes = GameStore.create(tmp_path / "room.sqlite", crisis, 3, {"DEU": "human", "POL": "human"})
    store.close()
    return tmp_path / "room.sqlite", codes


async def serving(command: str, **caps):
    server = SeminarServer(command, host="127.0.0.1", port=0, title="Consensus — test", **caps)
    web = TestServer(await server._make_app(), host="127.0.0.1")
    await web.start_server()
    return server, web


async def screen_until(ws, text: str, limit: float = 30.0) -> str:
    """What the app wrote to the page, until `text` shows (the terminal's bytes, escapes and all)."""
    seen = ""
    deadline = time.monotonic() + limit
    while text not in seen:
        msg = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
        if msg.type == aiohttp.WSMsgType.BINARY:
            seen += msg.data.decode("utf-8", "replace")
        elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
            raise AssertionError(f"closed before {text!r} showed; seen: {seen[-300:]!r}")
    return seen


def memory_mb(pid: int, field: str = "VmHWM") -> float | None:
    """The process's peak resident memory (None: it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


async def no_sessions(server) -> None:
    for _ in range(100):
        if not server.sessions:
            break
        await asyncio.sleep(0.1)
    assert not server.sessions and not server.admission.open


def one_line(caplog) -> str:
    records = [r for r in caplog.records if r.name == "consensus.seminar"]
    assert len(records) == 1, [r.getMessage() for r in records]
    assert records[0].exc_info is None and "\n" not in records[0].getMessage(), "a traceback on the host"
    return records[0].getMessage()


async def test_a_3_mb_frame_at_the_join_screen_is_refused_and_its_process_ends(game):
    """The issue's attack: one 3 MB message at the join screen, no code typed, made the session's
    process grow by 35 MB/s, and it went on after the browser left."""
    path, _ = game
    server, web = await serving(join_command(path))
    try:
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(web.make_url("/ws?width=100&height=30")) as ws:
                await screen_until(ws, "join code")
                (session,) = server.sessions.values()
                pid = session.pid
                await ws.send_str(json.dumps(["stdin", "A" * (3 * 2**20)]))
                while not ws.closed:
                    await ws.receive(timeout=10)
            closed_at = time.monotonic()
            peak = 0.0
            while (mb := memory_mb(pid)) is not None and time.monotonic() - closed_at < 10:
                peak = max(peak, mb)
                await asyncio.sleep(0.05)
            assert memory_mb(pid) is None, "the session's process outlived its socket by 10 s"
            assert time.monotonic() - closed_at < 5, "the session's process took over 5 s to end"
            assert peak < 100, f"the session's process peaked at {peak:.0f} MB"
            async with http.get(web.make_url("/")) as page:
                assert page.status == 200 and "Consensus" in await page.text()
            await no_sessions(server)
    finally:
        await web.close()


async def test_a_join_code_field_takes_no_more_than_a_code(game):
    """Typed input that stays within the budget still cannot grow the join field."""
    path, _ = game
    server, web = await serving(join_command(path))
    try:
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(web.make_url("/ws?width=100&height=30")) as ws:
                await screen_until(ws, "join code")
                await ws.send_str(json.dumps(["stdin", "B" * 4000]))
                seen = await screen_until(ws, "B" * 20)
                await asyncio.sleep(0.5)
                while True:
                    try:
                        msg = await ws.receive(timeout=0.5)
                    except asyncio.TimeoutError:
                        break
                    if msg.type == aiohttp.WSMsgType.BINARY:
                        seen += msg.data.decode("utf-8", "replace")
                assert "B" * 20 in seen and "B" * 33 not in seen
    finally:
        await web.close()


async def test_fifty_connections_from_one_address_are_capped_and_the_host_answers(game):
    path, _ = game
    server, web = await serving(join_command(path), per_address=2)
    try:
        async with aiohttp.ClientSession() as http:
            sockets = await asyncio.gather(*(http.ws_connect(web.make_url("/ws")) for _ in range(50)))
            refused = 0
            for ws in sockets:
                msg = await ws.receive(timeout=30)
                if msg.type == aiohttp.WSMsgType.BINARY and b"already has 2 sessions" in msg.data:
                    refused += 1
            assert refused == 48 and len(server.sessions) == 2
            async with http.get(web.make_url("/"), timeout=aiohttp.ClientTimeout(total=10)) as page:
                text = await page.text()
                assert page.status == 503 and "already has 2 sessions open" in text  # the page says why
            async with http.get(web.make_url("/static/js/textual.js")) as page:
                assert page.status == 200
            for ws in sockets:
                await ws.close()
        await no_sessions(server)
    finally:
        await web.close()


async def test_the_room_is_capped_in_total_too():
    server, web = await serving(CHEAP, per_address=5, total=1)
    try:
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(web.make_url("/ws")) as first:
                async with http.ws_connect(web.make_url("/ws")) as second:
                    msg = await second.receive(timeout=10)
                    assert b"The seminar host is full" in msg.data
                assert not first.closed
    finally:
        await web.close()


@pytest.mark.parametrize("attack", [
    "not json at all", '{"stdin": "x"}', "[]", '["exec", "rm -rf /"]', '["stdin", 5]', '["ping", {"a": 1}]',
    '["resize", {"width": "wide", "height": 10}]', '["resize", 7]', "[" * 4000 + "]" * 4000, b"\x00binary",
], ids=["text", "object", "empty", "unknown-kind", "stdin-number", "ping-object", "resize-words", "resize-number",
        "nested-4000-deep", "binary"])
async def test_a_malformed_message_closes_that_connection_with_one_log_line(caplog, attack):
    caplog.set_level(logging.WARNING, logger="consensus.seminar")
    server, web = await serving(CHEAP, grace=0.2)
    try:
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(web.make_url("/ws")) as bystander:
                async with http.ws_connect(web.make_url("/ws")) as ws:
                    await (ws.send_bytes(attack) if isinstance(attack, bytes) else ws.send_str(attack))
                    msg = await ws.receive(timeout=10)
                    assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
                assert not bystander.closed  # the room goes on
        line = one_line(caplog)
        assert line.startswith("127.0.0.1: closed a session:")
    finally:
        await web.close()


async def test_a_flood_of_small_messages_runs_out_of_budget(caplog):
    caplog.set_level(logging.WARNING, logger="consensus.seminar")
    server, web = await serving(CHEAP, grace=0.2)
    try:
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(web.make_url("/ws")) as ws:
                chunk = json.dumps(["stdin", "x" * 4000])
                for _ in range(40):  # 160 KB at once: far beyond a person's typing
                    if ws.closed:
                        break
                    await ws.send_str(chunk)
                msg = await ws.receive(timeout=10)
                assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        assert "more input than a person types" in one_line(caplog)
    finally:
        await web.close()


async def test_a_plain_get_of_the_websocket_address_is_one_log_line(caplog):
    caplog.set_level(logging.WARNING, logger="consensus.seminar")
    server, web = await serving(CHEAP)
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(web.make_url("/ws")) as response:
                assert response.status == 400
        assert "not a websocket" in one_line(caplog)
    finally:
        await web.close()


def test_a_person_typing_and_moving_the_mouse_stays_within_budget():
    now = [0.0]
    budget = limits.InputBudget(clock=lambda: now[0])
    for _ in range(60 * 60):  # an hour: 10 mouse moves a second (~20 bytes each) and a key
        for _ in range(10):
            assert budget.spend(len('["stdin","\\u001b[<35;10;20M"]'))
        assert budget.spend(len('["stdin","a"]'))
        now[0] += 1.0
    assert budget.spend(len(json.dumps(["stdin", "a pasted inject text " * 300])))  # ~6 KB at once


def test_a_huge_terminal_size_is_clamped():
    assert limits.parse_message('["resize", {"width": 100000, "height": 100000}]') == ("resize", (400, 200))
    assert limits.terminal_size("99999999", "x") == (400, 24)


def test_a_resume_token_is_a_short_plain_text_or_the_connection_is_closed():
    token = "H3ej2qKD-lnp3yx1XIngeeQW6t4cDeUY"
    assert limits.parse_message(json.dumps(["resume", token])) == ("resume", token)
    for bad in ("x" * 65, "", "a b", "<script>", 12, None, "é" * 10):
        with pytest.raises(limits.Malformed):
            limits.parse_message(json.dumps(["resume", bad]))


async def test_a_page_with_a_token_that_is_not_this_games_gets_the_join_screen_not_a_seat(game):
    """A stranger sending made-up tokens learns nothing and costs no guess: the join screen, as for
    any page without a code."""
    path, _codes = game
    server, web = await serving(join_command(path))
    try:
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(web.make_url("/ws?width=100&height=30")) as ws:
                await ws.send_str(json.dumps(["resume", "made-up-token-0123456789"]))
                seen = await screen_until(ws, "join code")
                assert "not one of this game's" in seen
    finally:
        await web.close()
    import sqlite3
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT COUNT(*) FROM guesses").fetchone()[0] == 0, "no wrong guess was counted"


def test_a_second_host_on_the_same_game_is_refused_with_the_first_ones_process(game, capsys):
    """Two hosts on one game file both served without warning and each reprinted every code."""
    import socket as sockets
    from game import cli
    from game.seminar.host import claim_game
    path, codes = game
    first = claim_game(path, "http://127.0.0.1:8000/")
    with sockets.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    status = cli.main(["seminar", str(ROOT / "scenarios" / "first_response.yaml"), "--game", str(path),
                       "--host", "127.0.0.1", "--port", str(port)])
    out = capsys.readouterr()
    assert status == 1
    assert f"process {os.getpid()}" in out.err and "http://127.0.0.1:8000/" in out.err and "--take-over" in out.err
    assert codes["WHITE_CELL"] not in out.out + out.err  # no codes reprinted
    second = claim_game(path, "http://127.0.0.1:8001/", take_over=True)
    assert second is not None and "8001" in (path.parent / (path.name + ".host")).read_text()
    second.close()
    first.close()
    claim_game(path, "http://127.0.0.1:8002/").close()  # free once the first host has gone
