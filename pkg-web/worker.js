// The worker entry: checks texts off the page's main thread. Start it through createChecker
// (checker.js), which speaks its protocol; the wasm is loaded once per worker, and the wasm
// module keeps the last compiled schema, so a schema is compiled once, not per check.
// It loads the checker module (preflight_check_bg.wasm: `validate` without the rest of the
// package's API, ≈ 24 KB gzipped smaller), or the package's module when the page passes that
// one as `wasm`: each module is run by its own glue, told apart by the module's imports.
//
// Protocol: the page posts { version, text | edits, options?, wasm?, psl? } (text: the whole
// text; edits: lists of changes to the text checked last, applied in turn (edits.js); options:
// validate()'s, sent when they change and kept until then; wasm: what init() takes; psl: where
// the Public Suffix List is, for a schema with a WebAuthn block (its URL, with the parts in
// public_suffix_list/N.dat beside it, which the worker loads as the checks' host names need
// them; or its text, loaded whole); both sent with the first message; mailbox: shared memory
// for the reports, with the first message when the page has one); the worker answers
// { version, length, report }, { version, length, shared: true } (the report is in the
// mailbox) or { version, length, error }, with the length of its text.
import { applyEdits } from './edits.js';
import { post } from './mailbox.js';
import { wasmOptions } from './options.js';
import initChecker, * as checkerModule from './preflight_check.js';

/** The glue of the loaded module: its validate, loadPublicSuffixList, … */
let ready = null;
/** The whole Public Suffix List on its way into the module, when a check needs it whole. */
let listLoading = null;
let psl;
let options;
/** The text of the last check (edits apply to it). */
let text = '';
/** Shared memory the page reads reports from (mailbox.js), when it gave one. */
let mailbox = null;

/** The parts of the list the module's last checks needed and did not have. */
function neededParts(module) {
  const needed = [];
  for (let n = module.publicSuffixListPartNeeded(); n !== undefined; n = module.publicSuffixListPartNeeded()) needed.push(n);
  return needed;
}

/** The whole list into `module`, once. */
function loadWhole(module) {
  listLoading ??= import('./psl.js').then((list) => list.loadPublicSuffixListInto(module.loadPublicSuffixList, psl));
  listLoading.catch(() => { listLoading = null; });
  return listLoading;
}

/** The parts of the list loaded or on their way, by number. */
const parts = new Map();

/** Loads parts `needed` of the list (public_suffix_list/N.dat beside the list's URL); when one
 * cannot be fetched, the whole list instead. */
async function loadParts(module, needed) {
  if (needed.every((n) => parts.has(n))) {
    // Loaded, and still needed: the module does not take them. The whole list does the same.
    return loadWhole(module);
  }
  const { loadPublicSuffixListPartInto } = await import('./psl.js');
  const base = psl === undefined ? undefined : new URL(psl, import.meta.url);
  for (const n of needed) {
    if (!parts.has(n)) parts.set(n, loadPublicSuffixListPartInto(module.loadPublicSuffixListPart, n, base));
  }
  try {
    await Promise.all(needed.map((n) => parts.get(n)));
  } catch {
    needed.forEach((n) => parts.delete(n));
    await loadWhole(module);
  }
}

/** Loads `wasm` (what the page passed, or the checker module beside this file) with its glue. */
async function load(wasm) {
  if (wasm === undefined || wasm === null) {
    await initChecker({ module_or_path: new URL('./preflight_check_bg.wasm', import.meta.url) });
    return checkerModule;
  }
  const compiled = await compile(wasm);
  const isChecker = WebAssembly.Module.imports(compiled).some((i) => i.module === './preflight_check_bg.js');
  const glue = isChecker ? checkerModule : await import('./preflight_wasm.js');
  await glue.default({ module_or_path: compiled });
  return glue;
}

/** A WebAssembly.Module from what init() takes: a module, its bytes, a URL or a Response. */
async function compile(wasm) {
  if (wasm instanceof WebAssembly.Module) return wasm;
  if (wasm instanceof ArrayBuffer || ArrayBuffer.isView(wasm)) return WebAssembly.compile(wasm);
  const response = wasm instanceof Response ? wasm : await fetch(wasm);
  return WebAssembly.compile(await response.arrayBuffer());
}

self.onmessage = async ({ data }) => {
  const { version, wasm } = data;
  if ('psl' in data) psl = data.psl;
  if ('options' in data) options = data.options;
  if ('mailbox' in data) mailbox = data.mailbox;
  try {
    text = 'text' in data ? data.text : applyEdits(text, data.edits);
    ready ??= load(wasm);
    const module = await ready;
    const given = wasmOptions(options);
    // Only for a schema that needs the Public Suffix List: its text, given by the page, is
    // loaded whole; else the parts the checks' host names need, as they need them.
    if (!module.publicSuffixListLoaded() && module.needsPublicSuffixList(given)) {
      if (typeof psl === 'string' && psl.includes('===BEGIN ICANN DOMAINS===')) await loadWhole(module);
      else module.startPublicSuffixListParts();
    }
    let report = module.validate(text, given);
    // The parts of the list this text's host names need: loaded, then the text checked again.
    for (let needed = neededParts(module); needed.length > 0; needed = neededParts(module)) {
      await loadParts(module, needed);
      report = module.validate(text, given);
    }
    if (mailbox && post(mailbox, version, text.length, report)) {
      self.postMessage({ version, length: text.length, shared: true });
    } else {
      self.postMessage({ version, length: text.length, report });
    }
  } catch (failure) {
    // A bad config never throws; options that do not work (a schema that does not compile,
    // an unknown schema name) do, and so does a wasm module that cannot be loaded.
    self.postMessage({ version, length: text.length, error: String(failure?.message ?? failure) });
  }
};
