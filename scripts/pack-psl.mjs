// Packs the Public Suffix List for download (pkg-web/psl.js says how, and unpacks it):
//   node scripts/pack-psl.mjs data/public_suffix_list.dat pkg-web/public_suffix_list.dat
// Comment lines stay where they are; between two of them, the rules are sorted and front-coded.
import { readFileSync, writeFileSync } from 'node:fs';
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [from, to] = process.argv.slice(2);
  writeFileSync(to, packPublicSuffixList(readFileSync(from, 'utf8')));
}
