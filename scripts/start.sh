#!/usr/bin/env bash
# Start the app with the demo workshop on the embedded DuckDB file (data/smartcity.duckdb).
#   SMARTCITY_DB=/path/file.duckdb            use another database file
#   SMARTCITY_DB=postgresql://user:pw@host/db use a PostgreSQL database instead (README: where the data lives)
#   SMARTCITY_FACILITATOR_PASSWORD=...        facilitator password (otherwise chosen at first sign-in)
#   SMARTCITY_ADDRESS=0.0.0.0                 listen on the venue network (default: this machine only)
#   SMARTCITY_PORT=8501
#   SMARTCITY_PUBLIC_URL=http://192.168.1.20:8501   the address phones use (join link and QR code)
#   SMARTCITY_TRUSTED_PROXIES=10.0.0.1        reverse proxies whose X-Forwarded-For is believed (default: none)
#   SMARTCITY_SIGN_IN_IDLE_HOURS=12           a facilitator's or reviewer's sign-in lapses after this idle time
set -euo pipefail
# The app decides itself whose X-Forwarded-For to believe (SMARTCITY_TRUSTED_PROXIES); the web
# server underneath must not replace the peer address with the header's claim first.
export FORWARDED_ALLOW_IPS=""
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$ROOT/scripts/setup.sh"
cd "$ROOT"
exec "${SMARTCITY_VENV:-$ROOT/.venv}/bin/streamlit" run app.py \
  --server.address "${SMARTCITY_ADDRESS:-127.0.0.1}" --server.port "${SMARTCITY_PORT:-8501}" "$@"
