// The mailbox: a SharedArrayBuffer the worker writes each report into, so the page can take a
// finished report at once (checker.collect(), from a requestAnimationFrame callback) instead
// of waiting for the answer's message, which a browser runs only after the frame it is
// drawing. Needs a cross-origin isolated page (COOP and COEP headers); without one the
// checker has no mailbox and every report comes by message.
//
// Layout: three Int32 (the version of the report inside, its length in bytes, the length of
// the text it is about), then the report as UTF-8 JSON. The worker writes while the page waits
// for that version's answer, and the page reads only a version it has not taken: one check runs
// at a time, so the two never touch the mailbox at once.

const HEADER = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Whether this page can share memory with its worker. */
export function canShare() {
  return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated !== false;
}

export function createMailbox(bytes) {
  return new SharedArrayBuffer(HEADER + bytes);
}

/** Writes the report of `version` (checked text of `textLength`); false when it does not fit. */
export function post(mailbox, version, textLength, report) {
  const header = new Int32Array(mailbox, 0, 3);
  // Encoded apart, then copied: browsers' encoders do not write into shared memory.
  const bytes = encoder.encode(JSON.stringify(report));
  if (bytes.length > mailbox.byteLength - HEADER) return false;
  new Uint8Array(mailbox, HEADER, bytes.length).set(bytes);
  Atomics.store(header, 1, bytes.length);
  Atomics.store(header, 2, textLength);
  Atomics.store(header, 0, version);
  return true;
}

/** The report of `version` and the length of its text, if the mailbox holds it; else null. */
export function take(mailbox, version) {
  const header = new Int32Array(mailbox, 0, 3);
  if (Atomics.load(header, 0) !== version) return null;
  const length = Atomics.load(header, 1);
  // A copy into memory of its own: decoders do not all read shared memory.
  const bytes = new Uint8Array(mailbox, HEADER, length).slice();
  return { report: JSON.parse(decoder.decode(bytes)), length: Atomics.load(header, 2) };
}
