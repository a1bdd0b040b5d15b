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
exec node dist/server/main.js
