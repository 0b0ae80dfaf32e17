import type { Redis } from 'ioredis';
import type { OrderRepository, Product } from './repositories/orders';

const PRODUCT_TTL_SECONDS = 300;

/** Read-through cache of product rows, shared by every instance of the service through Redis. */
export class ProductCache {
  constructor(
    private readonly redis: Redis,
    private readonly orders: OrderRepository,
  ) {}

  async getProduct(id: string): Promise<Product | null> {
    const key = `product:${id}`;
    const cached = await this.redis.get(key);
    if (cached !== null) return JSON.parse(cached) as Product;

    const product = await this.orders.findProduct(id);
    if (product) await this.redis.set(key, JSON.stringify(product), 'EX', PRODUCT_TTL_SECONDS);
    return product;
  }

  async invalidate(id: string): Promise<void> {
    await this.redis.del(`product:${id}`);
  }
}
