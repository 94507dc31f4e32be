#!/usr/bin/env bash
# Several app processes behind nginx, sharing PostgreSQL: for a large forum at a venue or for a
# data centre. One command starts everything and Ctrl-C stops everything it started.
#   SMARTCITY_PROCESSES=2                      app processes (default: one per core)
#   SMARTCITY_DB=postgresql://user@host/db     an existing PostgreSQL; without it a cluster is created
#                                              in data/postgres (port 5433, this machine only) and started
#   SMARTCITY_ADDRESS=0.0.0.0                  where nginx listens (default: this machine only)
#   SMARTCITY_PORT=8501                        nginx's port; the app processes use 8601, 8602, ...
#   SMARTCITY_PUBLIC_URL=http://192.168.1.20:8501   the address phones use (join link and QR code)
#   SMARTCITY_FACILITATOR_PASSWORD=...         as for scripts/start.sh
# On several machines: run this script on each with the same SMARTCITY_DB and put one more proxy
# (or a DNS round robin) in front; the route cookie keeps each browser on one machine too.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$ROOT/scripts/setup.sh" venue
cd "$ROOT"
PY=${SMARTCITY_VENV:-$ROOT/.venv}/bin/python
N=${SMARTCITY_PROCESSES:-$(nproc)}
PORT=${SMARTCITY_PORT:-8501}
ADDRESS=${SMARTCITY_ADDRESS:-127.0.0.1}
RUN=${SMARTCITY_RUN:-$ROOT/data/run}
mkdir -p "$RUN"
pids=()
pg_started=""
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)   # initdb and postgres refuse to run as root
pg_bin=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -1)")

stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -z "$pg_started" ] || "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_started" -m fast stop >/dev/null 2>&1 || true
}
trap stop EXIT INT TERM

if [ -z "${SMARTCITY_DB:-}" ] || [[ "$SMARTCITY_DB" != postgresql://* ]]; then
  data="$ROOT/data/postgres"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ ${#as_pg[@]} -eq 0 ] || chown postgres "$data"
    "${as_pg[@]}" "$pg_bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-h 127.0.0.1 -p 5433 -k /tmp -c max_connections=300" start >/dev/null
  pg_started="$data"
  "$pg_bin/psql" -h 127.0.0.1 -p 5433 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'smartcity'" \
    | grep -q 1 || "$pg_bin/psql" -h 127.0.0.1 -p 5433 -U postgres -qc "CREATE DATABASE smartcity ENCODING 'UTF8'"
  export SMARTCITY_DB="postgresql://postgres@127.0.0.1:5433/smartcity"
fi

export SMARTCITY_PUBLIC_URL=${SMARTCITY_PUBLIC_URL:-http://$ADDRESS:$PORT}
export SMARTCITY_TRUSTED_PROXIES=${SMARTCITY_TRUSTED_PROXIES:-127.0.0.1}  # nginx, on this machine
export FORWARDED_ALLOW_IPS=""   # the app decides whose X-Forwarded-For to believe (see scripts/start.sh)

start_app() {
  "$PY" -m streamlit run app.py --server.address 127.0.0.1 --server.port "$1" --server.headless true \
    --browser.gatherUsageStats false >>"$RUN/app-$1.log" 2>&1 &
  pids+=($!)
}
healthy() {
  for _ in $(seq 1 120); do
    "$PY" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" \
      "http://127.0.0.1:$1/_stcore/health" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "venue: the app on port $1 did not start, see $RUN/app-$1.log" >&2
  return 1
}

# The store is migrated and the demo seeded once, before any process serves a browser.
"$PY" -c "from planning.store import get_store; get_store()"
servers=""
for i in $(seq 1 "$N"); do
  p=$((8600 + i))
  start_app "$p"
  servers+="        server 127.0.0.1:$p max_fails=1 fail_timeout=5s;"$'\n'
done
for i in $(seq 1 "$N"); do healthy $((8600 + i)); done

sed -e "s#@RUN@#$RUN#g" -e "s#@LISTEN@#$ADDRESS:$PORT#g" deploy/nginx.conf.template \
  | "$PY" -c "import sys; sys.stdout.write(sys.stdin.read().replace('@SERVERS@\n', sys.argv[1]))" "$servers" \
  > "$RUN/nginx.conf"
echo "venue: $N app processes on 127.0.0.1:8601-$((8600 + N)), nginx on $ADDRESS:$PORT, store $SMARTCITY_DB"
/usr/sbin/nginx -p "$RUN" -c "$RUN/nginx.conf" &
pids+=($!)
wait -n "${pids[@]}"
