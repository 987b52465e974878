// The JSON Schema export of every built-in schema, checked by two real clients: ajv (strict
// mode, draft 2020-12) and check-jsonschema (its metaschema check and validation). The clean
// fixtures validate; a wrong type and an unknown key fail at the pointer preflight reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { load as loadYaml } from 'js-yaml';
import { exportJsonSchema, schemas, validate } from 'preflight-wasm';

const root = fileURLToPath(new URL('../../', import.meta.url));
const checkJsonschema = join(root, 'target/tools-venv/bin/check-jsonschema');
const rust = join(root, 'target/debug/preflight');

function ajv() {
  const instance = new Ajv2020({ strict: true, allErrors: true });
  instance.addKeyword('x-preflight-kind'); // the export's one vendor keyword, declared
  return instance;
}

/** A dotenv file as the object an env schema's export describes (our fixtures' subset). */
function envObject(text) {
  const out = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [key, ...rest] = line.replace(/^export\s+/, '').split('=');
    let value = rest.join('=');
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    out[key] = value;
  }
  return out;
}

/** The clean fixtures of a built-in: tests/fixtures/<name>/valid_*, and the demo's clean.yaml. */
function cleanFixtures(name) {
  const dir = join(root, 'tests/fixtures', name);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('valid')).map((f) => join(dir, f)) : [];
  if (name === 'demo') files.push(join(root, 'examples/demo/clean.yaml'));
  return files;
}

function data(file) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.env')) return envObject(text);
  return file.endsWith('.json') ? JSON.parse(text) : loadYaml(text);
}

test('every built-in exports a schema ajv compiles in strict mode; clean fixtures validate', () => {
  const names = schemas().map((s) => s.name);
  assert.ok(names.length >= 9);
  let validated = 0;
  for (const name of names) {
    const schema = exportJsonSchema(name);
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', name);
    const check = ajv().compile(schema);
    for (const file of cleanFixtures(name)) {
      assert.equal(check(data(file)), true, `${file}: ${JSON.stringify(check.errors, null, 1)}`);
      validated++;
    }
  }
  assert.ok(validated >= 9, `${validated} clean fixtures validated`);
});

test('check-jsonschema: each export passes its metaschema check, the clean fixtures validate', (t) => {
  assert.ok(existsSync(checkJsonschema), 'run bash scripts/ci-tools.sh');
  const dir = mkdtempSync(join(tmpdir(), 'preflight-jsonschema-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const { name } of schemas()) {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(exportJsonSchema(name), null, 2));
    const meta = spawnSync(checkJsonschema, ['--check-metaschema', file], { encoding: 'utf8' });
    assert.equal(meta.status, 0, `${name}: ${meta.stdout}${meta.stderr}`);
    const fixtures = cleanFixtures(name).filter((f) => !f.endsWith('.env'));
    if (fixtures.length === 0) continue;
    const run = spawnSync(checkJsonschema, ['--schemafile', file, ...fixtures], { encoding: 'utf8' });
    assert.equal(run.status, 0, `${name}: ${run.stdout}${run.stderr}`);
  }
});

test('a wrong type and an unknown key fail at the pointer preflight reports', (t) => {
  const good = readFileSync(join(root, 'tests/fixtures/synctv/valid_production.yaml'), 'utf8');
  const bad = good.replace('  port: 8080\n', '  port: eighty\n  prot: 8080\n');
  assert.notEqual(bad, good);
  const report = validate(bad, { schema: 'synctv', format: 'yaml' });
  const reported = report.diagnostics.filter((d) => ['port/invalid', 'schema/unknown-field'].includes(d.code)).map((d) => [d.code, d.pointer]);
  assert.deepEqual(reported, [['port/invalid', '/server/port'], ['schema/unknown-field', '/server/prot']]);

  const schema = exportJsonSchema('synctv');
  const check = ajv().compile(schema);
  assert.equal(check(loadYaml(bad)), false);
  const failed = new Set(check.errors.map((e) => (e.keyword === 'additionalProperties' ? `${e.instancePath}/${e.params.additionalProperty}` : e.instancePath)));
  assert.deepEqual([...failed].sort(), ['/server/port', '/server/prot']);

  const dir = mkdtempSync(join(tmpdir(), 'preflight-jsonschema-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'synctv.json'), JSON.stringify(schema));
  writeFileSync(join(dir, 'bad.yaml'), bad);
  const run = spawnSync(checkJsonschema, ['--schemafile', join(dir, 'synctv.json'), '-o', 'json', join(dir, 'bad.yaml')], { encoding: 'utf8' });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  const paths = JSON.parse(run.stdout).errors.flatMap((e) => [e.path, ...(e.best_match ? [e.best_match.path] : [])]);
  assert.ok(paths.includes('$.server.port'), run.stdout);
  assert.ok(paths.some((p) => p === '$.server'), run.stdout); // additionalProperties names the key in its message
  assert.match(run.stdout, /'prot' was unexpected/);
});

test('`preflight schema export` prints what exportJsonSchema returns, byte for byte', () => {
  if (!existsSync(rust)) {
    const built = spawnSync('cargo', ['build', '--quiet', '--bin', 'preflight'], { cwd: root, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
  }
  for (const name of ['synctv', 'rend-api']) {
    const native = spawnSync(rust, ['schema', 'export', name], { encoding: 'utf8' });
    assert.equal(native.status, 0, native.stderr);
    assert.equal(native.stdout, `${JSON.stringify(exportJsonSchema(name), null, 2)}\n`, name);
    const js = spawnSync(process.execPath, [join(root, 'pkg-web/bin/preflight.js'), 'schema', 'export', name], { encoding: 'utf8' });
    assert.equal(js.stdout, native.stdout, name);
  }
});
