"""Time and peak memory of reading each corpus file, each in a fresh process.

    .venv/bin/python -m tests.hostile.make_corpus /tmp/corpus
    .venv/bin/python -m tests.hostile.measure /tmp/corpus/*.xlsx

Prints: file, wall seconds, peak RSS of the reading process (MB), and the outcome (rows read, or
the error's catalogue key, or the exception's type for a failure that is not a clean refusal).
"""
from __future__ import annotations

import json
import subprocess
import sys

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from planning import importer
from planning.errors import PlanningError
path = Path(sys.argv[1])
data = path.read_bytes()
start = time.perf_counter()
try:
    table = importer.read_table(path.name, data)
    if isinstance(table, list):  # the reader before the hostile-file work returned plain rows
        outcome = f"read {len(table)} rows"
    else:
        outcome = f"header at row {table.header_row}, {len(table.body)} rows below"
except PlanningError as exc:
    outcome = exc.key
except BaseException as exc:
    outcome = "EXCEPTION " + type(exc).__name__
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": round(seconds, 2), "peak_mb": round(peak), "outcome": outcome}))
"""


def measure(path: str, timeout: float) -> dict:
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, path], capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": f">{timeout:.0f}", "peak_mb": "?", "outcome": "timed out"}
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else {"seconds": "?", "peak_mb": "?", "outcome": done.stderr[-200:]}


def main(argv: list[str]) -> None:
    timeout = 600.0
    if argv and argv[0].startswith("--timeout="):
        timeout = float(argv.pop(0).split("=", 1)[1])
    for path in argv:
        r = measure(path, timeout)
        print(f"{path}\t{r['seconds']} s\t{r['peak_mb']} MB\t{r['outcome']}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
