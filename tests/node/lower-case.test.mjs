// Text compared without case in the WebAssembly modules. There `crates/host-text` lowers
// non-ASCII text with the JavaScript host's `toLowerCase`, so the modules carry no case tables
// of their own. Placeholders, development defaults and a secret's own lists must match as the
// Rust CLI matches them with core's `to_lowercase`: final sigma, a dotted capital I, full-width
// letters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as node from '../../pkg-web/node.js';
import init, * as web from '../../pkg-web/index.js';
import { root, rustBinary } from './rust-cli.mjs';

const dir = `${root}tests/fixtures/lower-case/`;
const schemaText = readFileSync(`${dir}schema.yaml`, 'utf8');
const text = readFileSync(`${dir}config.yaml`, 'utf8');

const findings = (report) => report.diagnostics.map((d) => `${d.code} ${d.pointer} ${d.message}`);

function native() {
  const args = ['check', '--no-config', `${dir}config.yaml`, '--schema', `${dir}schema.yaml`, '--format', 'json'];
  const out = spawnSync(rustBinary(), args, { encoding: 'utf8' });
  assert.equal(out.status, 1, out.stderr);
  return findings(JSON.parse(out.stdout));
}

test('both WebAssembly modules compare without case as the Rust CLI does', async () => {
  await init(readFileSync(`${root}pkg-web/preflight_wasm_bg.wasm`));
  const expected = native();
  // Which values match: ΟΔΥΣΣΕΥΣ lowers to οδυσσευς (its last Σ is final), not οδυσσευσ; İSTANBUL
  // to i̇stanbul (i and a combining dot), not istanbul.
  assert.deepEqual(expected.map((f) => f.split(' ').slice(0, 2).join(' ')), [
    'value/placeholder /values/a/v',
    'value/placeholder /values/b/v',
    'value/placeholder /values/c/v',
    'value/placeholder /values/d/v',
    'value/placeholder /values/f/v',
    'value/placeholder /values/h/v',
    'value/placeholder /values/i/v',
    'value/dev-default /values/j/v',
    'value/dev-default /values/k/v',
    'secret/dev-marker /secrets/a/v',
    'secret/placeholder /secrets/b/v',
  ]);
  assert.deepEqual(findings(node.validate(text, { schemaText })), expected, 'the Node module');
  assert.deepEqual(findings(web.validate(text, { schemaText })), expected, "the browsers' module");
});
