/**
 * no-shift-queue: draining a queue with `shift()` vs reading it through a head index.
 *
 * Each run fills an array with `push` (so its backing store grows the way a real queue's does, to
 * about 1.5x its length) and drains it to empty, summing the items so the work cannot be dropped.
 * V8 removes the first element in O(1) by moving the array's start ("left-trimming") only while the
 * backing store lives in the regular heap; past about 16k elements (128 KiB of 8-byte slots) it sits
 * in large-object space, and every `shift()` copies all the remaining elements. The three sizes sit
 * below, at and far above that line.
 *
 * Both variants run alternately ROUNDS times after a warm-up; the median of each is reported.
 */
const ROUNDS = 5;

/** @param {number} n */
function drainWithShift(n) {
  const queue = [];
  for (let i = 0; i < n; i++) queue.push(i);
  let sum = 0;
  while (queue.length > 0) sum += /** @type {number} */ (queue.shift());
  return sum;
}

/** @param {number} n */
function drainWithHeadIndex(n) {
  const queue = [];
  for (let i = 0; i < n; i++) queue.push(i);
  let head = 0;
  let sum = 0;
  while (queue.length - head > 0) sum += /** @type {number} */ (queue[head++]);
  return sum;
}

/** @param {number} n */
function drainCase(n) {
  return {
    name: `drain ${n.toLocaleString('en-US')} items: shift() vs head index`,
    unit: 'ms per drain',
    timeoutMs: 180_000,
    /** @param {{ log: (message: string) => void }} ctx */
    async run({ log }) {
      const expected = (n * (n - 1)) / 2;
      // Warm both up on a size that stays under the cliff, so the JIT state is the same for every n.
      for (let i = 0; i < 20; i++) {
        drainWithShift(Math.min(n, 4_000));
        drainWithHeadIndex(Math.min(n, 4_000));
      }
      // Small sizes finish in microseconds: repeat them so one round is long enough to time.
      const repeat = Math.max(1, Math.round(200_000 / n));
      const shift = [];
      const head = [];
      for (let round = 0; round < ROUNDS; round++) {
        shift.push(time(() => drainWithShift(n), repeat, expected));
        head.push(time(() => drainWithHeadIndex(n), repeat, expected));
      }
      const before = median(shift);
      const after = median(head);
      log(`shift ${before.toFixed(3)} ms, head index ${after.toFixed(3)} ms (median of ${ROUNDS}, ${repeat} drains per round)`);
      return {
        before,
        after,
        details: `${((before / n) * 1e6).toFixed(0)} vs ${((after / n) * 1e6).toFixed(0)} ns per item`,
      };
    },
  };
}

/**
 * Mean CPU milliseconds of one call over `repeat` calls (CPU time, so that other processes on a
 * shared machine do not inflate a round); checks the result so a wrong drain fails loudly.
 * @param {() => number} fn @param {number} repeat @param {number} expected
 */
function time(fn, repeat, expected) {
  const start = process.cpuUsage();
  for (let i = 0; i < repeat; i++) {
    if (fn() !== expected) throw new Error('drain lost items');
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / repeat;
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return /** @type {number} */ (sorted[Math.floor(sorted.length / 2)]);
}

export default {
  rule: 'no-shift-queue',
  cases: [drainCase(1_000), drainCase(16_000), drainCase(200_000)],
};
