"""Shared fixtures: a fresh store per test, actors, a workshop for Nakhon Sawan.

`--store=postgresql` (or SMARTCITY_TEST_STORE=postgresql) gives the tests' stores on a throwaway
PostgreSQL cluster that the tests start (tests/postgres.py) instead of DuckDB files."""
from __future__ import annotations

import datetime as dt
import os

import pytest

from planning import participants, workshops
from planning.roles import FACILITATOR, Actor
from planning.store import Store

NAKHON_SAWAN = "60"


STORES = ("duckdb", "postgresql")
ENV_TEST_STORE = "SMARTCITY_TEST_STORE"


def pytest_addoption(parser):
    parser.addoption("--store", choices=STORES, default=os.environ.get(ENV_TEST_STORE) or "duckdb",
                     help="the engine of the tests' stores (default: duckdb, or $SMARTCITY_TEST_STORE)")


@pytest.fixture(scope="session")
def store_kind(pytestconfig) -> str:
    return pytestconfig.getoption("store")


@pytest.fixture(scope="session")
def pg_cluster():
    """One PostgreSQL cluster for the whole run, started only when a test asks for it."""
    from tests.postgres import Cluster

    cluster = Cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_migrated(pg_cluster) -> str:
    """A database with every migration applied, copied for each test's store (faster than migrating)."""
    url = pg_cluster.new_database()
    Store(url).close()
    return url.rsplit("/", 1)[1]


@pytest.fixture
def new_location(request, tmp_path, store_kind):
    """new_location(kind=None, name="test") -> where an empty store opens: a DuckDB file path, or
    the URL of a fresh PostgreSQL database (dropped after the test)."""
    made = []

    def _new(kind: str | None = None, name: str = "test"):
        if (kind or store_kind) == "postgresql":
            made.append(request.getfixturevalue("pg_cluster").new_database())
            return made[-1]
        return tmp_path / f"{name}.duckdb"
    yield _new
    for url in made:
        request.getfixturevalue("pg_cluster").drop(url)


@pytest.fixture
def store(request, tmp_path, store_kind):
    if store_kind == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.new_database(request.getfixturevalue("pg_migrated"))
        s = Store(url)
        yield s
        s.close()
        cluster.drop(url)
    else:
        s = Store(tmp_path / "test.duckdb")
        yield s
        s.close()


@pytest.fixture
def facilitator() -> Actor:
    return Actor(FACILITATOR)


def make_workshop(store, facilitator, name="นครสวรรค์เมืองอัจฉริยะ", **overrides):
    fields = dict(name=name, province_code=NAKHON_SAWAN, target_area="เทศบาลนครนครสวรรค์",
                  level="city", city_type="livable", horizon_years=5,
                  start_date=dt.date(2026, 10, 1))
    fields.update(overrides)
    return workshops.create_workshop(store, facilitator, **fields)


@pytest.fixture
def workshop(store, facilitator):
    return make_workshop(store, facilitator)


@pytest.fixture
def join(store, workshop):
    """join(name, sector='government') -> Participant of the fixture workshop."""
    def _join(name, sector="government", code=None):
        return participants.join(store, code or workshop.join_code, name, sector)[0]
    return _join
