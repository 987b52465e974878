// The package as a user gets it: `npm pack`, installed into a fresh project, then
// `npx preflight check` and an import by name from that project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../../pkg-web/', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('npm pack, install into a temp project, npx preflight check', { timeout: 120_000 }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-pack-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const packed = JSON.parse(execFileSync(npm, ['pack', pkg, '--json', '--pack-destination', dir], { encoding: 'utf8' }));
  const all = packed[0].files.map((f) => f.path).sort();
  // The Public Suffix List's 256 parts, and every other file by name.
  const parts = all.filter((f) => f.startsWith('public_suffix_list/'));
  assert.deepEqual(parts, Array.from({ length: 256 }, (_, n) => `public_suffix_list/${n}.dat`).sort());
  const files = all.filter((f) => !parts.includes(f));
  assert.deepEqual(files, [
    'README.md', 'api.js', 'bin/preflight.js', 'bin/preflight_cli.js', 'bin/preflight_cli_bg.wasm', 'checker.d.ts', 'checker.js', 'edits.js', 'explanations.js', 'index.d.ts', 'index.js', 'mailbox.js', 'node.js', 'options.js', 'package.json', 'preflight_check.js', 'preflight_check_bg.wasm', 'preflight_wasm.js', 'preflight_wasm_bg.wasm', 'preflight_wasm_node_bg.wasm', 'psl.js', 'public_suffix_list.dat',
    'schemas/demo.js', 'schemas/horizon.js', 'schemas/index.d.ts', 'schemas/index.js', 'schemas/pgstack.js', 'schemas/rend-api.js', 'schemas/rend-edge.js', 'schemas/rend-media-worker.js', 'schemas/schema.d.ts', 'schemas/stellar-paystack.js', 'schemas/synapse.js', 'schemas/synctv-helm.js', 'schemas/synctv.js',
    'worker.js',
  ]);
  const tarball = join(dir, packed[0].filename);
  const project = join(dir, 'app');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  execFileSync(npm, ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: project, encoding: 'utf8' });
  assert.ok(readdirSync(join(project, 'node_modules', '.bin')).includes('preflight'));

  writeFileSync(join(project, '.env.production'), 'PORT=70000\nPUBLIC_URL=http://shop.acme.io\n');
  writeFileSync(join(project, 'schema.yaml'), 'schema: shop\nformat: env\nfields:\n  PORT: { kind: port, required: always }\n  PUBLIC_URL: { kind: url }\n');
  const npx = (args) => spawnSync(npm, ['exec', '--offline', '--', 'preflight', ...args], { cwd: project, encoding: 'utf8' });
  const bad = npx(['check', '.env.production', '--schema', 'schema.yaml', '--format', 'github']);
  assert.equal(bad.status, 1, bad.stderr);
  assert.match(bad.stdout, /^::error file=\.env\.production,line=1,col=6,endLine=1,endColumn=11,title=preflight port\/out-of-range::/);
  writeFileSync(join(project, '.env.production'), 'PORT=8080\nPUBLIC_URL=https://shop.acme.io\n');
  const good = npx(['check', '.env.production', '--schema', 'schema.yaml']);
  assert.equal(good.status, 0, good.stdout + good.stderr);
  assert.equal(npx(['check', '.env.production', '--schema', 'missing.yaml']).status, 2);

  // Importing by name from the project resolves the Node entry (ready at import).
  writeFileSync(join(project, 'check.mjs'), "import { validate } from 'preflight-wasm';\nconst r = validate('PORT=1\\n', { schema: 'demo', format: 'env' });\nconsole.log(r.schema, typeof r.errors);\n");
  assert.equal(execFileSync(process.execPath, ['check.mjs'], { cwd: project, encoding: 'utf8' }), 'demo number\n');
  // The worker client, and the worker entry a bundler builds on its own.
  writeFileSync(join(project, 'worker.mjs'), "import { createChecker } from 'preflight-wasm';\nconsole.log(typeof createChecker, import.meta.resolve('preflight-wasm/worker').endsWith('/node_modules/preflight-wasm/worker.js'));\n");
  assert.equal(execFileSync(process.execPath, ['worker.mjs'], { cwd: project, encoding: 'utf8' }), 'function true\n');
  // The client alone, and the two modules a page or its worker fetches.
  writeFileSync(join(project, 'checker.mjs'), "import { createChecker } from 'preflight-wasm/checker';\nconst wasm = ['preflight-wasm/preflight_check_bg.wasm', 'preflight-wasm/preflight_wasm_bg.wasm'].map((m) => import.meta.resolve(m).split('/node_modules/')[1]);\nconsole.log(typeof createChecker, wasm.join(' '));\n");
  assert.equal(execFileSync(process.execPath, ['checker.mjs'], { cwd: project, encoding: 'utf8' }), 'function preflight-wasm/preflight_check_bg.wasm preflight-wasm/preflight_wasm_bg.wasm\n');
  // A schema module by its own path, the list with its loader, the explanations' module.
  writeFileSync(join(project, 'schemas.mjs'), "import { validate } from 'preflight-wasm';\nimport demo from 'preflight-wasm/schemas/demo';\nimport { schemas, loadSchema } from 'preflight-wasm/schemas';\nimport explanations from 'preflight-wasm/explanations';\nconst r = validate('server:\\n  workers: 0\\n', { schema: demo, profile: 'development' });\nconsole.log(r.diagnostics.find((d) => d.pointer === '/server/workers').code, schemas.length, (await loadSchema('synctv')).name, explanations['int/out-of-range'].text.split(':')[0]);\n");
  assert.equal(execFileSync(process.execPath, ['schemas.mjs'], { cwd: project, encoding: 'utf8' }), 'int/out-of-range 10 synctv int/out-of-range\n');
});
