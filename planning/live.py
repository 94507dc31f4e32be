"""What is open in a workshop right now (a live activity, a capacity-session phase): every
participant's phone asks every few seconds, whatever page it is on, and follows the facilitator
when the answer changes.

Sixty phones asking every few seconds would be twenty queries a second for an answer that changes
a few times an hour, so the answer is kept for a second per workshop and dropped at once when the
facilitator opens or closes something in this process. The live page's own readings of what is
open (the open activities, the open capacity sessions) are kept the same way (`shared`): when a
room joins at once, each phone would otherwise read them again.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable, TypeVar

from planning.store import Store

KEEP_SECONDS = 1.0
clock = time.monotonic  # tests replace it


@dataclass(frozen=True)
class NowOpen:
    signature: tuple               # changes whenever something is opened or closed
    titles: tuple[str, ...]        # open activities, then sessions in check-in or assessment

    @property
    def anything(self) -> bool:
        return bool(self.titles)


_SQL = """
WITH acts AS (
    SELECT DISTINCT ON (a.id) a.title, s.state, s.created_at AS changed_at
    FROM activity_state s JOIN activity a ON a.id = s.activity_id
    WHERE a.workshop_id = $w ORDER BY a.id, s.created_at DESC
), sessions AS (
    SELECT DISTINCT ON (c.id) c.title, p.phase, p.created_at AS changed_at
    FROM capacity_phase p JOIN capacity_session c ON c.id = p.session_id
    WHERE c.workshop_id = $w ORDER BY c.id, p.created_at DESC
)
SELECT (SELECT max(changed_at) FROM acts), (SELECT max(changed_at) FROM sessions),
       (SELECT array_agg(title ORDER BY changed_at) FROM acts WHERE state = 'open'),
       (SELECT array_agg(title ORDER BY changed_at) FROM sessions WHERE phase IN ('pre', 'post'))
"""

_kept: dict[tuple, tuple[float, object]] = {}  # (workshop key, what) -> (read at, reading)
_changes: dict[tuple, int] = {}   # per workshop: how many times changed() was called
_lock = threading.Lock()


def _key(store: Store, workshop_id: str) -> tuple:
    return id(store), store.path, workshop_id


T = TypeVar("T")


def shared(store: Store, workshop_id: str, what: str, read: Callable[[], T]) -> T:
    """`read()` for something that changes only when changed() is called for the workshop (what is
    open, and in which phase): kept KEEP_SECONDS and shared by every phone of the workshop. Keep
    the reading immutable (tuples, frozen dataclasses): every phone gets the same object."""
    key = _key(store, workshop_id)
    with _lock:
        kept, generation = _kept.get((key, what)), _changes.get(key, 0)
    if kept is not None and clock() - kept[0] < KEEP_SECONDS:
        return kept[1]
    read_at = clock()
    found = read()
    with _lock:
        if _changes.get(key, 0) == generation:  # not kept if a change came in while reading
            if len(_kept) > 1000:  # bounded: a few entries per workshop in use
                _kept.clear()
            _kept[(key, what)] = (read_at, found)
    return found


def _read_now_open(store: Store, workshop_id: str) -> NowOpen:
    with store.cursor() as cur:
        act_at, session_at, acts, sessions = cur.execute(_SQL, {"w": workshop_id}).fetchone()
    return NowOpen((act_at, session_at), tuple(acts or ()) + tuple(sessions or ()))


def now_open(store: Store, workshop_id: str) -> NowOpen:
    return shared(store, workshop_id, "now_open", lambda: _read_now_open(store, workshop_id))


def changed(store: Store, workshop_id: str) -> None:
    """Called after opening or closing something: the next question reads the store again."""
    key = _key(store, workshop_id)
    with _lock:
        for kept in [k for k in _kept if k[0] == key]:
            del _kept[kept]
        if len(_changes) > 1000:
            _changes.clear()
        _changes[key] = _changes.get(key, 0) + 1
