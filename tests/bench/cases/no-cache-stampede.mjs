/**
 * no-cache-stampede: 100 concurrent callers ask for the same key while the cache is cold.
 *
 * The getter below is the shape the rule reports (miss check, awaited load, set). "After" is the
 * same source run through the share-inflight codemod (dist/codemods/share-inflight.js), so what is
 * measured is the codemod's own output. The loader is an HTTP request to a local backend that
 * spends 2 ms of CPU per request on one thread (a database or service with finite capacity): every
 * duplicate load queues behind the others.
 *
 * Rows: loader calls (the backend counts the requests it served) and wall time until every caller
 * has its value, median of ROUNDS rounds, before and after alternating.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { startWorkServer } from '../lib/concurrency-server.mjs';
import { percentile } from '../lib/stats.mjs';

const CALLERS = 100;
const CPU_MS = 2;
const ROUNDS = 5;

const SOURCE = `export function makeGetter(load) {
  const cache = new Map();
  return async function getUser(id) {
    const cached = cache.get(id);
    if (cached) return cached;
    const user = await load(id);
    cache.set(id, user);
    return user;
  };
}
`;

const require = createRequire(import.meta.url);

/** @param {string} source */
async function importSource(source) {
  return import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
}

function codemodOutput() {
  const transform = require('../../../dist/codemods/share-inflight.js').default;
  const output = transform({ path: 'getter.mjs', source: SOURCE }, { report: () => {} }, {});
  if (output === SOURCE || !output.includes('shareInflight(')) throw new Error('share-inflight did not rewrite the benchmark source');
  return output;
}

/**
 * @param {(load: (id: string) => Promise<unknown>) => (id: string) => Promise<unknown>} makeGetter
 * @param {Awaited<ReturnType<typeof startWorkServer>>} server
 */
async function run(makeGetter, server) {
  const servedBefore = await server.served();
  const load = async (id) => (await fetch(`${server.url}users/${id}`)).json();
  const getUser = makeGetter(load);
  const started = performance.now();
  const users = await Promise.all(Array.from({ length: CALLERS }, () => getUser('42')));
  const wallMs = performance.now() - started;
  if (users.some((user) => !user)) throw new Error('a caller got no value');
  return { wallMs, loads: (await server.served()) - servedBefore };
}

export default {
  rule: 'no-cache-stampede',
  cases: [
    {
      name: `loader calls, ${CALLERS} concurrent callers on a cold key`,
      unit: 'loader calls',
      async run({ log, signal }) {
        return measure(log, signal, 'loads');
      },
    },
    {
      name: `wall time, ${CALLERS} concurrent callers on a cold key (${CPU_MS} ms backend CPU per load)`,
      unit: 'ms',
      async run({ log, signal }) {
        return measure(log, signal, 'wallMs');
      },
    },
  ],
};

/**
 * @param {(message: string) => void} log
 * @param {AbortSignal} signal
 * @param {'loads' | 'wallMs'} metric
 */
async function measure(log, signal, metric) {
  const before = (await importSource(SOURCE)).makeGetter;
  const after = (await importSource(codemodOutput())).makeGetter;
  const server = await startWorkServer({ cpuMs: CPU_MS });
  const abort = () => void server.close();
  signal.addEventListener('abort', abort, { once: true });
  try {
    await run(before, server); // warm-up: connections and code paths
    const rows = { before: [], after: [] };
    for (let round = 1; round <= ROUNDS && !signal.aborted; round++) {
      rows.before.push(await run(before, server));
      rows.after.push(await run(after, server));
    }
    const median = (list) => percentile(list.map((row) => row[metric]), 50);
    return {
      before: median(rows.before),
      after: median(rows.after),
      details: `median of ${ROUNDS} rounds; loader calls ${percentile(rows.before.map((r) => r.loads), 50)} → ${percentile(rows.after.map((r) => r.loads), 50)}, wall ${percentile(rows.before.map((r) => r.wallMs), 50).toFixed(1)} → ${percentile(rows.after.map((r) => r.wallMs), 50).toFixed(1)} ms`,
    };
  } finally {
    signal.removeEventListener('abort', abort);
    await server.close();
  }
}
