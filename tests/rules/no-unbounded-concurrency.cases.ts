import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { CHUNK_HELPER, SETTLED_CHUNK_HELPER, chunkHelperText, type MessageId, type Options } from '../../rules/no-unbounded-concurrency';

// Shared by the RuleTester table and the bound-concurrency codemod's parity and must-not-change tests.

const helper = (typescript = true) => `\n${chunkHelperText(CHUNK_HELPER, typescript)}`;
const settledHelper = `\n${chunkHelperText(SETTLED_CHUNK_HELPER, true)}`;

export const cases: {
  valid: (string | ValidTestCase<Options>)[];
  invalid: InvalidTestCase<MessageId, Options>[];
} = {
  valid: [
    // Literal arrays and bounded chunks.
    `export const f = () => Promise.all(['eu', 'us'].map(async (region) => { const r = await fetch(region); return r.json(); }));`,
    `export async function f(ids: string[]) {
  for (let i = 0; i < ids.length; i += 20) {
    await Promise.all(ids.slice(i, i + 20).map((id) => fetch(\`/users/\${id}\`)));
  }
}`,
    `import chunk from 'lodash/chunk';
export async function f(ids: string[]) {
  for (const group of chunk(ids, 20)) await Promise.all(group.map((id) => fetch(\`/u/\${id}\`)));
}`,
    `export async function f(batch: string[]) { await Promise.all(batch.map((id) => fetch(\`/u/\${id}\`))); }`,
    // A worker pool: a fixed number of workers that pull from a shared queue.
    `export async function f(queue: string[]) {
  const worker = async () => { for (let id = queue.pop(); id; id = queue.pop()) await fetch(id); };
  await Promise.all(Array.from({ length: 8 }, () => worker()));
}`,
    `export const f = (n: number) => Promise.all([...Array(n)].map(() => fetch('/ping')));`,
    // A limiter wraps the work: p-limit, p-queue, Bottleneck.
    `import pLimit from 'p-limit';
const limit = pLimit(8);
export const f = (urls: string[]) => Promise.all(urls.map((url) => limit(() => fetch(url))));`,
    `import PQueue from 'p-queue';
const queue = new PQueue({ concurrency: 4 });
export const f = (urls: string[]) => Promise.all(urls.map((url) => queue.add(() => fetch(url))));`,
    `import Bottleneck from 'bottleneck';
const limiter = new Bottleneck({ maxConcurrent: 4 });
export const f = (urls: string[]) => Promise.all(urls.map((url) => limiter.schedule(() => fetch(url))));`,
    `import Bottleneck from 'bottleneck';
const limiter = new Bottleneck({ maxConcurrent: 4 });
const get = limiter.wrap((url: string) => fetch(url));
export const f = (urls: string[]) => Promise.all(urls.map(async (url) => { const res = await get(url); return res.json(); }));`,
    // One database call per element: no-n-plus-one reports it with its batch form.
    `import { Pool } from 'pg';
const pool = new Pool();
export const f = (ids: string[]) => Promise.all(ids.map((id) => pool.query('SELECT * FROM users WHERE id = $1', [id])));`,
    `import Redis from 'ioredis';
const redis = new Redis();
export const f = (keys: string[]) => Promise.all(keys.map(async (key) => { const value = await redis.get(key); return value ?? null; }));`,
    // A single call the rule cannot classify may be a database call: left alone.
    `export const f = (ids: string[]) => Promise.all(ids.map((id) => users.findById(id)));`,
    `import { present } from './presenters';
export const f = (rows: Row[]) => Promise.all(rows.map(present));`,
    // No asynchronous work: plain values.
    `export const f = (names: string[]) => Promise.all(names.map((name) => name.trim()));`,
    `export const f = (rows: Row[]) => Promise.all(rows.map(async (row) => ({ ...row, seen: true })));`,
    // Keys of an object literal.
    `const endpoints = { a: '/a', b: '/b' };
export const f = () => Promise.all(Object.values(endpoints).map(async (url) => { const res = await fetch(url); return res.json(); }));`,
    // Not Promise.all over a map.
    `export const f = (tasks: Promise<unknown>[]) => Promise.all(tasks);`,
    `export const f = (ids: string[]) => Promise.race(ids.map((id) => fetch(id)));`,
    `function Promise() {} Promise.all = (x) => x; export const f = (ids) => Promise.all(ids.map((id) => fetch(id)));`,
    // Test files, unless asked.
    { code: `export const f = (ids: string[]) => Promise.all(ids.map((id) => fetch(id)));`, filename: 'test/load.test.ts' },
  ],
  invalid: [
    {
      code: `export async function estimate(stops: Stop[]) {
  return Promise.all(
    stops.map(async (stop) => {
      const point = await geocode(stop.address);
      const minutes = await travelMinutes(point);
      return { point, minutes };
    }),
  );
}
`,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          column: 10,
          suggestions: [
            {
              messageId: 'unboundedFixChunks',
              output: `export async function estimate(stops: Stop[]) {
  return mapInChunks(stops, 10, async (stop) => {
    const point = await geocode(stop.address);
    const minutes = await travelMinutes(point);
    return { point, minutes };
  });
}
${helper()}`,
            },
          ],
        },
      ],
    },
    {
      // A single HTTP request per element is outbound I/O; the option sets the bound.
      code: `export const f = (ids: string[]) => Promise.all(ids.map((id) => fetch(\`/users/\${id}\`, { signal: AbortSignal.timeout(1000) })));`,
      options: [{ concurrency: 25 }],
      errors: [
        {
          messageId: 'unbounded',
          line: 1,
          column: 37,
          suggestions: [
            {
              messageId: 'unboundedFixChunks',
              output: `export const f = (ids: string[]) => mapInChunks(ids, 25, (id) => fetch(\`/users/\${id}\`, { signal: AbortSignal.timeout(1000) }));\n${helper()}`,
            },
          ],
        },
      ],
    },
    {
      // allSettled keeps its settle-everything semantics, per chunk.
      code: `import { readFile } from 'node:fs/promises';
export async function load(paths: string[]) {
  const results = await Promise.allSettled(paths.map((p) => readFile(p, 'utf8')));
  return results;
}
`,
      errors: [
        {
          messageId: 'unbounded',
          line: 3,
          column: 25,
          suggestions: [
            {
              messageId: 'unboundedFixChunks',
              output: `import { readFile } from 'node:fs/promises';
export async function load(paths: string[]) {
  const results = await mapSettledInChunks(paths, 10, (p) => readFile(p, 'utf8'));
  return results;
}
${settledHelper}`,
            },
          ],
        },
      ],
    },
    {
      // The project's limiter: a file that already imports p-map gets p-map.
      code: `import pMap from 'p-map';
import axios from 'axios';
export const f = (ids: string[]) => Promise.all(ids.map((id) => axios.get(\`/u/\${id}\`, { timeout: 1000 })));`,
      errors: [
        {
          messageId: 'unbounded',
          line: 3,
          column: 37,
          suggestions: [
            {
              messageId: 'unboundedFixPMap',
              output: `import pMap from 'p-map';
import axios from 'axios';
export const f = (ids: string[]) => pMap(ids, (id) => axios.get(\`/u/\${id}\`, { timeout: 1000 }), { concurrency: 10 });`,
            },
          ],
        },
      ],
    },
    {
      // Promises built first and awaited later: reported, but the rewrite would move the work, so no fix.
      code: `export async function f(users: User[]) {
  const sends = users.map(async (user) => { const html = await render(user); await mailer.send(user.email, html); });
  await Promise.all(sends);
}`,
      errors: [{ messageId: 'unbounded', line: 3, column: 9, suggestions: [] }],
    },
    {
      // A local async function passed by name; JavaScript files get the untyped helper.
      code: `async function sync(account) {
  const remote = await fetchRemote(account);
  await save(account, remote);
}
export const syncAll = (accounts) => Promise.all(accounts.map(sync));`,
      filename: 'sync.js',
      errors: [
        {
          messageId: 'unbounded',
          line: 5,
          column: 38,
          suggestions: [
            {
              messageId: 'unboundedFixChunks',
              output: `async function sync(account) {
  const remote = await fetchRemote(account);
  await save(account, remote);
}
export const syncAll = (accounts) => mapInChunks(accounts, 10, sync);
${helper(false)}`,
            },
          ],
        },
      ],
    },
  ],
};
