// The browser entry (index.js) run under Node: nothing works before init(); init() takes the
// module's bytes (a browser passes nothing and it fetches the .wasm beside index.js) and is
// idempotent; the Public Suffix List is loaded for a WebAuthn block, and the results then
// are the Node module's (which has it built in; api.test.mjs holds the same findings there). A real browser loads it in the editor's test (examples/editor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import init, {
  codes, explain, explanationsLoaded, init as namedInit, loadExplanations, loadPublicSuffixList,
  needsPublicSuffixList, publicSuffixListLoaded, validate,
} from '../../pkg-web/index.js';
// The browsers' module has no built-in schemas: a page imports each one it uses.
import demo from '../../pkg-web/schemas/demo.js';
import synctv from '../../pkg-web/schemas/synctv.js';
import { execFileSync } from 'node:child_process';

test('init() loads the module once; the API is synchronous afterwards', async () => {
  assert.equal(init, namedInit);
  assert.throws(() => validate('PORT=1\n', { schema: 'demo' }));
  const bytes = readFileSync(new URL('../../pkg-web/preflight_wasm_bg.wasm', import.meta.url));
  await init(bytes);
  await init(bytes);
  const report = validate('server:\n  workers: 0\n', { schema: demo, profile: 'development' });
  // No built-in schemas to extend in this module: the message says what to use instead.
  assert.throws(() => validate('', { schemaText: 'schema: mine\nextends: demo\n' }),
    /invalid schema at \/extends \(line 2, column 10\): `extends: demo` needs the built-in schemas, which this build leaves out; use the schema's standalone text \(preflight-wasm\/schemas\/demo\)/);
  assert.equal(report.diagnostics.find((d) => d.pointer === '/server/workers').code, 'int/out-of-range');
});

test('the browsers\' module loads the Public Suffix List for a WebAuthn block, then agrees with Node\'s', async () => {
  const bytes = readFileSync(new URL('../../pkg-web/preflight_wasm_bg.wasm', import.meta.url));
  await init(bytes);
  const config = readFileSync(new URL('../fixtures/synctv/valid_production.yaml', import.meta.url), 'utf8');
  const found = (report) => report.diagnostics.map((d) => [d.code, d.pointer, d.span?.start.line, d.span?.start.column]);
  // The demo schema has no WebAuthn block: it is checked at once.
  assert.equal(needsPublicSuffixList({ schema: demo }), false);
  assert.equal(validate('server:\n  workers: 1\n', { schema: demo, profile: 'development' }).schema, 'demo');
  // SyncTV's has one: refused until the list is in place, never checked without it.
  assert.equal(needsPublicSuffixList({ schema: synctv }), true);
  assert.equal(publicSuffixListLoaded(), false);
  assert.throws(() => validate(config, { schema: synctv }), /needs the Public Suffix List: `await loadPublicSuffixList\(\)` first/);
  await assert.rejects(loadPublicSuffixList('not the list'), /fetch|URL|Invalid/i);
  await assert.rejects(loadPublicSuffixList(new Response('===BEGIN ICANN DOMAINS=== is not enough\n')), /not the Public Suffix List|Public Suffix List/);
  const list = readFileSync(new URL('../../pkg-web/public_suffix_list.dat', import.meta.url), 'utf8');
  await loadPublicSuffixList(list);
  assert.equal(publicSuffixListLoaded(), true);
  const cases = [
    ['rp_id: net', [['webauthn/rp-id-public-suffix', '/webauthn/rp_id', 71, 10]]],
    ['rp_id: other-video.net', [['webauthn/rp-id-mismatch', '/webauthn/rp_id', 71, 10]]],
    ['rp_id: watch.acme-video.net', [['webauthn/rp-id-mismatch', '/webauthn/allowed_origins/0', 73, 21]]],
  ];
  for (const [line, want] of cases) {
    const text = config.replace('rp_id: acme-video.net', line);
    assert.deepEqual(found(validate(text, { schema: synctv })), want, line);
  }
});

test('the browsers\' module explains a code in full once the explanations are loaded', async () => {
  const bytes = readFileSync(new URL('../../pkg-web/preflight_wasm_bg.wasm', import.meta.url));
  await init(bytes);
  // Built without them: each code's summary and levels, nothing more, until loaded.
  const before = explain('origin/has-path');
  assert.equal(explanationsLoaded(), false);
  assert.deepEqual(
    [before.code, before.production, before.explanation, before.text],
    ['origin/has-path', 'error', '', ''],
  );
  assert.match(before.summary, /\.$/);
  await loadExplanations();
  await loadExplanations();
  assert.equal(explanationsLoaded(), true);
  const after = explain('origin/has-path');
  assert.deepEqual({ ...after, explanation: '', text: '' }, before);
  assert.ok(after.explanation.length > 40);
  assert.ok(after.text.startsWith(`origin/has-path: ${before.summary}\n\nproduction: error; development:`), after.text);
  assert.match(after.text, /\nFails:\n[\s\S]*\nPasses:\n/);
  assert.ok(codes().every((code) => explain(code).explanation.length > 40), 'every code');
  // Node's module has the registry's texts built in (its own process: both entries share api.js).
  const builtIn = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e',
    "import { codes, explain } from './pkg-web/node.js'; console.log(JSON.stringify(codes().map(explain)));",
  ], { cwd: new URL('../..', import.meta.url), encoding: 'utf8' }));
  assert.deepEqual(codes().map(explain), builtIn);
  assert.equal(explain('origin/nope'), undefined);
});
