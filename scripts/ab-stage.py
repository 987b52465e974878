#!/usr/bin/env python3
"""Times one stage of two builds of the scale benchmark's `stage` example, interleaved.

    python3 scripts/ab-stage.py BEFORE AFTER STAGE SIZE RUNS ROUNDS

BEFORE and AFTER are copies of target/release/examples/stage built from two commits
(`cargo build --release -p preflight-scale-bench --example stage`, then copy the binary).
Each round runs `BEFORE STAGE SIZE RUNS` and `AFTER STAGE SIZE RUNS` once, in alternating
order, so a machine whose speed drifts slows both alike; prints the median wall time of each
and their ratio. Whole runs include the setup (schemas, the sized text): time `floor` the same
way to see what that costs.
"""
import statistics
import subprocess
import sys
import time


def main() -> int:
    if len(sys.argv) != 7:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    before, after, stage, size, runs, rounds = sys.argv[1:]
    times = {before: [], after: []}
    for i in range(int(rounds)):
        order = (before, after) if i % 2 == 0 else (after, before)
        for binary in order:
            start = time.perf_counter()
            subprocess.run([binary, stage, size, runs], stdout=subprocess.DEVNULL, check=True)
            times[binary].append(time.perf_counter() - start)
    a, b = statistics.median(times[before]), statistics.median(times[after])
    print(f"{stage} {size} x{runs}: before {a * 1000:.1f} ms, after {b * 1000:.1f} ms, after/before {b / a:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
