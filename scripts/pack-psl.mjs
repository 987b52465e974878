// Packs the Public Suffix List for download (pkg-web/psl.js says how, and unpacks it):
//   node scripts/pack-psl.mjs data/public_suffix_list.dat pkg-web/public_suffix_list.dat [PARTS_DIR]
// Comment lines stay where they are; between two of them, the rules are sorted and front-coded.
// With PARTS_DIR, also the list cut into parts by each rule's last two labels (N.dat, each packed
// the same way), which a checker's worker loads as its checks need them.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { PACKED } from '../pkg-web/psl.js';

/** The most characters one rule's first character can say it shares (`0` + 74 is `z`). */
const MOST_SHARED = 74;

export function packPublicSuffixList(text) {
  const out = [];
  let rules = [];
  const flush = () => {
    const reversed = rules.map((rule) => rule.split('.').reverse().join('.'));
    reversed.sort();
    let before = '';
    for (const rule of reversed) {
      let shared = 0;
      while (shared < MOST_SHARED && shared < rule.length && rule[shared] === before[shared]) shared += 1;
      out.push(String.fromCharCode(48 + shared) + rule.slice(shared));
      before = rule;
    }
    rules = [];
  };
  let marked = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('//')) {
      flush();
      if (!marked && line.includes('===BEGIN ')) {
        out.push(PACKED);
        marked = true;
      }
      out.push(line);
    } else {
      rules.push(line);
    }
  }
  flush();
  return `${out.join('\n')}\n`;
}

/** How many parts; the core's `relations::PSL_PARTS`. */
export const PARTS = 256;

/** The part of the rules whose last two labels (or one) are `key` (lower-case A-labels):
 * FNV-1a of its bytes modulo PARTS, as the core's `public_suffix_list_part_of` computes it. A
 * host name's rules are in the parts of its last label and of its last two. */
export function partOf(key) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash % PARTS;
}

/** The last two labels of a rule (its one label, if it has one) as lower-case A-labels
 * (`*.` and `!` aside). */
function keyOf(rule) {
  const key = rule.replace(/^!|^\*\./, '').split('.').slice(-2).join('.').toLowerCase();
  return /^[\x00-\x7f]*$/.test(key) ? key : new URL(`http://${key}/`).hostname;
}

/** The list cut into PARTS texts by each rule's last two labels: each is the line
 * `// preflight: Public Suffix List part N`, then its rules, packed. */
export function partsOf(text) {
  const rules = Array.from({ length: PARTS }, () => []);
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('//')) continue;
    rules[partOf(keyOf(line))].push(line);
  }
  return rules.map((list, n) => {
    const packed = packPublicSuffixList(`// ===BEGIN ICANN DOMAINS===\n${list.join('\n')}\n`)
      .replace('// ===BEGIN ICANN DOMAINS===\n', '');
    return `// preflight: Public Suffix List part ${n}\n${packed}`;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [from, to, partsDir] = process.argv.slice(2);
  const text = readFileSync(from, 'utf8');
  writeFileSync(to, packPublicSuffixList(text));
  if (partsDir) {
    mkdirSync(partsDir, { recursive: true });
    partsOf(text).forEach((part, n) => writeFileSync(`${partsDir}/${n}.dat`, part));
  }
}
