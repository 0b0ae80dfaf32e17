/**
 * no-unbounded-concurrency: 10,000 requests to a local server that takes at most 64 connections
 * (`server.maxConnections`, as a proxy, a database or a rate-limited API would), started all at
 * once with `Promise.all(items.map(...))` versus through the bound-concurrency fix.
 *
 * "After" runs the same callback through `mapInChunks`, the helper bound-concurrency adds, taken
 * from the rule's own fix text (dist/rules/no-unbounded-concurrency.js) with its default bound of 10.
 * Global fetch opens a connection per concurrent request; the server closes every connection past
 * its limit, and those requests fail.
 *
 * Rows: p99 latency of a request (from its own start, so queueing behind the others counts, waiting
 * for a free slot in the bounded run does not), and failed requests
 * (+1 on both sides, so the ratio stays defined when the bounded run has none).
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { startWorkServer } from '../lib/concurrency-server.mjs';
import { percentile } from '../lib/stats.mjs';

const ITEMS = 10_000;
const MAX_CONNECTIONS = 64;
const require = createRequire(import.meta.url);

function boundedMap() {
  const rule = require('../../../dist/rules/no-unbounded-concurrency.js');
  const text = rule.chunkHelperText(rule.CHUNK_HELPER, false);
  return { fn: new Function(`${text}\nreturn ${rule.CHUNK_HELPER};`)(), size: rule.DEFAULT_CONCURRENCY };
}

/**
 * @param {string} url
 * @param {(items: number[], fn: (item: number) => Promise<void>) => Promise<unknown>} mapAll
 */
async function run(url, mapAll) {
  const items = Array.from({ length: ITEMS }, (_, i) => i);
  const asked = performance.now();
  const latencies = new Float64Array(ITEMS);
  let failures = 0;
  await mapAll(items, async (i) => {
    const started = performance.now();
    try {
      const response = await fetch(`${url}items/${i}`);
      await response.text();
      if (!response.ok) failures++;
    } catch {
      failures++;
    }
    latencies[i] = performance.now() - started;
  });
  return { p99: percentile(latencies, 99), failures, wallMs: performance.now() - asked };
}

async function measure(signal) {
  const { fn: mapInChunks, size } = boundedMap();
  const server = await startWorkServer({ maxConnections: MAX_CONNECTIONS });
  const abort = () => void server.close();
  signal.addEventListener('abort', abort, { once: true });
  try {
    await run(server.url, (items, fn) => mapInChunks(items.slice(0, 200), size, fn)); // warm-up
    const unbounded = await run(server.url, (items, fn) => Promise.all(items.map(fn)));
    const bounded = await run(server.url, (items, fn) => mapInChunks(items, size, fn));
    return { unbounded, bounded, size };
  } finally {
    signal.removeEventListener('abort', abort);
    await server.close();
  }
}

let shared;
/** Both rows come from one pair of runs: the second case reuses the first's measurement. */
function measured(signal) {
  shared ??= measure(signal);
  return shared;
}

const describe = ({ unbounded, bounded, size }) =>
  `failed ${unbounded.failures} → ${bounded.failures} of ${ITEMS}; p99 ${unbounded.p99.toFixed(0)} → ${bounded.p99.toFixed(0)} ms; wall ${(unbounded.wallMs / 1000).toFixed(2)} → ${(bounded.wallMs / 1000).toFixed(2)} s (${size} at a time)`;

export default {
  rule: 'no-unbounded-concurrency',
  cases: [
    {
      name: `failed requests + 1, ${ITEMS} items, server takes ${MAX_CONNECTIONS} connections`,
      unit: 'failed requests + 1',
      timeoutMs: 180_000,
      async run({ signal }) {
        const result = await measured(signal);
        return { before: result.unbounded.failures + 1, after: result.bounded.failures + 1, details: describe(result) };
      },
    },
    {
      name: `p99 latency, ${ITEMS} items, server takes ${MAX_CONNECTIONS} connections`,
      unit: 'ms (p99)',
      timeoutMs: 180_000,
      async run({ signal }) {
        const result = await measured(signal);
        return { before: result.unbounded.p99, after: result.bounded.p99, details: describe(result) };
      },
    },
  ],
};
