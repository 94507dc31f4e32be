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
- Sequences: set with setval where DuckDB draws values (`raise_sequence`, for copied rows).
Everything else (newest row per key, lists, upserts, types of results) is written in SQL both
engines accept and return the same Python values for (see planning/store.py).

Sorting follows the database's collation: create the database with `C.UTF-8` (as the tests do)
for DuckDB's code-point order of Thai and English names.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

import psycopg
from psycopg import conninfo
from psycopg_pool import ConnectionPool

from planning.store import DIALECT_SUFFIX, Store, StoreUnreachable

_MIGRATION_LOCK = 5_543_201  # any number the app alone uses for pg_advisory_lock
POOL_MAX = 10          # connections per process: Streamlit runs scripts in threads
CONNECT_TIMEOUT = 10.0  # seconds to wait for the server at start-up

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
        self._pool = ConnectionPool(self.path, min_size=1, max_size=POOL_MAX, open=False,
                                    kwargs={"autocommit": True}, name="smartcity")
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        except Exception as exc:
            self._pool.close()
            raise StoreUnreachable(where(self.path), str(exc)) from None
        self.migrate(migrate_until)

    @contextmanager
    def cursor(self) -> Iterator[PostgresCursor]:
        with self._pool.connection() as conn, conn.cursor() as cur:
            yield PostgresCursor(cur)

    @contextmanager
    def transaction(self) -> Iterator[PostgresCursor]:
        """All or nothing, as on DuckDB."""
        with self._pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            yield PostgresCursor(cur)

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
