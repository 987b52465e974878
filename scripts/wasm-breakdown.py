#!/usr/bin/env python3
"""Groups the browsers' wasm module by where its bytes come from, from twiggy's item list.

    cargo install twiggy   # once
    bash scripts/build-wasm.sh
    twiggy top -n 100000 -f csv \
        target/wasm-bindgen/preflight_wasm-wasm-size/preflight_wasm_bg.wasm \
      | python3 scripts/wasm-breakdown.py

Raw bytes before wasm-opt (which shrinks code by about a fifth); `data` is the one .rodata
segment (tables, strings), `names` the debug names that wasm-opt strips. Groups: a crate, or
`preflight::MODULE` for the core's own code.
"""
import csv
import re
import sys

groups = {}
for row in csv.DictReader(sys.stdin):
    name, size = row["Name"], int(row["ShallowSize"])
    if "function names" in name:
        group = "names (stripped when shipped)"
    elif name.startswith("data segment"):
        group = "data (.rodata)"
    else:
        match = re.match(r"<*([a-z_0-9]+)(?:\[[0-9a-f]+\])?::([a-z_0-9]+)?", name)
        if not match:
            group = "other"
        elif match.group(1) == "preflight" and match.group(2):
            group = f"preflight::{match.group(2)}"
        else:
            group = match.group(1)
    groups[group] = groups.get(group, 0) + size

total = sum(groups.values())
print("| group | raw bytes | share |")
print("|---|---:|---:|")
for group, size in sorted(groups.items(), key=lambda item: -item[1]):
    if size >= 2000:
        print(f"| {group} | {size:,} | {100 * size / total:.1f} % |")
print(f"| all | {total:,} | |")
