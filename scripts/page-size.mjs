// What a browser page downloads from preflight-wasm to check one system's configs, per
// built-in schema, gzipped (`gzip -9`, as scripts/build-wasm.sh reports sizes; each file as a
// server sends it), from the built package
// (bash scripts/build-wasm.sh first): the wasm, the JS glue (with the worker client and the
// worker entry), the schema's module and, when the schema has a WebAuthn block, the Public
// Suffix List. Also the whole package with everything. Run: node scripts/page-size.mjs
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { needsPublicSuffixList, schemas } from '../pkg-web/node.js';

const pkg = new URL('../pkg-web/', import.meta.url);
const gz = (file) => execFileSync('gzip', ['-9c', fileURLToPath(new URL(file, pkg))]).length;
const sum = (files) => files.reduce((n, f) => n + gz(f), 0);
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

const wasm = gz('preflight_wasm_bg.wasm');
const glue = sum(['preflight_wasm.js', 'api.js', 'index.js', 'checker.js', 'worker.js']);
// A page that needs the list also imports psl.js, which unpacks it.
const psl = gz('public_suffix_list.dat') + gz('psl.js');
console.log(`wasm ${kb(wasm)}, glue (preflight_wasm.js api.js index.js checker.js worker.js) ${kb(glue)}, public_suffix_list.dat with psl.js ${kb(psl)}, explanations.js ${kb(gz('explanations.js'))}`);
console.log('| schema | its module | needs the PSL | a page for it downloads |');
console.log('|---|---|---|---|');
for (const { name } of schemas()) {
  const module = gz(`schemas/${name}.js`);
  const needs = needsPublicSuffixList({ schema: name });
  console.log(`| ${name} | ${kb(module)} | ${needs ? 'yes' : 'no'} | ${kb(wasm + glue + module + (needs ? psl : 0))} |`);
}
const schemaFiles = readdirSync(new URL('schemas/', pkg)).filter((f) => f.endsWith('.js')).map((f) => `schemas/${f}`);
const everything = wasm + glue + psl + gz('explanations.js') + sum(schemaFiles);
console.log(`everything (every schema, the list, the explanations): ${kb(everything)}`);
