#!/usr/bin/env bash
# Builds the npm package in pkg-web/: the size-built wasm (profile wasm-release) of preflight-wasm, wasm-bindgen's glue
# (the CLI at exactly the crate's version), then `wasm-opt -Oz` (npm package binaryen).
# Installs what is missing; idempotent; one command: bash scripts/build-wasm.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "==> installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly, or the glue is refused.
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$version" ]; then
  echo "==> installing wasm-bindgen-cli $version (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$version"
fi

# Node tooling (binaryen's wasm-opt, TypeScript for the type check) from package-lock.json.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/tsc ]; then
  echo "==> npm ci (binaryen, typescript)"
  npm ci --no-audit --no-fund
fi

echo "==> cargo build --profile wasm-release --target wasm32-unknown-unknown -p preflight-wasm"
cargo build --locked --profile wasm-release --target wasm32-unknown-unknown -p preflight-wasm

built=target/wasm32-unknown-unknown/wasm-release/preflight_wasm.wasm
if [ pkg-web/preflight_wasm_bg.wasm -nt "$built" ] && [ -f pkg-web/preflight_wasm.js ] \
   && [ pkg-web/preflight_wasm_bg.wasm -nt scripts/build-wasm.sh ]; then
  echo "==> pkg-web/ is up to date with $built"
  exit 0
fi

echo "==> wasm-bindgen $version"
out=target/wasm-bindgen
rm -rf "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name preflight_wasm \
  "$built"

echo "==> wasm-opt -Oz"
node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  "$out/preflight_wasm_bg.wasm" -o "$out/preflight_wasm_bg.opt.wasm"

cp "$out/preflight_wasm.js" pkg-web/preflight_wasm.js
cp "$out/preflight_wasm_bg.opt.wasm" pkg-web/preflight_wasm_bg.wasm
wasm=$(wc -c < pkg-web/preflight_wasm_bg.wasm)
gz=$(gzip -9c pkg-web/preflight_wasm_bg.wasm | wc -c)
echo "==> pkg-web/preflight_wasm_bg.wasm: $wasm bytes, $gz gzipped"
