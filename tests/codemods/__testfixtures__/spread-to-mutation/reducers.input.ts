export interface Order {
  id: string;
  customer: string;
  total: number;
  tags: string[];
}

/** Orders by id, for the lookup table. */
export const byId = (orders: Order[]) => orders.reduce((acc, order) => ({ ...acc, [order.id]: order }), {} as Record<string, Order>);

/** Totals per customer: later orders add to earlier ones. */
export function totals(orders: Order[]): Record<string, number> {
  return orders.reduce(
    (sums, order) => ({
      ...sums,
      [order.customer]: (sums[order.customer] ?? 0) + order.total,
    }),
    {} as Record<string, number>,
  );
}

/** Every tag once per order, in order. */
export function allTags(orders: Order[]): string[] {
  return orders.reduce((tags, order) => {
    if (order.tags.length === 0) return tags;
    return [...tags, order.id];
  }, [] as string[]);
}
