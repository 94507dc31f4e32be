"""The DuckDB store: one connection per process, a cursor per unit of work, numbered migrations.

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


def now() -> dt.datetime:
    """UTC wall clock without tzinfo, as stored in TIMESTAMP columns."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def new_id() -> str:
    return uuid.uuid4().hex


def migrations() -> list[tuple[int, str, Path]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        m = _MIGRATION_NAME.match(path.name)
        if not m:
            raise RuntimeError(f"migration file not named NNNN_name.sql: {path.name}")
        found.append((int(m.group(1)), m.group(2), path))
    numbers = [n for n, _, _ in found]
    if len(set(numbers)) != len(numbers):
        raise RuntimeError(f"two migrations share a number: {numbers}")
    return found


class Store:
    shared = False  # one process holds a DuckDB file: limits and caches may live in its memory

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
        applied = []
        for number, name, path in migrations():
            if number in done or (until is not None and number > until):
                continue
            with self.transaction() as cur:
                cur.execute(path.read_text(encoding="utf-8"))
                cur.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [number, name, now()])
            applied.append(number)
        return applied

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
