"""AppTest helpers: a fresh database per test, signing in, joining, finding widgets by label."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planning import limits, roles, workshops
from planning.store import ENV_DB_PATH, get_store, reset_store

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "workshop-pass-1"


@pytest.fixture
def app_store(new_location, monkeypatch):
    monkeypatch.setenv(ENV_DB_PATH, str(new_location(name="app")))  # --store chooses the engine
    monkeypatch.setenv(roles.ENV_FACILITATOR_PASSWORD, PASSWORD)
    reset_store()
    limits.reset_all()  # AppTest gives every app the same session id
    yield get_store()
    reset_store()
    limits.reset_all()


def new_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()


def button(at: AppTest, label: str):
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r} among {[b.label for b in at.button]}"
    return found[0]


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def sign_in(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.switch_page("pages/sign_in.py").run()
    at.text_input(key="password").input(password)
    button(at, "เข้าสู่ระบบ").click().run()
    if "actor" in at.session_state:
        at.switch_page("pages/workshops.py").run()
    return at


def join(at: AppTest, code: str, name: str, sector: str | None = "government") -> AppTest:
    """Type the code (the page names the workshop and shows the form), then name and sector."""
    at.switch_page("pages/join.py").run()
    at.text_input(key="join_code").input(code).run()
    if not any(t.key == "join_name" for t in at.text_input):  # a wrong code: no form to fill in
        return at
    at.text_input(key="join_name").input(name)
    if sector is not None:
        at.selectbox(key="join_sector").select(sector)
    button(at, "เข้าร่วม").click().run()
    if "actor" in at.session_state:  # AppTest stays on the requested page; the server opens the default
        at.switch_page("pages/positioning.py").run()
    return at


def demo(store):
    """The sample workshop every fresh database starts with."""
    return [w for w in workshops.list_workshops(store) if w.is_sample][0]


def facilitator_on(page: str) -> AppTest:
    at = sign_in(new_app())
    at.switch_page(page).run()
    assert not at.exception
    return at
