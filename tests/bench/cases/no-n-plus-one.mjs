/**
 * no-n-plus-one: N round trips against one batched call, on real servers started on loopback
 * (tests/e2e/helpers/servers.ts): PostgreSQL SELECT by id vs one `= ANY($1)`, autocommit INSERT per
 * row vs one multi-row INSERT, Redis GET per key vs one MGET, N = 1,000 each. Each pair runs ROUNDS
 * times alternating, median reported. A server that is not installed skips its cases with the reason.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import pg from 'pg';
import Redis from 'ioredis';
import { percentile } from '../lib/stats.mjs';

const N = 1_000;
const ROUNDS = 5;

/** servers.ts imports only node builtins, so a plain transpile loads it. */
async function servers() {
  const source = await readFile(new URL('../../e2e/helpers/servers.ts', import.meta.url), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  return import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
}

async function time(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Alternates before/after ROUNDS times and returns the medians in ms. */
async function compare(before, after, log) {
  await before();
  await after(); // warm-up: connections, statement plans, JIT
  const b = [];
  const a = [];
  for (let round = 0; round < ROUNDS; round++) {
    b.push(await time(before));
    a.push(await time(after));
  }
  log(`per item ${b.map((x) => x.toFixed(1)).join(', ')} ms; batched ${a.map((x) => x.toFixed(1)).join(', ')} ms`);
  return { before: percentile(b, 50), after: percentile(a, 50) };
}

async function withPostgres(run, signal) {
  const { startPostgres } = await servers();
  const server = await startPostgres();
  if ('skipped' in server) return { skipped: server.skipped };
  const stop = () => void server.stop();
  signal.addEventListener('abort', stop, { once: true });
  const pool = new pg.Pool({ connectionString: server.url, max: 4, connectionTimeoutMillis: 10_000, statement_timeout: 30_000 });
  // An idle client told of the server's shutdown is expected at cleanup, not a failure.
  pool.on('error', () => {});
  try {
    return await run(pool);
  } finally {
    signal.removeEventListener('abort', stop);
    await pool.end();
    await server.stop();
  }
}

export default {
  rule: 'no-n-plus-one',
  cases: [
    {
      name: `pg SELECT by id x${N} vs one = ANY($1)`,
      unit: 'ms',
      timeoutMs: 120_000,
      run: ({ log, signal }) =>
        withPostgres(async (pool) => {
          await pool.query('CREATE TABLE products (id int PRIMARY KEY, name text NOT NULL, price int NOT NULL)');
          await pool.query("INSERT INTO products SELECT g, 'product ' || g, g % 100 FROM generate_series(1, 100000) AS g");
          const ids = Array.from({ length: N }, (_, i) => 1 + ((i * 7919) % 100_000));
          const result = await compare(
            async () => {
              for (const id of ids) await pool.query('SELECT * FROM products WHERE id = $1', [id]);
            },
            async () => {
              await pool.query('SELECT * FROM products WHERE id = ANY($1)', [ids]);
            },
            log,
          );
          return { ...result, details: `median of ${ROUNDS}; ${N} ids of 100,000 rows, PostgreSQL on loopback` };
        }, signal),
    },
    {
      name: `pg INSERT x${N} (autocommit) vs one multi-row INSERT`,
      unit: 'ms',
      timeoutMs: 120_000,
      run: ({ log, signal }) =>
        withPostgres(async (pool) => {
          await pool.query('CREATE TABLE events (id serial PRIMARY KEY, kind text NOT NULL, at timestamptz NOT NULL DEFAULT now())');
          const kinds = Array.from({ length: N }, (_, i) => `kind-${i % 17}`);
          const result = await compare(
            async () => {
              for (const kind of kinds) await pool.query('INSERT INTO events (kind) VALUES ($1)', [kind]);
            },
            async () => {
              await pool.query('INSERT INTO events (kind) SELECT unnest($1::text[])', [kinds]);
            },
            log,
          );
          return { ...result, details: `median of ${ROUNDS}; synchronous_commit=off (a durable server pays an fsync per autocommit INSERT on top)` };
        }, signal),
    },
    {
      name: `Redis GET x${N} vs one MGET`,
      unit: 'ms',
      timeoutMs: 60_000,
      async run({ log, signal }) {
        const { startRedis } = await servers();
        const server = await startRedis();
        if ('skipped' in server) return { skipped: server.skipped };
        const stop = () => void server.stop();
        signal.addEventListener('abort', stop, { once: true });
        const redis = new Redis(server.url, { commandTimeout: 10_000 });
        try {
          const keys = Array.from({ length: N }, (_, i) => `session:${i}`);
          await redis.mset(...keys.flatMap((key) => [key, `value of ${key}`]));
          const result = await compare(
            async () => {
              for (const key of keys) await redis.get(key);
            },
            async () => {
              await redis.mget(keys);
            },
            log,
          );
          return { ...result, details: `median of ${ROUNDS}; ioredis, Redis on loopback` };
        } finally {
          signal.removeEventListener('abort', stop);
          redis.disconnect();
          await server.stop();
        }
      },
    },
  ],
};
