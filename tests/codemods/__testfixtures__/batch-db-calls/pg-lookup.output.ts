import { Pool } from 'pg';

const pool = new Pool();

export async function productsFor(ids: number[]) {
  const products = [];
  for (const row of await (async () => {
    const byKey = new Map();
    for (let i = 0; i < ids.length; i += 10000) {
      const chunk = ids.slice(i, i + 10000);
      for (const row of (await pool.query('SELECT id, name FROM products WHERE id = ANY($1)', [chunk])).rows) byKey.set(String(row.id), row);
    }
    return ids.map((id) => byKey.get(String(id)) ?? null);
  })()) products.push(row);
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
