#!/usr/bin/env bash
# Compiles the server to plain ESM JavaScript for Node (tsconfig.server.json): server/ to dist/server and
# shared/ to dist/shared, keeping the source layout so their relative imports hold. `node dist/server/main.js`
# then runs without a TypeScript loader.
# It compiles into a fresh folder and then swaps it in, so a failed build leaves the previous one untouched,
# a deleted source leaves nothing behind, and a server already running from dist never loads a half-written
# file (its PDF worker threads start from dist/server/render/pdf/worker.js on demand).
set -euo pipefail
cd "$(dirname "$0")/.."
# Beside dist/, at the same depth, so the source maps' relative paths stay right after the move.
out=$(mktemp -d .server-build.XXXXXX)
trap 'rm -rf "$out"' EXIT
npx tsc -p tsconfig.server.json --outDir "$out"
mkdir -p dist
rm -rf dist/server dist/shared
mv -T "$out/server" dist/server
mv -T "$out/shared" dist/shared
