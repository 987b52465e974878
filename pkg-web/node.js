// Node entry: the wasm module is read and instantiated synchronously at import, so build
// scripts can call validate() at once. init() exists for code shared with browsers. Node
// loads the speed-built module (preflight_wasm_node_bg.wasm: the same code and glue as the
// browsers' size-built one, compiled at opt-level 3), since a watcher or a test suite waits
// on each check and nobody downloads it.
import { readFileSync } from 'node:fs';
import { initSync } from './preflight_wasm.js';

export * from './api.js';
// Node has no Web Worker: pass `worker` (e.g. worker_threads behind the same interface).
export { createChecker } from './checker.js';

initSync({ module: readFileSync(new URL('./preflight_wasm_node_bg.wasm', import.meta.url)) });

/** Already initialised in Node; resolves at once. */
export function init() {
  return Promise.resolve();
}

export default init;

/** Node's module has the Public Suffix List built in; resolves at once. */
export function loadPublicSuffixList() {
  return Promise.resolve();
}

/** Node's module has the explanations built in; resolves at once. */
export function loadExplanations() {
  return Promise.resolve();
}
