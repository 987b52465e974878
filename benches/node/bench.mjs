// Figures for BENCHMARKS.md, printed by one run (build the package first):
//   bash scripts/build-wasm.sh && (cd benches/node && npm ci && node bench.mjs)
// 1. the gzipped size of what a browser downloads: the .wasm and the JS glue;
// 2. initSync (compile + instantiate, as pkg-web/node.js does at import);
// 3. per-call time of validate() on SyncTV's example config, side by side with js-yaml +
//    ajv doing a shape-only check (types of sections and common fields) of the same file.
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

// The shape-only baseline: sections are objects, ports integers in range, a few strings and
// lists typed. It checks far less than preflight (no secrets, origins, CIDRs, relations).
const obj = { type: 'object' };
const port = { type: 'integer', minimum: 0, maximum: 65535 };
const shape = {
  type: 'object',
  properties: {
    server: { type: 'object', properties: { host: { type: 'string' }, port, cors_allowed_origins: { type: 'array', items: { type: 'string' } }, trusted_proxies: { type: 'array', items: { type: 'string' } } } },
    database: { type: 'object', properties: { url: { type: 'string' }, max_connections: { type: 'integer', minimum: 1 } } },
    redis: { type: 'object', properties: { url: { type: 'string' } } },
    jwt: { type: 'object', properties: { secret: { type: 'string' } } },
    metrics: { type: 'object', properties: { enabled: { type: 'boolean' }, port } },
    health: { type: 'object', properties: { enabled: { type: 'boolean' }, port } },
    webauthn: { type: 'object', properties: { enabled: { type: 'boolean' }, rp_id: { type: 'string' }, rp_origin: { type: 'string' } } },
    logging: obj, time: obj, security: obj, management: obj, cache: obj, proxy_slice_cache: obj, livestream: obj,
    file_storage: obj, password_complexity: obj, connection_limits: obj, request_rate_limits: obj, bootstrap: obj,
    cluster: obj, media_providers: obj, webrtc: obj, buffer_sizes: obj,
  },
};
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
