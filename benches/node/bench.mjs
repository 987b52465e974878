// Figures for BENCHMARKS.md, printed by one run (build the package first):
//   bash scripts/build-wasm.sh && (cd benches/node && npm ci && node bench.mjs)
// 1. the gzipped size of what a browser downloads: the .wasm and the JS glue;
// 2. initSync (compile + instantiate, as pkg-web/node.js does at import);
// 3. per-call time of validate() through the Node entry (the speed-built module) on SyncTV's
//    example config, side by side with js-yaml + ajv doing a shape-only check (types of
//    sections and common fields) of the same file.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import yaml from 'js-yaml';
import Ajv from 'ajv';

const pkg = new URL('../../pkg-web/', import.meta.url);
const corpus = new URL('../../../shared/corpus/synctv/head/synctv.example.yaml', import.meta.url);

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95), min: sorted[0] };
}
const ms = (x) => `${x.toFixed(3)} ms`;

// 1. Size.
const wasm = readFileSync(new URL('preflight_wasm_bg.wasm', pkg));
const glue = ['preflight_wasm.js', 'api.js', 'index.js'].map((f) => readFileSync(new URL(f, pkg)));
const gz = (b) => gzipSync(b, { level: 9 }).length;
const glueGz = gz(Buffer.concat(glue));
console.log(`size: preflight_wasm_bg.wasm ${wasm.length} B, ${gz(wasm)} B gzipped; JS glue (preflight_wasm.js + api.js + index.js) ${glue.reduce((n, b) => n + b.length, 0)} B, ${glueGz} B gzipped; total ${gz(wasm) + glueGz} B gzipped`);

// 2. initSync: a fresh copy of the glue each time (a new module URL), so each run compiles
// and instantiates from the bytes.
const inits = [];
for (let i = 0; i < 15; i++) {
  const glueModule = await import(new URL(`preflight_wasm.js?run=${i}`, pkg).href);
  const t0 = performance.now();
  glueModule.initSync({ module: wasm });
  inits.push(performance.now() - t0);
}
const init = stats(inits);
console.log(`initSync (compile + instantiate, 15 runs): p50 ${ms(init.p50)}, min ${ms(init.min)}`);

// 3. Per call.
if (!existsSync(corpus)) {
  console.log(`validate: skipped, ${corpus.pathname} is not here`);
  process.exit(0);
}
const text = readFileSync(corpus, 'utf8');
const { validate } = await import(new URL('node.js', pkg).href);

// The shape-only baseline, the same JSON Schema the native scale benchmark uses: sections are
// objects, ports integers in range, a few strings and lists typed. It checks far less than
// preflight (no secrets, origins, CIDRs, relations).
const shape = JSON.parse(readFileSync(new URL('../../crates/scale-bench/synctv-shape.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true });
const shapeCheck = ajv.compile(shape);

function time(fn, runs = 300) {
  for (let i = 0; i < 30; i++) fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

const report = validate(text, { schema: 'synctv' });
const pf = time(() => validate(text, { schema: 'synctv' }));
const baseline = time(() => shapeCheck(yaml.load(text)));
console.log(`validate(synctv.example.yaml, ${text.split('\n').length} lines, ${report.diagnostics.length} diagnostics): p50 ${ms(pf.p50)}, p95 ${ms(pf.p95)}`);
console.log(`js-yaml load + ajv shape-only check of the same file: p50 ${ms(baseline.p50)}, p95 ${ms(baseline.p95)}`);
console.log(`ratio (js-yaml + ajv) / preflight at p50: ${(baseline.p50 / pf.p50).toFixed(2)}`);

// 4. Cost against size: the inputs of the native scale benchmark (written by
//    `cargo run --release -p preflight-scale-bench --bin sized-configs -- target/scale-inputs`),
//    preflight and js-yaml + ajv in turn on each, so drift hits both alike.
const inputs = new URL('../../target/scale-inputs/', import.meta.url);
const sizes = ['example', '64KiB', '256KiB', '1MiB', '4MiB'];
if (!existsSync(new URL('synctv-4MiB.yaml', inputs))) {
  console.log('sizes: skipped, run the sized-configs command above first');
} else {
  console.log('| input | bytes | validate p50 | js-yaml + ajv p50 | preflight / (js-yaml + ajv) | validate growth vs ¼ size |');
  console.log('|---|---|---|---|---|---|');
  let previous = null;
  for (const size of sizes) {
    const sized = readFileSync(new URL(`synctv-${size}.yaml`, inputs), 'utf8');
    const runs = sized.length > 1_000_000 ? 9 : sized.length > 200_000 ? 25 : 101;
    const ours = [];
    const theirs = [];
    validate(sized, { schema: 'synctv' });
    shapeCheck(yaml.load(sized));
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      validate(sized, { schema: 'synctv' });
      ours.push(performance.now() - t0);
      t0 = performance.now();
      shapeCheck(yaml.load(sized));
      theirs.push(performance.now() - t0);
    }
    const a = stats(ours).p50;
    const b = stats(theirs).p50;
    const growth = previous === null || size === '64KiB' ? '—' : `${(a / previous).toFixed(2)}×`;
    console.log(`| ${size} | ${sized.length} | ${ms(a)} | ${ms(b)} | ${(a / b).toFixed(2)}× | ${growth} |`);
    previous = a;
  }
}
