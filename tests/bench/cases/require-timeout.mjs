/**
 * require-timeout: what a deadline does to tail latency when a few requests stall.
 *
 * A local server (in a worker thread) answers at once, except that 2% of requests (every 50th, so
 * every run stalls the same ones) hang for 2 s before answering. A client sends 1,000 requests with
 * global fetch, 50 in flight at a time, with no deadline and then with
 * `signal: AbortSignal.timeout(100)`. A request that times out counts at the latency it had when it
 * gave up. With 2% stalled, the p99 falls inside the stalled requests: without a deadline it is the
 * stall; with one, the deadline.
 *
 * Both runs are repeated ROUNDS times, alternating, and the median p99 of each is reported: one burst
 * of load from another process on the machine then moves one round, not the result.
 */
import { performance } from 'node:perf_hooks';
import { startStallServer } from '../lib/stall-server.mjs';
import { percentile } from '../lib/stats.mjs';

const REQUESTS = 1_000;
const CONCURRENCY = 50;
const STALL_EVERY = 50;
const STALL_MS = 2_000;
const DEADLINE_MS = 100;
const WARMUP_REQUESTS = 1_000;
const ROUNDS = 3;
const STALLED = Math.floor(REQUESTS / STALL_EVERY);

export default {
  rule: 'require-timeout',
  cases: [
    {
      name: `p99 of ${REQUESTS} requests, ${100 / STALL_EVERY}% stall ${STALL_MS / 1000} s`,
      unit: 'ms (p99)',
      timeoutMs: 90_000,
      /** @param {{ log: (message: string) => void, signal: AbortSignal }} ctx */
      async run({ log, signal }) {
        const server = await startStallServer({ stallEvery: STALL_EVERY, stallMs: STALL_MS });
        const abortRun = () => void server.close();
        signal.addEventListener('abort', abortRun, { once: true });
        try {
          // Opens connections and warms fetch's code path up before anything is measured; the first
          // round still runs slower than the next two, which the median absorbs.
          await load(server.url, { requests: WARMUP_REQUESTS, deadlineMs: null, stalls: false });
          /** @type {Awaited<ReturnType<typeof load>>[]} */
          const without = [];
          /** @type {Awaited<ReturnType<typeof load>>[]} */
          const withDeadline = [];
          for (let round = 1; round <= ROUNDS && !signal.aborted; round++) {
            without.push(await load(server.url, { requests: REQUESTS, deadlineMs: null, stalls: true }));
            withDeadline.push(await load(server.url, { requests: REQUESTS, deadlineMs: DEADLINE_MS, stalls: true }));
            log(`round ${round}: no deadline ${summary(without.at(-1))}; AbortSignal.timeout(${DEADLINE_MS}) ${summary(withDeadline.at(-1))}`);
          }
          const falseTimeouts = median(withDeadline.map((run) => run.timedOut - STALLED));
          return {
            before: median(without.map((run) => run.p99)),
            after: median(withDeadline.map((run) => run.p99)),
            details:
              `median of ${ROUNDS} rounds; p50 ${median(without.map((run) => run.p50)).toFixed(1)} → ` +
              `${median(withDeadline.map((run) => run.p50)).toFixed(1)} ms; ${STALLED} stalled requests time out` +
              (falseTimeouts > 0 ? `, and ${falseTimeouts} that were only slow` : '') +
              `; wall time ${(median(without.map((run) => run.wallMs)) / 1000).toFixed(1)} → ` +
              `${(median(withDeadline.map((run) => run.wallMs)) / 1000).toFixed(1)} s`,
          };
        } finally {
          signal.removeEventListener('abort', abortRun);
          await server.close();
        }
      },
    },
  ],
};

/**
 * Sends `requests` requests, CONCURRENCY at a time, and returns their latency percentiles.
 * @param {string} url
 * @param {{ requests: number, deadlineMs: number | null, stalls: boolean }} options
 */
async function load(url, { requests, deadlineMs, stalls }) {
  const latencies = new Float64Array(requests);
  let next = 0;
  let timedOut = 0;

  async function worker() {
    while (next < requests) {
      const index = next++;
      const started = performance.now();
      try {
        const init = deadlineMs === null ? {} : { signal: AbortSignal.timeout(deadlineMs) };
        const response = await fetch(`${url}?i=${index}${stalls ? '&stall=1' : ''}`, init);
        // Read the body: an unread body keeps its connection out of the pool.
        await response.text();
      } catch (error) {
        if (!(error instanceof Error && error.name === 'TimeoutError')) throw error;
        timedOut++;
      }
      latencies[index] = performance.now() - started;
    }
  }

  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    timedOut,
    wallMs: performance.now() - started,
  };
}

/** @param {{ p50: number, p99: number, timedOut: number } | undefined} run */
function summary(run) {
  return run ? `p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, ${run.timedOut} timed out` : '-';
}

/** @param {number[]} values */
function median(values) {
  return percentile(values, 50);
}
