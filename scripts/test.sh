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
cargo test --workspace --all-features --locked

echo "==> the core and the wasm bindings build for wasm32-unknown-unknown"
cargo build --locked --target wasm32-unknown-unknown -p preflight-wasm
