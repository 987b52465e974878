// Browser entry: `await init()` loads preflight_wasm_bg.wasm next to this file (or the
// module, path, URL or Response you pass), then every function is synchronous.
import wasmInit from './preflight_wasm.js';

export * from './api.js';
export { createChecker } from './checker.js';

let ready;

/** Loads and instantiates the wasm module once; later calls return the same promise. */
export function init(input) {
  ready ??= wasmInit({ module_or_path: input ?? new URL('./preflight_wasm_bg.wasm', import.meta.url) });
  return ready.then(() => undefined);
}

export default init;
