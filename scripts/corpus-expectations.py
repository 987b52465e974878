#!/usr/bin/env python3
"""Refills the expected errors in tests/corpus.rs from what the schemas give now.

Run it after changing a built-in schema, then READ the diff: every changed line is a changed
verdict on a real config. Usage: python3 scripts/corpus-expectations.py [SYSTEM...]
(systems as in the test, e.g. `rend`, `synctv/head`; none means all).
"""
import os, re, subprocess, sys

path = "tests/corpus.rs"
only = set(sys.argv[1:])
out = subprocess.run(
    ["cargo", "test", "-q", "--test", "corpus", "--", "--nocapture", "--test-threads=1"],
    env={**os.environ, "PREFLIGHT_CORPUS_PRINT": "1"}, capture_output=True, text=True,
).stdout
actual = {}
for line in out.splitlines():
    m = re.match(r"^\.*([a-z][^ ]*): (\[.*\])$", line)
    if m:
        actual[m.group(1)] = eval(m.group(2))
src = open(path).read()
system = None
result = []
i = 0
lines = src.split("\n")
while i < len(lines):
    line = lines[i]
    m = re.search(r'system\(\s*"([^"]+)"', line)
    if m:
        system = m.group(1)
    m = re.match(r'\s*(case|subtree)\("([^"]+)", "[^"]+", (?:"[^"]+", )?&\[', line)
    if m and system and (not only or system in only) and f"{system}/{m.group(2)}" in actual:
        # Skip the old list (one line `&[])` or several lines up to `        ]),`).
        if not line.rstrip().endswith("&[]),"):
            while not lines[i].strip().startswith("]),"):
                i += 1
            line = line[: line.index("&[") + 2] + "]),"
        errs = actual[f"{system}/{m.group(2)}"]
        head = line[: line.index("&[")]
        if errs:
            result.append(head + "&[")
            result.extend(f'            "{e}",' for e in errs)
            result.append("        ]),")
        else:
            result.append(head + "&[]),")
        i += 1
        continue
    result.append(line)
    i += 1
open(path, "w").write("\n".join(result))
