import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import transform from '../../codemods/batch-db-calls';
import { openDatabase, seedDatabase } from '../../docs/examples/crud/src/db';
import { createOrdersServer as createBefore } from '../../docs/examples/crud/src/orders';
import { createOrdersServer as createAfter } from '../../docs/examples/crud/src/orders-fixed';

// The CRUD example (docs/examples/crud): the orders endpoint as written and as batch-db-calls
// rewrote it, each on its own SQLite file seeded with the same rows, answering the same requests.
// Statements are counted where they reach SQLite: better-sqlite3's Database#prepare, which Knex
// calls once per statement it runs.

const BEFORE_FILE = fileURLToPath(new URL('../../docs/examples/crud/src/orders.ts', import.meta.url));
const AFTER_FILE = fileURLToPath(new URL('../../docs/examples/crud/src/orders-fixed.ts', import.meta.url));
const SEED = { customers: 50, products: 100, orders: 200, seed: 3 };

interface Running {
  db: Knex;
  server: Server;
  url: string;
}

interface Answer {
  status: number;
  body: unknown;
}

function codemod(source: string, path: string): { output: string; reports: string[] } {
  const reports: string[] = [];
  const api = { report: (message: string) => reports.push(message), j: undefined as never, jscodeshift: undefined as never, stats() {} } as never;
  return { output: transform({ path, source }, api, {}), reports };
}

async function start(filename: string, create: (db: Knex) => Server): Promise<Running> {
  seedDatabase(filename, SEED);
  const db = openDatabase(filename);
  const server = create(db);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { db, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function ask(running: Running, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(running.url + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.json() };
}

function lines(count: number, firstProduct = 1) {
  return Array.from({ length: count }, (_, i) => ({ productId: 1 + ((firstProduct - 1 + i * 7) % SEED.products), quantity: 1 + (i % 4) }));
}

describe('the CRUD example before and after batch-db-calls', () => {
  let dir: string;
  let before: Running;
  let after: Running;
  let prepare: MockInstance<Database.Database['prepare']>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hotpath-crud-'));
    before = await start(join(dir, 'before.db'), createBefore);
    after = await start(join(dir, 'after.db'), createAfter);
    prepare = vi.spyOn(Database.prototype, 'prepare');
  });

  afterAll(async () => {
    prepare?.mockRestore();
    for (const running of [before, after]) {
      if (!running) continue;
      running.server.closeAllConnections();
      running.server.close();
      await running.db.destroy();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('orders-fixed.ts is the codemod output of orders.ts, byte for byte, and a second run changes nothing', () => {
    const source = readFileSync(BEFORE_FILE, 'utf8');
    const { output, reports } = codemod(source, BEFORE_FILE);
    expect(output).not.toBe(source);
    expect(reports).toEqual([]);
    expect(output).toBe(readFileSync(AFTER_FILE, 'utf8'));
    expect(codemod(output, AFTER_FILE).output).toBe(output);
  });

  it('both servers give the same answers to the same requests and end with the same rows', async () => {
    const requests: [string, string, unknown?][] = [
      ['POST', '/orders', { customerId: 7, lines: lines(1) }],
      ['POST', '/orders', { customerId: 8, lines: lines(3, 40) }],
      ['POST', '/orders', { customerId: 9, lines: [...lines(40, 2), { productId: 2, quantity: 5 }] }],
      ['POST', '/orders', { customerId: 10, lines: lines(500, 3) }],
      ['POST', '/orders', { customerId: 10, lines: lines(501, 3) }],
      ['POST', '/orders', { customerId: 9, lines: [{ productId: SEED.products + 1, quantity: 1 }] }],
      ['POST', '/orders', { customerId: SEED.customers + 1, lines: lines(2) }],
      ['POST', '/orders', { customerId: 9, lines: [] }],
      ['POST', '/orders', '{"customerId": 9, "lines": ['],
      ['GET', `/orders/${SEED.orders + 1}`],
      ['GET', `/orders/${SEED.orders + 3}`],
      ['GET', '/orders/5'],
      ['GET', '/orders/999999'],
    ];
    const answers: Answer[][] = [[], []];
    for (const [method, path, body] of requests) {
      answers[0]!.push(await ask(before, method, path, body));
      answers[1]!.push(await ask(after, method, path, body));
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[0]!.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 400, 422, 422, 400, 400, 200, 200, 200, 404]);
    // The 41-line order came back whole, in the order it was sent.
    const big = answers[0]![2]!.body as { lines: { productId: number; quantity: number }[] };
    expect(big.lines.map(({ productId, quantity }) => ({ productId, quantity }))).toEqual([...lines(40, 2), { productId: 2, quantity: 5 }]);

    for (const table of ['orders', 'order_items']) {
      const rows = await before.db(table).orderBy('id');
      expect(await after.db(table).orderBy('id')).toEqual(rows);
      expect(rows.length).toBeGreaterThan(SEED.orders);
    }
  });

  it('the rewritten endpoint runs the same statements whatever the number of lines, the original one more per line', async () => {
    const counts = async (running: Running, count: number) => {
      prepare.mockClear();
      const answer = await ask(running, 'POST', '/orders', { customerId: 11, lines: lines(count, 5) });
      expect(answer.status).toBe(201);
      const statements = prepare.mock.calls.map(([sql]) => sql);
      return { total: statements.length, lineInserts: statements.filter((sql) => /^insert into `order_items`/.test(sql)).length };
    };
    const before2 = await counts(before, 2);
    const after2 = await counts(after, 2);
    const before30 = await counts(before, 30);
    const after30 = await counts(after, 30);

    expect(before2.lineInserts).toBe(2);
    expect(before30.lineInserts).toBe(30);
    expect(before30.total - before2.total).toBe(28);
    expect(after2.lineInserts).toBe(1);
    expect(after30.lineInserts).toBe(1);
    expect(after30.total).toBe(after2.total);
    expect(after30.total).toBe(before30.total - 29);
  });
});
