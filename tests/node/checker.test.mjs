// The worker client (createChecker) with the package's real worker entry on a worker_threads
// thread (checker-worker.js): reports as validate() gives them, results older than the newest
// text dropped, one check running and one waiting, options changed between checks, misuse
// rejected, the worker recycled after a large text. A real browser runs it in the editor's
// test (examples/editor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createChecker, validate } from 'preflight-wasm';
import demo from 'preflight-wasm/schemas/demo';
import synctv from 'preflight-wasm/schemas/synctv';

const wasm = new WebAssembly.Module(readFileSync(new URL('../../pkg-web/preflight_wasm_bg.wasm', import.meta.url)));
const CONFIG = 'server:\n  listen: 0.0.0.0:8080\n  workers: 0\n  public_url: http://app.example.com\n';
// The worker runs the browsers' module, which has no built-in schemas: the page imports them.
const OPTIONS = { schema: demo, profile: 'development' };

/**
 * A factory of workers with the Web Worker interface; `started` lists the texts each was sent,
 * `withOptions` whether each message carried options.
 */
function workers({ delay = 0 } = {}) {
  const started = [];
  const withOptions = [];
  const make = () => {
    const thread = new Worker(new URL('./checker-worker.js', import.meta.url), { workerData: { delay } });
    const sent = [];
    started.push(sent);
    const worker = {
      onmessage: null,
      onerror: null,
      postMessage(message) {
        sent.push(message.text);
        withOptions.push('options' in message);
        thread.postMessage(message);
      },
      terminate() {
        thread.terminate();
      },
    };
    thread.on('message', (data) => worker.onmessage?.({ data }));
    thread.on('error', (error) => worker.onerror?.({ message: error.message }));
    return worker;
  };
  return { make, started, withOptions };
}

/** `[code, pointer, line, column]` of every diagnostic but the missing keys the demo config leaves out. */
const found = (report) => report.diagnostics
  .filter((d) => d.code !== 'schema/missing-required')
  .map((d) => [d.code, d.pointer, d.span?.start.line, d.span?.start.column]);

test('a check on the worker gives the report validate() gives', async () => {
  const { make, started, withOptions } = workers();
  const checker = createChecker({ ...OPTIONS, worker: make, wasm });
  try {
    const report = await checker.check(CONFIG);
    assert.deepEqual(report, validate(CONFIG, OPTIONS));
    assert.deepEqual(found(report), [['int/out-of-range', '/server/workers', 3, 12]]);
    // The same worker for the next check, with changed options.
    checker.configure({ ...OPTIONS, profile: 'production' });
    const production = await checker.check(CONFIG);
    assert.equal(production.profile, 'production');
    assert.deepEqual(found(production), [
      ['int/out-of-range', '/server/workers', 3, 12],
      ['url/not-https', '/server/public_url', 4, 15],
    ]);
    assert.equal(checker.workersStarted, 1);
    assert.equal(started.length, 1);
    // Options go to the worker when they change, not with every text.
    assert.equal((await checker.check(CONFIG)).profile, 'production');
    assert.deepEqual(withOptions, [true, true, false]);
  } finally {
    checker.close();
  }
});

test('results older than the newest text are dropped; texts sent meanwhile wait, the newest only', async () => {
  const { make, started } = workers({ delay: 50 });
  const checker = createChecker({ ...OPTIONS, worker: make, wasm });
  try {
    const texts = [0, 1, 2, 3].map((n) => CONFIG.replace('workers: 0', `workers: ${n}`));
    const results = await Promise.all(texts.map((t) => checker.check(t)));
    // The first was running when the others came: it is answered, but stale; the second and
    // third were replaced while waiting, so never sent; the fourth is the newest.
    assert.deepEqual(results.slice(0, 3), [null, null, null]);
    assert.deepEqual(found(results[3]), []);
    assert.deepEqual(started, [[texts[0], texts[3]]]);
  } finally {
    checker.close();
  }
});

test('options that do not work reject the newest check; the checker goes on', async () => {
  const { make } = workers();
  const checker = createChecker({ schema: 'no-such-schema', worker: make, wasm });
  try {
    await assert.rejects(checker.check(CONFIG), /unknown schema `no-such-schema`/);
    checker.configure({ schema: 'demo' });
    await assert.rejects(checker.check(CONFIG), /unknown schema `demo`: this module has no built-in schemas; import the schema from 'preflight-wasm\/schemas\/demo'/);
    checker.configure(OPTIONS);
    assert.deepEqual(found(await checker.check(CONFIG)), [['int/out-of-range', '/server/workers', 3, 12]]);
  } finally {
    checker.close();
  }
});

test('a text over recycleAfter ends the worker after its check; the next check starts another', async () => {
  const { make, started } = workers();
  const checker = createChecker({ ...OPTIONS, worker: make, wasm, recycleAfter: 1000 });
  try {
    const large = `${CONFIG}${'# padding\n'.repeat(200)}`;
    assert.deepEqual(found(await checker.check(CONFIG)), [['int/out-of-range', '/server/workers', 3, 12]]);
    assert.deepEqual(found(await checker.check(large)), [['int/out-of-range', '/server/workers', 3, 12]]);
    assert.equal(checker.workersStarted, 1);
    assert.deepEqual(found(await checker.check(CONFIG)), [['int/out-of-range', '/server/workers', 3, 12]]);
    assert.equal(checker.workersStarted, 2);
    assert.deepEqual(started.map((texts) => texts.length), [2, 1]);
  } finally {
    checker.close();
  }
});

test('close() resolves what is pending to null and refuses later checks', async () => {
  const { make } = workers({ delay: 50 });
  const checker = createChecker({ ...OPTIONS, worker: make, wasm });
  const pending = checker.check(CONFIG);
  checker.close();
  assert.equal(await pending, null);
  await assert.rejects(checker.check(CONFIG), /closed/);
});

test('a schema with a WebAuthn block: the worker loads the Public Suffix List it is given, once', async () => {
  const { make, started } = workers();
  const psl = readFileSync(new URL('../../pkg-web/public_suffix_list.dat', import.meta.url), 'utf8');
  const checker = createChecker({ schema: synctv, worker: make, wasm, psl });
  try {
    const config = readFileSync(new URL('../fixtures/synctv/valid_production.yaml', import.meta.url), 'utf8');
    const mismatch = config.replace('rp_id: acme-video.net', 'rp_id: other-video.net');
    const report = await checker.check(mismatch);
    assert.deepEqual(report, validate(mismatch, { schema: 'synctv' }));
    assert.deepEqual(found(report), [['webauthn/rp-id-mismatch', '/webauthn/rp_id', 71, 10]]);
    assert.deepEqual(found(await checker.check(config)), []);
    assert.equal(started.length, 1);
  } finally {
    checker.close();
  }
});

test('without the list where a WebAuthn block needs it, the check is refused, never run without it', async () => {
  const { make } = workers();
  const checker = createChecker({ schema: synctv, worker: make, wasm, psl: 'file:///nowhere/public_suffix_list.dat' });
  try {
    await assert.rejects(checker.check('webauthn:\n  rp_id: acme-video.net\n'), /fetch|not implemented|ENOENT|scheme/i);
  } finally {
    checker.close();
  }
});
