// Numbers in the WebAssembly modules. There `crates/host-text` reads float literals with the
// JavaScript host's `Number` and takes the digits it writes from `toExponential()`, so the
// modules carry neither core's float parser nor its printer. A message that quotes a number
// must read the same as the Rust CLI's, which uses core's: for every kind of double (every
// binade, both signs, the edges where Rust's `{}` stops writing a fraction) and for the
// schema's own literals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as node from '../../pkg-web/node.js';
import init, * as web from '../../pkg-web/index.js';
import { root, rustBinary } from './rust-cli.mjs';

const schemaFile = `${root}tests/fixtures/float-text/schema.yaml`;
const schemaText = readFileSync(schemaFile, 'utf8');

/** Doubles from a fixed xorshift walk over bit patterns, and the edges of the formats. */
function doubles(count) {
  const out = [0, -0, 1, 0.1, 0.5, 1.5, 1e-4, 9.999e-5, 1e15, 1e16, 1e21, 1e22, 123456789012345680000,
    Number.MAX_VALUE, Number.MIN_VALUE, 2.2250738585072014e-308, 9007199254740993, 1 / 3];
  const bits = new BigUint64Array(1);
  const view = new Float64Array(bits.buffer);
  let state = 0x9E3779B97F4A7C15n;
  const mask = (1n << 64n) - 1n;
  while (out.length < count) {
    state ^= (state << 13n) & mask;
    state ^= state >> 7n;
    state ^= (state << 17n) & mask;
    bits[0] = state;
    if (Number.isFinite(view[0])) out.push(view[0]);
  }
  return out;
}

/** A JSON config with each double as a value: JSON.stringify writes JavaScript's shortest
 * digits, which both sides read back to the same double. */
function config(values) {
  const entries = values.map((x, i) => `"n${i}": {"v": ${Object.is(x, -0) ? '-0.0' : JSON.stringify(x)}}`);
  return `{"values": {${entries.join(', ')}}}\n`;
}

const messages = (report) => report.diagnostics.map((d) => `${d.pointer} ${d.message}`);

function native(text) {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-float-'));
  try {
    writeFileSync(join(dir, 'config.json'), text);
    const args = ['check', '--no-config', join(dir, 'config.json'), '--schema', schemaFile, '--format', 'json'];
    const out = spawnSync(rustBinary(), args, { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(out.status, 1, out.stderr);
    return messages(JSON.parse(out.stdout));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('both WebAssembly modules write numbers in messages as the Rust CLI does', async () => {
  await init(readFileSync(`${root}pkg-web/preflight_wasm_bg.wasm`));
  // A report holds at most 1,000 findings: 1,000 values per config.
  const all = doubles(3000);
  for (let at = 0; at < all.length; at += 1000) {
    const text = config(all.slice(at, at + 1000));
    const expected = native(text);
    // Every value but those the schema expects (0, -0, 0.5 and 1e21) is quoted.
    assert.equal(expected.length, at === 0 ? 996 : 1000);
    assert.deepEqual(messages(node.validate(text, { schemaText })), expected, 'the Node module');
    assert.deepEqual(messages(web.validate(text, { schemaText })), expected, "the browsers' module");
  }
});

test('what the messages say: Rust’s `{}` of the value and of the schema’s literals', async () => {
  await init(readFileSync(`${root}pkg-web/preflight_wasm_bg.wasm`));
  const text = config([2e21, 2.5e-7, 5e-324, 1, 2.5e300, -1e-5]);
  const needs = '`0.5`, `1000000000000000000000`, `0.00000015`, `-0`, `12345.678`, `0.0001` or `9999000000000000`';
  const said = messages(web.validate(text, { schemaText }));
  assert.equal(said[0], `/values/n0/v \`values.n0.v\` is \`2000000000000000000000\`, but a production config needs ${needs}`);
  assert.deepEqual(said.map((m) => m.split('`')[3]), [
    '2000000000000000000000',
    '0.00000025',
    `0.${'0'.repeat(323)}5`,
    '1',
    `25${'0'.repeat(299)}`,
    '-0.00001',
  ]);
  assert.deepEqual(said, native(text));
});
