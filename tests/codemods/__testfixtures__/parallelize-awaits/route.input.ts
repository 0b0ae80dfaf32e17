import { Router, type Request, type Response } from 'express';
import { getBalance } from '../services/payments';

export function customerRoutes(orders: OrderRepository, customers: CustomerRepository): Router {
  const router = Router();

  router.get('/customers/:id/summary', async (req: Request, res: Response) => {
    const customer = await customers.findCustomer(req.params.id);
    const recent = await orders.listOrders(req.params.id, 20);
    const balance = await getBalance(req.params.id);
    if (!customer) {
      res.status(404).json({ error: 'customer not found' });
      return;
    }
    res.json({ customer, recent, balance });
  });

  router.get('/orders/:id', async (req: Request, res: Response) => {
    const order = await orders.findOrder(req.params.id);
    const items = await orders.listLineItems(order.id);
    res.json({ order, items });
  });

  return router;
}
