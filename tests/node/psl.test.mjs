// The Public Suffix List as the package ships it: packed for download (scripts/pack-psl.mjs),
// unpacked by pkg-web/psl.js to exactly the rules the Rust crate builds in; a list as
// publicsuffix.org writes it passes through as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { PACKED, unpackPublicSuffixList } from '../../pkg-web/psl.js';
import { packPublicSuffixList } from '../../scripts/pack-psl.mjs';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
/** A list's comment lines and its rules (sorted), as the core reads them: trimmed. */
const parts = (text) => {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return {
    comments: lines.filter((l) => l.startsWith('//')),
    rules: lines.filter((l) => !l.startsWith('//')).sort(),
  };
};

test('the package\'s list is packed and unpacks to the rules of data/public_suffix_list.dat', () => {
  const shipped = read('../../pkg-web/public_suffix_list.dat');
  const original = read('../../data/public_suffix_list.dat');
  assert.ok(shipped.split('\n').includes(PACKED));
  assert.ok(shipped.length < original.length * 0.6, `${shipped.length} of ${original.length}`);
  const unpacked = unpackPublicSuffixList(shipped);
  assert.equal(unpacked.includes(PACKED), false);
  assert.deepEqual(parts(unpacked), parts(original));
  assert.equal(parts(original).rules.length > 9000, true);
});

test('wildcards, exceptions, Unicode rules and long shared runs survive packing', () => {
  const long = `${'a'.repeat(90)}.example`;
  const list = [
    '// header', '// ===BEGIN ICANN DOMAINS===', 'uk', 'co.uk', 'ac.uk', '*.ck', '!www.ck',
    'にっぽん.jp', '東京.jp', 'jp', `x.${long}`, `y.${long}`, long, '// ===END ICANN DOMAINS===',
    '// ===BEGIN PRIVATE DOMAINS===', 'github.io', '*.compute.example', '// ===END PRIVATE DOMAINS===',
  ].join('\n');
  const packed = packPublicSuffixList(list);
  // Sections stay apart: each rule comes back between the same two comment lines.
  const section = (text, name) => {
    const lines = text.split('\n');
    const from = lines.indexOf(`// ===BEGIN ${name} DOMAINS===`);
    const to = lines.indexOf(`// ===END ${name} DOMAINS===`);
    return lines.slice(from + 1, to).filter((l) => l !== PACKED).sort();
  };
  const unpacked = unpackPublicSuffixList(packed);
  for (const name of ['ICANN', 'PRIVATE']) {
    assert.deepEqual(section(unpacked, name), section(list, name), name);
  }
  assert.deepEqual(parts(unpacked), parts(list));
  // Rules under one top-level domain share their start: `uk`, then `uk.ac` (2), `uk.co` (3).
  const lines = packed.split('\n');
  const uk = lines.indexOf('0uk');
  assert.deepEqual(lines.slice(uk, uk + 3), ['0uk', '2.ac', '3co']);
});

test('a list as publicsuffix.org writes it is read as it is', () => {
  const list = '// ===BEGIN ICANN DOMAINS===\r\ncom\r\n*.ck\r\n!www.ck\r\n';
  assert.equal(unpackPublicSuffixList(list), list);
});
