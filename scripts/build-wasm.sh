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

# Two modules: the package's (browsers and the Node API) and the CLI's (pkg-web/bin/, the npm
# bin: the same core with `preflight::cli`, toml and serde_json), so no page downloads the CLI.
build() { # features out-dir out-name
  local features=$1 dir=$2 name=$3
  echo "==> cargo build --profile wasm-release --target wasm32-unknown-unknown -p preflight-wasm ${features:+--features $features}"
  cargo build --locked --profile wasm-release --target wasm32-unknown-unknown -p preflight-wasm \
    ${features:+--features "$features"}
  # Both builds write the same file: it is taken before the next build.
  local built="target/wasm32-unknown-unknown/wasm-release/preflight_wasm.wasm"
  echo "==> wasm-bindgen $version ($name)"
  local out="target/wasm-bindgen/$name"
  rm -rf "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$name" "$built"
  echo "==> wasm-opt -Oz ($name)"
  node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "$out/${name}_bg.wasm" -o "$out/${name}_bg.opt.wasm"
  cp "$out/$name.js" "$dir/$name.js"
  cp "$out/${name}_bg.opt.wasm" "$dir/${name}_bg.wasm"
  local wasm gz
  wasm=$(wc -c < "$dir/${name}_bg.wasm")
  gz=$(gzip -9c "$dir/${name}_bg.wasm" | wc -c)
  echo "==> $dir/${name}_bg.wasm: $wasm bytes, $gz gzipped"
}

build "" pkg-web preflight_wasm
build cli pkg-web/bin preflight_cli
