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
# V8's young generation grows to 2 x 16 MB under a steady stream of small changes, all of it resident; a
# server's garbage dies young (a change lives a few milliseconds), so 2 x 8 MB collects it as well and keeps
# the resident size about 15 MB lower (bench scenario 1: 106 to 92 MB) for no measurable CPU.
exec node --max-semi-space-size=8 dist/server/main.js
