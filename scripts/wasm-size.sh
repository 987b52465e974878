#!/usr/bin/env bash
# Prints the size of the size-built wasm (profile wasm-size) of preflight-wasm, gzipped (-9), with custom sections
# (debug names, wasm-bindgen's own metadata) dropped as wasm-bindgen drops them. Before
# wasm-bindgen and wasm-opt, so an upper bound; scripts/build-wasm.sh builds what ships and prints its size.
set -euo pipefail
cd "$(dirname "$0")/.."
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
cargo build --quiet --profile wasm-size --target wasm32-unknown-unknown -p preflight-wasm
python3 - target/wasm32-unknown-unknown/wasm-size/preflight_wasm.wasm <<'PY'
import gzip, sys
data = open(sys.argv[1], "rb").read()
def leb(i):
    value = shift = 0
    while True:
        byte = data[i]; i += 1
        value |= (byte & 0x7F) << shift; shift += 7
        if byte < 0x80:
            return value, i
out, i, sizes = bytearray(data[:8]), 8, {}
names = {1: "type", 2: "import", 3: "function", 5: "memory", 6: "global", 7: "export", 10: "code", 11: "data"}
while i < len(data):
    start = i
    section = data[i]; size, body = leb(i + 1)
    end = body + size
    if section != 0:
        out += data[start:end]
        sizes[names.get(section, str(section))] = size
    i = end
print("sections kept: " + ", ".join(f"{k} {v}" for k, v in sizes.items() if v > 1000))
print(f"preflight_wasm.wasm without custom sections: {len(out)} bytes, {len(gzip.compress(bytes(out), 9))} bytes gzipped")
PY
