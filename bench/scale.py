"""Scale-out benchmark: the same room of several workshops on one process with the DuckDB file,
then on 1, 2 and 4 app processes sharing PostgreSQL behind nginx, one after the other in one run.

Each configuration is bench/load.py's scenario with --workshops: P participants spread over W
workshops arrive within `--arrival` seconds, each adds SWOT items and votes (A actions, `--think`
seconds apart on average); afterwards every acknowledged action is looked up in the database.

    .venv/bin/python bench/scale.py                                  # 300 in 5 workshops: duckdb, 1, 2, 4
    .venv/bin/python bench/scale.py --configs duckdb,2 --participants 120 --json /tmp/scale.json

Prints one Markdown table (for docs/BENCHMARKS.md) and, with --json, every figure load.py gives.
The load generator itself runs on the same machine and its CPU is not in "server CPU".
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench import load  # noqa: E402

COLUMNS = ("store, processes", "actions/s", "p50 / p95 (ms)", "join p95 (ms)", "server CPU per action",
           "PostgreSQL CPU per action", "app CPU busy (cores)", "load generator busy (cores)", "peak RSS (MB)", "lost / errors")


def configuration(name: str) -> tuple[str, int]:
    """"duckdb" -> one process on the file; "N" -> N processes on PostgreSQL behind nginx."""
    return ("duckdb", 0) if name == "duckdb" else ("postgresql", int(name))


def row(r: dict) -> str:
    where = "DuckDB, 1" if r["store"] == "duckdb" else f"PostgreSQL, {r['processes']}"
    join = r["by_action"].get("join", {}).get("p95_ms", "–")
    cells = (where, f"{r['actions_per_s']}", f"{r['p50_ms']} / {r['p95_ms']}", f"{join}",
             f"{r['server_cpu']['ms_per_action']} ms",
             f"{r['database_cpu']['ms_per_action']} ms" if r["store"] != "duckdb" else "(in the app)",
             f"{r['server_cpu']['busy_share_of_one_core']}", f"{r['load_generator_cpu']['busy_share_of_one_core']}",
             f"{r['server_rss_mb']['peak']}", f"{r['lost']} / {r['error_count']}")
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--configs", default="duckdb,1,2,4", help="comma-separated: duckdb and/or process counts")
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--workshops", type=int, default=5)
    parser.add_argument("--actions", type=int, default=10)
    parser.add_argument("--think", type=float, default=2.0)
    parser.add_argument("--arrival", type=float, default=30.0)
    parser.add_argument("--json", type=Path, help="also write every configuration's full result here")
    args = parser.parse_args()
    results = []
    for name in args.configs.split(","):
        _, processes = configuration(name.strip())
        run = argparse.Namespace(participants=args.participants, workshops=args.workshops, actions=args.actions,
                                 think=args.think, arrival=args.arrival, processes=processes, pages_open=False,
                                 dot_vote=False, health=False)
        result = asyncio.run(load.main_async(run))
        results.append(result)
        print(row(result), flush=True)
    print()
    print(f"{args.participants} participants in {args.workshops} workshops, {args.actions} actions each, "
          f"think {args.think} s, arrival {args.arrival} s; {os.cpu_count()} cores; load average "
          f"{os.getloadavg()[0]:.2f} at the end")
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for result in results:
        print(row(result))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    if any(r["lost"] or r["error_count"] for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
