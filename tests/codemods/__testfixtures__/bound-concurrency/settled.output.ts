import { readFile } from 'node:fs/promises';

export async function loadAll(paths: string[]) {
  const results = await mapSettledInChunks(paths, 10, (p) => readFile(p, 'utf8'));
  return results.filter((r) => r.status === 'fulfilled');
}

export async function sendAll(users: User[]) {
  await mapInChunks(users, 10, async (user) => {
    const html = await render(user);
    await mailer.send(user.email, html);
  });
}

/**
 * Like `Promise.allSettled(items.map(fn))`, but with at most `size` calls of `fn` in flight: one
 * chunk at a time, results in input order.
 */
async function mapSettledInChunks<T = any, R = unknown>(
  items: Iterable<T> | ArrayLike<T>,
  size: number,
  fn: (item: T, index: number, all: readonly T[]) => R | PromiseLike<R>,
): Promise<PromiseSettledResult<Awaited<R>>[]> {
  const list = Array.from(items);
  const results: PromiseSettledResult<Awaited<R>>[] = [];
  for (let start = 0; start < list.length; start += size) {
    const chunk = list.slice(start, start + size);
    results.push(...(await Promise.allSettled(chunk.map((item, offset) => fn(item, start + offset, list)))));
  }
  return results;
}

/**
 * Like `Promise.all(items.map(fn))`, but with at most `size` calls of `fn` in flight: one chunk at a
 * time, results in input order. The first rejection rejects the whole and starts no further chunk.
 */
async function mapInChunks<T = any, R = unknown>(
  items: Iterable<T> | ArrayLike<T>,
  size: number,
  fn: (item: T, index: number, all: readonly T[]) => R | PromiseLike<R>,
): Promise<Awaited<R>[]> {
  const list = Array.from(items);
  const results: Awaited<R>[] = [];
  for (let start = 0; start < list.length; start += size) {
    const chunk = list.slice(start, start + size);
    results.push(...(await Promise.all(chunk.map((item, offset) => fn(item, start + offset, list)))));
  }
  return results;
}
