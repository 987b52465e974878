// The Public Suffix List by parts: a checker's worker loads only the parts of the list that
// its config's host names need (pkg-web/public_suffix_list/N.dat, cut by each rule's last two
// labels: a host's rules are in the parts of its last label and of its last two). With
// those parts loaded, every WebAuthn finding must be the one the whole list gives (the Node
// module has it built in), for rules of every kind: plain, wildcard, exception, Unicode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as node from '../../pkg-web/node.js';
import * as checker from '../../pkg-web/preflight_check.js';
import { unpackPublicSuffixList } from '../../pkg-web/psl.js';
import { partOf, PARTS } from '../../scripts/pack-psl.mjs';
import { root } from './rust-cli.mjs';

const schemaText = readFileSync(`${root}tests/fixtures/unicode-hosts/schema.yaml`, 'utf8');
checker.initSync({ module: readFileSync(`${root}pkg-web/preflight_check_bg.wasm`) });
checker.startPublicSuffixListParts();

/** The parts loaded into the checker module, in order. */
const loaded = [];

/** The parts the checker module's last checks needed and did not have. */
function neededParts(module) {
  const needed = [];
  for (let n = module.publicSuffixListPartNeeded(); n !== undefined; n = module.publicSuffixListPartNeeded()) needed.push(n);
  return needed;
}

/** validate() as the worker runs it: the parts a check needs loaded, then checked again. */
function validateByParts(text) {
  let report = checker.validate(text, { schemaText });
  for (let needed = neededParts(checker); needed.length > 0;
    needed = neededParts(checker)) {
    for (const n of needed) {
      assert.ok(!loaded.includes(n), `part ${n} was loaded and is needed again`);
      const part = readFileSync(`${root}pkg-web/public_suffix_list/${n}.dat`, 'utf8');
      assert.equal(checker.loadPublicSuffixListPart(unpackPublicSuffixList(part)), true, `part ${n}`);
      loaded.push(n);
    }
    report = checker.validate(text, { schemaText });
  }
  return report;
}

const findings = (report) => report.diagnostics.map((d) => `${d.code} ${d.pointer} ${d.message}`);
const webauthn = (rpId, origin, allowed) => `webauthn:\n  enabled: true\n  rp_id: "${rpId}"\n  rp_origin: "${origin}"\n  allowed_origins: ["${allowed}"]\n`;

test('the packer cuts the list as the core looks it up', () => {
  // The same figures as the core's `part_of` test (src/relations/psl.rs).
  assert.deepEqual(['com', 'net', 'uk', 'io', 'de', 'xn--fiqs8s', 'jp', 'acme-video.net'].map(partOf), [222, 88, 161, 49, 162, 201, 119, 20]);
  // Every part is there, each with its number.
  const parts = Array.from({ length: PARTS }, (_, n) => readFileSync(`${root}pkg-web/public_suffix_list/${n}.dat`, 'utf8'));
  assert.ok(parts.every((part, n) => part.startsWith(`// preflight: Public Suffix List part ${n}\n`)));
});

test('a config under one domain loads the parts of its last label and its last two only', () => {
  const text = webauthn('acme-video.net', 'https://watch.acme-video.net', 'https://acme-video.net');
  assert.deepEqual(findings(validateByParts(text)), findings(node.validate(text, { schemaText })));
  assert.deepEqual(loaded, [partOf('acme-video.net'), partOf('net')].sort((a, b) => a - b));
  // A part that is not one is refused.
  assert.equal(checker.loadPublicSuffixListPart('net\ncom\n'), false);
});

test('with the parts a config needs, every finding is the whole list\'s', () => {
  // Every 20th rule of the list and every Unicode one: the rule as the RP ID (a public suffix,
  // unless an exception rule makes it registrable), and origins below it.
  const rules = readFileSync(`${root}data/public_suffix_list.dat`, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('//'))
    .filter((rule, i) => i % 20 === 0 || /[^\x00-\x7f]/.test(rule) || rule.startsWith('!') || rule.startsWith('*.'));
  assert.ok(rules.length > 900, `${rules.length} rules`);
  let said = 0;
  for (const rule of rules) {
    const name = rule.replace(/^(\*\.|!)/, '');
    const text = webauthn(name, `https://shop.${name}`, `https://a.b.${name}`);
    const expected = findings(node.validate(text, { schemaText }));
    said += expected.length;
    assert.deepEqual(findings(validateByParts(text)), expected, rule);
  }
  assert.ok(said > rules.length, `${said} findings`);
  // Parts are loaded once each, and a part only when a host needs it.
  assert.equal(new Set(loaded).size, loaded.length);
  assert.ok(loaded.length <= PARTS);
});
