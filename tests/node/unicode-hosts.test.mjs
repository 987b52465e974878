// Unicode host names in the WebAssembly modules. There the `idna` crate (crates/idna) has no
// Unicode tables of its own: a name that needs them (non-ASCII, or an `xn--` label) is converted
// by the JavaScript host's `URL`, which runs the same UTS #46 processing. The Node module and
// the browsers' module must give the findings the Rust CLI gives with ICU4X: origins, e-mail
// domains, URLs, host names, WebAuthn RP IDs and the Public Suffix List's Unicode rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as node from '../../pkg-web/node.js';
import init, * as web from '../../pkg-web/index.js';
import { root, rustBinary } from './rust-cli.mjs';

const dir = `${root}tests/fixtures/unicode-hosts/`;
const schemaText = readFileSync(`${dir}schema.yaml`, 'utf8');
const FIXTURES = ['names', 'webauthn-a-label', 'webauthn-u-label', 'webauthn-public-suffix'];

const findings = (report) => report.diagnostics.map((d) => ({
  code: d.code,
  pointer: d.pointer,
  message: d.message,
  help: d.help,
  line: d.span?.start.line,
  column: d.span?.start.column,
}));

function native(name, file = `${dir}${name}.yaml`) {
  const args = ['check', '--no-config', file, '--schema', `${dir}schema.yaml`, '--format', 'json'];
  const out = spawnSync(rustBinary(), args, { encoding: 'utf8' });
  assert.ok(out.status === 0 || out.status === 1, out.stderr);
  return findings(JSON.parse(out.stdout));
}

async function browsersModule() {
  await init(readFileSync(`${root}pkg-web/preflight_wasm_bg.wasm`));
  if (!web.publicSuffixListLoaded()) {
    await web.loadPublicSuffixList(readFileSync(`${root}pkg-web/public_suffix_list.dat`));
  }
  return web;
}

test('both WebAssembly modules convert Unicode host names as the Rust CLI does', async () => {
  const browsers = await browsersModule();
  for (const name of FIXTURES) {
    const text = readFileSync(`${dir}${name}.yaml`, 'utf8');
    const expected = native(name);
    assert.ok(expected.length > 0, name);
    assert.deepEqual(findings(node.validate(text, { schemaText })), expected, `${name}: the Node module`);
    assert.deepEqual(findings(browsers.validate(text, { schemaText })), expected, `${name}: the browsers' module`);
  }
});

test('what the host converts: A-labels, mapping, and the names UTS #46 refuses', async () => {
  const browsers = await browsersModule();
  const text = readFileSync(`${dir}names.yaml`, 'utf8');
  const said = findings(browsers.validate(text, { schemaText }))
    .map((f) => `${f.code} ${f.pointer}${f.code === 'origin/non-canonical' ? ` ${f.help}` : ''}`);
  assert.deepEqual(said, [
    'origin/non-canonical /origins/0 write `https://xn--bcher-kva.de`',
    'origin/duplicate /origins/1',
    'origin/non-canonical /origins/1 write `https://xn--bcher-kva.de`',
    'origin/duplicate /origins/2',
    'origin/non-canonical /origins/3 write `https://xn--bcher-kva.de:8443`',
    // Nontransitional: ß is kept, not mapped to ss.
    'origin/non-canonical /origins/4 write `https://xn--strae-oqa.de`',
    // Full-width letters and dot, the ideographic full stop: mapped.
    'origin/non-canonical /origins/5 write `https://bucher.de`',
    'origin/non-canonical /origins/6 write `https://xn--mnchen-3ya.de`',
    'origin/non-canonical /origins/7 write `https://xn--r8jz45g.xn--zckzah`',
    // Punycode that does not decode, an empty one, a joiner out of place, a label mixing
    // right-to-left and left-to-right letters.
    'origin/invalid /origins/8',
    'origin/invalid /origins/9',
    'origin/invalid /origins/10',
    'origin/invalid /origins/11',
    'origin/documentation-domain /origins/12',
    'origin/non-canonical /origins/12 write `https://xn--4dbc.example`',
    'origin/documentation-domain /origins/13',
    'origin/non-canonical /origins/13 write `https://xn--mgb0j.example`',
    'origin/documentation-domain /origins/14',
    'origin/non-canonical /origins/14 write `https://xn--e28h.example`',
    // Ends in a number: an IPv4 address to a URL parser, and not a valid one.
    'origin/invalid /origins/15',
    'origin/non-canonical /origins/16 write `https://xn---bcher--o2a.de`',
    'origin/invalid-host /origins/17',
    'email/non-ascii /emails/0',
    'email/non-ascii /emails/3',
    'url/invalid /urls/1',
    'url/has-userinfo /urls/2',
    'hostname/invalid /hosts/0',
  ]);
});

test('every Unicode rule of the Public Suffix List converts as the Rust CLI converts it', async () => {
  const browsers = await browsersModule();
  // One origin under each rule written in Unicode (`*.` and `!` taken off): each is reported
  // as non-canonical, with its A-label form in the help.
  const rules = readFileSync(`${root}data/public_suffix_list.dat`, 'utf8')
    .split('\n')
    .map((line) => line.trim().replace(/^(\*\.|!)/, ''))
    .filter((rule) => rule && !rule.startsWith('//') && /[^\x00-\x7f]/.test(rule));
  assert.ok(rules.length > 400, `${rules.length} rules`);
  const text = `origins:\n${rules.map((rule) => `  - https://shop.${rule}\n`).join('')}`;
  const tmp = mkdtempSync(join(tmpdir(), 'preflight-psl-'));
  try {
    writeFileSync(join(tmp, 'psl.yaml'), text);
    const expected = native('psl', join(tmp, 'psl.yaml'));
    assert.equal(expected.filter((f) => f.code === 'origin/non-canonical').length, rules.length);
    assert.deepEqual(findings(node.validate(text, { schemaText })), expected, 'the Node module');
    assert.deepEqual(findings(browsers.validate(text, { schemaText })), expected, 'the browsers\' module');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
