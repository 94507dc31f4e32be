"""Shared fixtures: a fresh store per test, actors, a workshop for Nakhon Sawan."""
from __future__ import annotations

import datetime as dt

import pytest

from planning import participants, workshops
from planning.roles import FACILITATOR, Actor
from planning.store import Store

NAKHON_SAWAN = "60"


@pytest.fixture
def store(tmp_path):
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
