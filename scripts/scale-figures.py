#!/usr/bin/env python3
"""Prints the figures of the scale benchmark as a table, with the ratios its goals name.

Run after `cargo bench -p preflight-scale-bench --bench scale` (criterion writes its medians
to target/criterion/scale/). Columns: the event parse preflight runs (the floor: its copy of
saphyr-parser, crates/saphyr), the published saphyr-parser's, Document::parse, the check with
an empty schema (parse + structure walk), the full check, serde_yaml + jsonschema; then
check/floor, check/saphyr, check/(serde_yaml + jsonschema), and for each size how much longer
the check took than at the size a quarter as large.
"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion" / "scale"
sizes = ["example", "64KiB", "256KiB", "1MiB", "4MiB"]
benches = ["floor", "saphyr", "parse", "walk", "check", "serde_jsonschema"]


def median_ns(bench, size):
    path = root / bench / size / "new" / "estimates.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())["median"]["point_estimate"]


def show(ns):
    return "—" if ns is None else (f"{ns / 1e6:.2f} ms" if ns >= 1e6 else f"{ns / 1e3:.0f} µs")


rows = {size: {b: median_ns(b, size) for b in benches} for size in sizes}
if all(v is None for r in rows.values() for v in r.values()):
    sys.exit(f"no figures under {root}: run cargo bench -p preflight-scale-bench --bench scale")
print("| input | floor (events, the copy) | saphyr-parser 0.3.4 events | Document::parse | walk (empty schema) | full check | serde_yaml + jsonschema | check / floor | check / saphyr | check / serde+jsonschema | check growth vs ¼ size |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
previous = None
for size in sizes:
    r = rows[size]
    ratio = lambda a, b: "—" if a is None or b is None else f"{a / b:.2f}×"
    growth = "—"
    if previous is not None and size != "64KiB":
        growth = ratio(r["check"], rows[previous]["check"])
    print(f"| {size} | {show(r['floor'])} | {show(r['saphyr'])} | {show(r['parse'])} | {show(r['walk'])} | {show(r['check'])} "
          f"| {show(r['serde_jsonschema'])} | {ratio(r['check'], r['floor'])} | {ratio(r['check'], r['saphyr'])} "
          f"| {ratio(r['check'], r['serde_jsonschema'])} | {growth} |")
    previous = size
