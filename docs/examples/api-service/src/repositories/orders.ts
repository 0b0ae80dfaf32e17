import type { Pool } from 'pg';

export interface Order {
  id: string;
  customerId: string;
  status: 'pending' | 'paid' | 'shipped' | 'cancelled';
  totalCents: number;
  currency: string;
  createdAt: Date;
}

export interface LineItem {
  orderId: string;
  productId: string;
  quantity: number;
  unitPriceCents: number;
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  priceCents: number;
}

const ORDER_COLUMNS = `id, customer_id AS "customerId", status, total_cents AS "totalCents", currency,
  created_at AS "createdAt"`;

export class OrderRepository {
  constructor(private readonly db: Pool) {}

  async findOrder(id: string): Promise<Order | null> {
    const { rows } = await this.db.query<Order>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async listOrders(customerId: string, limit = 50): Promise<Order[]> {
    const { rows } = await this.db.query<Order>(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT $2`,
      [customerId, limit],
    );
    return rows;
  }

  async listLineItems(orderId: string): Promise<LineItem[]> {
    const { rows } = await this.db.query<LineItem>(
      `SELECT order_id AS "orderId", product_id AS "productId", quantity, unit_price_cents AS "unitPriceCents"
         FROM line_items WHERE order_id = $1`,
      [orderId],
    );
    return rows;
  }

  async findProduct(id: string): Promise<Product | null> {
    const { rows } = await this.db.query<Product>(
      'SELECT id, sku, name, price_cents AS "priceCents" FROM products WHERE id = $1',
      [id],
    );
    return rows[0] ?? null;
  }

  /** The products of an order's line items, by product id. */
  async productsFor(items: LineItem[]): Promise<Map<string, Product>> {
    const products = new Map<string, Product>();
    for (const item of items) {
      const { rows } = await this.db.query<Product>(
        'SELECT id, sku, name, price_cents AS "priceCents" FROM products WHERE id = $1',
        [item.productId],
      );
      if (rows[0]) products.set(item.productId, rows[0]);
    }
    return products;
  }

  async markShipped(orderIds: string[], carrier: string): Promise<void> {
    for (const id of orderIds) {
      await this.db.query("UPDATE orders SET status = 'shipped', carrier = $2, shipped_at = now() WHERE id = $1", [
        id,
        carrier,
      ]);
    }
  }

  /**
   * Every paid order, in id order, a page at a time. Each page starts after the last id of the page
   * before, so the queries cannot be merged: this loop is sequential on purpose.
   */
  async *paidOrders(pageSize = 500): AsyncGenerator<Order[]> {
    let after = '';
    for (;;) {
      const { rows } = await this.db.query<Order>(
        `SELECT ${ORDER_COLUMNS} FROM orders WHERE status = 'paid' AND id > $1 ORDER BY id LIMIT $2`,
        [after, pageSize],
      );
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]!.id;
    }
  }
}
