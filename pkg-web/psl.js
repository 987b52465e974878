// The Public Suffix List as the package ships it (public_suffix_list.dat), packed for
// download by scripts/pack-psl.mjs: 34 KB gzipped instead of 45 KB. Its rules are sorted by
// their labels from the right and written right to left (`co.uk` as `uk.co`), each after one
// character that says how many characters it shares with the rule before (`0` none, `1` one,
// …), so a run of rules under one top-level domain costs little more than their differences.

/** The line that marks a packed list. */
export const PACKED = '// preflight: packed Public Suffix List 1';

/** A list's text as the core reads it: a packed list unpacked, any other text as it is. */
export function unpackPublicSuffixList(text) {
  const lines = text.split('\n');
  if (!lines.includes(PACKED)) return text;
  const out = [];
  let before = '';
  for (const line of lines) {
    if (line === PACKED) continue;
    if (line === '' || line.startsWith('//')) {
      out.push(line);
      continue;
    }
    const reversed = before.slice(0, line.charCodeAt(0) - 48) + line.slice(1);
    out.push(reversed.split('.').reverse().join('.'));
    before = reversed;
  }
  return out.join('\n');
}

/**
 * Reads the list from `source` (its URL or Response, or its text, packed or as publicsuffix.org
 * writes it; default public_suffix_list.dat beside this file) and gives it to `load`, a wasm
 * module's loadPublicSuffixList, which must take it.
 */
export async function loadPublicSuffixListInto(load, source) {
  const given = source ?? new URL('./public_suffix_list.dat', import.meta.url);
  const text = typeof given === 'string' && given.includes('===BEGIN ICANN DOMAINS===')
    ? given
    : await (given instanceof Response ? given : await fetch(given)).text();
  if (!load(unpackPublicSuffixList(text))) throw new Error('the text given is not the Public Suffix List');
}

/**
 * Loads part `n` of the list (public_suffix_list/N.dat beside `list`, the whole list's URL;
 * default beside this file) and gives it to `load`, a wasm module's loadPublicSuffixListPart.
 */
export async function loadPublicSuffixListPartInto(load, n, list) {
  const base = list ?? new URL('./public_suffix_list.dat', import.meta.url);
  const response = await fetch(new URL(`public_suffix_list/${n}.dat`, base));
  if (!response.ok) throw new Error(`part ${n} of the Public Suffix List: HTTP ${response.status}`);
  if (!load(unpackPublicSuffixList(await response.text()))) throw new Error(`part ${n} of the Public Suffix List is not one`);
}
