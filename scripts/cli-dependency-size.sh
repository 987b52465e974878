#!/usr/bin/env bash
# What an argument parser or the toml crate would add to a wasm module: three tiny cdylibs
# built like the package (opt-level z, LTO, panic=abort) — one that only splits its input, one
# that parses preflight's check flags with clap (help, usage, suggestions), one that reads a
# preflight.toml with toml + serde — printed raw and gzipped. BENCHMARKS.md, "The CLI in the
# npm package", has the figures. Usage: bash scripts/cli-dependency-size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/cli-dependency-size
mkdir -p "$dir"
profile='[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"'

crate() { # name deps source
  mkdir -p "$dir/$1/src"
  printf '[package]\nname = "m_%s"\nversion = "0.0.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n[dependencies]\n%s\n%s\n[workspace]\n' \
    "$1" "$2" "$profile" > "$dir/$1/Cargo.toml"
  printf '%s\n' "$3" > "$dir/$1/src/lib.rs"
}

read_input='fn input(p: *const u8, n: usize) -> Vec<String> { let s = unsafe { std::slice::from_raw_parts(p, n) }; String::from_utf8_lossy(s).split(" ").map(String::from).collect() }'

crate none '' "$read_input
#[no_mangle] pub extern \"C\" fn run(p: *const u8, n: usize) -> usize { input(p, n).iter().map(|s| s.len()).sum() }"

crate clap 'clap = { version = "4", default-features = false, features = ["std", "help", "usage", "error-context", "suggestions"] }' "$read_input
use clap::{Arg, ArgAction, Command};
#[no_mangle] pub extern \"C\" fn run(p: *const u8, n: usize) -> usize {
  let flag = |name: &'static str| Arg::new(name).long(name).action(ArgAction::SetTrue);
  let value = |name: &'static str| Arg::new(name).long(name);
  let cmd = Command::new(\"preflight\").version(\"0.1\")
    .subcommand(Command::new(\"check\").arg(Arg::new(\"files\").num_args(0..))
      .arg(value(\"schema\")).arg(value(\"profile\")).arg(value(\"input\")).arg(value(\"output-file\"))
      .arg(value(\"color\")).arg(value(\"config\"))
      .arg(Arg::new(\"format\").long(\"format\").value_parser([\"human\", \"json\", \"github\", \"sarif\"]))
      .arg(flag(\"strict\")).arg(flag(\"allow-placeholders\")).arg(flag(\"allow-dev-defaults\"))
      .arg(flag(\"quiet\")).arg(flag(\"no-config\")))
    .subcommand(Command::new(\"explain\").arg(Arg::new(\"code\")))
    .subcommand(Command::new(\"schemas\"));
  match cmd.try_get_matches_from(input(p, n)) { Ok(m) => m.subcommand_name().map_or(0, str::len), Err(e) => e.render().to_string().len() }
}"

crate toml 'toml = { version = "1.2", default-features = false, features = ["parse", "serde", "std"] }
serde = { version = "1", features = ["derive"] }' "$read_input
#[derive(serde::Deserialize)] #[serde(deny_unknown_fields)] pub struct File { schema: Option<String>, profile: Option<String>, strict: Option<bool>, allow: Option<Vec<String>>, #[serde(default)] check: Vec<Entry> }
#[derive(serde::Deserialize)] #[serde(deny_unknown_fields)] pub struct Entry { files: Vec<toml::Spanned<String>>, schema: Option<String>, profile: Option<String>, format: Option<String>, strict: Option<bool>, allow: Option<Vec<String>> }
#[no_mangle] pub extern \"C\" fn run(p: *const u8, n: usize) -> usize {
  match toml::from_str::<File>(&input(p, n).join(\" \")) {
    Ok(f) => f.check.iter().map(|e| e.files.len() + e.schema.as_ref().map_or(0, String::len) + usize::from(e.strict.unwrap_or(false)) + e.profile.as_ref().map_or(0, String::len) + e.format.as_ref().map_or(0, String::len) + e.allow.as_ref().map_or(0, Vec::len)).sum::<usize>() + f.schema.map_or(0, |s| s.len()) + f.profile.map_or(0, |s| s.len()) + usize::from(f.strict.unwrap_or(false)) + f.allow.map_or(0, |a| a.len()),
    Err(e) => e.span().map_or(0, |s| s.start) + e.message().len(),
  }
}"

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
printf '%-6s %10s %10s\n' crate raw gzipped
for name in none clap toml; do
  (cd "$dir/$name" && cargo build --quiet --release --target wasm32-unknown-unknown)
  wasm="$dir/$name/target/wasm32-unknown-unknown/release/m_$name.wasm"
  printf '%-6s %10d %10d\n' "$name" "$(wc -c < "$wasm")" "$(gzip -9c "$wasm" | wc -c)"
done
