#!/usr/bin/env bash
# Run the whole test suite: unit, page (AppTest) and browser (Playwright + Debian chromium) tests,
# then the unit and page tests on PostgreSQL.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/unit -k swot
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$ROOT/scripts/setup.sh" test
cd "$ROOT"
PY="${SMARTCITY_VENV:-$ROOT/.venv}/bin/python"
if [ $# -gt 0 ]; then
  exec "$PY" -m pytest "$@"
fi
# The whole suite, then the unit and page tests again on PostgreSQL (a throwaway cluster the tests start).
status=0
"$PY" -m pytest || status=$?
"$PY" -m pytest tests/unit tests/app --store=postgresql || status=$?
exit $status
