/**
 * The handbook's CRUD table, reproduced: an HTTP endpoint under load, before and after batch-db-calls.
 *
 * docs/examples/crud/serve.mjs starts the example orders server (node:http, Knex over better-sqlite3,
 * WAL) as written, where POST /orders inserts its lines one statement each, and as the codemod
 * rewrote it (src/orders-fixed.ts: one multi-row insert). Each runs in its own process, on its own
 * copy of the same seeded database (10,000 customers, 5,000 products, 100,000 orders), so the load
 * generator here and the server do not share an event loop. Before measuring, both answer the same
 * requests and must return the same JSON.
 *
 * Load: autocannon, CONNECTIONS connections on loopback, every request a new order of LINES lines
 * drawn from a seeded generator (the same sequence for both servers). After WARMUP_S seconds of
 * warm-up each, the servers take turns in SLICES slices of SLICE_S seconds (before, after, after,
 * before, ...), so that a burst of load from elsewhere on a shared machine falls on both sides alike;
 * each side gets SLICES x SLICE_S seconds in all. Both cases come from that one measurement:
 * requests/s, reported as the server's time per request (1000 / requests per second) so that the
 * harness's ratio, before / after, is requests/s after / before; and the p99 of every request's
 * latency, before / after. The text report adds each server's CPU time per request (from /proc).
 *
 * SQLite is in-process and synchronous: an N+1 here costs each statement's own work (Knex builds,
 * compiles and queues it, better-sqlite3 prepares and runs it), not a network round trip. The win is
 * smaller than against a database server across a network, where every statement also waits a
 * round trip (no-n-plus-one.mjs measures that on PostgreSQL).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { percentile } from '../lib/stats.mjs';

const LINES = 20;
const CONNECTIONS = 10;
const WARMUP_S = 1;
const SLICE_S = 2;
const SLICES = 4;
// The seed in serve.mjs; orders name customers and products within it.
const CUSTOMERS = 10_000;
const PRODUCTS = 5_000;
// USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux architecture Node runs on.
const CLOCK_TICKS = 100;

const SERVE = fileURLToPath(new URL('../../../docs/examples/crud/serve.mjs', import.meta.url));
const ENDPOINT = `POST /orders (${LINES} lines), ${CONNECTIONS} connections, ${SLICES * SLICE_S} s`;

/** @type {Promise<Measurement> | undefined} */
let measurement;

/**
 * @typedef {{ rps: number, p99: number, requests: number, cpuMs: number | null }} Side
 * @typedef {{ before: Side, after: Side }} Measurement
 */

export default {
  rule: 'no-n-plus-one',
  cases: [
    {
      name: `CRUD endpoint requests/s, ${ENDPOINT}: insert per line vs batch-db-calls output`,
      unit: 'ms/request (1000 / req/s)',
      timeoutMs: 90_000,
      async run(ctx) {
        const { before, after } = await measureOnce(ctx);
        return {
          before: 1000 / before.rps,
          after: 1000 / after.rps,
          details:
            `${Math.round(before.rps)} → ${Math.round(after.rps)} requests/s (${before.requests} and ${after.requests} requests)` +
            (before.cpuMs === null || after.cpuMs === null ? '' : `; server CPU ${before.cpuMs.toFixed(2)} → ${after.cpuMs.toFixed(2)} ms/request`),
        };
      },
    },
    {
      name: `CRUD endpoint p99 latency, ${ENDPOINT}: insert per line vs batch-db-calls output`,
      unit: 'ms',
      timeoutMs: 90_000,
      async run(ctx) {
        const { before, after } = await measureOnce(ctx);
        return { before: before.p99, after: after.p99 };
      },
    },
  ],
};

/** One measurement serves both cases; a filter that selects only one of them still runs it. */
function measureOnce(ctx) {
  measurement ??= measure(ctx);
  return measurement;
}

/** @param {{ log: (message: string) => void, signal: AbortSignal }} ctx @returns {Promise<Measurement>} */
async function measure({ log, signal }) {
  const dir = await mkdtemp(join(tmpdir(), 'hotpath-crud-load-'));
  /** @type {import('node:child_process').ChildProcess[]} */
  const children = [];
  /** @type {{ stop: () => void } | undefined} */
  let load;
  const abort = () => {
    load?.stop();
    for (const child of children) child.kill('SIGKILL');
  };
  signal.addEventListener('abort', abort, { once: true });
  try {
    log('seeding two databases and starting both servers');
    const [before, after] = await Promise.all([
      startServer(children, ['--db', join(dir, 'before.db')]),
      startServer(children, ['--fixed', '--db', join(dir, 'after.db')]),
    ]);
    await checkSameAnswers(before, after);

    const urls = [before, after];
    const next = [orderGenerator(42), orderGenerator(42)];
    /** @param {number} side @param {number} seconds */
    const run = async (side, seconds) => {
      const latencies = [];
      load = autocannon({
        url: urls[side],
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: '/orders',
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => ({ ...request, body: JSON.stringify(next[side]()) }),
          },
        ],
      });
      load.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
      const cpuBefore = await cpuMs(children[side]);
      const result = await load;
      const cpu = await cpuMs(children[side]);
      load = undefined;
      if (signal.aborted) throw signal.reason;
      if (result.errors || result.timeouts || result.non2xx) {
        throw new Error(`${urls[side]}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses`);
      }
      return { requests: result.requests.total, seconds: result.duration, latencies, cpuMs: cpu === null || cpuBefore === null ? null : cpu - cpuBefore };
    };

    await run(0, WARMUP_S);
    await run(1, WARMUP_S);
    const totals = [0, 1].map(() => ({ requests: 0, seconds: 0, latencies: [], cpuMs: /** @type {number | null} */ (0) }));
    for (let slice = 0; slice < SLICES; slice++) {
      // before, after, after, before, before, after, ...: neither side always goes first.
      for (const side of slice % 2 === 0 ? [0, 1] : [1, 0]) {
        const result = await run(side, SLICE_S);
        const total = totals[side];
        total.requests += result.requests;
        total.seconds += result.seconds;
        for (const latency of result.latencies) total.latencies.push(latency);
        total.cpuMs = total.cpuMs === null || result.cpuMs === null ? null : total.cpuMs + result.cpuMs;
      }
    }
    /** @type {Side[]} */
    const sides = totals.map((total) => ({
      rps: total.requests / total.seconds,
      p99: percentile(total.latencies, 99),
      requests: total.requests,
      cpuMs: total.cpuMs === null ? null : total.cpuMs / total.requests,
    }));
    for (const [index, label] of ['before', 'after'].entries()) {
      log(`${label}: ${Math.round(sides[index].rps)} requests/s, p99 ${sides[index].p99.toFixed(1)} ms`);
    }
    return { before: sides[0], after: sides[1] };
  } finally {
    signal.removeEventListener('abort', abort);
    await Promise.all(children.map(stop));
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * @param {import('node:child_process').ChildProcess[]} children
 * @param {string[]} args
 * @returns {Promise<string>} the server's URL
 */
async function startServer(children, args) {
  const child = spawn(process.execPath, [SERVE, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  let output = '';
  child.stdout.setEncoding('utf8');
  for await (const chunk of child.stdout) {
    output += chunk;
    const newline = output.indexOf('\n');
    if (newline >= 0) return JSON.parse(output.slice(0, newline)).url;
  }
  throw new Error(`serve.mjs ${args.join(' ')} exited (code ${child.exitCode}) before listening`);
}

/** A process's CPU time (user + system) in ms, from /proc on Linux; null elsewhere. */
async function cpuMs(child) {
  try {
    const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Closing stdin asks serve.mjs to close; a child that does not exit in 5 s is killed. */
async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.stdin.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** The fixed server is the same endpoint: the same JSON for the same requests, errors included. */
async function checkSameAnswers(before, after) {
  const next = orderGenerator(7);
  const requests = [
    { method: 'POST', path: '/orders', body: next() },
    { method: 'POST', path: '/orders', body: { customerId: 1, lines: [{ productId: PRODUCTS + 1, quantity: 1 }] } },
    { method: 'GET', path: '/orders/100001' },
    { method: 'GET', path: '/orders/17' },
  ];
  for (const { method, path, body } of requests) {
    const answers = await Promise.all(
      [before, after].map(async (url) => {
        const response = await fetch(url + path, {
          method,
          headers: { 'content-type': 'application/json' },
          body: body && JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        return `${response.status} ${await response.text()}`;
      }),
    );
    if (answers[0] !== answers[1]) throw new Error(`${method} ${path}: before answered ${answers[0]}, after ${answers[1]}`);
  }
}

/** Orders of LINES lines from a seeded generator (mulberry32). */
function orderGenerator(seed) {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = (n) => 1 + Math.floor(random() * n);
  return () => ({
    customerId: pick(CUSTOMERS),
    lines: Array.from({ length: LINES }, () => ({ productId: pick(PRODUCTS), quantity: pick(5) })),
  });
}
