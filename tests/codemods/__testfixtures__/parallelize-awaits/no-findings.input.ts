export async function checkout(cartId: string) {
  const cart = await getCart(cartId);
  const reservation = await reserveStock(cart.items);
  const charge = await chargeCard(cart.total);
  return { reservation, charge };
}
