#!/usr/bin/env bash
# Refreshes data/public_suffix_list.dat, the Public Suffix List the WebAuthn relation uses.
#
# Source: the `rules.txt` that the `psl` crate packages (ICANN and private sections, wildcard
# and exception rules), found through `cargo metadata` so no network beyond crates.io is
# needed. Usage: scripts/update-psl.sh [PSL_CRATE_VERSION]   (default: the newest on crates.io)
set -euo pipefail
cd "$(dirname "$0")/.."

version="${1:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/src"
touch "$work/src/lib.rs"
cat > "$work/Cargo.toml" <<TOML
[package]
name = "psl-probe"
version = "0.0.0"
edition = "2021"
[dependencies]
psl = "${version:-*}"
[workspace]
TOML

manifest="$(cargo metadata --format-version 1 --manifest-path "$work/Cargo.toml" \
  | python3 -c 'import json,sys; m=json.load(sys.stdin); print(next(p["manifest_path"] for p in m["packages"] if p["name"]=="psl"))')"
crate_dir="$(dirname "$manifest")"
found_version="$(python3 -c 'import sys,tomllib; print(tomllib.load(open(sys.argv[1],"rb"))["package"]["version"])' "$manifest")"
rules="$crate_dir/data/rules.txt"
[ -s "$rules" ] || { echo "no data/rules.txt in $crate_dir" >&2; exit 1; }

out=data/public_suffix_list.dat
{
  echo "// The Public Suffix List (https://publicsuffix.org), Mozilla Public License 2.0."
  echo "// Rules as packaged by the psl crate ${found_version} (data/rules.txt): ICANN and"
  echo "// private sections together. Refresh with scripts/update-psl.sh; do not edit by hand."
  echo "// ===BEGIN ICANN DOMAINS==="
  cat "$rules"
} > "$out"
echo "psl ${found_version}" > data/public_suffix_list.version
echo "wrote $out ($(grep -vc '^//' "$out") rules) from psl ${found_version}"
