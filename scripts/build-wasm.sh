#!/usr/bin/env bash
# Builds the npm package in pkg-web/: the size-built wasm (profile wasm-size) of preflight-wasm, wasm-bindgen's glue
# (the CLI at exactly the crate's version), then `wasm-opt -Oz --converge` (npm package binaryen); the
# checker module, built for size but its YAML scanner for speed (profile wasm-release), which a
# page's worker runs; and the package's module built for speed (profile release, `wasm-opt
# -O3`), which the Node entry loads.
# Then pkg-web/schemas/ and explanations.js: the built-in schemas and the registry's texts as
# modules of their own, which the browsers' module loads on demand (scripts/package-data.mjs).
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

# Node tooling (binaryen's wasm-opt, TypeScript for the type check, esbuild for page-size.mjs) from package-lock.json.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/tsc ] || [ ! -x node_modules/.bin/esbuild ]; then
  echo "==> npm ci (binaryen, typescript)"
  npm ci --no-audit --no-fund
fi

# Two modules: the package's (browsers and the Node API) and the CLI's (pkg-web/bin/, the npm
# bin: the same core with `preflight::cli`, toml and serde_json), so no page downloads the CLI.
build() { # features out-dir out-name [profile] [wasm-opt passes]; features "-" is none, not even `api`
  # Size builds run -Oz until it changes nothing more (--converge): 1 KB gzipped smaller a module,
  # the same speed, 10 s more each (BENCHMARKS.md).
  local features=$1 dir=$2 name=$3 profile=${4:-wasm-release} level=${5:--Oz --converge} defaults=""
  if [ "$features" = "-" ]; then features="" defaults="--no-default-features"; fi
  echo "==> cargo build --profile $profile --target wasm32-unknown-unknown -p preflight-wasm $defaults ${features:+--features $features}"
  cargo build --locked --profile "$profile" --target wasm32-unknown-unknown -p preflight-wasm \
    $defaults ${features:+--features "$features"}
  # Both builds of a profile write the same file: it is taken before the next build.
  local built="target/wasm32-unknown-unknown/$profile/preflight_wasm.wasm"
  local out="target/wasm-bindgen/$name-$profile"
  built_js="$out/$name.js"
  built_wasm="$out/${name}_bg.opt.wasm"
  # wasm-bindgen and wasm-opt take a minute for the three modules: skipped when this module,
  # the tools and the level are those of the last run (CI builds the package twice).
  local stamp
  stamp="$(sha256sum "$built" | cut -d' ' -f1) $version $(node_modules/.bin/wasm-opt --version) $level"
  if [ -f "$out/.stamp" ] && [ "$(cat "$out/.stamp")" = "$stamp" ] && [ -f "$built_js" ] && [ -f "$built_wasm" ]; then
    echo "==> $name ($profile): wasm-bindgen and wasm-opt output up to date"
    return
  fi
  echo "==> wasm-bindgen $version ($name, $profile)"
  rm -rf "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$name" "$built"
  echo "==> wasm-opt $level ($name, $profile)"
  # shellcheck disable=SC2086 # $level is one or more flags
  node_modules/.bin/wasm-opt $level --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "$out/${name}_bg.wasm" -o "$built_wasm"
  echo "$stamp" > "$out/.stamp"
}

place() { # built file -> package file
  cp "$1" "$2"
  local bytes gz
  bytes=$(wc -c < "$2")
  gz=$(gzip -9c "$2" | wc -c)
  echo "==> $2: $bytes bytes, $gz gzipped"
}

# Browsers: the size build, without the Public Suffix List, the built-in schemas and the
# registry's explanations; for size throughout, its YAML scanner too (Cargo.toml says why).
build "" pkg-web preflight_wasm wasm-size
place "$built_js" pkg-web/preflight_wasm.js
place "$built_wasm" pkg-web/preflight_wasm_bg.wasm

# The checker module: the browsers' module without the API beyond `validate` (the feature
# `api`), which the worker of createChecker loads (worker.js), so a page that checks on a
# worker downloads no renderers, exporters or registry. Its own glue, preflight_check.js.
build - pkg-web preflight_check
place "$built_js" pkg-web/preflight_check.js
place "$built_wasm" pkg-web/preflight_check_bg.wasm

# The Public Suffix List, which the browsers' module loads when a schema has a WebAuthn block:
# packed for download (pkg-web/psl.js unpacks it).
# Also cut into 256 parts by each rule's last two labels (pkg-web/public_suffix_list/N.dat),
# which a checker's worker loads as its checks need them.
rm -rf pkg-web/public_suffix_list
node scripts/pack-psl.mjs data/public_suffix_list.dat pkg-web/public_suffix_list.dat pkg-web/public_suffix_list

# Node: the same module built for speed (size matters little there, BENCHMARKS.md), with the
# Public Suffix List, the built-in schemas and the explanations built in. It uses the same glue, which must come out byte for byte the same.
build bundled-psl,builtin-schemas,explanations pkg-web preflight_wasm release -O3
if ! cmp -s "$built_js" pkg-web/preflight_wasm.js; then
  echo "error: the speed build's glue differs from the size build's; Node cannot share it" >&2
  exit 1
fi
place "$built_wasm" pkg-web/preflight_wasm_node_bg.wasm

# What the browsers' module leaves out, as modules a page loads when it needs them: the
# built-in schemas one module each (pkg-web/schemas/) and the registry's explanations
# (pkg-web/explanations.js). Written from the Node module just built.
node scripts/package-data.mjs

# The npm bin: the CLI's module.
build cli pkg-web/bin preflight_cli
place "$built_js" pkg-web/bin/preflight_cli.js
place "$built_wasm" pkg-web/bin/preflight_cli_bg.wasm
