// The options object as both wasm modules read it, shared by the API (api.js) and the
// checker's worker (worker.js).

/**
 * The options the wasm reads: `schema` may be a schema module (`{ name, text }`, the default
 * export of preflight-wasm/schemas/NAME), which is passed on as its text. A `schemaText` given
 * beside it wins, as it wins over a built-in name.
 */
export function wasmOptions(options) {
  const schema = options?.schema;
  if (schema === null || typeof schema !== 'object') return options;
  if (typeof schema.text !== 'string') {
    throw new TypeError('invalid options: `schema` is a built-in name, or a schema module ({ name, text }) from preflight-wasm/schemas/NAME');
  }
  const { schema: _module, ...rest } = options;
  return { ...rest, schemaText: rest.schemaText ?? schema.text };
}
