// The two browser modules side by side in Node: the package's module (preflight_wasm_bg.wasm,
// built for size throughout, what init() loads for the API) and the checker module
// (preflight_check_bg.wasm, whose YAML scanner is built for speed, what createChecker's worker
// runs), each through its own glue, on SyncTV's example and the sized inputs, in turn so drift
// hits both alike. Build the package and the inputs first:
//   bash scripts/build-wasm.sh
//   PREFLIGHT_CORPUS=../shared/corpus cargo run --release -p preflight-scale-bench --bin sized-configs -- target/scale-inputs
//   node benches/node/modules.mjs
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const pkg = new URL('../../pkg-web/', import.meta.url);
const inputs = new URL('../../target/scale-inputs/', import.meta.url);
const list = readFileSync(new URL('../../data/public_suffix_list.dat', import.meta.url), 'utf8');
const { default: synctv } = await import(new URL('schemas/synctv.js', pkg).href);

async function load(glue, wasm) {
  const module = await import(new URL(glue, pkg).href);
  module.initSync({ module: readFileSync(new URL(wasm, pkg)) });
  module.loadPublicSuffixList(list);
  return module;
}
const modules = {
  'package module': await load('preflight_wasm.js', 'preflight_wasm_bg.wasm'),
  'checker module': await load('preflight_check.js', 'preflight_check_bg.wasm'),
};
const options = { schemaText: synctv.text, format: 'yaml' };
const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

console.log(`| input | bytes | ${Object.keys(modules).join(' p50 | ')} p50 | package / checker |`);
console.log('|---|---:|---:|---:|---:|');
for (const size of ['example', '64KiB', '256KiB', '1MiB', '4MiB']) {
  const file = new URL(`synctv-${size}.yaml`, inputs);
  if (!existsSync(file)) {
    console.log(`| ${size} | skipped: run the sized-configs command above first |`);
    continue;
  }
  const text = readFileSync(file, 'utf8');
  const runs = text.length > 1_000_000 ? 9 : text.length > 200_000 ? 25 : 101;
  const samples = Object.fromEntries(Object.keys(modules).map((name) => [name, []]));
  for (const module of Object.values(modules)) module.validate(text, options);
  for (let i = 0; i < runs; i++) {
    for (const [name, module] of Object.entries(modules)) {
      const t0 = performance.now();
      module.validate(text, options);
      samples[name].push(performance.now() - t0);
    }
  }
  const [a, b] = Object.values(samples).map(median);
  console.log(`| ${size} | ${text.length} | ${a.toFixed(3)} ms | ${b.toFixed(3)} ms | ${(a / b).toFixed(2)}× |`);
}
