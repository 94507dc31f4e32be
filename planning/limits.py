"""Rate limits kept in memory (they protect the running server; nothing here is workshop data)."""
from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from planning.errors import ValidationError


class RateLimit:
    """At most `limit` events per `window` seconds for each key (sliding window)."""

    def __init__(self, limit: int, window: float = 60.0, clock=time.monotonic):
        self.limit, self.window, self._clock = limit, window, clock
        self._events: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

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
            now = self._clock()
            events = self._trim(key, now)
            if len(events) >= self.limit:
                wait = max(1, int(self.window - (now - events[0])) + 1)
                raise ValidationError("error.too_many_attempts", limit=self.limit,
                                      window=int(self.window), seconds=wait)

    def hit(self, key: str | None) -> None:
        if not key:
            return
        with self._lock:
            self._trim(key, self._clock()).append(self._clock())

    def reset(self) -> None:
        with self._lock:
            self._events.clear()


# A browser session may try to join 5 times a minute. Wrong codes are also counted per network
# address; a whole venue shares one address behind its Wi-Fi, so only failures count there.
JOIN_ATTEMPTS = RateLimit(5, 60)
WRONG_CODES = RateLimit(20, 60)
