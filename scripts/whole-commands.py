#!/usr/bin/env python3
"""What one run of a whole command costs, as a shell, a pre-commit hook or a CI step pays it:
the Rust CLI, the npm package's bin (Node and the CLI compiled to wasm) and check-jsonschema
with the shape-only JSON Schema of the scale benchmark, which checks far less (types of
sections and common fields). The three run in turn, so a machine whose speed drifts slows
each alike; medians of RUNS runs (4 at 4 MiB).

    cargo build --release && bash scripts/build-wasm.sh && bash scripts/ci-tools.sh
    cargo run --release -p preflight-scale-bench --bin sized-configs -- target/scale-inputs
    python3 scripts/whole-commands.py [RUNS]

Inputs: SyncTV's example (../shared/corpus) and the benchmark's 1 MiB and 4 MiB configs.
"""
import pathlib
import statistics
import subprocess
import sys
import time

repo = pathlib.Path(__file__).resolve().parent.parent
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 8
inputs = [
    ("example", repo.parent / "shared/corpus/synctv/head/synctv.example.yaml"),
    ("1 MiB", repo / "target/scale-inputs/synctv-1MiB.yaml"),
    ("4 MiB", repo / "target/scale-inputs/synctv-4MiB.yaml"),
]
shape = repo / "crates/scale-bench/synctv-shape.schema.json"


def commands(path):
    check = ["check", str(path), "--schema", "synctv", "--format", "json"]
    return {
        "preflight (Rust)": [str(repo / "target/release/preflight"), *check],
        "npm bin (Node + wasm)": ["node", str(repo / "pkg-web/bin/preflight.js"), *check],
        "check-jsonschema": [
            str(repo / "target/tools-venv/bin/check-jsonschema"),
            "--schemafile",
            str(shape),
            str(path),
        ],
    }


# The inputs, and each command's program (for the bin, its script).
needed = [path for _, path in inputs] + [
    pathlib.Path(command[1] if command[0] == "node" else command[0])
    for command in commands(inputs[0][1]).values()
]
missing = [str(path) for path in needed if not path.exists()]
if missing:
    sys.exit("missing (see the commands at the top of this script): " + ", ".join(missing))

names = list(commands(inputs[0][1]))
print("| input | " + " | ".join(f"{n}, median" for n in names) + " | Rust / check-jsonschema | npm bin / check-jsonschema |")
print("|---|" + "---:|" * (len(names) + 2))
for label, path in inputs:
    times = {name: [] for name in names}
    for _ in range(runs if label != "4 MiB" else min(runs, 4)):
        for name, command in commands(path).items():
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times[name].append(time.perf_counter() - started)
    medians = {name: statistics.median(samples) * 1000 for name, samples in times.items()}
    cells = " | ".join(f"{medians[n]:,.1f} ms" for n in names)
    baseline = medians["check-jsonschema"]
    print(
        f"| {label} | {cells} | {medians['preflight (Rust)'] / baseline:.3f}× "
        f"| {medians['npm bin (Node + wasm)'] / baseline:.2f}× |"
    )
