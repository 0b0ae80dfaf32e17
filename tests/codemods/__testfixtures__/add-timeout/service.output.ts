import axios from 'axios';
import { Pool } from 'pg';
import Redis from 'ioredis';

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 20, // sized for the API pods
  connectionTimeoutMillis: 10000,
  statement_timeout: 10000,
});

export const cache = new Redis(process.env.REDIS_URL, { commandTimeout: 10000 });

const geo = axios.create({ baseURL: 'https://geo.example.com', timeout: 10000 });

export async function locate(ip: string) {
  const { data } = await geo.get(`/ip/${ip}`);
  return data;
}

export async function notify(url: string, body: unknown) {
  const options: RequestInit = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    signal: AbortSignal.timeout(10000),
  };
  options.body = JSON.stringify(body);
  const res = await fetch(url, options);
  return res.ok;
}

export async function rate(currency: string) {
  // Already bounded: left alone.
  const res = await fetch(`https://rates.example.com/${currency}`, { signal: AbortSignal.timeout(2000) });
  return res.json();
}
