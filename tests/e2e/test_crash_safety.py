"""Kill the server (SIGKILL) while participants are writing, restart, and check that every action
the server had acknowledged is stored exactly once and the database opens cleanly."""
import asyncio
import signal
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.load import new_record, participant, verify
from planning import demo, workshops
from planning.store import Store, migrations
from tests.e2e.conftest import free_port, start_server

pytestmark = pytest.mark.e2e


def write_then_kill(ports: list[int], code: str, actions: int, record: dict, enough: int, victim, timeout: float) -> None:
    """8 participants write (phone n on ports[n % len(ports)]); once `enough` items and votes are
    acknowledged (at most 20 s), `victim` gets SIGKILL; then wait for every writer to end."""
    async def run():
        urls = [f"ws://127.0.0.1:{p}/_stcore/stream" for p in ports]
        writers = [asyncio.create_task(participant(n, urls[n % len(urls)], code, actions, 0.05, record))
                   for n in range(8)]
        for _ in range(200):
            if len(record["items"]) + len(record["votes"]) >= enough:
                break
            await asyncio.sleep(0.1)
        victim.send_signal(signal.SIGKILL)
        await asyncio.wait_for(asyncio.gather(*writers, return_exceptions=True), timeout=timeout)

    # Its own thread: Playwright's sync API may already run an event loop in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, run()).result(timeout=timeout + 90)


def test_sigkill_while_writing_loses_no_acknowledged_action(tmp_path):
    db = tmp_path / "crash.duckdb"
    store = Store(db)
    demo.ensure_demo(store)
    code = workshops.list_workshops(store)[0].join_code
    store.close()
    port = free_port()
    server = start_server(db, port, tmp_path / "before.log")
    record = new_record()

    write_then_kill([port], code, 200, record, enough=40, victim=server, timeout=90)
    server.wait(timeout=10)
    assert server.returncode == -signal.SIGKILL
    acknowledged = len(record["items"]) + len(record["votes"])
    assert acknowledged >= 40, record["errors"][:3]
    assert record["errors"], "the kill interrupted writers mid-action"
    print(f"acknowledged: {len(record['joined'])} joins, {len(record['items'])} items, "
          f"{len(record['votes'])} votes; interrupted: {len(record['errors'])}: {record['errors'][0]}")

    result = verify(db, record)  # reopening replays DuckDB's write-ahead log
    assert result["participants_stored_once"] == result["participants_expected"] == len(record["joined"])
    assert result["items_stored_once"] == result["items_expected"]
    assert result["votes_stored_once"] == result["votes_expected"]
    assert result["duplicated"] == []
    reopened = Store(db)
    assert reopened.applied_versions() == {n for n, _, _ in migrations()}
    reopened.close()

    restarted = start_server(db, free_port(), tmp_path / "after.log")  # the app starts on it again
    restarted.terminate()
    restarted.wait(timeout=30)


def test_sigkill_of_one_of_two_processes_loses_no_acknowledged_action(tmp_path, pg_cluster):
    """Two app processes on one PostgreSQL; participants write on both; one process is killed.
    Its phones lose their connection mid-action, the other's go on to the end, and every action
    either process acknowledged is stored exactly once."""
    from planning.store import Store as AnyStore

    db = pg_cluster.new_database()
    store = AnyStore(db)
    demo.ensure_demo(store)
    code = workshops.list_workshops(store)[0].join_code
    store.close()
    ports = [free_port(), free_port()]
    killed, survivor = (start_server(db, p, tmp_path / f"app-{p}.log") for p in ports)
    record = new_record()
    actions = 30
    try:
        write_then_kill(ports, code, actions, record, enough=30, victim=killed, timeout=150)
        killed.wait(timeout=10)
        assert killed.returncode == -signal.SIGKILL
        assert survivor.poll() is None, "the other process keeps serving"
    finally:
        for proc in (killed, survivor):
            if proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=30)
    # Only the killed process's phones were interrupted (even-numbered ones went to it).
    assert record["errors"] and all(int(e.split(":")[0].split("-")[1]) % 2 == 0 for e in record["errors"]), record["errors"]
    survivors = [f"bench-{n:03d}" for n in range(1, 8, 2)]
    assert all(sum(i.startswith(name + "-item-") for i in record["items"]) == actions // 2 for name in survivors)
    print(f"acknowledged: {len(record['joined'])} joins, {len(record['items'])} items, "
          f"{len(record['votes'])} votes; interrupted: {len(record['errors'])}: {record['errors'][0]}")
    result = verify(db, record)
    assert result["participants_stored_once"] == result["participants_expected"] == len(record["joined"])
    assert result["items_stored_once"] == result["items_expected"]
    assert result["votes_stored_once"] == result["votes_expected"]
    assert result["duplicated"] == []
