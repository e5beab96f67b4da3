"""Rooms and addresses (game/seminar/host.py, game/seminar/addresses.py): every seminar has a room
name; a second seminar never joins another's game unless it is asked to with --game; the banner
lists every address of the host, the room's network first and the others marked."""
from __future__ import annotations

import re
import socket
import subprocess
import sys

import pytest

from game.core.errors import ConsensusError
from game.seminar import host
from game.seminar.addresses import Address, classify, reachable, url
from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def banner_of(*args) -> str:
    """Run `play.py seminar ARGS` until its banner is printed; stop it; the banner."""
    proc = subprocess.Popen([sys.executable, "play.py", "seminar", *map(str, args), "--host", "127.0.0.1",
                             "--port", str(free_port())], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    seen = []
    try:
        for line in proc.stdout:
            seen.append(line)
            if "Ctrl+C" in line:
                break
    finally:
        proc.kill()
        proc.wait(timeout=10)
    return "".join(seen)


def game_of(banner: str) -> str:
    return re.search(r"^Game: (\S+)", banner, re.M).group(1)


def test_a_second_seminar_with_the_same_scenario_starts_a_new_game(tmp_path):
    first = banner_of("scenarios/first_response.yaml", "--save-dir", tmp_path, "--room", "Syndicate room 1")
    second = banner_of("scenarios/first_response.yaml", "--save-dir", tmp_path, "--room", "Syndicate room 2")
    assert "Room: Syndicate room 1" in first and "Room: Syndicate room 2" in second
    assert game_of(first) != game_of(second) and "(new)" in second
    codes = [set(re.findall(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", b)) for b in (first, second)]
    assert codes[0] and not codes[0] & codes[1], "the second room's codes are its own"
    third = banner_of("scenarios/first_response.yaml", "--save-dir", tmp_path)  # no room named: still new
    assert game_of(third) not in (game_of(first), game_of(second))


def test_a_room_is_carried_on_only_when_asked_to(tmp_path):
    first = banner_of("scenarios/first_response.yaml", "--save-dir", tmp_path, "--room", "Blue")
    again = subprocess.run([sys.executable, "play.py", "seminar", "scenarios/first_response.yaml", "--save-dir",
                            str(tmp_path), "--room", "Blue", "--host", "127.0.0.1", "--port", str(free_port())],
                           cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert again.returncode == 1 and f"continue it with --game {game_of(first)}" in again.stderr
    carried = banner_of("--game", game_of(first))  # as the banner's last lines say
    assert "Room: Blue" in carried and "carried on at move 0" in carried
    assert f"python play.py seminar --game {game_of(first)}" in carried


def test_room_names_are_checked_and_make_file_names(crisis, tmp_path):
    assert host.room_slug("Syndicate room 2 / Blue!") == "syndicate-room-2-blue"
    with pytest.raises(ConsensusError, match="printable"):
        host.open_or_create(crisis, None, folder=tmp_path, room="x" * 41, seed=1, humans=None, turns=None)
    store, _codes, resumed = host.open_or_create(crisis, None, folder=tmp_path, room="Red", seed=1, humans=None,
                                                 turns=None)
    with store:
        assert not resumed and store.room == "Red" and store.path == tmp_path / "red.sqlite"


def test_join_without_a_game_never_guesses_between_two_rooms(crisis, tmp_path):
    for room in ("One", "Two"):
        store, _codes, _ = host.open_or_create(crisis, None, folder=host.seminar_dir(tmp_path), room=room, seed=1,
                                               humans=None, turns=None)
        store.close()
    r = subprocess.run([sys.executable, "play.py", "join", "--save-dir", str(tmp_path)], cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "several seminars" in r.stderr and "one.sqlite" in r.stderr and "two.sqlite" in r.stderr


@pytest.mark.parametrize("interface, ip, kind", [
    ("wlan0", "192.168.1.20", "lan"), ("eth0", "10.0.0.7", "lan"),
    ("wlp2s0", "172.20.10.2", "lan"),  # a phone's hotspot
    ("tun0", "10.8.0.5", "vpn"), ("wg0", "10.66.66.2", "vpn"), ("tailscale0", "100.101.102.103", "vpn"),
    ("docker0", "172.17.0.1", "virtual"), ("virbr0", "192.168.122.1", "virtual"),
    ("eth1", "203.0.113.9", "public"), ("eth0", "169.254.3.4", "link-local"), ("lo", "127.0.0.1", "loopback"),
])
def test_each_address_is_marked_for_the_network_it_is_on(interface, ip, kind):
    assert classify(interface, ip) == kind


def test_the_banner_lists_the_rooms_network_first_and_marks_the_others(crisis, tmp_path):
    found = [("lo", "127.0.0.1"), ("tun0", "10.8.0.5"), ("docker0", "172.17.0.1"), ("wlan0", "192.168.1.20")]
    store, codes, _ = host.open_or_create(crisis, None, folder=tmp_path, room="Green", seed=1, humans=None,
                                          turns=None)
    with store:
        text = host.banner(store, codes, False, reachable("0.0.0.0", found), 8123)
    lines = text.splitlines()
    where = {ip: next(i for i, line in enumerate(lines) if ip in line) for ip in ("192.168.1.20", "10.8.0.5")}
    assert where["192.168.1.20"] < where["10.8.0.5"], "the room's network first"
    assert "http://192.168.1.20:8123/" in text and "the room's network, wlan0" in text
    assert "a VPN, it seems" in text and "containers or virtual machines" in text
    assert "http://localhost:8123/" in text and "this machine only" in text


def test_a_hotspot_without_a_default_route_is_still_listed():
    found = [("lo", "127.0.0.1"), ("wlp2s0", "172.20.10.2")]
    shown = reachable("0.0.0.0", found)
    assert [url(a, 8000) for a in shown] == ["http://172.20.10.2:8000/", "http://localhost:8000/"]
    assert reachable("192.168.1.20", found) == [Address("192.168.1.20", "", "lan")]
