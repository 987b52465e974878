#!/usr/bin/env bash
# The project's one test command (the README's second quickstart command, and what CI runs).
# Installs what a fresh machine lacks (the wasm target, wasm-bindgen-cli at the crate's
# version, npm packages, pre-commit and check-jsonschema, Chromium), runs the Rust tests,
# builds the npm package (pkg-web/), then runs the Node tests against it and the real clients,
# type-checks its declarations, builds the browser editor (examples/editor/) and tests it in
# headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "==> installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

echo "==> cargo test (all features: the CLI, serde_json and serde_yaml sources)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test --workspace --all-features --locked 2>&1 | tee "$log"

echo "==> the core without its built-in Public Suffix List and schemas, as the browsers' module is built (the list loaded from its text)"
cargo test -p preflight --no-default-features --locked --lib 2>&1 | tee -a "$log"

echo "==> --schema auto against the built-in schemas on the corpus (scripts/auto-precision.py)"
python3 scripts/auto-precision.py

echo "==> the npm package: build (scripts/build-wasm.sh)"
bash scripts/build-wasm.sh

echo "==> the real clients of the integration tests (scripts/ci-tools.sh: pre-commit, check-jsonschema, the SARIF schema)"
bash scripts/ci-tools.sh

echo "==> Node tests against the built package (node --test tests/node/)"
node --test tests/node/ 2>&1 | tee -a "$log"

echo "==> tsc: pkg-web/index.d.ts against tests/node/usage.ts"
node_modules/.bin/tsc -p tests/node/tsconfig.json

echo "==> the browser editor: build (scripts/editor.sh --build)"
bash scripts/editor.sh --build

# The editor's test drives Debian's Chromium through playwright-core (no browser download).
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "==> installing Chromium (apt-get)"
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium
fi

echo "==> the editor in headless Chromium (node --test examples/editor/test/editor.test.mjs)"
node --test examples/editor/test/editor.test.mjs 2>&1 | tee -a "$log"

# One closing line with the totals: cargo prints one line per test binary; node --test prints
# `# pass N` and `# fail N`.
mkdir -p target
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     /^# pass / { np += $3 } /^# fail / { nf += $3 }
     END { printf "tests: %d passed, %d failed (Rust); %d passed, %d failed (Node)\n", p, f, np, nf }' "$log" | tee target/test-summary.txt
