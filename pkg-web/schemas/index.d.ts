// preflight-wasm/schemas: the built-in schemas, each importable on its own.
import type { SchemaModule } from '../index.js';

/** The built-in schemas, as `preflight schemas` lists them. */
export declare const schemas: { name: string; title: string; format: 'yaml' | 'json' | 'env' }[];

/** Imports one built-in schema's module on first use; rejects an unknown name. */
export declare function loadSchema(name: string): Promise<SchemaModule>;
