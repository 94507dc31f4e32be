"""Limits on guessing join codes and passwords.

With one app process (the embedded DuckDB file) they are kept in memory: they protect this
running server, hold nothing that belongs to a workshop, and are checked on every attempt, so a
database round trip would only add cost. A restart clears them, which gives an attacker no more
than a fresh browser tab already does. With several processes on one PostgreSQL the limits over
an address, over everyone and over a password are counted in the store (see "limits several app
processes share" below); the limits per browser session stay in its process.

The rules (README, "Security and limits"):
- a browser session that keeps guessing waits longer and longer (exponential backoff); this locks
  out nobody but that tab;
- wrong join codes from one network address, and from everyone together, past a ceiling make every
  join wait its turn: guessing slows to a crawl, but a correct code is never refused;
- a password (facilitator or committee) is also limited for everyone together, since an attacker
  opens as many tabs as they like: after a number of wrong passwords each further try waits
  longer; once the wait is over the correct password works again, and the message says how long.
"""
from __future__ import annotations

import ipaddress
import math
import os
import threading
import time
from collections import defaultdict, deque

from planning.errors import ValidationError

ENV_TRUSTED_PROXIES = "SMARTCITY_TRUSTED_PROXIES"
clock = time.monotonic  # every limit's clock unless given its own; tests replace it
sleep = time.sleep      # how a join waits its turn; tests replace it
_MAX_KEYS = 50_000  # memory bound: an attacker can invent session ids and addresses


class TooManyAttempts(ValidationError):
    """Refused without being checked; `seconds` says how long to wait."""

    def __init__(self, seconds: float):
        self.seconds = max(1, math.ceil(seconds))
        if self.seconds < 120:
            super().__init__("error.wait_seconds", seconds=self.seconds)
        else:
            super().__init__("error.wait_minutes", minutes=math.ceil(self.seconds / 60))


class RateLimit:
    """At most `limit` events per `window` seconds for each key (sliding window)."""

    def __init__(self, limit: int, window: float = 60.0, clock=None):
        self.limit, self.window, self._clock = limit, window, clock
        self._events: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def _now(self) -> float:
        return self._clock() if self._clock else clock()

    def _trim(self, key: str, now: float) -> deque:
        events = self._events[key]
        while events and now - events[0] >= self.window:
            events.popleft()
        return events

    def check(self, key: str | None) -> None:
        """Raise when the key is over its limit (without counting this call)."""
        if not key:
            return
        with self._lock:
            now = self._now()
            events = self._trim(key, now)
            if len(events) >= self.limit:
                wait = max(1, int(self.window - (now - events[0])) + 1)
                raise ValidationError("error.too_many_attempts", limit=self.limit,
                                      window=int(self.window), seconds=wait)

    def hit(self, key: str | None) -> None:
        if not key:
            return
        with self._lock:
            now = self._now()
            if len(self._events) > _MAX_KEYS:
                for k in [k for k, ev in self._events.items() if not ev or now - ev[-1] >= self.window]:
                    del self._events[k]
            self._trim(key, now).append(now)

    def reset(self) -> None:
        with self._lock:
            self._events.clear()


class Backoff:
    """Failures per key. The first `free` cost nothing; after the n-th failure beyond them the key
    must wait base * 2**(n-1) seconds (at most `cap`) before it may try again. A success clears
    the key; a key without a failure for `forget` seconds starts afresh."""

    def __init__(self, free: int, base: float = 1.0, cap: float = 300.0, forget: float = 900.0,
                 clock=None):
        self.free, self.base, self.cap, self.forget, self._clock = free, base, cap, forget, clock
        self._state: dict[str, tuple[int, float]] = {}  # key -> (failures, time of the last)
        self._lock = threading.Lock()

    def _now(self) -> float:
        return self._clock() if self._clock else clock()

    def _current(self, key: str, now: float) -> tuple[int, float]:
        failures, last = self._state.get(key, (0, now))
        if failures and now - last >= self.forget:
            self._state.pop(key, None)
            return 0, now
        return failures, last

    def wait(self, key: str) -> float:
        """Seconds before the key may try again (0: now)."""
        with self._lock:
            now = self._now()
            failures, last = self._current(key, now)
            if failures <= self.free:
                return 0.0
            delay = min(self.cap, self.base * 2 ** (failures - self.free - 1))
            return max(0.0, last + delay - now)

    def check(self, key: str) -> None:
        seconds = self.wait(key)
        if seconds > 0:
            raise TooManyAttempts(seconds)

    def failed(self, key: str) -> None:
        with self._lock:
            now = self._now()
            if len(self._state) > _MAX_KEYS:
                for k in [k for k, (_, last) in self._state.items() if now - last >= self.forget]:
                    del self._state[k]
            failures, _ = self._current(key, now)
            self._state[key] = (failures + 1, now)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._state.pop(key, None)

    def reset(self) -> None:
        with self._lock:
            self._state.clear()


class Pacer:
    """A ceiling on failures per key that slows instead of refusing: once a key has had more than
    `ceiling` failures in `window` seconds, its attempts are spaced `interval` seconds apart and
    each caller waits for its turn before its attempt is checked. Guessing under that key is held
    to one try per interval whatever the number of tabs; a correct attempt still gets through."""

    def __init__(self, ceiling: int, interval: float, window: float = 60.0, clock=None):
        self.ceiling, self.interval = ceiling, interval
        self._failures = RateLimit(ceiling, window, clock)
        self._clock = clock
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def _now(self) -> float:
        return self._clock() if self._clock else clock()

    def busy(self, key: str) -> bool:
        try:
            self._failures.check(key)
        except ValidationError:
            return True
        return False

    def turn(self, key: str) -> float:
        """Seconds this attempt must wait before it is checked (0 while under the ceiling)."""
        if not self.busy(key):
            return 0.0
        with self._lock:
            now = self._now()
            if len(self._next) > _MAX_KEYS:
                self._next = {k: t for k, t in self._next.items() if t > now}
            slot = max(now, self._next.get(key, now))
            self._next[key] = slot + self.interval
            return slot - now

    def failed(self, key: str) -> None:
        self._failures.hit(key)

    def reset(self) -> None:
        self._failures.reset()
        with self._lock:
            self._next.clear()


# ---- where a request comes from ----------------------------------------------------------------

UNKNOWN_ADDRESS = "unknown"
UNTRUSTED_FORWARD = "forwarded"
_LOOPBACK = "127.0.0.1"


def trusted_proxies(setting: str | None = None) -> tuple:
    """SMARTCITY_TRUSTED_PROXIES: addresses or networks (comma separated) of the reverse proxies
    whose X-Forwarded-For header is believed. Empty by default: nobody's."""
    setting = os.environ.get(ENV_TRUSTED_PROXIES, "") if setting is None else setting
    nets = []
    for part in setting.replace(" ", ",").split(","):
        if part.strip():
            nets.append(ipaddress.ip_network(part.strip(), strict=False))
    return tuple(nets)


def _in(address: str, nets: tuple) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip.version == n.version and ip in n for n in nets)


def client_address(peer: str | None, forwarded_for: str | None, proxies: tuple) -> str:
    """The address limits count under. X-Forwarded-For is believed only from a configured proxy,
    and then the nearest address in it that is not itself such a proxy is the client. A forwarding
    header from anyone else puts the request under one shared key, whatever the header claims
    (the web server may already have put its claim in place of the real peer)."""
    hops = [h.strip() for h in (forwarded_for or "").split(",") if h.strip()]
    peer = peer or _LOOPBACK  # Streamlit reports a loopback peer as no address
    if hops and _in(peer, proxies):
        for hop in reversed(hops):
            if not _in(hop, proxies):
                return hop
        return hops[0]
    if hops:
        return UNTRUSTED_FORWARD
    return peer


# ---- the limits in force -------------------------------------------------------------------------

# Joining: a browser session may try 5 times a minute; after 3 wrong codes it backs off (1, 2, 4 s
# ... up to 5 minutes). Past 20 wrong codes a minute from one address, joins from there are taken
# one every 2 s; past 60 wrong codes a minute from everyone, all joins one every 0.5 s. A room
# behind one address is slowed, never locked out.
JOIN_ATTEMPTS = RateLimit(5, 60)
WRONG_CODE_SESSION = Backoff(free=3, base=1.0, cap=300.0, forget=900.0)
WRONG_CODE_ADDRESS = Pacer(ceiling=20, interval=2.0)
WRONG_CODE_ALL = Pacer(ceiling=60, interval=0.5)
_ALL = "all"

# Passwords: per browser session 3 free tries, then 1, 2, 4 s ... up to 5 minutes; for each
# password across everyone 10 free tries in an hour, then 1, 2, 4 s ... up to 15 minutes.
PASSWORD_SESSION = Backoff(free=3, base=1.0, cap=300.0, forget=900.0)
PASSWORD_TARGET = Backoff(free=10, base=1.0, cap=900.0, forget=3600.0)


# ---- limits several app processes share --------------------------------------------------------
# With PostgreSQL several processes serve the same workshops (scripts/venue.sh). A browser session
# lives in one process, so the limits per session stay in memory; the limits over an address, over
# everyone and over a password are counted in the store, so N processes do not give N budgets.
# Times there are wall-clock seconds (processes, and machines, share no monotonic clock).
wall = time.time  # tests replace it


class StoredBackoff:
    """Backoff's rule over failures kept in the store: failures since the key's last success and
    within `forget` seconds count; past `free`, the key waits base * 2**(n-1) seconds after its last."""

    def __init__(self, name: str, free: int, base: float = 1.0, cap: float = 300.0, forget: float = 900.0):
        self.name, self.free, self.base, self.cap, self.forget = name, free, base, cap, forget

    def wait(self, store, key: str) -> float:
        now = wall()
        with store.cursor() as cur:
            failures, last = cur.execute(
                "SELECT count(*), max(happened_at) FROM limit_event WHERE limit_name = ? AND key = ? AND kind = 'failure'"
                " AND happened_at > ? AND happened_at > coalesce((SELECT max(happened_at) FROM limit_event WHERE limit_name = ? AND key = ?"
                " AND kind = 'success'), 0)", [self.name, key, now - self.forget, self.name, key]).fetchone()
        if failures <= self.free:
            return 0.0
        return max(0.0, float(last) + min(self.cap, self.base * 2 ** (failures - self.free - 1)) - now)

    def failed(self, store, key: str) -> None:
        _event(store, self.name, key, "failure", keep=self.forget)

    def succeeded(self, store, key: str) -> None:
        _event(store, self.name, key, "success", keep=self.forget)


class StoredPacer:
    """Pacer's rule over the store: past `ceiling` failures in `window` seconds, attempts under the
    key take turns `interval` seconds apart; the next turn is handed out by one atomic statement."""

    def __init__(self, name: str, ceiling: int, interval: float, window: float = 60.0):
        self.name, self.ceiling, self.interval, self.window = name, ceiling, interval, window

    def busy(self, store, key: str) -> bool:
        with store.cursor() as cur:
            (n,) = cur.execute("SELECT count(*) FROM limit_event WHERE limit_name = ? AND key = ?"
                               " AND kind = 'failure' AND happened_at > ?", [self.name, key, wall() - self.window]).fetchone()
        return n >= self.ceiling

    def turn(self, store, key: str) -> float:
        if not self.busy(store, key):
            return 0.0
        now = wall()
        with store.cursor() as cur:
            (next_at,) = cur.execute(
                "INSERT INTO limit_turn (limit_name, key, next_at) VALUES (?, ?, ?) ON CONFLICT (limit_name, key)"
                " DO UPDATE SET next_at = greatest(limit_turn.next_at, ?) + ? RETURNING next_at",
                [self.name, key, now + self.interval, now, self.interval]).fetchone()
        return max(0.0, float(next_at) - self.interval - now)

    def failed(self, store, key: str) -> None:
        _event(store, self.name, key, "failure", keep=self.window)


_trimmed = [0.0]


def _event(store, name: str, key: str, kind: str, keep: float) -> None:
    now = wall()
    with store.cursor() as cur:
        cur.execute("INSERT INTO limit_event (limit_name, key, kind, happened_at) VALUES (?, ?, ?, ?)", [name, key, kind, now])
        if now - _trimmed[0] > 60:  # old rows are no longer counted: dropped about once a minute
            _trimmed[0] = now
            cur.execute("DELETE FROM limit_event WHERE happened_at < ?", [now - 2 * 3600])
            cur.execute("DELETE FROM limit_turn WHERE next_at < ?", [now - 3600])


def _shared(store) -> bool:
    return store is not None and getattr(store, "shared", False)


STORED_WRONG_CODE_ADDRESS = StoredPacer("wrong_code_address", ceiling=20, interval=2.0)
STORED_WRONG_CODE_ALL = StoredPacer("wrong_code_all", ceiling=60, interval=0.5)
STORED_PASSWORD_TARGET = StoredBackoff("password_target", free=10, base=1.0, cap=900.0, forget=3600.0)


def join_wait(session_key: str | None, address: str | None, counted: bool = True, store=None) -> float:
    """Refuses a session that is backing off; otherwise the seconds this join waits for its turn.
    counted=False (the join page naming the workshop of a typed code): the try uses up one of the
    session's tries only if the code turns out wrong (see wrong_code), so looking up a right code
    costs nothing and a wrong one costs what a wrong join does."""
    JOIN_ATTEMPTS.check(session_key)
    if session_key:
        WRONG_CODE_SESSION.check(session_key)
    if counted:
        JOIN_ATTEMPTS.hit(session_key)
    if _shared(store):
        return max(STORED_WRONG_CODE_ADDRESS.turn(store, address or UNKNOWN_ADDRESS),
                   STORED_WRONG_CODE_ALL.turn(store, _ALL))
    return max(WRONG_CODE_ADDRESS.turn(address or UNKNOWN_ADDRESS), WRONG_CODE_ALL.turn(_ALL))


def wrong_code(session_key: str | None, address: str | None, counted: bool = True, store=None) -> None:
    if not counted:
        JOIN_ATTEMPTS.hit(session_key)
    if session_key:
        WRONG_CODE_SESSION.failed(session_key)
    if _shared(store):
        STORED_WRONG_CODE_ADDRESS.failed(store, address or UNKNOWN_ADDRESS)
        STORED_WRONG_CODE_ALL.failed(store, _ALL)
        return
    WRONG_CODE_ADDRESS.failed(address or UNKNOWN_ADDRESS)
    WRONG_CODE_ALL.failed(_ALL)


def password_check(target: str, session_key: str | None, store=None) -> None:
    """Refuses, without checking the password, while this session or this password must wait."""
    wait = STORED_PASSWORD_TARGET.wait(store, target) if _shared(store) else PASSWORD_TARGET.wait(target)
    if session_key:
        wait = max(wait, PASSWORD_SESSION.wait(session_key))
    if wait > 0:
        raise TooManyAttempts(wait)


def password_result(target: str, session_key: str | None, ok: bool, store=None) -> None:
    if _shared(store):
        (STORED_PASSWORD_TARGET.succeeded if ok else STORED_PASSWORD_TARGET.failed)(store, target)
    else:
        (PASSWORD_TARGET.succeeded if ok else PASSWORD_TARGET.failed)(target)
    if session_key:
        (PASSWORD_SESSION.succeeded if ok else PASSWORD_SESSION.failed)(session_key)


def reset_all() -> None:
    for limit in (JOIN_ATTEMPTS, WRONG_CODE_SESSION, WRONG_CODE_ADDRESS, WRONG_CODE_ALL,
                  PASSWORD_SESSION, PASSWORD_TARGET):
        limit.reset()
