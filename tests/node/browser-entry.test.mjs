// The browser entry (index.js) run under Node: nothing works before init(); init() takes the
// module's bytes (a browser passes nothing and it fetches the .wasm beside index.js) and is
// idempotent. A real browser loads it in the editor's test (examples/editor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import init, { init as namedInit, validate } from '../../pkg-web/index.js';

test('init() loads the module once; the API is synchronous afterwards', async () => {
  assert.equal(init, namedInit);
  assert.throws(() => validate('PORT=1\n', { schema: 'demo' }));
  const bytes = readFileSync(new URL('../../pkg-web/preflight_wasm_bg.wasm', import.meta.url));
  await init(bytes);
  await init(bytes);
  const report = validate('server:\n  workers: 0\n', { schema: 'demo', profile: 'development' });
  assert.equal(report.diagnostics.find((d) => d.pointer === '/server/workers').code, 'int/out-of-range');
});
