// Every call here already has a deadline or takes its options from the caller: nothing to change.
import axios from 'axios';

export const api = axios.create({ baseURL: '/api', timeout: 3000 });

export function proxy(url: string, init: RequestInit) {
  return fetch(url, init);
}

export const rates = () => fetch('/rates', { signal: AbortSignal.timeout(1000) });
