// preflight-wasm/schemas: every built-in schema as its own module, for the browsers' module,
// which has none built in. Through the browsers' module, each gives exactly the report Node's
// module gives by name (it has them built in) on every fixture of its system, in both
// profiles; the list matches Node's; a name alone tells the page what to import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import init, {
  exportJsonSchema, loadPublicSuffixList, schemas as builtIn, validate,
} from '../../pkg-web/index.js';
import { loadSchema, schemas } from 'preflight-wasm/schemas';

const fixtures = new URL('../fixtures/', import.meta.url);
const PROFILES = ['production', 'development'];

/** Each schema's inputs: its system's fixtures, and an empty text. */
function inputs(name) {
  const dir = new URL(`${name}/`, fixtures);
  const files = existsSync(dir) ? readdirSync(dir).sort() : [];
  return [['(empty)', ''], ...files.map((file) => [file, readFileSync(new URL(file, dir), 'utf8')])];
}

/** Reports of Node's module (a worker thread: one process holds one module), by schema name. */
function nodeReports(jobs) {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.entry).then(({ validate, exportJsonSchema }) => {
      const run = (f) => { try { return { value: f() }; } catch (e) { return { error: String(e.message ?? e) }; } };
      parentPort.postMessage({
        reports: workerData.jobs.map(({ text, options }) => run(() => validate(text, options))),
        jsonSchemas: workerData.names.map((name) => exportJsonSchema(name)),
      });
    });`;
  const entry = new URL('../../pkg-web/node.js', import.meta.url).href;
  const names = schemas.map((s) => s.name);
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { entry, jobs, names } });
    worker.once('message', (answer) => { resolve(answer); worker.terminate(); });
    worker.once('error', reject);
  });
}

test('the schema list is the Node module\'s, and each module loads under its name', async () => {
  const wasm = readFileSync(new URL('../../pkg-web/preflight_wasm_bg.wasm', import.meta.url));
  await init(wasm);
  assert.deepEqual(builtIn(), [], 'the browsers\' module has no schemas built in');
  assert.deepEqual(schemas.map((s) => s.name), [
    'synctv', 'synctv-helm', 'horizon', 'synapse', 'stellar-paystack', 'pgstack', 'rend-api',
    'rend-media-worker', 'rend-edge', 'demo',
  ]);
  for (const info of schemas) {
    const module = await loadSchema(info.name);
    assert.deepEqual({ name: module.name, title: module.title, format: module.format }, info);
    assert.equal(typeof module.text, 'string');
    assert.equal(JSON.parse(module.text).schema, info.name);
    assert.equal('extends' in JSON.parse(module.text), false, `${info.name}: standalone`);
  }
  await assert.rejects(loadSchema('nope'), /unknown schema `nope` \(expected one of synctv, /);
  await assert.rejects(loadSchema('toString'), /unknown schema `toString`/);
  assert.throws(() => validate('PORT=1\n', { schema: 'pgstack' }),
    /unknown schema `pgstack`: this module has no built-in schemas; import the schema from 'preflight-wasm\/schemas\/pgstack' and pass it as `schema`/);
  assert.throws(() => validate('', { schema: { name: 'x' } }), /a schema module \(\{ name, text \}\)/);
});

test('each schema module checks through the browsers\' module exactly as Node\'s built-in does', async () => {
  const wasm = readFileSync(new URL('../../pkg-web/preflight_wasm_bg.wasm', import.meta.url));
  await init(wasm);
  await loadPublicSuffixList(readFileSync(new URL('../../pkg-web/public_suffix_list.dat', import.meta.url), 'utf8'));
  const jobs = [];
  for (const { name } of schemas) {
    for (const [file, text] of inputs(name)) {
      for (const profile of PROFILES) jobs.push({ name, file, text, options: { schema: name, profile } });
    }
  }
  const { reports, jsonSchemas } = await nodeReports(jobs.map(({ text, options }) => ({ text, options })));
  let withFindings = 0;
  for (const [i, { name, file, text, options }] of jobs.entries()) {
    const module = await loadSchema(name);
    const want = reports[i];
    assert.ok('value' in want, `${name} ${file}: ${want.error}`);
    const got = validate(text, { ...options, schema: module });
    assert.deepEqual(got, want.value, `${name} ${file} ${options.profile}`);
    if (got.diagnostics.length > 0) withFindings += 1;
  }
  // Not a comparison of empty reports: most inputs have findings.
  assert.ok(withFindings > jobs.length / 2, `${withFindings} of ${jobs.length} reports have findings`);
  for (const [i, { name }] of schemas.entries()) {
    assert.deepEqual(exportJsonSchema(await loadSchema(name)), jsonSchemas[i], name);
  }
});
