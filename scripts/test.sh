#!/usr/bin/env bash
# Runs every test: type check, client and server builds, unit, integration and end-to-end (Chromium) tests.
# On a fresh machine it first installs what the tests need and says so:
#   - npm packages (npm ci) when node_modules is missing or out of date;
#   - Debian's chromium, poppler-utils and iproute2 (apt-get, as root) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "test: installing npm packages (npm ci)…"
  npm ci --no-audit --no-fund
fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v ss >/dev/null 2>&1 || missing+=(iproute2)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test: installing ${missing[*]} from Debian's packages (apt-get, as root) for the browser, PDF and socket tests…"
  if [ "$(id -u)" -ne 0 ]; then
    echo "test: cannot install ${missing[*]}: not root. Install them (apt-get install -y ${missing[*]}) and run again." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "test: type check"
npx tsc --noEmit -p tsconfig.json
echo "test: building the client"
npx vite build --logLevel warn
echo "test: building the server"
bash scripts/build-server.sh
echo "test: unit, integration and end-to-end tests"
NO_COLOR=1 npx vitest run --config tests/vitest.config.ts "$@"
