"""The store on both engines: every test here runs on DuckDB and on PostgreSQL, whatever --store says."""
import pytest

from planning import store as store_module
from planning.store import Store, migrations
from tests.conftest import STORES


@pytest.fixture(params=STORES)
def kind(request) -> str:
    return request.param


@pytest.fixture
def location(kind, new_location):
    """location(name) -> where a new, empty store of this test's engine opens."""
    return lambda name="a": new_location(kind, name)


@pytest.fixture
def store(location):
    s = Store(location())
    yield s
    s.close()


def test_a_url_opens_postgresql_and_a_path_duckdb(store, kind):
    assert store.dialect == kind


def test_migrations_from_empty_reach_latest_version(location):
    s = Store(location())
    assert s.schema_version() == migrations()[-1][0] >= 1
    assert s.applied_versions() == {n for n, _, _ in migrations()}
    with s.cursor() as cur:
        tables = {r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables"
                                            " WHERE table_schema = current_schema()").fetchall()}
    assert {"workshop", "participant", "swot_item", "swot_vote", "positioning_statement",
            "indicator_observation", "app_setting", "schema_version"} <= tables
    s.close()


def test_reopening_applies_nothing_and_keeps_data(location):
    path = location()
    s = Store(path)
    with s.cursor() as cur:
        cur.execute("INSERT INTO app_setting VALUES ('k', 'v', now())")
    s.close()
    s = Store(path)
    assert s.migrate() == []
    with s.cursor() as cur:
        assert cur.execute("SELECT value FROM app_setting WHERE key = 'k'").fetchone() == ("v",)
        assert cur.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(migrations())
    s.close()


def test_migration_files_have_distinct_increasing_numbers():
    numbers = [n for n, _, _ in migrations()]
    assert numbers == sorted(set(numbers)) and numbers[0] == 1


def test_a_lower_numbered_migration_merged_later_is_still_applied(tmp_path, location, monkeypatch):
    """Branches reserve numbers: a database that already has a higher one gets the lower one too."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_a.sql").write_text("CREATE TABLE a (x INTEGER);")
    (folder / "0003_c.sql").write_text("CREATE TABLE c (x INTEGER);")
    monkeypatch.setattr(store_module, "MIGRATIONS_DIR", folder)
    s = Store(location("m"))
    assert s.applied_versions() == {1, 3}
    (folder / "0002_b.sql").write_text("CREATE TABLE b (x INTEGER);")
    assert s.migrate() == [2]
    assert s.migrate() == []
    (folder / "0004_d.sql").write_text("x")
    (folder / "0004_e.sql").write_text("y")
    with pytest.raises(RuntimeError, match="share a number"):
        store_module.migrations()
    s.close()


def test_failed_transaction_writes_nothing(store):
    with pytest.raises(RuntimeError):
        with store.transaction() as cur:
            cur.execute("INSERT INTO app_setting VALUES ('x', '1', now())")
            raise RuntimeError("boom")
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM app_setting WHERE key = 'x'").fetchone()[0] == 0


def test_db_path_comes_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(store_module.ENV_DB_PATH, str(tmp_path / "env.duckdb"))
    assert store_module.db_path() == str(tmp_path / "env.duckdb")
    monkeypatch.delenv(store_module.ENV_DB_PATH)
    assert store_module.db_path().endswith("data/smartcity.duckdb")


def test_get_store_seeds_the_demo_once(monkeypatch, location):
    monkeypatch.setenv(store_module.ENV_DB_PATH, str(location("demo")))
    store_module.reset_store()
    try:
        s = store_module.get_store()
        assert store_module.get_store() is s
        with s.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM workshop WHERE is_sample").fetchone()[0] == 1
        store_module.reset_store()
        s = store_module.get_store()  # a restart does not seed again
        with s.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM workshop").fetchone()[0] == 1
    finally:
        store_module.reset_store()


def test_cursors_are_usable_from_many_threads(store):
    import threading

    errors = []

    def work(n):
        try:
            for i in range(20):
                with store.cursor() as cur:
                    cur.execute("INSERT INTO app_setting VALUES (?, 'v', now())", [f"t{n}-{i}"])
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM app_setting WHERE key LIKE 't%'").fetchone()[0] == 160


def test_multi_year_migration_keeps_every_amount_in_the_projects_one_year(location):
    """0006 turns budget lines and milestones into per-year rows: nothing lost, totals unchanged."""
    from decimal import Decimal

    from planning import projects

    path = location("old")
    old = Store(path, migrate_until=5)
    assert old.schema_version() == 5
    with old.cursor() as cur:
        cur.execute("INSERT INTO workshop (id, name, name_key, province_code, target_area, level, city_type,"
                    " horizon_years, start_date, join_code, target_lat, target_lon, is_sample, created_at)"
                    " VALUES ('w', 'เก่า', 'เก่า', '60', 'เทศบาล', 'city', 'livable', 5, DATE '2026-10-01', 'ABCDEF',"
                    " NULL, NULL, false, now())")
        cur.execute("INSERT INTO strategy VALUES ('s', 'w', 'ENV', 'ลดฝุ่น', NULL, ?, now())", [[]])
        for pid, fy in (("p1", 2570), ("p2", 2572)):
            cur.execute("INSERT INTO project VALUES (?, 'w', ?, 's', NULL, ?, 'o', 'a', '{}', 'g', NULL, NULL,"
                        " ?, 'none', ?, false, false, false, now(), now())", [pid, f"โครงการ {pid}", ["ENV"], fy, []])
        cur.executemany("INSERT INTO project_budget VALUES (?, ?, ?, ?)",
                        [("p1", "provincial", "อุปกรณ์", Decimal("1000000.50")), ("p1", "local", "", Decimal("2")),
                         ("p2", "ministry", "ระบบ", Decimal("7800000")), ("p2", "boi", "สิทธิ", Decimal("0"))])
        cur.executemany("INSERT INTO project_milestone VALUES (?, ?, ?)", [("p1", 1, "สำรวจ"), ("p2", 4, "ส่งมอบ")])
        before = cur.execute("SELECT sum(amount), count(*) FROM project_budget").fetchone()
    old.close()

    s = Store(path)
    assert s.schema_version() == migrations()[-1][0]
    with s.cursor() as cur:
        assert cur.execute("SELECT sum(amount), count(*) FROM project_budget").fetchone() == before
    plan = {p.id: p for p in projects.list_projects(s, "w")}
    assert plan["p1"].fiscal_years == [2570] and plan["p2"].fiscal_years == [2572]
    assert {(b.source, b.fiscal_year_be, b.amount) for b in plan["p1"].budget} == {
        ("provincial", 2570, Decimal("1000000.50")), ("local", 2570, Decimal("2.00"))}
    assert [(m.fiscal_year_be, m.quarter) for m in plan["p2"].milestones] == [(2572, 4)]
    assert projects.total_budget(s, "w") == Decimal("8800002.50")
    s.close()


def test_a_database_at_0007_gets_the_room_migration_and_keeps_its_data(location):
    """A database made before the room's migration (at 0007) gets every later one, 0011 among
    them, on opening, its rows untouched, and the room's new columns and tables work."""
    path = location("at7")
    old = Store(path, migrate_until=7)
    assert old.schema_version() == 7
    with old.cursor() as cur:
        cur.execute("INSERT INTO activity (id, workshop_id, kind, title, source, allowance, anonymous, hide_results,"
                    " display, created_at) VALUES ('a1', 'w1', 'text', 'คำถาม', 'options', 1, TRUE, FALSE, 'cloud', now())")
    old.close()
    s = Store(path)
    with s.cursor() as cur:
        versions = [r[0] for r in cur.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]
        assert versions == [n for n, _, _ in migrations()] and 11 in versions
        assert cur.execute("SELECT title, moderated FROM activity").fetchall() == [("คำถาม", False)]
        assert cur.execute("SELECT count(*) FROM workshop_setting").fetchone() == (0,)
    s.close()


def test_placeholders_become_psycopg_ones_outside_literals_and_comments():
    from planning.store_postgres import to_psycopg

    assert to_psycopg("SELECT ? || '?' FROM t WHERE a = $w AND b LIKE 'x%' -- $w?\n AND c = $me") == (
        "SELECT %s || '?' FROM t WHERE a = %(w)s AND b LIKE 'x%%' -- $w?\n AND c = %(me)s")
    assert to_psycopg('SELECT "a?b", 5 % 2, ?') == 'SELECT "a?b", 5 %% 2, %s'


def test_a_migration_may_have_its_own_postgresql_wording(tmp_path, location, kind, monkeypatch):
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_a.sql").write_text("CREATE TABLE a (x DOUBLE, tags VARCHAR[]);")
    (folder / "0002_b.sql").write_text("CREATE TABLE b (x INTEGER); CREATE TABLE b_duckdb (x INTEGER);")
    (folder / "0002_b.postgresql.sql").write_text("CREATE TABLE b (x INTEGER); CREATE TABLE b_postgresql (x INTEGER);")
    monkeypatch.setattr(store_module, "MIGRATIONS_DIR", folder)
    assert [n for n, _, _ in migrations()] == [1, 2]
    s = Store(location("m"))
    with s.cursor() as cur:
        cur.execute("INSERT INTO a VALUES (?, ?)", [1.5, ["x", "y"]])
        assert cur.execute("SELECT x, tags FROM a").fetchall() == [(1.5, ["x", "y"])]
        assert cur.execute(f"SELECT count(*) FROM b_{kind}").fetchone() == (0,)
    assert s.applied_versions() == {1, 2}
    s.close()


def test_values_come_back_as_the_same_python_values(store):
    import datetime as dt
    from decimal import Decimal

    stamp = dt.datetime(2026, 10, 1, 9, 30, 15, 123456)
    with store.cursor() as cur:
        cur.execute("INSERT INTO project_budget VALUES (?, ?, ?, ?, ?)", ["p", "local", 2570, "ค่า 10%", Decimal("12.50")])
        cur.execute("INSERT INTO checkpoint_project VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ["w", 6, "p", "done", 100.0, ["local", "boi"], [Decimal("1.10"), Decimal("0")], "", "f", stamp])
        cur.execute("INSERT INTO capacity_session VALUES (?, ?, ?, ?, ?)", ["c", "w", "อบรม", dt.date(2026, 10, 2), stamp])
        assert cur.execute("SELECT item, amount, sum(amount) OVER () FROM project_budget").fetchone() == (
            "ค่า 10%", Decimal("12.50"), Decimal("12.50"))
        row = cur.execute("SELECT months, percent, spent_sources, spent_amounts, created_at, count(*) OVER ()"
                          " FROM checkpoint_project").fetchone()
        assert row == (6, 100.0, ["local", "boi"], [Decimal("1.10"), Decimal("0.00")], stamp, 1)
        assert [type(v) for v in row] == [int, float, list, list, dt.datetime, int]
        assert cur.execute("SELECT held_on FROM capacity_session WHERE title LIKE 'อบ%'").fetchone() == (
            dt.date(2026, 10, 2),)
        assert [d[0] for d in cur.execute("SELECT id, title FROM capacity_session").description] == ["id", "title"]


def test_a_duplicate_key_is_the_stores_constraint_error(store):
    with store.cursor() as cur:
        cur.execute("INSERT INTO app_setting VALUES ('k', 'v', now())")
        with pytest.raises(store.ConstraintError):
            cur.execute("INSERT INTO app_setting VALUES ('k', 'w', now())")
        assert cur.execute("SELECT value FROM app_setting WHERE key = 'k'").fetchone() == ("v",)


def test_append_only_votes_give_the_same_board_on_both(store):
    """The newest row per participant and item decides, read back through the domain's queries."""
    from planning import participants, positioning
    from planning.roles import FACILITATOR, Actor
    from tests.conftest import make_workshop

    w = make_workshop(store, Actor(FACILITATOR))
    a, b = (participants.join(store, w.join_code, name, "civil")[0] for name in ("ก", "ข"))
    item = positioning.add_swot_item(store, a.actor(), w.id, "S", "แม่น้ำ 4 สาย 100%")
    positioning.add_swot_item(store, b.actor(), w.id, "S", "ตลาด")
    for who, active in ((a, True), (b, True), (a, False), (a, True), (b, False)):
        positioning.set_vote(store, who.actor(), w.id, item, active)
    board = positioning.swot_board(store, w.id, a.id)["S"]
    assert [(i.text, i.votes, i.voted_by_me) for i in board] == [("แม่น้ำ 4 สาย 100%", 1, True), ("ตลาด", 0, False)]
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM swot_vote").fetchone() == (5,)


def test_an_unreachable_postgresql_names_the_setting_and_host_not_the_password(monkeypatch):
    from planning import store_postgres

    monkeypatch.setattr(store_postgres, "CONNECT_TIMEOUT", 1.0)
    with pytest.raises(ConnectionError) as caught:
        Store("postgresql://planner:secret-word@127.0.0.1:55439/nowhere?connect_timeout=1")
    message = str(caught.value)
    assert "SMARTCITY_DB" in message and "127.0.0.1:55439/nowhere" in message and "secret-word" not in message


def test_a_database_migrated_by_a_newer_app_is_refused(location):
    path = location()
    s = Store(path)
    newest = migrations()[-1][0]
    with s.cursor() as cur:
        cur.execute("INSERT INTO schema_version VALUES (?, 'from_a_newer_app', now())", [newest + 1])
    s.close()
    with pytest.raises(store_module.SchemaTooNew, match=f"version {newest + 1}, newer than this app's {newest}"):
        Store(path)


def test_processes_starting_at_once_on_postgresql_migrate_once(new_location):
    """Several app processes opening a new PostgreSQL database together: one applies the
    migrations, the others find them applied."""
    import threading

    url = new_location("postgresql")
    opened, errors = [], []

    def start():
        try:
            opened.append(Store(url))
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == [] and len(opened) == 3
    with opened[0].cursor() as cur:
        assert cur.execute("SELECT count(*) FROM schema_version").fetchone() == (len(migrations()),)
    for s in opened:
        s.close()


def test_a_postgresql_lost_mid_workshop_refuses_writes_and_recovers(monkeypatch):
    """The server restarts while the store is in use: each unit of work meets StoreLost (nothing
    half-written), others are answered at once instead of waiting, and once the server is back
    the same store works again without a restart of the app."""
    import time

    from planning import participants, positioning, store_postgres
    from planning.roles import FACILITATOR, Actor
    from tests.conftest import make_workshop
    from tests.postgres import Cluster

    monkeypatch.setattr(store_postgres, "PROBE_EVERY", 0.2)
    cluster = Cluster()  # its own server: the suite's shared one is not stopped
    try:
        s = Store(cluster.new_database())
        w = make_workshop(s, Actor(FACILITATOR))
        p = participants.join(s, w.join_code, "ก", "civil")[0]
        positioning.add_swot_item(s, p.actor(), w.id, "S", "ก่อนขาด")
        cluster.pause()
        with pytest.raises(store_module.StoreLost) as lost:
            positioning.add_swot_item(s, p.actor(), w.id, "S", "ระหว่างขาด")
        assert "SMARTCITY_DB" in str(lost.value) and f"127.0.0.1:{cluster.port}" in str(lost.value)
        assert not s.answers()
        started = time.monotonic()
        with pytest.raises(store_module.StoreLost):
            positioning.swot_board(s, w.id, p.id)
        assert time.monotonic() - started < 1.0  # told at once, not after the pool's wait
        cluster.resume()
        time.sleep(0.3)
        assert s.answers()
        positioning.add_swot_item(s, p.actor(), w.id, "S", "หลังกลับมา")
        assert [i.text for i in positioning.swot_board(s, w.id, p.id)["S"]] == ["ก่อนขาด", "หลังกลับมา"]
        s.close()
    finally:
        cluster.stop()


def test_a_busy_postgresql_pool_tells_one_script_and_does_not_turn_the_process_away(monkeypatch, new_location):
    """Every connection in use for longer than a script waits: that script meets StoreLost, but
    the server answers a fresh connection, so the process is not marked lost and the next script
    is served as soon as a connection is free."""
    import contextlib
    import threading

    from planning import positioning
    from planning.roles import FACILITATOR, Actor
    from tests.conftest import make_workshop

    s = Store(new_location("postgresql"))
    try:
        w = make_workshop(s, Actor(FACILITATOR))
        s._pool.timeout = 0.3  # a script waits 0.3 s for a connection
        held, release = threading.Event(), threading.Event()

        def hold():  # every connection of the pool in use
            with contextlib.ExitStack() as stack:
                for _ in range(s._pool.max_size):
                    stack.enter_context(s._pool.connection())
                held.set()
                release.wait(5)

        holder = threading.Thread(target=hold)
        holder.start()
        held.wait(5)
        with pytest.raises(store_module.StoreLost):
            positioning.swot_board(s, w.id, None)
        assert not s._lost
        release.set()
        holder.join()
        assert s.answers()
        assert positioning.swot_board(s, w.id, None) is not None
    finally:
        s.close()
