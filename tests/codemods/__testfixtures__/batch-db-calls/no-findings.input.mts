import { Pool } from 'pg';

const pool = new Pool();

export const productsFor = (ids: number[]) => pool.query('SELECT * FROM products WHERE id = ANY($1)', [ids]);
