#!/usr/bin/env bash
# Run the whole test suite: unit, page (AppTest) and browser (Playwright + Debian chromium) tests.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/unit -k swot
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$ROOT/scripts/setup.sh" test
cd "$ROOT"
exec "${SMARTCITY_VENV:-$ROOT/.venv}/bin/python" -m pytest "$@"
