import type { Redis } from 'ioredis';
import type { OrderRepository, Product } from './repositories/orders';

const PRODUCT_TTL_SECONDS = 300;

/** Read-through cache of product rows, shared by every instance of the service through Redis. */
export class ProductCache {
  private readonly getProductLoads = new Map<unknown, Promise<unknown>>();
  constructor(
    private readonly redis: Redis,
    private readonly orders: OrderRepository,
  ) {}

  async getProduct(id: string): Promise<Product | null> {
    const key = `product:${id}`;
    const cached = await this.redis.get(key);
    if (cached !== null) return JSON.parse(cached) as Product;

    const product = await shareInflight(this.getProductLoads, key, () => this.orders.findProduct(id));
    if (product) await this.redis.set(key, JSON.stringify(product), 'EX', PRODUCT_TTL_SECONDS);
    return product;
  }

  async invalidate(id: string): Promise<void> {
    await this.redis.del(`product:${id}`);
  }
}

/**
 * Callers that miss the cache for the same key while a load is in flight share that load instead of
 * starting their own. The key is forgotten once the load settles: the cache answers from then on,
 * and after a rejection (which every waiting caller receives) the next caller loads again.
 */
function shareInflight<T>(loads: Map<unknown, Promise<unknown>>, key: unknown, load: () => T | PromiseLike<T>): Promise<T> {
  let pending = loads.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = Promise.resolve(load()) as Promise<T>;
    loads.set(key, pending);
    const forget = () => loads.delete(key);
    pending.then(forget, forget);
  }
  return pending;
}
