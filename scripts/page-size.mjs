// What a browser page downloads from preflight-wasm to check one system's configs, per
// built-in schema, from the built package (bash scripts/build-wasm.sh first): the wasm, the JS
// glue (every module index.js and the worker entry import, followed through their static
// imports), the schema's module and, when the schema has a WebAuthn block, the Public Suffix
// List. Also the whole package with everything. Each file as a server sends it: gzipped
// (`gzip -9`, as scripts/build-wasm.sh reports sizes, and as the goals count), and in brackets
// brotli at quality 11, which most browsers also accept. Run: node scripts/page-size.mjs
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

import { needsPublicSuffixList, schemas } from '../pkg-web/node.js';

const pkg = new URL('../pkg-web/', import.meta.url);
const path = (file) => fileURLToPath(new URL(file, pkg));
const gz = (file) => execFileSync('gzip', ['-9c', path(file)]).length;
const br = (file) => brotliCompressSync(readFileSync(path(file)), {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
}).length;
/** Gzipped and brotli sizes of `files`, summed. */
const size = (files) => files.reduce(([g, b], f) => [g + gz(f), b + br(f)], [0, 0]);
const add = (...sizes) => sizes.reduce(([g, b], [g2, b2]) => [g + g2, b + b2], [0, 0]);
const kb = ([g, b]) => `${(g / 1000).toFixed(1)} KB (${(b / 1000).toFixed(1)} KB)`;

/** The package's modules `entries` import, and theirs, up to the wasm glue: what a page loads
 * before it checks (dynamic imports, loaded on demand, are not followed). */
function glueOf(entries) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(path(file), 'utf8');
    for (const [, target] of text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'\.\/([^']+)'/gm)) visit(target);
  };
  entries.forEach(visit);
  return [...seen].sort();
}

const wasm = size(['preflight_wasm_bg.wasm']);
const glueFiles = glueOf(['index.js', 'worker.js']);
const glue = size(glueFiles);
// A page that needs the list also imports psl.js, which unpacks it.
const psl = size(['public_suffix_list.dat', 'psl.js']);
const explanations = size(['explanations.js']);
console.log(`gzip -9 (brotli 11): wasm ${kb(wasm)}, glue (${glueFiles.join(' ')}) ${kb(glue)}, public_suffix_list.dat with psl.js ${kb(psl)}, explanations.js ${kb(explanations)}`);
console.log('| schema | its module | needs the PSL | a page for it downloads, gzip (brotli) |');
console.log('|---|---|---|---|');
for (const { name } of schemas()) {
  const module = size([`schemas/${name}.js`]);
  const needs = needsPublicSuffixList({ schema: name });
  console.log(`| ${name} | ${kb(module)} | ${needs ? 'yes' : 'no'} | ${kb(add(wasm, glue, module, needs ? psl : [0, 0]))} |`);
}
const schemaFiles = readdirSync(new URL('schemas/', pkg)).filter((f) => f.endsWith('.js')).map((f) => `schemas/${f}`);
const everything = add(wasm, glue, psl, explanations, size(schemaFiles));
console.log(`everything (every schema, the list, the explanations): ${kb(everything)}`);
