// A worker_threads worker that runs the package's real worker entry (pkg-web/worker.js) behind
// the Web Worker globals it uses (`self.onmessage`, `self.postMessage`), for checker.test.mjs.
// `workerData.delay` holds each answer back that many milliseconds, so a test can send texts
// faster than they are answered.
import { parentPort, workerData } from 'node:worker_threads';

const delay = workerData?.delay ?? 0;
const scope = {
  onmessage: null,
  postMessage(message) {
    setTimeout(() => parentPort.postMessage(message), delay);
  },
};
globalThis.self = scope;
await import('../../pkg-web/worker.js');
// Listening once the entry has set `self.onmessage`, so no message arrives before it.
parentPort.on('message', (data) => scope.onmessage?.({ data }));
