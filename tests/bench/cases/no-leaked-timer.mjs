/**
 * no-leaked-timer: heap a process still holds after 10,000 calls of a function that starts an
 * interval and drops its handle, against the fixed function that clears its interval when its
 * work is done.
 *
 * Each call closes over a request-sized context (about 1 KB), as a real polling callback closes
 * over the request, socket or room it polls for. Every variant runs in its own child process started
 * with --expose-gc, so that a full GC before the reading leaves only what is really reachable; the
 * reading is `heapUsed` after the calls and a GC, baseline included (the same in every variant),
 * so both numbers are positive and the ratio is "how much bigger the heap is". Variants alternate
 * over ROUNDS rounds and the median is reported.
 *
 * Run as a child: `node --expose-gc no-leaked-timer.mjs --child <variant>` prints one JSON line.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CALLS = 10_000;
const ROUNDS = 3;
const SELF = fileURLToPath(import.meta.url);

/** A request-sized context that the callback closes over. */
function context(i) {
  return { id: i, polls: 0, samples: new Array(128).fill(i) };
}

const variants = {
  // setInterval(...) as a statement: nobody can ever clear it.
  dropped(i) {
    const ctx = context(i);
    setInterval(() => ctx.polls++, 60_000);
  },
  // .unref() lets the process exit, but the interval, its closure and its context stay.
  unrefd(i) {
    const ctx = context(i);
    setInterval(() => ctx.polls++, 60_000).unref();
  },
  // The fix: keep the handle, clear it when the work is done (here, before the next call).
  cleared(i) {
    const ctx = context(i);
    const handle = setInterval(() => ctx.polls++, 60_000);
    return () => clearInterval(handle);
  },
};

/**
 * Runs `variant` in a fresh `node --expose-gc` child and resolves to its heap reading.
 * @param {string} file the module that implements `--child`
 * @param {string} variant
 * @param {AbortSignal} signal
 * @returns {Promise<{ heapUsed: number, baseline: number, active: number }>}
 */
export function measureInChild(file, variant, signal) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', file, '--child', variant], { stdio: ['ignore', 'pipe', 'inherit'], signal });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`child ${variant} exited with ${code}`));
      else resolve(JSON.parse(out));
    });
  });
}

/**
 * The child side: full GC, baseline, CALLS calls (each fixed call's disposer runs before the next
 * call), a turn of the event loop, full GC, reading. Ends the process itself: leaked timers would
 * keep it alive.
 * @param {(i: number) => (void | (() => void))} run
 */
export async function childMain(run) {
  const gc = /** @type {() => void} */ (globalThis.gc);
  gc();
  gc();
  const baseline = process.memoryUsage().heapUsed;
  for (let i = 0; i < CALLS; i++) {
    const dispose = run(i);
    if (typeof dispose === 'function') dispose();
  }
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  gc();
  const heapUsed = process.memoryUsage().heapUsed;
  const active = process.getActiveResourcesInfo().length;
  process.stdout.write(`${JSON.stringify({ heapUsed, baseline, active })}\n`, () => process.exit(0));
}

/**
 * Alternates leaking and fixed children over ROUNDS rounds; medians of each.
 * @param {{ file: string, leaking: string, fixed: string, log: (m: string) => void, signal: AbortSignal }} options
 */
export async function compareHeaps({ file, leaking, fixed, log, signal }) {
  const before = [];
  const after = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const leak = await measureInChild(file, leaking, signal);
    const fix = await measureInChild(file, fixed, signal);
    before.push(leak);
    after.push(fix);
    log(`round ${round}: ${leaking} ${mb(leak.heapUsed)} MB (${leak.active} active handles), ${fixed} ${mb(fix.heapUsed)} MB (${fix.active} active)`);
  }
  const leak = median(before, (r) => r.heapUsed);
  const fix = median(after, (r) => r.heapUsed);
  const baseline = median([...before, ...after], (r) => r.baseline);
  return {
    before: leak / 2 ** 20,
    after: fix / 2 ** 20,
    details:
      `median of ${ROUNDS} rounds, heap after GC incl. a ${mb(baseline)} MB baseline; ` +
      `${Math.round((leak - fix) / CALLS)} bytes retained per leaking call`,
  };
}

function mb(bytes) {
  return (bytes / 2 ** 20).toFixed(2);
}

function median(rows, pick) {
  const values = rows.map(pick).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
}

if (process.argv[1] === SELF && process.argv[2] === '--child') {
  const run = variants[/** @type {keyof typeof variants} */ (process.argv[3])];
  if (!run) throw new Error(`unknown variant ${process.argv[3]}`);
  await childMain(run);
}

export default {
  rule: 'no-leaked-timer',
  cases: [
    {
      name: `heap after ${CALLS.toLocaleString('en')} calls: dropped interval vs cleared`,
      unit: 'MB heap',
      timeoutMs: 60_000,
      run: ({ log, signal }) => compareHeaps({ file: SELF, leaking: 'dropped', fixed: 'cleared', log, signal }),
    },
    {
      name: `heap after ${CALLS.toLocaleString('en')} calls: unref'd interval vs cleared`,
      unit: 'MB heap',
      timeoutMs: 60_000,
      run: ({ log, signal }) => compareHeaps({ file: SELF, leaking: 'unrefd', fixed: 'cleared', log, signal }),
    },
  ],
};
