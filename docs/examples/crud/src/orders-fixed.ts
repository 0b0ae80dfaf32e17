import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Knex } from 'knex';

/**
 * The orders endpoint of a small shop, on node:http with no framework:
 *
 *   POST /orders       { customerId, lines: [{ productId, quantity }] } -> 201 with the stored order
 *   GET  /orders/:id   -> 200 with the order and its lines, or 404
 *
 * An order is checked (its products' prices and its customer, one query each) before anything is
 * written, then stored (the order row, then its lines) and read back as the response.
 */

export interface OrderLineInput {
  productId: number;
  quantity: number;
}

export interface OrderInput {
  customerId: number;
  lines: OrderLineInput[];
}

export interface Order {
  id: number;
  customerId: number;
  totalCents: number;
  lines: { id: number; productId: number; quantity: number; priceCents: number }[];
}

interface Reply {
  status: number;
  body: unknown;
}

const MAX_BODY_BYTES = 1_000_000;
const MAX_LINES = 500;

export function createOrdersServer(db: Knex): Server {
  return createServer((request, response) => {
    route(db, request)
      .catch((error: unknown): Reply => {
        if (error instanceof BadRequest) return { status: 400, body: { error: error.message } };
        console.error(error);
        return { status: 500, body: { error: 'internal error' } };
      })
      .then(({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      });
  });
}

async function route(db: Knex, request: IncomingMessage): Promise<Reply> {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  if (pathname === '/orders' && request.method === 'POST') {
    const order = await createOrder(db, parseOrder(await readJson(request)));
    return order ? { status: 201, body: order } : { status: 422, body: { error: 'unknown customer or product' } };
  }
  const match = /^\/orders\/(\d+)$/.exec(pathname);
  if (match && request.method === 'GET') {
    const order = await readOrder(db, Number(match[1]));
    return order ? { status: 200, body: order } : { status: 404, body: { error: 'no such order' } };
  }
  return { status: 404, body: { error: 'not found' } };
}

/** Stores the order and returns it as read back, or null when the customer or a product is unknown. */
export async function createOrder(db: Knex, input: OrderInput): Promise<Order | null> {
  const productIds = [...new Set(input.lines.map((line) => line.productId))];
  const products: { id: number; price_cents: number }[] = await db('products').whereIn('id', productIds).select('id', 'price_cents');
  const prices = new Map(products.map((product) => [product.id, product.price_cents]));
  if (prices.size !== productIds.length) return null;
  if (!(await db('customers').where({ id: input.customerId }).first('id'))) return null;

  const totalCents = input.lines.reduce((sum, line) => sum + line.quantity * (prices.get(line.productId) ?? 0), 0);
  const [orderId] = await db('orders').insert({ customer_id: input.customerId, total_cents: totalCents });
  if (input.lines.length > 0) await db('order_items').insert(input.lines.map((line) => ({ order_id: orderId, product_id: line.productId, quantity: line.quantity, price_cents: prices.get(line.productId) })));
  return readOrder(db, Number(orderId));
}

export async function readOrder(db: Knex, id: number): Promise<Order | null> {
  const order: { id: number; customer_id: number; total_cents: number } | undefined = await db('orders').where({ id }).first('id', 'customer_id', 'total_cents');
  if (!order) return null;
  const lines: { id: number; product_id: number; quantity: number; price_cents: number }[] = await db('order_items')
    .where({ order_id: id })
    .orderBy('id')
    .select('id', 'product_id', 'quantity', 'price_cents');
  return {
    id: order.id,
    customerId: order.customer_id,
    totalCents: order.total_cents,
    lines: lines.map((line) => ({ id: line.id, productId: line.product_id, quantity: line.quantity, priceCents: line.price_cents })),
  };
}

class BadRequest extends Error {}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest('body too large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('body is not JSON');
  }
}

function parseOrder(body: unknown): OrderInput {
  const { customerId, lines } = (body ?? {}) as { customerId?: unknown; lines?: unknown };
  if (!isId(customerId)) throw new BadRequest('customerId must be a positive integer');
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > MAX_LINES) {
    throw new BadRequest(`lines must be an array of 1 to ${MAX_LINES} lines`);
  }
  return {
    customerId,
    lines: lines.map((line: { productId?: unknown; quantity?: unknown } | null) => {
      if (!isId(line?.productId) || !isId(line.quantity) || line.quantity > 1000) {
        throw new BadRequest('each line needs a productId and a quantity from 1 to 1000');
      }
      return { productId: line.productId, quantity: line.quantity };
    }),
  };
}

function isId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}
