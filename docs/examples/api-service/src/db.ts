import { Pool } from 'pg';
import Redis from 'ioredis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.PG_POOL_SIZE ?? 20),
  idleTimeoutMillis: 30_000,
});

export const redis = new Redis(REDIS_URL, {
  keyPrefix: 'shop:',
  maxRetriesPerRequest: 2,
});

pool.on('error', (error) => {
  // An idle client lost its connection; the pool replaces it. Log it rather than crash.
  console.error(JSON.stringify({ msg: 'pg idle client error', error: error.message }));
});
