"""A database the app cannot use at start-up (a PostgreSQL server that does not answer, a schema
from a newer app): one message and no traceback; for the server, naming the setting and the host,
and the next run asks again."""
from planning import store_postgres
from planning.store import ENV_DB_PATH, reset_store
from tests.app.conftest import new_app


def test_an_unreachable_database_shows_one_clear_message(monkeypatch):
    monkeypatch.setenv(ENV_DB_PATH, "postgresql://planner:secret-word@127.0.0.1:55439/smartcity?connect_timeout=1")
    monkeypatch.setattr(store_postgres, "CONNECT_TIMEOUT", 1.0)
    reset_store()
    try:
        at = new_app()
        assert not at.exception
        assert [e.value for e in at.error] == [
            "ติดต่อฐานข้อมูล 127.0.0.1:55439/smartcity (ตั้งค่าใน SMARTCITY_DB) ไม่ได้"
            " ตรวจสอบเครื่องฐานข้อมูลแล้วโหลดหน้านี้ใหม่"]
        assert "secret-word" not in str(at)
        at.run()  # asked again, and the same message
        assert len(at.error) == 1 and not at.exception
    finally:
        reset_store()


def test_a_database_from_a_newer_app_shows_one_clear_message(monkeypatch, tmp_path):
    from planning.store import Store, migrations

    path = tmp_path / "newer.duckdb"
    s = Store(path)
    newest = migrations()[-1][0]
    with s.cursor() as cur:
        cur.execute("INSERT INTO schema_version VALUES (?, 'from_a_newer_app', now())", [newest + 1])
    s.close()
    monkeypatch.setenv(ENV_DB_PATH, str(path))
    reset_store()
    try:
        at = new_app()
        assert not at.exception
        assert [e.value for e in at.error] == [
            f"ฐานข้อมูลนี้ปรับโครงสร้างโดยแอปรุ่นใหม่กว่า (รุ่น {newest + 1} แอปนี้รู้จักถึงรุ่น {newest}) โปรดอัปเดตแอปก่อนใช้งาน"]
    finally:
        reset_store()
