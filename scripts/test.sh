#!/usr/bin/env bash
# The project's one test command (the README's second quickstart command, and what CI runs).
# Installs what a fresh machine lacks, then runs every test.
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

echo "==> the core and the wasm bindings build for wasm32-unknown-unknown"
cargo build --locked --target wasm32-unknown-unknown -p preflight-wasm

# One closing line with the totals of every test binary (cargo prints one line per binary,
# and the last of those is a doc-test run that may hold no test).
mkdir -p target
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log" | tee target/test-summary.txt
