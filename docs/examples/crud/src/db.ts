/// <reference path="./better-sqlite3.d.ts" />
import Database from 'better-sqlite3';
import knex, { type Knex } from 'knex';

/**
 * The shop's database: SQLite through better-sqlite3, queried with Knex. WAL with synchronous=NORMAL
 * is the setting better-sqlite3's own docs recommend for a server: a commit appends to the log and
 * does not wait for fsync, so what a request costs is its statements, not the disk.
 */
export function openDatabase(filename: string): Knex {
  return knex({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      afterCreate(connection: Database.Database, done: (error: Error | null, connection: Database.Database) => void) {
        connection.pragma('journal_mode = WAL');
        connection.pragma('synchronous = NORMAL');
        connection.pragma('foreign_keys = ON');
        done(null, connection);
      },
    },
  });
}

export const SCHEMA = `
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE
);
CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents > 0)
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  total_cents INTEGER NOT NULL
);
CREATE INDEX orders_by_customer ON orders (customer_id);
CREATE TABLE order_items (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id),
  product_id INTEGER NOT NULL REFERENCES products (id),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  price_cents INTEGER NOT NULL
);
CREATE INDEX order_items_by_order ON order_items (order_id);
CREATE INDEX order_items_by_product ON order_items (product_id);
`;

export interface SeedSize {
  customers: number;
  products: number;
  /** Orders already placed, with 1 to 8 lines each. */
  orders: number;
  seed?: number;
}

/**
 * Creates `filename` with the schema and a seeded, reproducible history: the same size and seed give
 * the same rows, so two servers started on two copies answer the same requests the same way.
 */
export function seedDatabase(filename: string, size: SeedSize): { orderItems: number } {
  const random = mulberry32(size.seed ?? 1);
  const db = new Database(filename);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(SCHEMA);
    const customer = db.prepare('INSERT INTO customers (id, name, email) VALUES (?, ?, ?)');
    const product = db.prepare('INSERT INTO products (id, sku, name, price_cents) VALUES (?, ?, ?, ?)');
    const order = db.prepare('INSERT INTO orders (id, customer_id, total_cents) VALUES (?, ?, ?)');
    const item = db.prepare('INSERT INTO order_items (order_id, product_id, quantity, price_cents) VALUES (?, ?, ?, ?)');
    let orderItems = 0;
    db.transaction(() => {
      const prices: number[] = [];
      for (let id = 1; id <= size.customers; id++) customer.run(id, `Customer ${id}`, `customer${id}@example.com`);
      for (let id = 1; id <= size.products; id++) {
        const price = 100 + Math.floor(random() * 20_000);
        prices[id] = price;
        product.run(id, `SKU-${String(id).padStart(6, '0')}`, `Product ${id}`, price);
      }
      for (let id = 1; id <= size.orders; id++) {
        const lines = 1 + Math.floor(random() * 8);
        const rows: [number, number, number][] = [];
        let total = 0;
        for (let line = 0; line < lines; line++) {
          const productId = 1 + Math.floor(random() * size.products);
          const quantity = 1 + Math.floor(random() * 5);
          const price = prices[productId]!;
          rows.push([productId, quantity, price]);
          total += quantity * price;
        }
        order.run(id, 1 + Math.floor(random() * size.customers), total);
        for (const [productId, quantity, price] of rows) item.run(id, productId, quantity, price);
        orderItems += lines;
      }
    })();
    return { orderItems };
  } finally {
    db.close();
  }
}

/** A small seeded generator, so the seed data and the benchmark's orders are the same on every run. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
