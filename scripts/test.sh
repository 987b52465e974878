#!/usr/bin/env bash
# The project's one test command (the README's second quickstart command, and what CI runs).
# Installs what a fresh machine lacks (the wasm target, wasm-bindgen-cli at the crate's
# version, npm packages), runs the Rust tests, builds the npm package (pkg-web/), then runs the
# Node tests against it and type-checks its declarations.
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

echo "==> the npm package: build (scripts/build-wasm.sh)"
bash scripts/build-wasm.sh

echo "==> Node tests against the built package (node --test tests/node/)"
node --test tests/node/ 2>&1 | tee -a "$log"

echo "==> tsc: pkg-web/index.d.ts against tests/node/usage.ts"
node_modules/.bin/tsc -p tests/node/tsconfig.json

# One closing line with the totals: cargo prints one line per test binary; node --test prints
# `# pass N` and `# fail N`.
mkdir -p target
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     /^# pass / { np += $3 } /^# fail / { nf += $3 }
     END { printf "tests: %d passed, %d failed (Rust); %d passed, %d failed (Node)\n", p, f, np, nf }' "$log" | tee target/test-summary.txt
