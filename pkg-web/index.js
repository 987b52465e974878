// Browser entry: `await init()` loads preflight_wasm_bg.wasm next to this file (or the
// module, path, URL or Response you pass), then every function is synchronous.
import wasmInit from './preflight_wasm.js';
import { publicSuffixListLoaded, setExplanations, setPublicSuffixList } from './api.js';

export * from './api.js';
export { createChecker } from './checker.js';

let ready;

/** Loads and instantiates the wasm module once; later calls return the same promise. */
export function init(input) {
  ready ??= wasmInit({ module_or_path: input ?? new URL('./preflight_wasm_bg.wasm', import.meta.url) });
  return ready.then(() => undefined);
}

export default init;

let listLoading = null;

/**
 * Loads the Public Suffix List, which a schema with a WebAuthn block needs (the browsers'
 * module does not carry it: 34 KB gzipped most pages never need). `source` is the list's URL
 * or Response, or its text (packed, as the package ships it, or as publicsuffix.org writes
 * it); default public_suffix_list.dat beside this file. Call after
 * init(); later calls return the same promise.
 */
export function loadPublicSuffixList(source) {
  listLoading ??= (async () => {
    if (publicSuffixListLoaded()) return;
    // Its reader (psl.js) is imported with it: most pages never need either.
    const { loadPublicSuffixListInto } = await import('./psl.js');
    await loadPublicSuffixListInto(setPublicSuffixList, source);
  })();
  listLoading.catch(() => { listLoading = null; });
  return listLoading;
}

let explanationsLoading = null;

/**
 * Loads the registry's explanations and `preflight explain` texts (explanations.js beside this
 * file, ≈ 25 KB gzipped, imported on first call): explain() returns them afterwards. The
 * browsers' module carries only each code's summary and levels.
 */
export function loadExplanations() {
  explanationsLoading ??= import('./explanations.js').then((module) => setExplanations(module.default));
  explanationsLoading.catch(() => { explanationsLoading = null; });
  return explanationsLoading;
}
