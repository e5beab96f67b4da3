"""Which addresses of the host the room's laptops can open, for the banner: every IPv4 address of
every network interface, the room's network (LAN, Wi-Fi, a phone's hotspot) first, then the others
marked for what they are (a VPN, containers, this machine only). The first guess — the address of
the default route — printed a VPN's address when one was up, and only `localhost` on a phone's
hotspot (no default route): a room could not join.

No packet is sent. Interfaces are read with the SIOCGIFADDR ioctl on Linux; elsewhere (or if that
fails) from the host name and the default route, as before."""
from __future__ import annotations

import ipaddress
import socket
import struct

import attrs

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None

SIOCGIFADDR = 0x8915  # Linux

# interface names, by the kind of network they are (prefixes)
VPN_NAMES = ("tun", "tap", "wg", "ppp", "utun", "ipsec", "tailscale", "zt", "nordlynx", "proton", "gpd", "vpn")
VIRTUAL_NAMES = ("docker", "br-", "virbr", "veth", "vboxnet", "vmnet", "lxc", "lxd", "podman", "cni", "flannel",
                 "cali", "kube", "incus")
PRIVATE = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))  # RFC 1918
ORDER = ("lan", "public", "vpn", "virtual", "link-local", "loopback")
NOTES = {
    "lan": "the room's network",
    "public": "another network (not private): laptops in the room may not reach it",
    "vpn": "a VPN, it seems: laptops in the room cannot reach it",
    "virtual": "containers or virtual machines on this laptop",
    "link-local": "no address from a network (169.254): laptops on the same cable or hotspot only",
    "loopback": "this machine only",
}


@attrs.frozen
class Address:
    ip: str
    interface: str  # "" when unknown
    kind: str  # one of ORDER

    @property
    def note(self) -> str:
        return NOTES[self.kind] + (f", {self.interface}" if self.interface else "")


def classify(interface: str, ip: str) -> str:
    """What kind of network an address is on, from the interface's name and the address."""
    addr = ipaddress.ip_address(ip)
    name = interface.lower()
    if addr.is_loopback:
        return "loopback"
    if addr.is_link_local:
        return "link-local"
    if name.startswith(VPN_NAMES) or addr in ipaddress.ip_network("100.64.0.0/10"):  # CGNAT: Tailscale and kin
        return "vpn"
    if name.startswith(VIRTUAL_NAMES):
        return "virtual"
    if any(addr in net for net in PRIVATE):
        return "lan"
    return "public"


def interfaces() -> list[tuple[str, str]]:
    """(interface, IPv4 address) for each interface that has one (Linux), else what the host name and
    the default route say."""
    found: list[tuple[str, str]] = []
    if fcntl is not None and hasattr(socket, "if_nameindex"):
        try:
            names = [name for _index, name in socket.if_nameindex()]
        except OSError:
            names = []
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            for name in names:
                try:
                    packed = fcntl.ioctl(s.fileno(), SIOCGIFADDR, struct.pack("256s", name.encode()[:15]))
                except OSError:  # no IPv4 address, or not Linux
                    continue
                found.append((name, socket.inet_ntoa(packed[20:24])))
    if found:
        return found
    try:  # elsewhere: the address of the default route, and the host name's
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))
            found.append(("", s.getsockname()[0]))
    except OSError:
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            if all(info[4][0] != ip for _n, ip in found):
                found.append(("", info[4][0]))
    except OSError:
        pass
    found.append(("lo", "127.0.0.1"))
    return found


def reachable(host: str, found: list[tuple[str, str]] | None = None) -> list[Address]:
    """The addresses to print for a server on `host`: all of this machine's when it serves every
    network (0.0.0.0 or ""), the room's network first; else `host` alone."""
    if host not in ("0.0.0.0", "", "::"):
        known = dict((ip, name) for name, ip in (found if found is not None else interfaces()))
        try:
            return [Address(host, known.get(host, ""), classify(known.get(host, ""), host))]
        except ValueError:  # a name, not an address
            return [Address(host, "", "lan")]
    out, seen = [], set()
    for name, ip in (found if found is not None else interfaces()):
        if ip in seen:
            continue
        seen.add(ip)
        out.append(Address(ip, name, classify(name, ip)))
    return sorted(out, key=lambda a: ORDER.index(a.kind))


def url(address: Address, port: int) -> str:
    host = "localhost" if address.kind == "loopback" else address.ip
    return f"http://{host}:{port}/"
