export interface Stop {
  orderId: string;
  address: string;
}

/** ETA for every stop of a delivery run; a run can hold a few thousand stops. */
export async function estimateDeliveries(depot: Point, stops: Stop[]): Promise<DeliveryEstimate[]> {
  return mapInChunks(stops, 10, async (stop) => {
    const point = await geocode(stop.address);
    const minutes = await travelMinutes(depot, point);
    return { orderId: stop.orderId, point, minutes };
  });
}

export async function pingRegions() {
  // Three regions: bounded by the literal.
  return Promise.all(['eu', 'us', 'ap'].map((region) => fetch(`https://${region}.example.com/ping`)));
}

/**
 * Like `Promise.all(items.map(fn))`, but with at most `size` calls of `fn` in flight: one chunk at a
 * time, results in input order. The first rejection rejects the whole and starts no further chunk.
 */
async function mapInChunks<T = any, R = unknown>(
  items: Iterable<T> | ArrayLike<T>,
  size: number,
  fn: (item: T, index: number, all: readonly T[]) => R | PromiseLike<R>,
): Promise<Awaited<R>[]> {
  const list = Array.from(items);
  const results: Awaited<R>[] = [];
  for (let start = 0; start < list.length; start += size) {
    const chunk = list.slice(start, start + size);
    results.push(...(await Promise.all(chunk.map((item, offset) => fn(item, start + offset, list)))));
  }
  return results;
}
