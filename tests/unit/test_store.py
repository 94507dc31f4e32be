import duckdb
import pytest

from planning import store as store_module
from planning.store import Store, migrations


def test_migrations_from_empty_reach_latest_version(tmp_path):
    s = Store(tmp_path / "a.duckdb")
    assert s.schema_version() == len(migrations()) >= 1
    with s.cursor() as cur:
        tables = {r[0] for r in cur.execute("SHOW TABLES").fetchall()}
    assert {"workshop", "participant", "swot_item", "swot_vote", "positioning_statement",
            "indicator_observation", "app_setting", "schema_version"} <= tables
    s.close()


def test_reopening_applies_nothing_and_keeps_data(tmp_path):
    path = tmp_path / "a.duckdb"
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


def test_migration_files_are_numbered_without_gaps():
    numbers = [n for n, _, _ in migrations()]
    assert numbers == list(range(1, len(numbers) + 1))


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


def test_get_store_seeds_the_demo_once(monkeypatch, tmp_path):
    monkeypatch.setenv(store_module.ENV_DB_PATH, str(tmp_path / "demo.duckdb"))
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
        except duckdb.Error as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM app_setting WHERE key LIKE 't%'").fetchone()[0] == 160
