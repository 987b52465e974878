// What a browser page downloads from preflight-wasm to check one system's configs, per
// built-in schema, from the built package (bash scripts/build-wasm.sh first): the wasm, the JS
// glue (every module the page's entry and the worker entry import, followed through their
// static imports), the schema's module and, when the schema has a WebAuthn block, the Public
// Suffix List. Two pages: one that checks on a worker only (preflight-wasm/checker: the
// checker module, as the editor example loads it), and one that also uses the API on the page
// (index.js: the package's module, given to its checker too). Also the whole package with
// everything: a page that imports the API, every schema and the explanations (bundled, they
// are one file: gzip finds what the schemas share). The glue is counted twice: the package's files as they are, and as a page's
// bundler writes them (esbuild --bundle --minify, splitting shared code into chunks, as the
// editor example is built; the figures in brackets of the tables, and what the goals count).
// Each file as a server sends it: gzipped
// (`gzip -9`, as scripts/build-wasm.sh reports sizes, and as the goals count), and in brackets
// brotli at quality 11, which most browsers also accept. Run: node scripts/page-size.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

import { build } from 'esbuild';

import { needsPublicSuffixList, schemas } from '../pkg-web/node.js';
import { partOf } from './pack-psl.mjs';

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

/** The glue as a bundler writes it: `entries` bundled and minified, with what each output
 * imports statically (shared chunks; dynamic imports, loaded on demand, are not counted).
 * Gzipped (level 9) and brotli (11) sizes, summed. */
async function bundled(entries) {
  const { outputFiles, metafile } = await build({
    entryPoints: entries.map(path), bundle: true, minify: true, splitting: true, format: 'esm',
    platform: 'browser', write: false, outdir: '/bundle', metafile: true, logLevel: 'error',
  });
  const name = (file) => file.split('/').pop();
  const contents = new Map(outputFiles.map((f) => [name(f.path), f.contents]));
  const seen = new Set();
  const visit = (out) => {
    if (seen.has(out)) return;
    seen.add(out);
    for (const { path: target, kind } of metafile.outputs[out].imports) {
      if (kind === 'import-statement' && metafile.outputs[target]) visit(target);
    }
  };
  // Dynamic imports are entry points of their own: only the page's and the worker's are started from.
  Object.entries(metafile.outputs)
    .filter(([, o]) => o.entryPoint && entries.map(name).includes(name(o.entryPoint)))
    .forEach(([out]) => visit(out));
  return [...seen].map((out) => contents.get(name(out))).reduce(([g, b], bytes) => [
    g + gzipSync(bytes, { level: 9 }).length,
    b + brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  ], [0, 0]);
}

// A page that checks on a worker: checker.js, and the worker with the checker module.
const checkerWasm = size(['preflight_check_bg.wasm']);
const checkerGlueFiles = glueOf(['checker.js', 'worker.js']);
const checkerGlue = size(checkerGlueFiles);
const checkerBundled = await bundled(['checker.js', 'worker.js']);
// A page that uses the API: index.js and its module, which its checker's worker runs as well.
const wasm = size(['preflight_wasm_bg.wasm']);
const glueFiles = glueOf(['index.js', 'worker.js']);
const glue = size(glueFiles);
const glueBundled = await bundled(['index.js', 'worker.js']);
// A page that needs the list also imports psl.js, which unpacks it. A checker's worker loads
// only the parts of the list its config's host names need, those of each host's last label
// and last two: the pages below count those of `acme-video.net` (the editor's SyncTV sample),
// and say what `example.com` and the whole list would be instead.
// psl.js, loaded on demand, counts as the package's file, and minified as a bundler writes it.
const pslJs = size(['psl.js']);
const pslJsBundled = await bundled(['psl.js']);
const listOf = (...data) => ({ files: add(size(data), pslJs), bundled: add(size(data), pslJsBundled) });
const psl = listOf('public_suffix_list.dat');
const partsOf = (domain) => [...new Set([domain, domain.split('.').pop()].map(partOf))].map((n) => `public_suffix_list/${n}.dat`);
const [pslNet, pslCom] = ['acme-video.net', 'example.com'].map((domain) => listOf(...partsOf(domain)));
const explanations = size(['explanations.js']);
console.log(`gzip -9 (brotli 11): checker module ${kb(checkerWasm)}, its glue (${checkerGlueFiles.join(' ')}) ${kb(checkerGlue)}, bundled ${kb(checkerBundled)}`);
console.log(`  the package's module ${kb(wasm)}, its glue (${glueFiles.join(' ')}) ${kb(glue)}, bundled ${kb(glueBundled)}`);
console.log(`  public_suffix_list.dat with psl.js ${kb(psl.files)} [bundled ${kb(psl.bundled)}]; with psl.js, the parts of acme-video.net ${kb(pslNet.files)} [${kb(pslNet.bundled)}], of example.com ${kb(pslCom.files)} [${kb(pslCom.bundled)}]; explanations.js ${kb(explanations)}`);
console.log('| schema | its module (bundled) | needs the PSL | a page that checks on a worker: package files [bundled] | a page with the API: package files [bundled] |');
console.log('|---|---|---|---|---|');
for (const { name } of schemas()) {
  const module = size([`schemas/${name}.js`]);
  const moduleBundled = await bundled([`schemas/${name}.js`]);
  const needs = needsPublicSuffixList({ schema: name });
  const none = { files: [0, 0], bundled: [0, 0] };
  const list = needs ? psl : none;
  const page = (wasmSize, glueSize, bundledSize, withList = list) => `${kb(add(wasmSize, glueSize, module, withList.files))} [${kb(add(wasmSize, bundledSize, moduleBundled, withList.bundled))}]`;
  // The worker's page loads the parts it needs; a page with the API loads the list whole.
  const worker = needs
    ? `${page(checkerWasm, checkerGlue, checkerBundled, pslNet)}; with \`example.com\`'s parts ${page(checkerWasm, checkerGlue, checkerBundled, pslCom)}; the whole list ${page(checkerWasm, checkerGlue, checkerBundled)}`
    : page(checkerWasm, checkerGlue, checkerBundled);
  console.log(`| ${name} | ${kb(module)} [${kb(moduleBundled)}] | ${needs ? 'yes' : 'no'} | ${worker} | ${page(wasm, glue, glueBundled)} |`);
}
const schemaFiles = readdirSync(new URL('schemas/', pkg)).filter((f) => f.endsWith('.js')).map((f) => `schemas/${f}`);
// Everything as a bundler writes it: a page that imports the API, every schema and the
// explanations statically, so its bundle holds them together (with the worker's entry beside it).
const pageDir = mkdtempSync(join(tmpdir(), 'page-size-'));
const everythingPage = join(pageDir, 'everything.js');
const imported = ['index.js', 'explanations.js', ...schemaFiles.filter((f) => f !== 'schemas/index.js')];
writeFileSync(everythingPage, imported.map((f, i) => `import * as m${i} from ${JSON.stringify(path(f))};`).join('\n') +
  `\nconsole.log(${imported.map((_, i) => `m${i}`).join(', ')});\n`);
const everythingBundled = await bundled([everythingPage, 'worker.js']);
rmSync(pageDir, { recursive: true, force: true });
console.log(`everything (the package's module and glue, every schema, the list, the explanations): ${kb(add(wasm, explanations, size(schemaFiles), glue, psl.files))} [${kb(add(wasm, everythingBundled, psl.bundled))}]`);
