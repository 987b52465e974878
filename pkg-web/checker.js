// The worker client: a checker that validates on a Web Worker, so an editor's key press never
// waits for a check. At most one text is being checked and one waits; a newer text replaces
// the waiting one, and every result older than the newest text is dropped (its promise
// resolves to null), so the page only ever shows findings of what it last sent.
// An editor can send its changes instead of its text (`edit`): the worker keeps the text it
// checked last and applies them, so a key press posts a few bytes, not the whole text. On a
// cross-origin isolated page the worker also writes each report into shared memory
// (mailbox.js), where `collect()` takes it during the frame the page is drawing.
import { canShare, createMailbox, take } from './mailbox.js';
/** Texts longer than this recycle the worker after their check: wasm memory never shrinks. */
const RECYCLE_AFTER = 1 << 20;
/** Room for a report in the mailbox; a larger one comes by message. */
const MAILBOX_BYTES = 1 << 20;

/** A module worker of this package's worker.js (Vite and browsers resolve the URL as is). */
function defaultWorker() {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}

/**
 * Creates a checker. `options` are validate()'s (schema or schemaText, profile, format,
 * strict, allow, select), plus:
 * - `worker`: a function returning a new Worker running worker.js (for bundlers that build the
 *   worker as a file of its own); default `new URL('./worker.js', import.meta.url)`;
 * - `wasm`: the module the worker runs (a URL, its bytes or a WebAssembly.Module); default the
 *   checker module beside the worker script (preflight_check_bg.wasm: validate only); the
 *   package's preflight_wasm_bg.wasm works too (worker.js tells them apart);
 * - `psl`: where the worker loads the Public Suffix List from when a schema has a WebAuthn
 *   block: its URL (default public_suffix_list.dat beside the worker), whose parts in
 *   public_suffix_list/N.dat beside it are loaded as the config's host names need them; or the
 *   list's text, loaded whole;
 * - `recycleAfter`: after checking a text of more characters than this, the worker is ended
 *   and a new one starts with the next check; default 1 MiB;
 * - `shared`: whether the worker writes reports into shared memory for `collect()`; default
 *   whenever the page can share memory (cross-origin isolated, or Node);
 * - `mailboxBytes`: the room for a report there (as UTF-8 JSON); a larger report comes by
 *   message; default 1 MiB.
 */
export function createChecker(options = {}) {
  const {
    worker: makeWorker = defaultWorker, wasm, psl, recycleAfter = RECYCLE_AFTER, shared = canShare(),
    mailboxBytes = MAILBOX_BYTES, ...rest
  } = options;
  let checkOptions = rest;
  let worker = null;
  /** The shared memory this worker writes reports into, or null. */
  let mailbox = null;
  let started = 0;
  /** Whether this worker has had its first message, which carries the wasm and list locations. */
  let sentSetup = false;
  /** The options this worker has (sent only when they change: a schema's text can be long). */
  let sentOptions = null;
  let version = 0;
  /** The version of the text the worker holds (its last check's), or null when it holds none. */
  let workerHolds = null;
  /** The check the worker is running: { version, text, edits, base, resolve, reject }. */
  let running = null;
  /** The newest text, waiting for the worker. */
  let waiting = null;
  let closed = false;

  function start() {
    worker = makeWorker();
    started += 1;
    sentSetup = false;
    sentOptions = null;
    workerHolds = null;
    mailbox = shared ? createMailbox(mailboxBytes) : null;
    worker.onmessage = ({ data }) => finish(data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      fail(new Error(`preflight worker failed: ${event.message ?? 'unknown error'}`));
    };
  }

  function send(job) {
    const message = { version: job.version };
    // Changes go alone when the worker holds the text they apply to; else the whole text.
    if (job.edits && worker && workerHolds === job.base) {
      message.edits = job.edits;
    } else {
      try {
        message.text = typeof job.text === 'function' ? job.text() : job.text;
      } catch (failure) {
        // The caller's text function failed: this check fails, the checker goes on.
        job.reject(failure);
        return;
      }
    }
    if (!worker) start();
    running = job;
    workerHolds = job.version;
    if (job.options !== sentOptions) {
      message.options = job.options;
      sentOptions = job.options;
    }
    if (!sentSetup) {
      // URLs go as text: a URL object cannot be posted.
      message.wasm = wasm instanceof URL ? wasm.href : wasm;
      message.psl = psl instanceof URL ? psl.href : psl;
      if (mailbox) message.mailbox = mailbox;
      sentSetup = true;
    }
    worker.postMessage(message);
  }

  function finish(data) {
    const job = running;
    // One check is sent at a time, so an answer is the running one's; anything else (a late
    // answer of an ended worker, or of a check collect() took) is not.
    if (!job || data.version !== job.version) return;
    if (data.shared) {
      const taken = mailbox && take(mailbox, data.version);
      if (!taken) {
        fail(new Error('preflight worker: the report is not in the mailbox'));
        return;
      }
      settle(job, taken);
    } else {
      settle(job, data);
    }
  }

  /** Ends the running check with the worker's answer `{ length, report }` or `{ length, error }`. */
  function settle(job, { length, report, error }) {
    running = null;
    if (length > recycleAfter) recycle();
    if (error !== undefined) {
      // Whether the worker still holds the text is not known: the next check sends it whole.
      workerHolds = null;
      // Options that cannot be used fail this check only if it is still the newest.
      if (job.version === version) job.reject(new Error(error));
      else job.resolve(null);
    } else {
      job.resolve(job.version === version ? report : null);
    }
    if (waiting && !closed) {
      const next = waiting;
      waiting = null;
      send(next);
    }
  }

  function fail(error) {
    const jobs = [running, waiting].filter(Boolean);
    running = null;
    waiting = null;
    recycle();
    for (const job of jobs) job.reject(error);
  }

  function recycle() {
    worker?.terminate();
    worker = null;
    workerHolds = null;
  }

  /** Queues a check (`job` without its version), replacing the one waiting. */
  function enqueue(job) {
    if (closed) return Promise.reject(new Error('the checker is closed'));
    version += 1;
    return new Promise((resolve, reject) => {
      const queued = { ...job, version, options: checkOptions, resolve, reject };
      if (waiting) {
        waiting.resolve(null);
        // The changes of a text never sent are sent with the newer ones; after a whole text,
        // the newer text goes whole.
        if (queued.edits && waiting.edits) {
          // The waiting list is dropped with its check: the newer changes join it in place.
          waiting.edits.push(...queued.edits);
          queued.edits = waiting.edits;
          queued.base = waiting.base;
        } else if (queued.edits) {
          queued.edits = null;
        }
      }
      if (running) waiting = queued;
      else send(queued);
    });
  }

  return {
    /**
     * Checks `text`. Resolves to its report, or to null when a newer text was sent before
     * this one's result came back (show the newer one's findings instead).
     */
    check(text) {
      return enqueue({ text, edits: null });
    },
    /**
     * Checks the text that `changes` make of the text of the previous check() or edit():
     * `changes` are `{ from, to, insert }` in that text's UTF-16 offsets, not overlapping, in
     * any order (CodeMirror's `iterChanges`, Monaco's content changes). Only the changes are
     * posted when the worker holds that text; else `text` (the new text, or a function that
     * returns it, called only then) is. Resolves like check().
     */
    edit(changes, text) {
      return enqueue({ text, edits: [changes], base: version });
    },
    /**
     * Changes the options of later checks (the schema, the profile, …). The worker is sent
     * options only when they are a different object than last time: configure on a change,
     * not before every check.
     */
    configure(next) {
      checkOptions = next;
    },
    /**
     * Takes the running check's report now if the worker has finished it (shared memory
     * only): its promise resolves in this task's microtasks, before the answer's message
     * would have run. Call it from a requestAnimationFrame callback, and the frame being drawn
     * shows the findings. Returns whether it took one.
     */
    collect() {
      const taken = running && mailbox && take(mailbox, running.version);
      if (!taken) return false;
      settle(running, taken);
      return true;
    },
    /** Whether reports come through shared memory, so collect() can take them. */
    get shared() {
      return shared;
    },
    /** How many workers this checker has started (a new one after each recycling). */
    get workersStarted() {
      return started;
    },
    /** Ends the worker; pending checks resolve to null. */
    close() {
      closed = true;
      for (const job of [running, waiting]) job?.resolve(null);
      running = null;
      waiting = null;
      recycle();
    },
  };
}
