import knex, { type Knex } from 'knex';
import pg from 'pg';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import transform from '../../codemods/batch-db-calls';
import { loadTsSource } from './helpers/load-ts-source';
import { startPostgres, startRedis, type RunningServer } from './helpers/servers';

// Sample code with an N+1, run before and after the batch-db-calls codemod against real servers:
// the same results, N round trips before and one (or one per chunk) after, counted by the client's
// query events (pg, knex) and by the server's own command statistics (Redis).

function codemod(source: string, file: string, options: Record<string, unknown> = {}): string {
  const api = { report() {}, j: undefined as never, jscodeshift: undefined as never, stats() {} } as never;
  const output = transform({ path: file, source }, api, options);
  expect(output).not.toBe(source);
  return output;
}

const PG_LOOKUP = `import type { Pool } from 'pg';
export async function productsFor(pool: Pool, ids: number[]) {
  const products = [];
  for (const id of ids) {
    products.push((await pool.query('SELECT id, name FROM products WHERE id = $1', [id])).rows[0]);
  }
  return products;
}
`;

const REDIS_GET = `import type { Redis } from 'ioredis';
export async function sessions(redis: Redis, ids: string[]) {
  return Promise.all(ids.map((id) => redis.get(\`session:\${id}\`)));
}
`;

const KNEX_INSERT = `import type { Knex } from 'knex';
export async function importUsers(db: Knex, rows: { id: number; name: string }[]) {
  for (const row of rows) await db('users').insert(row);
}
`;

describe('batch-db-calls on PostgreSQL', () => {
  let server: RunningServer | undefined;
  let pool: pg.Pool;
  let skipped = '';

  beforeAll(async () => {
    const started = await startPostgres();
    if ('skipped' in started) {
      skipped = started.skipped;
      return;
    }
    server = started;
    pool = new pg.Pool({ connectionString: server.url, max: 4, connectionTimeoutMillis: 10_000, statement_timeout: 10_000 });
    // An idle client sees the server's shutdown at teardown as an 'error' event; without a listener
    // that event is an uncaught exception that fails the run after every test passed.
    pool.on('error', () => {});
    await pool.query('CREATE TABLE products (id int PRIMARY KEY, name text NOT NULL)');
    await pool.query("INSERT INTO products SELECT g, 'product ' || g FROM generate_series(1, 100) AS g");
  }, 90_000);

  afterAll(async () => {
    await pool?.end();
    await server?.stop();
  });

  /** A pool whose `query` counts the statements sent. */
  function counting(): { pool: pg.Pool; count: () => number } {
    let queries = 0;
    const counted = Object.create(pool) as pg.Pool;
    counted.query = ((...args: Parameters<pg.Pool['query']>) => {
      queries++;
      return (pool.query as (...a: unknown[]) => unknown)(...args);
    }) as pg.Pool['query'];
    return { pool: counted, count: () => queries };
  }

  it('a lookup per id becomes one = ANY($1) query, same rows in the same order, null for a missing id', async (context) => {
    if (skipped) context.skip(skipped);
    const ids = [5, 3, 999, 42, 3, ...Array.from({ length: 45 }, (_, i) => i + 50)];
    const before = loadTsSource<{ productsFor: (pool: pg.Pool, ids: number[]) => Promise<unknown[]> }>(PG_LOOKUP, 'before.ts');
    const after = loadTsSource<typeof before>(codemod(PG_LOOKUP, 'lookup.ts'), 'after.ts');
    const runBefore = counting();
    const rowsBefore = await before.productsFor(runBefore.pool, ids);
    const runAfter = counting();
    const rowsAfter = await after.productsFor(runAfter.pool, ids);
    expect(runBefore.count()).toBe(ids.length);
    expect(runAfter.count()).toBe(1);
    // The one documented difference: rows[0] of an empty result is undefined, the batched form says null.
    expect(rowsAfter).toEqual(rowsBefore.map((row) => row ?? null));
    expect(rowsAfter[2]).toBeNull();
  });

  it('chunks the IN list: one query per chunk', async (context) => {
    if (skipped) context.skip(skipped);
    const ids = Array.from({ length: 50 }, (_, i) => i + 1);
    const after = loadTsSource<{ productsFor: (pool: pg.Pool, ids: number[]) => Promise<unknown[]> }>(
      codemod(PG_LOOKUP, 'lookup.ts', { chunkSize: '20' }),
      'after.ts',
    );
    const run = counting();
    const rows = await after.productsFor(run.pool, ids);
    expect(run.count()).toBe(3);
    expect(rows.map((row) => (row as { id: number }).id)).toEqual(ids);
  });
});

describe('batch-db-calls on Redis', () => {
  let server: RunningServer | undefined;
  let redis: Redis;
  let skipped = '';

  beforeAll(async () => {
    const started = await startRedis();
    if ('skipped' in started) {
      skipped = started.skipped;
      return;
    }
    server = started;
    redis = new Redis(server.url, { commandTimeout: 10_000, lazyConnect: true });
    await redis.connect();
    for (let i = 0; i < 40; i += 2) await redis.set(`session:${i}`, `user-${i}`);
  }, 60_000);

  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  /** Calls of a command as the server counts them (INFO commandstats). */
  async function calls(command: string): Promise<number> {
    const info = await redis.info('commandstats');
    return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
  }

  it('a GET per key becomes one MGET, same values in the same order', async (context) => {
    if (skipped) context.skip(skipped);
    const ids = Array.from({ length: 40 }, (_, i) => String(i));
    const before = loadTsSource<{ sessions: (redis: Redis, ids: string[]) => Promise<(string | null)[]> }>(REDIS_GET, 'before.ts');
    const after = loadTsSource<typeof before>(codemod(REDIS_GET, 'sessions.ts'), 'after.ts');
    await redis.config('RESETSTAT');
    const valuesBefore = await before.sessions(redis, ids);
    const getsBefore = await calls('get');
    await redis.config('RESETSTAT');
    const valuesAfter = await after.sessions(redis, ids);
    expect(getsBefore).toBe(ids.length);
    expect(await calls('get')).toBe(0);
    expect(await calls('mget')).toBe(1);
    expect(valuesAfter).toEqual(valuesBefore);
    expect(valuesAfter.filter((value) => value === null)).toHaveLength(20);
  });
});

describe('batch-db-calls on SQLite through Knex (better-sqlite3)', () => {
  let db: Knex;

  beforeAll(async () => {
    db = knex({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await db.schema.createTable('users', (table) => {
      table.integer('id').primary();
      table.string('name');
    });
  });

  afterAll(async () => {
    await db?.destroy();
  });

  it('an insert per row becomes one multi-row insert with the same table afterwards', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ id: i + 1, name: `user ${i + 1}` }));
    const before = loadTsSource<{ importUsers: (db: Knex, rows: { id: number; name: string }[]) => Promise<void> }>(KNEX_INSERT, 'before.ts');
    const after = loadTsSource<typeof before>(codemod(KNEX_INSERT, 'import.ts'), 'after.ts');
    let queries = 0;
    const count = () => queries++;
    db.on('query', count);
    try {
      await before.importUsers(db, rows);
      const insertsBefore = queries;
      const tableBefore = await db('users').orderBy('id');
      await db('users').del();
      queries = 0;
      await after.importUsers(db, rows);
      const insertsAfter = queries;
      const tableAfter = await db('users').orderBy('id');
      expect(insertsBefore).toBe(rows.length);
      expect(insertsAfter).toBe(1);
      expect(tableAfter).toEqual(tableBefore);
      expect(tableAfter).toHaveLength(rows.length);
    } finally {
      db.off('query', count);
    }
  });
});
