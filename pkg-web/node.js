// Node entry: the wasm module is read and instantiated synchronously at import, so build
// scripts can call validate() at once. init() exists for code shared with browsers.
import { readFileSync } from 'node:fs';
import { initSync } from './preflight_wasm.js';

export * from './api.js';
// Node has no Web Worker: pass `worker` (e.g. worker_threads behind the same interface).
export { createChecker } from './checker.js';

initSync({ module: readFileSync(new URL('./preflight_wasm_bg.wasm', import.meta.url)) });

/** Already initialised in Node; resolves at once. */
export function init() {
  return Promise.resolve();
}

export default init;
