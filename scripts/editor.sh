#!/usr/bin/env bash
# The browser editor example (examples/editor/): builds the npm package (pkg-web/), installs
# the page's npm packages, bundles it into examples/editor/dist/ and serves it:
#   bash scripts/editor.sh            then open http://127.0.0.1:8080/  (PORT=9000 to change)
#   bash scripts/editor.sh --build    build only (what scripts/test.sh runs)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build-wasm.sh

cd examples/editor
# package-lock.json pins CodeMirror, esbuild and playwright-core; preflight-wasm is ../../pkg-web.
if [ ! -d node_modules/@codemirror/lint ] || [ ! -d node_modules/esbuild ] || [ ! -d node_modules/playwright-core ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> npm ci (examples/editor)"
  npm ci --no-audit --no-fund
fi
echo "==> esbuild: examples/editor/dist/"
node build.mjs

if [ "${1:-}" != "--build" ]; then
  exec node serve.mjs "${PORT:-8080}"
fi
