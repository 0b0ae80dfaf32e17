import axios from 'axios';

export interface Balance {
  customerId: string;
  availableCents: number;
  currency: string;
}

export interface Charge {
  id: string;
  status: 'succeeded' | 'pending' | 'failed';
  amountCents: number;
}

const payments = axios.create({
  baseURL: process.env.PAYMENTS_URL ?? 'https://payments.example.com/v2',
  headers: { authorization: `Bearer ${process.env.PAYMENTS_API_KEY ?? ''}` },
});

export async function getBalance(customerId: string): Promise<Balance> {
  const { data } = await payments.get<Balance>(`/customers/${customerId}/balance`);
  return data;
}

export async function chargeOrder(orderId: string, amountCents: number, currency: string): Promise<Charge> {
  const { data } = await payments.post<Charge>(
    '/charges',
    { amount: amountCents, currency, metadata: { orderId } },
    // The same key on a retry makes the provider return the first charge instead of charging twice.
    { headers: { 'idempotency-key': `order-${orderId}` } },
  );
  return data;
}

/** Settlement reports come from the provider's reporting host, not the API host. */
export async function fetchSettlements(day: string): Promise<Charge[]> {
  const { data } = await axios.get<Charge[]>(`https://reports.payments.example.com/v2/settlements/${day}`, {
    headers: { authorization: `Bearer ${process.env.PAYMENTS_API_KEY ?? ''}` },
  });
  return data;
}

export async function refund(chargeId: string): Promise<void> {
  await axios.post(
    `https://payments.example.com/v2/charges/${chargeId}/refunds`,
    {},
    { timeout: 5_000, headers: { authorization: `Bearer ${process.env.PAYMENTS_API_KEY ?? ''}` } },
  );
}
