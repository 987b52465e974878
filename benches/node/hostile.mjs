// The hostile shapes of issue 16 through the npm package (wasm, size build), at 4 MiB:
//   bash scripts/build-wasm.sh
//   cargo run --release -p preflight-scale-bench --bin hostile -- --write target/hostile
//   node benches/node/hostile.mjs target/hostile
// Prints the median of three validate() calls and of three formatReport() calls (the human
// report with code frames) per shape, and the time per MiB.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const dir = process.argv[2] ?? 'target/hostile';
const { validate, formatReport } = await import(new URL('../../pkg-web/node.js', import.meta.url).href);
const median = (fn) => {
  const times = [0, 1, 2].map(() => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  });
  return times.sort((a, b) => a - b)[1];
};
console.log('| file | MiB | validate | per MiB | formatReport (human) |');
console.log('|---|---|---|---|---|');
for (const file of readdirSync(dir).filter((f) => f.startsWith('hostile-')).sort()) {
  const text = readFileSync(join(dir, file), 'utf8');
  // hostile-NN-SCHEMA.FORMAT, as the generator names them.
  const [, schema, format] = file.match(/^hostile-\d+-(.+)\.(\w+)$/) ?? [];
  if (!schema) continue;
  const options = { schema, format };
  const mib = Buffer.byteLength(text) / 1048576;
  const check = median(() => validate(text, options));
  const human = median(() => formatReport(text, options, 'human', file));
  console.log(`| ${file} | ${mib.toFixed(2)} | ${check.toFixed(0)} ms | ${(check / mib).toFixed(0)} ms | ${human.toFixed(0)} ms |`);
}
