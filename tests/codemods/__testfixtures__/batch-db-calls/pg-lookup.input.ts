import { Pool } from 'pg';

const pool = new Pool();

export async function productsFor(ids: number[]) {
  const products = [];
  for (const id of ids) {
    products.push((await pool.query('SELECT id, name FROM products WHERE id = $1', [id])).rows[0]);
  }
  return products;
}

// Keyset pagination: each page needs the last id of the page before. Not batchable; left alone.
export async function allProducts() {
  let after = 0;
  for (;;) {
    const { rows } = await pool.query('SELECT * FROM products WHERE id > $1 ORDER BY id LIMIT 500', [after]);
    if (rows.length === 0) return;
    after = rows[rows.length - 1].id;
  }
}
