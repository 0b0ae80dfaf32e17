import type { Pool } from 'pg';

export interface Customer {
  id: string;
  email: string;
  name: string;
  defaultAddress: string | null;
}

export class CustomerRepository {
  constructor(private readonly db: Pool) {}

  async findCustomer(id: string): Promise<Customer | null> {
    const { rows } = await this.db.query<Customer>(
      'SELECT id, email, name, default_address AS "defaultAddress" FROM customers WHERE id = $1',
      [id],
    );
    return rows[0] ?? null;
  }

  /** Batched on purpose: one round trip for any number of ids, missing ids simply absent. */
  async findCustomers(ids: readonly string[]): Promise<Map<string, Customer>> {
    const { rows } = await this.db.query<Customer>(
      'SELECT id, email, name, default_address AS "defaultAddress" FROM customers WHERE id = ANY($1)',
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }
}
