import { Router, type Request, type Response } from 'express';
import { Client } from 'pg';
import type { ProductCache } from '../cache';
import type { CustomerRepository } from '../repositories/customers';
import type { Order, OrderRepository } from '../repositories/orders';
import { getBalance } from '../services/payments';

const CSV_HEADER = 'id,status,total,currency,created_at';

export function orderRoutes(orders: OrderRepository, customers: CustomerRepository, products: ProductCache): Router {
  const router = Router();

  router.get('/orders/:id', async (req: Request, res: Response) => {
    const order = await orders.findOrder(req.params.id);
    if (!order) {
      res.status(404).json({ error: 'order not found' });
      return;
    }
    const items = await orders.listLineItems(order.id);
    const catalog = await orders.productsFor(items);
    res.json({
      ...order,
      items: items.map((item) => ({ ...item, product: catalog.get(item.productId) ?? null })),
    });
  });

  router.get('/products/:id', async (req: Request, res: Response) => {
    const product = await products.getProduct(req.params.id);
    if (product) res.json(product);
    else res.status(404).json({ error: 'product not found' });
  });

  router.get('/customers/:id/summary', async (req: Request, res: Response) => {
    const customer = await customers.findCustomer(req.params.id);
    const recent = await orders.listOrders(req.params.id, 20);
    const balance = await getBalance(req.params.id);
    if (!customer) {
      res.status(404).json({ error: 'customer not found' });
      return;
    }
    const spentByCurrency = recent.reduce<Record<string, number>>(
      (totals, order) => ({ ...totals, [order.currency]: (totals[order.currency] ?? 0) + order.totalCents }),
      {},
    );
    res.json({ customer, recent, balance, spentByCurrency });
  });

  router.get('/customers/:id/orders.csv', async (req: Request, res: Response) => {
    const rows: Order[] = await orders.listOrders(req.params.id, 10_000);
    const lines: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      lines.push(toCsvRow(rows[i]!));
    }
    res.type('text/csv').send([CSV_HEADER, ...lines].join('\n'));
  });

  // Finance runs this against the reporting replica, which is not the primary the pool points at.
  router.get('/admin/reports/daily', async (req: Request, res: Response) => {
    const replica = new Client({ connectionString: process.env.REPORTING_DATABASE_URL });
    await replica.connect();
    try {
      const { rows } = await replica.query(
        `SELECT date_trunc('hour', created_at) AS hour, count(*) AS orders, sum(total_cents) AS revenue_cents
           FROM orders WHERE created_at >= $1::date AND created_at < $1::date + 1 GROUP BY 1 ORDER BY 1`,
        [req.query.day ?? new Date().toISOString().slice(0, 10)],
      );
      res.json(rows);
    } finally {
      await replica.end();
    }
  });

  router.post('/orders/ship', async (req: Request, res: Response) => {
    const { orderIds, carrier } = req.body as { orderIds: string[]; carrier: string };
    await orders.markShipped(orderIds, carrier);
    res.status(204).end();
  });

  return router;
}

function toCsvRow(order: Order): string {
  return [order.id, order.status, (order.totalCents / 100).toFixed(2), order.currency, order.createdAt.toISOString()].join(',');
}
