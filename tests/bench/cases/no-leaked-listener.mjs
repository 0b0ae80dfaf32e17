/**
 * no-leaked-listener: heap a process still holds after 10,000 calls of a function that adds a
 * listener to a long-lived emitter (a module-level bus, `process`, `window`) and never removes it,
 * against the fixed function that removes it when its work is done: by reference for an
 * EventEmitter, by aborting its `{ signal }` for an EventTarget.
 *
 * Each listener closes over a request-sized context (about 1 KB). The measuring harness (child
 * processes with --expose-gc, heap after a full GC, median of rounds) is no-leaked-timer's.
 */
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { CALLS, childMain, compareHeaps } from './no-leaked-timer.mjs';

const SELF = fileURLToPath(import.meta.url);

function context(i) {
  return { id: i, seen: 0, samples: new Array(128).fill(i) };
}

const bus = new EventEmitter();
bus.setMaxListeners(0);
const target = new EventTarget();

const variants = {
  // bus.on(...) on every call, never removed.
  emitterLeaked(i) {
    const ctx = context(i);
    bus.on('tick', () => ctx.seen++);
  },
  // The fix: a named handler, removed when the work is done.
  emitterRemoved(i) {
    const ctx = context(i);
    const onTick = () => ctx.seen++;
    bus.on('tick', onTick);
    return () => bus.off('tick', onTick);
  },
  // target.addEventListener(...) on every call, never removed.
  targetLeaked(i) {
    const ctx = context(i);
    target.addEventListener('tick', () => ctx.seen++);
  },
  // The fix: `{ signal }`, aborted when the work is done.
  targetSignal(i) {
    const ctx = context(i);
    const controller = new AbortController();
    target.addEventListener('tick', () => ctx.seen++, { signal: controller.signal });
    return () => controller.abort();
  },
};

if (process.argv[1] === SELF && process.argv[2] === '--child') {
  const run = variants[/** @type {keyof typeof variants} */ (process.argv[3])];
  if (!run) throw new Error(`unknown variant ${process.argv[3]}`);
  await childMain(run);
}

export default {
  rule: 'no-leaked-listener',
  cases: [
    {
      name: `heap after ${CALLS.toLocaleString('en')} calls: EventEmitter listener kept vs removed`,
      unit: 'MB heap',
      timeoutMs: 60_000,
      run: ({ log, signal }) => compareHeaps({ file: SELF, leaking: 'emitterLeaked', fixed: 'emitterRemoved', log, signal }),
    },
    {
      name: `heap after ${CALLS.toLocaleString('en')} calls: EventTarget listener kept vs { signal } aborted`,
      unit: 'MB heap',
      timeoutMs: 60_000,
      run: ({ log, signal }) => compareHeaps({ file: SELF, leaking: 'targetLeaked', fixed: 'targetSignal', log, signal }),
    },
  ],
};
