"""The store: a cursor per unit of work, numbered migrations, on one of two engines.

`SMARTCITY_DB` is a DuckDB file path (the default: one embedded file, nothing to install) or a
`postgresql://…` URL, which opens the PostgreSQL store (planning/store_postgres.py) for several
app processes writing at once. Both give the domain modules the same interface: `cursor()` and
`transaction()` yield an object with `execute(sql, params)` (returning itself, for
`fetchone()`/`fetchall()`), `executemany` and `description`, and `?` or `$name` placeholders.
Domain SQL is written so that both engines accept it: the newest row per key with
`SELECT DISTINCT ON (key) … ORDER BY key, created_at DESC` (not `arg_max` or `QUALIFY`), lists
with `array_agg`, upserts with `ON CONFLICT`, explicit `GROUP BY` columns (not `GROUP BY ALL`),
`avg(x::DOUBLE PRECISION)` (PostgreSQL's avg of integers is a Decimal), `CAST(? AS type) IS NULL`
(PostgreSQL must know a parameter's type), numbers written out in Python rather than cast to text
(the engines write 39.0 differently). What still differs (placeholders, a type name in the
migrations) is translated by the PostgreSQL store and documented there.

DuckDB connections are not thread-safe, cursors are: every Streamlit script run gets its own
cursor from the single process-wide connection (DuckDB Python API, "multiple threads").
"""
from __future__ import annotations

import datetime as dt
import os
import re
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

ENV_DB_PATH = "SMARTCITY_DB"
DEFAULT_DB_PATH = Path(__file__).resolve().parent.parent / "data" / "smartcity.duckdb"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
DIALECT_SUFFIX = ".postgresql.sql"
POSTGRES_URL = re.compile(r"^postgres(ql)?://")


class StoreUnreachable(ConnectionError):
    """The database server did not answer at start-up (the app asks again on the next run)."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"cannot reach the PostgreSQL database {where} named by {ENV_DB_PATH}: {reason}")
        self.setting, self.where = ENV_DB_PATH, where


class StoreLost(ConnectionError):
    """The database stopped answering mid-workshop (a shared server restarting, a network cut).
    The action that met this wrote nothing; the pages say so and ask again until it answers."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"lost the PostgreSQL database {where} named by {ENV_DB_PATH}: {reason}")
        self.setting, self.where = ENV_DB_PATH, where


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer version of the app: this one does not start on it."""

    def __init__(self, found: int, known: int):
        super().__init__(f"the database's schema is at version {found}, newer than this app's {known}: "
                         "update the app before starting it on this database")
        self.found, self.known = found, known


def is_postgres_url(location: str | Path) -> bool:
    return bool(POSTGRES_URL.match(str(location)))


def now() -> dt.datetime:
    """UTC wall clock without tzinfo, as stored in TIMESTAMP columns."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def new_id() -> str:
    return uuid.uuid4().hex


def migrations() -> list[tuple[int, str, Path]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if path.name.endswith(DIALECT_SUFFIX):  # another engine's wording of a migration
            continue
        m = _MIGRATION_NAME.match(path.name)
        if not m:
            raise RuntimeError(f"migration file not named NNNN_name.sql: {path.name}")
        found.append((int(m.group(1)), m.group(2), path))
    numbers = [n for n, _, _ in found]
    if len(set(numbers)) != len(numbers):
        raise RuntimeError(f"two migrations share a number: {numbers}")
    return found


class Store:
    """The DuckDB store; `Store(url)` with a postgresql:// URL gives the PostgreSQL store instead."""

    dialect = "duckdb"
    shared = False  # one process holds a DuckDB file: limits and caches may live in its memory
    # What the domain modules catch, whichever the engine: a UNIQUE or CHECK violated, and a write
    # that lost to a concurrent one.
    ConstraintError: type[Exception] = duckdb.ConstraintException
    ConflictError: type[Exception] = duckdb.TransactionException

    def __new__(cls, location: str | Path, migrate_until: int | None = None):
        if cls is Store and is_postgres_url(location):
            from planning.store_postgres import PostgresStore

            return super().__new__(PostgresStore)
        return super().__new__(cls)

    def __init__(self, path: str | Path, migrate_until: int | None = None):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = duckdb.connect(self.path)
        self._lock = threading.Lock()
        self.migrate(migrate_until)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:  # creating a cursor touches the shared connection
            cur = self._conn.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: used wherever one user action writes more than one row."""
        with self.cursor() as cur:
            cur.begin()
            try:
                yield cur
            except BaseException:
                cur.rollback()
                raise
            cur.commit()

    def take_turn(self, cur, name: str) -> None:
        """Within a transaction: writers under the same name go one at a time until it ends.
        One process holds the DuckDB file, so its callers' own lock is enough here."""

    def answers(self) -> bool:
        """Whether the database answers now (the embedded file always does)."""
        return True

    def schema_version(self) -> int:
        with self.cursor() as cur:
            return cur.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def applied_versions(self) -> set[int]:
        with self.cursor() as cur:
            return {r[0] for r in cur.execute("SELECT version FROM schema_version").fetchall()}

    def migrate(self, until: int | None = None) -> list[int]:
        """Apply every migration not applied yet, in number order (up to `until`, for tests of a
        migration on old data), each in its own transaction. Numbers may have gaps: work on
        separate branches reserves numbers, and a later-merged lower number is still applied."""
        with self.cursor() as cur:
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
            )
        done = self.applied_versions()
        known = migrations()
        if done and known and max(done) > known[-1][0]:
            raise SchemaTooNew(max(done), known[-1][0])
        applied = []
        for number, name, path in known:
            if number in done or (until is not None and number > until):
                continue
            with self.transaction() as cur:
                cur.execute(self.migration_sql(path))
                cur.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [number, name, now()])
            applied.append(number)
        return applied

    def migration_sql(self, path: Path) -> str:
        return path.read_text(encoding="utf-8")

    def raise_sequence(self, cur, name: str, at_least: int) -> None:
        """Make the sequence's next value greater than `at_least` (rows copied in carry their own
        numbers). DuckDB cannot set a sequence: the values up to there are drawn instead."""
        (value,) = cur.execute("SELECT nextval('" + name + "')").fetchone()
        if value < at_least:
            cur.execute("SELECT max(nextval('" + name + "')) FROM range(?)", [at_least - value])

    def close(self) -> None:
        self._conn.close()


_store: Store | None = None
_store_lock = threading.Lock()


def db_path() -> str:
    return os.environ.get(ENV_DB_PATH) or str(DEFAULT_DB_PATH)


def get_store() -> Store:
    """The process-wide store, opened (and migrated, and seeded with the demo) on first use."""
    global _store
    if _store is None:
        with _store_lock:
            if _store is None:
                store = Store(db_path())
                from planning import demo

                demo.ensure_demo(store)
                _store = store
    return _store


def reset_store() -> None:
    """Close the process-wide store (tests switch databases with this)."""
    global _store
    with _store_lock:
        if _store is not None:
            _store.close()
        _store = None
