/**
 * prefer-promise-all: two independent reads that each take 20 ms (a local server answers after a
 * 20 ms timer), awaited one after the other versus together.
 *
 * "After" is the same source run through the parallelize-awaits codemod
 * (dist/codemods/parallelize-awaits.js), so what is measured is the codemod's own output. Median of
 * ROUNDS calls of each, alternating.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { startWorkServer } from '../lib/concurrency-server.mjs';
import { percentile } from '../lib/stats.mjs';

const READ_MS = 20;
const ROUNDS = 30;
const require = createRequire(import.meta.url);

const SOURCE = `export async function summary(getCustomer, getOrders, id) {
  const customer = await getCustomer(id);
  const orders = await getOrders(id);
  return { customer, orders };
}
`;

/** @param {string} source */
const importSource = (source) => import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);

function codemodOutput() {
  const transform = require('../../../dist/codemods/parallelize-awaits.js').default;
  const output = transform({ path: 'summary.mjs', source: SOURCE }, { report: () => {} }, {});
  if (!output.includes('Promise.all(')) throw new Error('parallelize-awaits did not rewrite the benchmark source');
  return output;
}

export default {
  rule: 'prefer-promise-all',
  cases: [
    {
      name: `two independent ${READ_MS} ms reads`,
      unit: 'ms',
      async run({ signal }) {
        const before = (await importSource(SOURCE)).summary;
        const after = (await importSource(codemodOutput())).summary;
        const server = await startWorkServer({ delayMs: READ_MS });
        const abort = () => void server.close();
        signal.addEventListener('abort', abort, { once: true });
        try {
          const read = (what) => async (id) => (await fetch(`${server.url}${what}/${id}`)).json();
          const getCustomer = read('customers');
          const getOrders = read('orders');
          const time = async (fn) => {
            const started = performance.now();
            const result = await fn(getCustomer, getOrders, '7');
            if (!result.customer || !result.orders) throw new Error('a read returned nothing');
            return performance.now() - started;
          };
          await time(after); // warm-up: two connections in the pool
          const sequential = [];
          const together = [];
          for (let round = 0; round < ROUNDS && !signal.aborted; round++) {
            sequential.push(await time(before));
            together.push(await time(after));
          }
          return {
            before: percentile(sequential, 50),
            after: percentile(together, 50),
            details: `median of ${ROUNDS} calls each`,
          };
        } finally {
          signal.removeEventListener('abort', abort);
          await server.close();
        }
      },
    },
  ],
};
