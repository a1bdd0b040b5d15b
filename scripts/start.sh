#!/usr/bin/env bash
# Installs what is missing, builds the client and the server, and starts Uplift on the embedded store (no
# other service). The server runs as compiled JavaScript (dist/server/main.js), without a TypeScript loader.
# PORT, HOST and DATA_DIR choose where it listens and where everything is stored (default ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "start: installing npm packages (npm ci)…"
  npm ci --no-audit --no-fund
fi
echo "start: building the client…"
npx vite build --logLevel warn
echo "start: building the server…"
bash scripts/build-server.sh
# glibc keeps freed blocks of a few MB in per-thread arenas once it has raised its mmap threshold (it does
# after the first large free), so a burst of large buffers (sync replies of big plans, PDF output, metadata
# writes, password hashing) would stay in the RSS for good. A fixed 1 MiB threshold hands them back.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-1048576}"
# V8's young generation is left at its default (it grows to 2 x 16 MB under load). Capped at 2 x 8 MB it kept
# the resident size 12-15 MB lower, but scavenged twice as often: alternating bench runs measured 3 % more
# server CPU per delivered change (scenarios 1 and 2) and 6 % more per connection (scenario 3).
exec node dist/server/main.js
