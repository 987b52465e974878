// What converting Unicode host names costs the npm package's modules, in fresh processes, for
// one or more built packages in turn (e.g. a worktree of an older commit and this one):
//   node scripts/host-names-timing.mjs [ROUNDS] PKG_DIR...
// Prints the medians (and ranges) of: loading the Public Suffix List into the browsers' module
// (it converts the list's Unicode rules), the Node module's first WebAuthn check (it builds its
// built-in list then), and one check of 200 Unicode names and of the same names in ASCII.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const fixtures = fileURLToPath(new URL('../tests/fixtures/unicode-hosts/', import.meta.url));
const schemaText = readFileSync(`${fixtures}schema.yaml`, 'utf8');

/** In a child: one measurement of `what` on the package in `pkg`, in ms. */
async function measure(pkg, what) {
  const webauthn = readFileSync(`${fixtures}webauthn-a-label.yaml`, 'utf8');
  if (what === 'psl-load') {
    const web = await import(`${pkg}/index.js`);
    await web.default(readFileSync(`${pkg}/preflight_wasm_bg.wasm`));
    const list = readFileSync(`${pkg}/public_suffix_list.dat`, 'utf8');
    const start = performance.now();
    await web.loadPublicSuffixList(list);
    return performance.now() - start;
  }
  const node = await import(`${pkg}/node.js`);
  node.validate('a: 1\n', { schemaText });
  if (what === 'first-webauthn') {
    const start = performance.now();
    node.validate(webauthn, { schemaText });
    return performance.now() - start;
  }
  const names = (name) => `hosts:\n${[...Array(100).keys()].map((i) => `  - ${name}${i}.de\n`).join('')}`
    + `origins:\n${[...Array(100).keys()].map((i) => `  - https://${name}${i}.de\n`).join('')}`;
  const text = names(what === 'unicode-names' ? 'bücher' : 'buecher');
  for (let i = 0; i < 50; i++) node.validate(text, { schemaText });
  const start = performance.now();
  for (let i = 0; i < 200; i++) node.validate(text, { schemaText });
  return (performance.now() - start) / 200;
}

if (process.argv[2] === '--child') {
  console.log(await measure(process.argv[3], process.argv[4]));
} else {
  const args = process.argv.slice(2);
  const rounds = /^\d+$/.test(args[0]) ? Number(args.shift()) : 15;
  const whats = ['psl-load', 'first-webauthn', 'unicode-names', 'ascii-names'];
  const runs = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const what of whats) {
      for (const pkg of args) {
        const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', pkg, what], { encoding: 'utf8' });
        if (out.status !== 0) throw new Error(out.stderr);
        const key = `${what} ${pkg}`;
        runs.set(key, [...(runs.get(key) ?? []), Number(out.stdout)]);
      }
    }
  }
  for (const [key, ms] of runs) {
    ms.sort((a, b) => a - b);
    console.log(`${key}: median ${ms[ms.length >> 1].toFixed(2)} ms (${ms[0].toFixed(2)}–${ms[ms.length - 1].toFixed(2)}, ${ms.length} runs)`);
  }
}
