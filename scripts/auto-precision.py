#!/usr/bin/env python3
"""How well `--schema auto` agrees with the built-in schemas on the reference systems' configs.

For every corpus file that tests/corpus.rs checks with a built-in schema (read from that file,
so the two lists never drift), run `preflight check FILE --schema auto` and `--schema BUILTIN`
(production profile, JSON) and compare findings by pointer:

  precision  auto's findings the built-in schema also reports at the same pointer
  recall     the built-in schema's value findings that auto also reports at that pointer
             (schema/missing-required and schema/unknown-field excluded: auto cannot know them)

Prints a table per system and in total; exits 1 when precision < 95 % or recall < 60 %.
Usage: python3 scripts/auto-precision.py [--binary target/debug/preflight]
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus")
NOT_VALUE = {"schema/missing-required", "schema/unknown-field"}


def cases():
    """(system, file, schema) of every `case(...)` in tests/corpus.rs."""
    source = open(os.path.join(ROOT, "tests", "corpus.rs"), encoding="utf-8").read()
    out = []
    for block in re.split(r'\bsystem\(\s*"', source)[1:]:
        system = block.split('"', 1)[0]
        for file, schema in re.findall(r'\bcase\(\s*"([^"]+)",\s*"([^"]+)"', block):
            out.append((system, file, schema))
    return out


def findings(binary, path, schema):
    run = subprocess.run(
        [binary, "check", path, "--schema", schema, "--no-config", "--format", "json"],
        capture_output=True, text=True, cwd=ROOT,
    )
    if run.returncode == 2:
        raise SystemExit(f"{path} --schema {schema}: {run.stderr.strip()}")
    return [(d["pointer"], d["code"]) for d in json.loads(run.stdout)["diagnostics"]]


def main():
    binary = os.path.join(ROOT, "target", "debug", "preflight")
    if "--binary" in sys.argv:
        binary = sys.argv[sys.argv.index("--binary") + 1]
    if not os.path.isdir(CORPUS):
        print(f"skipped: {CORPUS} does not exist")
        return 0
    rows = {}
    for system, file, schema in cases():
        path = os.path.join(CORPUS, system, file)
        if not os.path.isfile(path):
            continue
        auto = findings(binary, path, "auto")
        builtin = findings(binary, path, schema)
        builtin_pointers = {p for p, _ in builtin}
        value = [(p, c) for p, c in builtin if c not in NOT_VALUE]
        auto_pointers = {p for p, _ in auto}
        row = rows.setdefault(system, [0, 0, 0, 0])
        row[0] += len(auto)
        row[1] += sum(1 for p, _ in auto if p in builtin_pointers)
        row[2] += len(value)
        row[3] += sum(1 for p, _ in value if p in auto_pointers)
        if os.environ.get("PREFLIGHT_AUTO_PRINT"):
            for p, c in auto:
                mark = "ok " if p in builtin_pointers else "NEW"
                print(f"  {mark} {system}/{file} {p} {c}")
            for p, c in value:
                if p not in auto_pointers:
                    print(f"  MISS {system}/{file} {p} {c}")

    def pct(a, b):
        return f"{100 * a / b:5.1f} %" if b else "    —  "

    print(f"{'system':<24}{'auto findings':>14}{'confirmed':>11}{'precision':>11}{'value findings':>16}{'found':>7}{'recall':>9}")
    total = [0, 0, 0, 0]
    for system, (a, ok, v, found) in sorted(rows.items()):
        print(f"{system:<24}{a:>14}{ok:>11}{pct(ok, a):>11}{v:>16}{found:>7}{pct(found, v):>9}")
        total = [t + x for t, x in zip(total, (a, ok, v, found))]
    a, ok, v, found = total
    print(f"{'all':<24}{a:>14}{ok:>11}{pct(ok, a):>11}{v:>16}{found:>7}{pct(found, v):>9}")
    precision = ok / a if a else 1.0
    recall = found / v if v else 1.0
    met = precision >= 0.95 and recall >= 0.60
    print(f"goal: precision >= 95 %, recall >= 60 %: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
