#!/usr/bin/env bash
# The real clients the integration tests run against, installed into target/ (idempotent):
#   target/tools-venv/                pre-commit and check-jsonschema from PyPI (pinned)
#   target/sarif-schema-2.1.0.json    the official SARIF 2.1.0 JSON Schema (OASIS), as the
#                                     crate serde-sarif ships it on crates.io (sha256 pinned)
#   nvim                              Debian's neovim (apt-get), when it is missing
# tests/node/ci-clients.test.mjs, json-schema.test.mjs and editors.test.mjs use them.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/tools-venv
if [ ! -x "$venv/bin/pre-commit" ] || [ ! -x "$venv/bin/check-jsonschema" ]; then
  echo "==> python3 -m venv $venv; pip install pre-commit check-jsonschema"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pre-commit==4.7.0 check-jsonschema==0.39.0
fi

if ! command -v nvim > /dev/null; then
  echo "==> installing Neovim (apt-get)"
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq neovim
fi

schema=target/sarif-schema-2.1.0.json
sha=af47e7b67f24efe74076621fd3a5fbe7398add9e84fe820c971219a385895cea
if [ ! -f "$schema" ] || ! echo "$sha  $schema" | sha256sum --check --status; then
  echo "==> the SARIF 2.1.0 schema from crates.io (serde-sarif 0.8.0)"
  fetch=target/sarif-schema-fetch
  mkdir -p "$fetch/src"
  printf '[package]\nname = "sarif-schema-fetch"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\nserde-sarif = "=0.8.0"\n\n[workspace]\n' > "$fetch/Cargo.toml"
  : > "$fetch/src/lib.rs"
  cargo fetch --quiet --manifest-path "$fetch/Cargo.toml"
  src=$(cargo metadata --format-version 1 --manifest-path "$fetch/Cargo.toml" \
    | python3 -c 'import json, sys; print(next(p["manifest_path"] for p in json.load(sys.stdin)["packages"] if p["name"] == "serde-sarif"))')
  cp "$(dirname "$src")/src/schema.json" "$schema"
  echo "$sha  $schema" | sha256sum --check --quiet
fi
