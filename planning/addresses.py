"""The address phones use to join: the one in the QR code must be reachable from the venue's Wi-Fi.

`SMARTCITY_PUBLIC_URL` fixes it (for example behind a reverse proxy or a DNS name). Without it the
join link is built from the address the facilitator's browser used; when that is this machine's
own (127.0.0.1, localhost), phones cannot reach it, so the page warns and offers this machine's
network addresses, found with the standard library only.
"""
from __future__ import annotations

import ipaddress
import os
import socket
import time
from dataclasses import dataclass
from typing import Callable, Iterable
from urllib.parse import urlsplit

ENV_PUBLIC_URL = "SMARTCITY_PUBLIC_URL"
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
_EVERYWHERE = {"", "0.0.0.0", "::"}  # a server listening on these is reachable on every address


def public_url(setting: str | None = None) -> str | None:
    """SMARTCITY_PUBLIC_URL, checked: http(s)://host[:port][/path]. A bad value raises ValueError
    (the app refuses to start rather than print an unreachable QR code)."""
    value = (os.environ.get(ENV_PUBLIC_URL, "") if setting is None else setting).strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ValueError(f"{ENV_PUBLIC_URL} must look like https://host[:port][/path], not {value!r}")
    return value.rstrip("/")


def is_loopback(host: str | None) -> bool:
    """127.x.x.x, ::1, localhost: an address that means "this machine" to whoever uses it."""
    host = (host or "").strip("[]").lower()
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def usable(addresses: Iterable[str]) -> list[str]:
    """IPv4 addresses a phone on the same network could use, private ones (a venue's Wi-Fi) first,
    each once, in a stable order; loopback, link-local, multicast and unspecified are dropped."""
    found = []
    for text in addresses:
        try:
            ip = ipaddress.ip_address(str(text).split("%")[0])
        except ValueError:
            continue
        if ip.version != 4 or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_unspecified:
            continue
        if ip not in found:
            found.append(ip)
    return [str(ip) for ip in sorted(found, key=lambda ip: (not ip.is_private, ip.packed))]


def _default_route_address() -> list[str]:
    """The address this machine would send from to the outside: a UDP "connect" sends nothing."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1 (RFC 5737): never contacted
            return [s.getsockname()[0]]
        except OSError:
            return []


def _host_name_addresses() -> list[str]:
    try:
        return [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    except OSError:
        return []


def _interface_addresses() -> list[str]:
    """Every interface's IPv4 address (Linux: SIOCGIFADDR), for machines without a default route
    (a laptop on a venue router that has no internet)."""
    try:
        import fcntl
        import struct
    except ImportError:  # not Linux or macOS
        return []
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        for _, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(s.fileno(), 0x8915, struct.pack("256s", name.encode()[:15]))  # SIOCGIFADDR
            except OSError:
                continue
            found.append(socket.inet_ntoa(packed[20:24]))
    return found


FINDERS: tuple[Callable[[], list[str]], ...] = (_default_route_address, _interface_addresses, _host_name_addresses)


def machine_addresses(finders: Iterable[Callable[[], list[str]]] | None = None) -> list[str]:
    found = []
    for finder in FINDERS if finders is None else finders:
        try:
            found += finder()
        except OSError:
            continue
    return usable(found)


_recent: tuple = (None, 0.0, [])  # (finders, when, addresses)


def recent_machine_addresses(max_age: float = 60.0) -> list[str]:
    """machine_addresses(), asked again at most once a minute: the choice offered to the
    facilitator keeps the same options from run to run, and a slow name lookup is not paid on
    every run."""
    global _recent
    finders, when, found = _recent
    now = time.monotonic()
    if finders is not FINDERS or now - when > max_age:
        found = machine_addresses()
        _recent = (FINDERS, now, found)
    return list(found)


@dataclass(frozen=True)
class JoinAddress:
    base: str                          # scheme://host:port[/path] the join link and QR start with
    loopback: bool                     # the facilitator's own address is this machine's loopback
    alternatives: tuple[str, ...]      # bases on this machine's network addresses (when loopback)
    listening_here_only: bool          # the server listens on loopback only: no phone can reach it


def join_address(page_url: str | None, public: str | None, listen_address: str | None,
                 addresses: Iterable[str] = (), chosen: str | None = None) -> JoinAddress:
    """Where the join link points. public (SMARTCITY_PUBLIC_URL) wins. Otherwise the facilitator's
    page address, unless it is a loopback one: then one of this machine's network addresses
    (the `chosen` one if it is among them, else the first), on the same scheme and port."""
    parts = urlsplit(page_url or "http://localhost:8501")
    here = f"{parts.scheme}://{parts.netloc}"
    listening_here_only = is_loopback(listen_address) if (listen_address or "") not in _EVERYWHERE else False
    if public:
        return JoinAddress(public, False, (), False)
    if not is_loopback(parts.hostname):
        return JoinAddress(here, False, (), listening_here_only)
    port = f":{parts.port}" if parts.port else ""
    options = tuple(f"{parts.scheme}://{ip}{port}" for ip in usable(addresses))
    base = chosen if chosen in options else (options[0] if options else here)
    return JoinAddress(base, True, options, listening_here_only)
