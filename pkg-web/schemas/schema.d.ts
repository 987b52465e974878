// The type of every module preflight-wasm/schemas/NAME (generated JavaScript beside this file).
import type { SchemaModule } from '../index.js';

declare const schema: SchemaModule;
export default schema;
