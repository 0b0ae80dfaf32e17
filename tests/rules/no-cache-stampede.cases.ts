import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { helperText, type MessageId, type Options } from '../../rules/no-cache-stampede';

// Shared by the RuleTester table and the share-inflight codemod's parity and must-not-change tests.

const tsHelper = `\n${helperText(true)}`;
const jsHelper = `\n${helperText(false)}`;

export const cases: {
  valid: (string | ValidTestCase<Options>)[];
  invalid: InvalidTestCase<MessageId, Options>[];
} = {
  valid: [
    // The map holds promises: an in-flight map already (declared type, or the stored value is the promise).
    `const users = new Map<string, Promise<User>>();
async function getUser(id: string) {
  const hit = users.get(id);
  if (hit) return hit;
  const pending = loadUser(id);
  users.set(id, pending);
  return pending;
}`,
    `const users: Map<string, Promise<User> | User> = new Map();
async function getUser(id: string) {
  if (users.has(id)) return users.get(id);
  const user = await loadUser(id);
  users.set(id, user);
  return user;
}`,
    `const users = new Map();
async function getUser(id) {
  let pending = users.get(id);
  if (!pending) {
    pending = loadUser(id);
    users.set(id, pending);
  }
  return await pending;
}`,
    // A lock, a singleflight or DataLoader guards the load.
    `const users = new Map();
async function getUser(id) {
  return mutex.runExclusive(async () => {
    const hit = users.get(id);
    if (hit) return hit;
    const user = await loadUser(id);
    users.set(id, user);
    return user;
  });
}`,
    `const users = new Map();
async function getUser(id) {
  const release = await lock.acquire(id);
  try {
    const hit = users.get(id);
    if (hit) return hit;
    const user = await loadUser(id);
    users.set(id, user);
    return user;
  } finally {
    release();
  }
}`,
    `const users = new Map();
async function getUser(id) {
  const hit = users.get(id);
  if (hit) return hit;
  const user = await singleflight.do(id, () => loadUser(id));
  users.set(id, user);
  return user;
}`,
    `const users = new Map();
async function getUser(id) {
  const hit = users.get(id);
  if (hit) return hit;
  const user = await userLoader.load(id);
  users.set(id, user);
  return user;
}`,
    `const users = new Map();
const inflight = new Map();
async function getUser(id) {
  const hit = users.get(id);
  if (hit) return hit;
  const pending = loadUser(id);
  inflight.set(id, pending);
  const user = await pending;
  users.set(id, user);
  return user;
}`,
    // No await between the miss check and the set: nothing can interleave.
    `const users = new Map();
async function getUser(id) {
  await ready;
  const hit = users.get(id);
  if (hit) return hit;
  const user = compute(id);
  users.set(id, user);
  return user;
}`,
    // The stored value does not come from the awaited call.
    `const seen = new Map();
async function touch(id) {
  if (seen.has(id)) return;
  await audit(id);
  seen.set(id, Date.now());
}`,
    // Not a miss check: the read decides nothing (a refresh that always loads).
    `const users = new Map();
async function refresh(id) {
  const previous = users.get(id);
  const user = await loadUser(id);
  users.set(id, user);
  emit(previous, user);
}`,
    // A different key or a different cache.
    `const users = new Map();
const other = new Map();
async function getUser(id) {
  const hit = other.get(id);
  if (hit) return hit;
  const user = await loadUser(id);
  users.set(id, user);
  return user;
}`,
    `const users = new Map();
async function getUser(id, user) {
  if (users.has(id)) return users.get(id);
  const loaded = await loadUser(id);
  users.set(loaded.id, loaded);
  return loaded;
}`,
    // A map local to the call: no other caller can share it.
    `async function resolveAll(ids) {
  const seen = new Map();
  for (const id of ids) {
    if (seen.has(id)) continue;
    const user = await loadUser(id);
    seen.set(id, user);
  }
  return seen;
}`,
    // A helper beside a function-local cache, awaited call by call in a loop: its calls never overlap.
    `export async function duplicate(roots: Root[]) {
  const collections = new Map<string, Collection>();
  async function collectionFor(id: string) {
    if (!collections.has(id)) {
      collections.set(id, await Collection.findByPk(id));
    }
    return collections.get(id);
  }
  for (const root of roots) {
    await copy(root, await collectionFor(root.collectionId));
  }
}`,
    // Not async (a callback chain): out of scope.
    `const users = new Map();
function getUser(id) {
  if (users.has(id)) return Promise.resolve(users.get(id));
  return loadUser(id).then((user) => { users.set(id, user); return user; });
}`,
    // Not a cache this file can see: imported, untyped, or a library that is not a cache.
    `import { users } from './caches';
async function getUser(id) {
  const hit = users.get(id);
  if (hit) return hit;
  const user = await loadUser(id);
  users.set(id, user);
  return user;
}`,
    `export async function resolveAuthor(cache: Map<string, string>, id: string) {
  if (cache.has(id)) return cache.get(id);
  const user = await User.findOne({ where: { id } });
  cache.set(id, user.id);
  return user.id;
}`,
    `async function getUser(store, id) {
  const hit = store.get(id);
  if (hit) return hit;
  const user = await loadUser(id);
  store.set(id, user);
  return user;
}`,
    `import axios from 'axios';
const params = new URLSearchParams();
async function f(id) {
  if (params.has(id)) return;
  const res = await axios.get('/x');
  params.set(id, res.data);
}`,
    // Test files, unless asked.
    {
      code: `const users = new Map();
async function getUser(id) {
  const hit = users.get(id);
  if (hit) return hit;
  const user = await loadUser(id);
  users.set(id, user);
  return user;
}`,
      filename: 'src/__tests__/users.ts',
    },
  ],
  invalid: [
    {
      code: `const users = new Map<string, User>();

export async function getUser(id: string): Promise<User> {
  const cached = users.get(id);
  if (cached) return cached;
  const user = await db.findUser(id);
  users.set(id, user);
  return user;
}
`,
      errors: [
        {
          messageId: 'stampede',
          line: 7,
          column: 3,
          suggestions: [
            {
              messageId: 'stampedeFixShareInflight',
              output: `const users = new Map<string, User>();
const getUserLoads = new Map<unknown, Promise<unknown>>();

export async function getUser(id: string): Promise<User> {
  const cached = users.get(id);
  if (cached) return cached;
  const user = await shareInflight(getUserLoads, id, () => db.findUser(id));
  users.set(id, user);
  return user;
}
${tsHelper}`,
            },
          ],
        },
      ],
    },
      {
      // ioredis through a constructor parameter property: the in-flight map becomes a class field.
      code: `import type { Redis } from 'ioredis';

export class ProductCache {
  constructor(
    private readonly redis: Redis,
    private readonly orders: OrderRepository,
  ) {}

  async getProduct(id: string): Promise<Product | null> {
    const key = \`product:\${id}\`;
    const cached = await this.redis.get(key);
    if (cached !== null) return JSON.parse(cached) as Product;
    const product = await this.orders.findProduct(id);
    if (product) await this.redis.set(key, JSON.stringify(product), 'EX', 300);
    return product;
  }
}
`,
      errors: [
        {
          messageId: 'stampede',
          line: 14,
          column: 24,
          suggestions: [
            {
              messageId: 'stampedeFixShareInflight',
              output: `import type { Redis } from 'ioredis';

export class ProductCache {
  private readonly getProductLoads = new Map<unknown, Promise<unknown>>();
  constructor(
    private readonly redis: Redis,
    private readonly orders: OrderRepository,
  ) {}

  async getProduct(id: string): Promise<Product | null> {
    const key = \`product:\${id}\`;
    const cached = await this.redis.get(key);
    if (cached !== null) return JSON.parse(cached) as Product;
    const product = await shareInflight(this.getProductLoads, key, () => this.orders.findProduct(id));
    if (product) await this.redis.set(key, JSON.stringify(product), 'EX', 300);
    return product;
  }
}
${tsHelper}`,
            },
          ],
        },
      ],
    },
    {
      // lru-cache with has/get, in an arrow function.
      code: `import { LRUCache } from 'lru-cache';
const pages = new LRUCache<string, string>({ max: 100 });
export const render = async (slug: string) => {
  if (pages.has(slug)) return pages.get(slug)!;
  const html = await renderPage(slug);
  pages.set(slug, html);
  return html;
};`,
      errors: [
        {
          messageId: 'stampede',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'stampedeFixShareInflight',
              output: `import { LRUCache } from 'lru-cache';
const pages = new LRUCache<string, string>({ max: 100 });
const renderLoads = new Map<unknown, Promise<unknown>>();
export const render = async (slug: string) => {
  if (pages.has(slug)) return pages.get(slug)!;
  const html = await shareInflight(renderLoads, slug, () => renderPage(slug));
  pages.set(slug, html);
  return html;
};
${tsHelper}`,
            },
          ],
        },
      ],
    },
    {
      // A closure's map shared by every call of the returned function; the load awaited inside the set;
      // a JavaScript file gets the untyped helper.
      code: `export function memoize(load) {
  const memo = new Map();
  return async (key) => {
    if (!memo.has(key)) {
      memo.set(key, await load(key));
    }
    return memo.get(key);
  };
}
`,
      filename: 'memo.js',
      errors: [
        {
          messageId: 'stampede',
          line: 5,
          column: 7,
          suggestions: [
            {
              messageId: 'stampedeFixShareInflight',
              output: `export function memoize(load) {
  const memo = new Map();
  const memoLoads = new Map();
  return async (key) => {
    if (!memo.has(key)) {
      memo.set(key, await shareInflight(memoLoads, key, () => load(key)));
    }
    return memo.get(key);
  };
}
${jsHelper}`,
            },
          ],
        },
      ],
    },
    {
      // Concurrent callbacks of one Promise.all share the outer map.
      code: `export async function attachAll(urls: string[]) {
  const byUrl = new Map<string, Attachment>();
  await Promise.all(urls.map(async (url) => {
    if (byUrl.has(url)) return;
    const attachment = await download(url);
    byUrl.set(url, attachment);
  }));
  return byUrl;
}`,
      errors: [{ messageId: 'stampede', line: 6, column: 5, suggestions: [{ messageId: 'stampedeFixShareInflight', output: `export async function attachAll(urls: string[]) {
  const byUrl = new Map<string, Attachment>();
  const byUrlLoads = new Map<unknown, Promise<unknown>>();
  await Promise.all(urls.map(async (url) => {
    if (byUrl.has(url)) return;
    const attachment = await shareInflight(byUrlLoads, url, () => download(url));
    byUrl.set(url, attachment);
  }));
  return byUrl;
}
${tsHelper}` }] }],
    },
    {
      // node-redis imported client: two awaits (the response, then its body) are not one load to
      // share, so it is reported without a fix.
      code: `import { createClient } from 'redis';
const redis = createClient({ socket: { socketTimeout: 1000 } });
export async function rates(currency: string) {
  const hit = await redis.get(\`rates:\${currency}\`);
  if (hit) return JSON.parse(hit);
  const res = await fetch(\`https://rates.example.com/\${currency}\`, { signal: AbortSignal.timeout(2000) });
  const body = await res.json();
  await redis.setEx(\`rates:\${currency}\`, 60, JSON.stringify(body));
  return body;
}`,
      errors: [{ messageId: 'stampede', line: 8, column: 9, suggestions: [] }],
    },
    {
      // A value derived from the load through another binding; keyv and node-cache are caches too.
      code: `import Keyv from 'keyv';
const keyv = new Keyv();
export async function profile(id: string) {
  const known = await keyv.get(id);
  if (known) return known;
  const row = await db.users.findOne(id);
  const view = toView(row);
  await keyv.set(id, view);
  return view;
}`,
      errors: [{ messageId: 'stampede', line: 8, column: 9, suggestions: [{ messageId: 'stampedeFixShareInflight', output: `import Keyv from 'keyv';
const keyv = new Keyv();
const profileLoads = new Map<unknown, Promise<unknown>>();
export async function profile(id: string) {
  const known = await keyv.get(id);
  if (known) return known;
  const row = await shareInflight(profileLoads, id, () => db.users.findOne(id));
  const view = toView(row);
  await keyv.set(id, view);
  return view;
}
${tsHelper}` }] }],
    },
    {
      code: `import NodeCache from 'node-cache';
const cache = new NodeCache();
export async function token(scope: string) {
  const cached = cache.get(scope);
  if (cached !== undefined) return cached;
  const fresh = await issueToken(scope);
  cache.set(scope, fresh, 300);
  return fresh;
}`,
      errors: [{ messageId: 'stampede', line: 7, column: 3, suggestions: [{ messageId: 'stampedeFixShareInflight', output: `import NodeCache from 'node-cache';
const cache = new NodeCache();
const tokenLoads = new Map<unknown, Promise<unknown>>();
export async function token(scope: string) {
  const cached = cache.get(scope);
  if (cached !== undefined) return cached;
  const fresh = await shareInflight(tokenLoads, scope, () => issueToken(scope));
  cache.set(scope, fresh, 300);
  return fresh;
}
${tsHelper}` }] }],
    },
  ],
};
