"""The PostgreSQL store: the same interface as the DuckDB store, for several processes writing at once.

Opened by `Store("postgresql://user@host:port/db")` (see planning/store.py). Each `cursor()` or
`transaction()` borrows a connection from a psycopg_pool.ConnectionPool for its duration, so
every Streamlit script run has its own connection, as it has its own cursor on DuckDB.

What differs between the engines and is handled here, so that domain modules stay one text:
- Placeholders: DuckDB's `?` and `$name` become psycopg's `%s` and `%(name)s` (not inside string
  literals, quoted names or comments), and every literal `%` becomes `%%`. Values stay parameters.
- Migrations: DuckDB's `DOUBLE` is spelled `DOUBLE PRECISION` (which DuckDB reads too, but the
  migrations stay as written). A migration whose PostgreSQL wording differs more can sit next to
  it as `NNNN_name.postgresql.sql`; that file is then applied instead, under the same number.
  Processes starting at once take turns migrating (an advisory lock).
- Errors: a UNIQUE or CHECK violation is `ConstraintError`; `ConflictError` (serialization failure,
  deadlock) is what DuckDB's lost concurrent write is, as the domain modules catch them.
- A lost server (restart, network cut) is `StoreLost`, raised by the cursor or transaction that
  met it: nothing of that unit of work was committed. Until a probe connects again, every other
  script is answered at once rather than waiting LOST_AFTER; the pool checks each connection it
  lends, so connections broken by a restart are replaced rather than failing once each.
- Sequences: set with setval where DuckDB draws values (`raise_sequence`, for copied rows).
Everything else (newest row per key, lists, upserts, types of results) is written in SQL both
engines accept and return the same Python values for (see planning/store.py).

Sorting follows the database's collation: create the database with `C.UTF-8` (as the tests do)
for DuckDB's code-point order of Thai and English names.
"""
from __future__ import annotations

import re
import threading
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

import psycopg
from psycopg import conninfo
from psycopg_pool import ConnectionPool, PoolTimeout

from planning.store import DIALECT_SUFFIX, Store, StoreLost, StoreUnreachable

_MIGRATION_LOCK = 5_543_201  # any number the app alone uses for pg_advisory_lock
POOL_MAX = 10          # connections per process: Streamlit runs scripts in threads
CONNECT_TIMEOUT = 10.0  # seconds to wait for the server at start-up
LOST_AFTER = 5.0       # seconds a script waits for a working connection before its user is told
RECONNECT_FOR = 10.0   # seconds the pool keeps re-making one lost connection before leaving it to demand
PROBE_EVERY = 2.0      # once lost: one quick connection attempt this often, everyone else answered at once

_DOUBLE = re.compile(r"\bDOUBLE\b(?!\s+PRECISION)", re.IGNORECASE)
# In string literals, quoted names and comments a `?` or `$x` is text, not a placeholder.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/|\?|\$([A-Za-z_][A-Za-z0-9_]*)|%",
                     re.DOTALL)


@lru_cache(maxsize=2048)
def to_psycopg(sql: str) -> str:
    """DuckDB placeholders to psycopg's: `?` -> `%s`, `$name` -> `%(name)s`, `%` -> `%%`."""
    def swap(m: re.Match) -> str:
        token = m.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if m.group(1):
            return f"%({m.group(1)})s"
        return token.replace("%", "%%")  # psycopg reads % inside literals and comments too
    return _TOKENS.sub(swap, sql)


def migration_text(sql: str) -> str:
    return _DOUBLE.sub("DOUBLE PRECISION", sql)


def where(url: str) -> str:
    """host:port/db of a URL, without user or password: for messages."""
    try:
        info = conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "(unreadable URL)"
    return f"{info.get('host', 'localhost')}:{info.get('port', 5432)}/{info.get('dbname', '')}"


class PostgresCursor:
    """A psycopg cursor that takes the DuckDB store's placeholders."""

    def __init__(self, cur: psycopg.Cursor):
        self._cur = cur

    def execute(self, sql: str, params: Sequence | dict | None = None) -> "PostgresCursor":
        if params is None:  # no placeholders: may hold several statements (migrations)
            self._cur.execute(sql)
        else:
            self._cur.execute(to_psycopg(sql), params)
        return self

    def executemany(self, sql: str, rows) -> "PostgresCursor":
        self._cur.executemany(to_psycopg(sql), list(rows))
        return self

    def fetchone(self):
        return self._cur.fetchone()

    def fetchall(self) -> list[tuple]:
        return self._cur.fetchall()

    @property
    def description(self):
        return self._cur.description

    def close(self) -> None:
        self._cur.close()


class PostgresStore(Store):
    dialect = "postgresql"
    shared = True  # several app processes may use one database: limits are counted in it
    ConstraintError = psycopg.errors.IntegrityError
    ConflictError = psycopg.errors.TransactionRollback  # serialization failure, deadlock

    def __init__(self, url: str, migrate_until: int | None = None):
        self.path = str(url)
        # reconnect_timeout: a connection the pool could not re-make gives up soon, so once the
        # server is back the next request opens a new one at once (not after a long back-off).
        # Keepalives: a cut network link fails within seconds instead of hanging a script.
        self._pool = ConnectionPool(self.path, min_size=1, max_size=POOL_MAX, open=False, timeout=LOST_AFTER,
                                    check=ConnectionPool.check_connection, reconnect_timeout=RECONNECT_FOR,
                                    kwargs={"autocommit": True, "keepalives": 1, "keepalives_idle": 5,
                                            "keepalives_interval": 2, "keepalives_count": 2},
                                    name="smartcity")
        self._lost = False
        self._probed_at = 0.0
        self._probe_lock = threading.Lock()
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        except Exception as exc:
            self._pool.close()
            raise StoreUnreachable(where(self.path), str(exc)) from None
        self.migrate(migrate_until)

    @contextmanager
    def cursor(self) -> Iterator[PostgresCursor]:
        with self._answering(), self._pool.connection() as conn, conn.cursor() as cur:
            yield PostgresCursor(cur)

    @contextmanager
    def transaction(self) -> Iterator[PostgresCursor]:
        """All or nothing, as on DuckDB."""
        with self._answering(), self._pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            yield PostgresCursor(cur)

    @contextmanager
    def _answering(self) -> Iterator[None]:
        """A lost server becomes StoreLost (a lost race between writers stays ConflictError)."""
        if self._lost and not self._probe():
            raise StoreLost(where(self.path), "not answering since a moment ago")
        try:
            yield
        except psycopg.errors.TransactionRollback:
            raise
        except (PoolTimeout, psycopg.errors.QueryCanceled, psycopg.errors.LockNotAvailable) as exc:
            # No connection free in time, or a statement cancelled: the server may only be busy.
            # This script is told; the process is marked lost only if a fresh connection fails too,
            # so a burst of load does not turn every other user away.
            if not self._connects():
                self._lost, self._probed_at = True, time.monotonic()
            raise StoreLost(where(self.path), str(exc).strip() or type(exc).__name__) from None
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            self._lost = True
            raise StoreLost(where(self.path), str(exc).strip() or type(exc).__name__) from None

    def _connects(self) -> bool:
        try:
            with psycopg.connect(self.path, connect_timeout=2) as conn:
                conn.execute("SELECT 1")
        except (psycopg.OperationalError, psycopg.InterfaceError):
            return False
        return True

    def _probe(self) -> bool:
        """While lost: one quick connection attempt every PROBE_EVERY seconds for the process."""
        if not self._probe_lock.acquire(blocking=False):  # another script is probing: answered at once
            return not self._lost
        try:
            if not self._lost:
                return True
            if time.monotonic() - self._probed_at < PROBE_EVERY:
                return False
            if not self._connects():
                self._probed_at = time.monotonic()
                return False
            self._lost = False
            return True
        finally:
            self._probe_lock.release()

    def answers(self) -> bool:
        try:
            with self.cursor() as cur:
                cur.execute("SELECT 1")
        except StoreLost:
            return False
        return True

    def take_turn(self, cur, name: str) -> None:
        """Several processes write here: a transaction-scoped advisory lock on the name's hash."""
        cur.execute("SELECT pg_advisory_xact_lock(hashtext(?))", [name])

    def migrate(self, until: int | None = None) -> list[int]:
        """As on DuckDB; processes starting at once take turns (an advisory lock), so the second
        finds the migrations applied."""
        with self._pool.connection() as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", [_MIGRATION_LOCK])
            try:
                return super().migrate(until)
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", [_MIGRATION_LOCK])

    def migration_sql(self, path: Path) -> str:
        own = path.with_name(path.name[:-len(".sql")] + DIALECT_SUFFIX)
        if own.exists():
            return own.read_text(encoding="utf-8")
        return migration_text(path.read_text(encoding="utf-8"))

    def raise_sequence(self, cur, name: str, at_least: int) -> None:
        cur.execute("SELECT setval(?, greatest(?, nextval(?)))", [name, at_least, name])

    def close(self) -> None:
        self._pool.close()
