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


def test_a_database_lost_mid_workshop_shows_a_banner_refuses_the_vote_and_comes_back(monkeypatch):
    """PostgreSQL restarts while a participant is on the SWOT page: the next run shows one banner
    naming the setting and host (no traceback), a vote sent meanwhile is reported as not saved,
    and when the server is back the page works again in the same session."""
    import time

    from planning import positioning, roles
    from planning.store import get_store
    from tests.app.conftest import button, demo, facilitator_on, join
    from tests.app.test_positioning_page import pills_of
    from tests.postgres import Cluster

    monkeypatch.setattr(store_postgres, "PROBE_EVERY", 0.2)
    monkeypatch.setenv(roles.ENV_FACILITATOR_PASSWORD, "workshop-pass-1")
    cluster = Cluster()  # its own server, stopped and started here
    try:
        monkeypatch.setenv(ENV_DB_PATH, cluster.new_database())
        reset_store()
        store = get_store()
        code = demo(store).join_code
        at = join(new_app(), code, "สมศรี")
        assert not at.exception and "actor" in at.session_state
        me = at.session_state["actor"]
        w = demo(store)
        first = min(positioning.swot_board(store, w.id)["S"], key=lambda i: i.number)
        cluster.pause()
        pills_of(at, "S").select(first.id).run()  # the vote is sent while the server is down
        assert not at.exception
        banner = [e.value for e in at.error]
        assert len(banner) == 1 and "SMARTCITY_DB" in banner[0] and f"127.0.0.1:{cluster.port}" in banner[0], banner
        assert "ระหว่างนี้ยังบันทึกสิ่งใดไม่ได้" in banner[0]
        assert any("อาจยังไม่ถูกบันทึก" in x.value and "โปรดส่งอีกครั้ง" in x.value for x in at.warning)
        cluster.resume()
        time.sleep(0.3)
        at.run()
        assert not at.exception and not at.error
        assert pills_of(at, "S").value == []  # not shown as chosen: it was not stored
        assert not any(i.voted_by_me for i in positioning.swot_board(store, w.id, me.participant_id)["S"])
        pills_of(at, "S").select(first.id).run()  # sent again, now stored
        assert not at.exception and not at.error
        assert [i.id for i in positioning.swot_board(store, w.id, me.participant_id)["S"] if i.voted_by_me] == [first.id]

        # A write in the page's body (a new SWOT item through its form) and a facilitator's toggle
        # meet the lost database: both are reported as not saved; the toggle shows what is stored.
        fac = facilitator_on("pages/projector.py")
        named = fac.toggle(key="swot_authors").value
        cluster.pause()
        at.text_area(key="swot_text").input("ระหว่างขาดการติดต่อ")
        button(at, "เพิ่ม").click().run()
        assert not at.exception and len(at.error) == 1
        assert any("อาจยังไม่ถูกบันทึก" in x.value for x in at.warning)
        fac.toggle(key="swot_authors").set_value(not named).run()
        assert not fac.exception and len(fac.error) == 1
        assert any("อาจยังไม่ถูกบันทึก" in x.value for x in fac.warning)
        cluster.resume()
        time.sleep(0.3)
        fac.run()
        assert not fac.exception and not fac.error
        assert fac.toggle(key="swot_authors").value == named  # not the choice that was not saved
        assert "ระหว่างขาดการติดต่อ" not in [i.text for i in positioning.swot_board(store, w.id)["S"]]
    finally:
        reset_store()
        cluster.stop()
