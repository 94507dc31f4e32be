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


def test_sigkill_while_writing_loses_no_acknowledged_action(tmp_path):
    db = tmp_path / "crash.duckdb"
    store = Store(db)
    demo.ensure_demo(store)
    code = workshops.list_workshops(store)[0].join_code
    store.close()
    port = free_port()
    server = start_server(db, port, tmp_path / "before.log")
    record = new_record()

    async def write_then_kill():
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        writers = [asyncio.create_task(participant(n, url, code, 200, 0.05, record)) for n in range(8)]
        for _ in range(200):  # until enough has been acknowledged (bounded: at most 20 s)
            if len(record["items"]) + len(record["votes"]) >= 40:
                break
            await asyncio.sleep(0.1)
        server.send_signal(signal.SIGKILL)
        await asyncio.wait_for(asyncio.gather(*writers, return_exceptions=True), timeout=90)

    # Its own thread: Playwright's sync API may already run an event loop in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, write_then_kill()).result(timeout=180)
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
    assert reopened.schema_version() == migrations()[-1][0]
    reopened.close()

    restarted = start_server(db, free_port(), tmp_path / "after.log")  # the app starts on it again
    restarted.terminate()
    restarted.wait(timeout=30)
