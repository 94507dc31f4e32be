#!/usr/bin/env bash
# Prepare this machine: Debian packages when missing, a virtual environment, pinned requirements.
#   scripts/setup.sh        what the app needs: Thai fonts (Laksaman stands in for TH SarabunPSK),
#                           an emoji font, LibreOffice Writer and poppler for the plan document's PDF
#   scripts/setup.sh test   plus what the tests need (Debian's chromium for browser tests,
#                           postgresql: the tests start a throwaway cluster of their own, and
#                           nginx: a browser test runs two app processes behind it)
#   scripts/setup.sh venue  plus PostgreSQL and nginx for several app processes (scripts/venue.sh)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${SMARTCITY_VENV:-$ROOT/.venv}
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}

apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "setup: installing Debian packages: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing=()
for pkg in fonts-thai-tlwg fonts-noto-color-emoji libreoffice-writer-nogui poppler-utils; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${1:-}" = "test" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
if [ "${1:-}" = "test" ] || [ "${1:-}" = "venue" ]; then
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
fi
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV" 2>/dev/null || { apt_install python3-venv; "$PYTHON" -m venv "$VENV"; }
fi

# Reinstall only when requirements.txt changed since the last successful install.
stamp="$VENV/.requirements.sha256"
want=$(sha256sum "$ROOT/requirements.txt" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$ROOT/requirements.txt"
  echo "$want" > "$stamp"
fi
