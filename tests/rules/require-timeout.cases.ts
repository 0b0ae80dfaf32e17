import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { MessageId, Options } from '../../rules/require-timeout';

// Shared by the RuleTester table and the add-timeout codemod's parity and must-not-change tests.

const signal = 'signal: AbortSignal.timeout(10000)';

export const cases: {
  valid: (string | ValidTestCase<Options>)[];
  invalid: InvalidTestCase<MessageId, Options>[];
} = {
  valid: [
    // A signal of any kind is a deadline the caller chose.
    `async function f(url: string) { await fetch(url, { signal: AbortSignal.timeout(5000) }); }`,
    `async function f(url: string, s: AbortSignal) { await fetch(url, { method: 'POST', signal: s }); }`,
    `async function f(url: string) { const c = new AbortController(); await fetch(url, { signal: c.signal }); }`,
    // Options from outside the function: the rule cannot know what they hold.
    `async function f(url: string, init: RequestInit) { await fetch(url, init); }`,
    `async function f(url: string, init: RequestInit) { await fetch(url, { ...init, method: 'GET' }); }`,
    `async function f(url: string) { await fetch(url, makeInit()); }`,
    `import { defaults } from './config'; async function f(url: string) { await fetch(url, defaults); }`,
    `import axios from 'axios'; async function f(config) { await axios(config); }`,
    `import axios from 'axios'; async function f(url: string, config) { await axios.get(url, config); }`,
    // A later `opts.signal = ...` counts.
    `async function f(url: string, s: AbortSignal) { const opts: RequestInit = { method: 'GET' }; opts.signal = s; await fetch(url, opts); }`,
    // The options object escapes before the call: it may be given a signal elsewhere.
    `async function f(url: string) { const opts = { method: 'GET' }; configure(opts); await fetch(url, opts); }`,
    // A Request object carries its own signal.
    `async function f(url: string, s: AbortSignal) { await fetch(new Request(url, { signal: s })); }`,
    `async function f(request: Request) { await fetch(request); }`,
    // A service worker forwards the page's Request (NodeBB's service-worker.js).
    `self.addEventListener('fetch', (event) => { event.respondWith(caches.match(event.request).then((r) => r || fetch(event.request))); });`,
    // data: and blob: URLs are read from memory: no peer can stall (karakeep, Checkmate).
    `async function f() { const dataUrl = await toPng(node); const response = await fetch(dataUrl); return response.blob(); }`,
    `async function f() { return fetch('data:text/plain,hi'); }`,
    `import axios from 'axios'; async function f(logo) { if (logo.data.startsWith('blob:')) { const r = await axios.get(logo.data, { responseType: 'blob' }); return r.data; } }`,
    // Shadowed or in-house names are not the library.
    `function fetch(url: string) { return url; } fetch('x');`,
    `import fetch from './my-fetch'; fetch('/x');`,
    `import { request } from './http-client'; request('/x');`,
    `async function f(fetch: (u: string) => Promise<unknown>) { await fetch('/x'); }`,
    `import ky from 'ky'; ky.get('/x');`,
    // Instances: the deadline lives at construction.
    `import axios from 'axios'; const api = axios.create({ baseURL: '/api', timeout: 5000 }); export const f = () => api.get('/x');`,
    `import axios from 'axios'; class Client { private http = axios.create({ timeout: 2000 }); get() { return this.http.get('/x'); } }`,
    `import type { AxiosInstance } from 'axios'; export function f(api: AxiosInstance) { return api.get('/x'); }`,
    `import axios from 'axios'; export function make(config) { return axios.create(config); }`,
    // Defaults given a deadline in the file.
    `import axios from 'axios'; axios.defaults.timeout = 5000; export const f = () => axios.get('/x');`,
    `import axios from 'axios'; const api = axios.create({ baseURL: '/a' }); api.defaults.timeout = 3000; export const f = () => api.get('/x');`,
    // node:http: a timeout handler on the returned request.
    `import http from 'node:http'; const req = http.request('http://x', (res) => {}); req.setTimeout(1000, () => req.destroy());`,
    `import https from 'https'; https.get('https://x', (res) => {}).on('timeout', () => {});`,
    `import * as http from 'http'; http.get({ host: 'x', signal: AbortSignal.timeout(1000) });`,
    // got, exec with their deadlines.
    `import got from 'got'; got('https://x', { timeout: { request: 1000 } });`,
    `import got from 'got'; const client = got.extend({ timeout: { request: 500 } }); client.get('x');`,
    `import { exec, execSync } from 'child_process'; exec('ls', { timeout: 1000 }, () => {}); execSync('ls', { timeout: 500 });`,
    `import { execFile } from 'node:child_process'; execFile('git', ['status'], { timeout: 1000 }, () => {});`,
    // An untyped middle argument may be the options object.
    `import { execFile } from 'node:child_process'; function f(rest, cb) { execFile('git', rest, cb); }`,
    // Database clients with deadlines, or with options from outside.
    `import { Pool } from 'pg'; new Pool({ connectionString: 'x', connectionTimeoutMillis: 5000, statement_timeout: 10000 });`,
    `import { Pool } from 'pg'; new Pool({ connectionTimeoutMillis: 5000, query_timeout: 10000 });`,
    `import { Pool } from 'pg'; new Pool({ connectionTimeoutMillis: 5000, options: '-c statement_timeout=5s' });`,
    `import { Pool } from 'pg'; export const make = (config) => new Pool(config);`,
    `import { Pool } from 'pg'; import { config } from './config'; new Pool({ ...config, max: 5 });`,
    `import Redis from 'ioredis'; new Redis(process.env.REDIS_URL, { commandTimeout: 2000 });`,
    // BullMQ's connection (maxRetriesPerRequest: null): its workers block for seconds (documenso's jobs client).
    `import IORedis from 'ioredis'; import { Worker } from 'bullmq'; const connection = new IORedis(process.env.REDIS_URL, { maxRetriesPerRequest: null }); new Worker('q', run, { connection });`,
    `import Redis from 'ioredis'; export const make = (options) => new Redis(options);`,
    `import { MongoClient } from 'mongodb'; new MongoClient('mongodb://x/db?socketTimeoutMS=5000');`,
    `import { MongoClient } from 'mongodb'; new MongoClient(process.env.URL, { serverSelectionTimeoutMS: 5000 });`,
    `import { createClient } from 'redis'; createClient({ url: 'x', socket: { socketTimeout: 5000 } });`,
    // A command whose output goes to the terminal, a detached daemon, a child its owner kills, and
    // local repository queries.
    `import { execSync, exec } from 'child_process'; execSync('npm run build', { stdio: 'inherit' }); execSync('make', { stdio: [0, 1, 2] });`,
    `import { exec } from 'child_process'; exec('node server.js', { detached: true, stdio: ['ignore', 'ignore', 'ignore'] });`,
    `import { exec } from 'child_process'; const child = exec('tail -f log'); setTimeout(() => child.kill(), 1000);`,
    `import { execSync } from 'child_process'; const sha = execSync('git rev-parse HEAD').toString();`,
    // Test files (their runner bounds them) and scripts (a person at a terminal does), unless asked.
    { code: `fetch('/x');`, filename: 'test/api.test.ts' },
    { code: `fetch('/x');`, filename: 'src/__tests__/api.ts' },
    { code: `import { execSync } from 'child_process'; execSync('docker ps');`, filename: 'scripts/release.ts' },
    { code: `fetch('/x');`, filename: 'vite.config.ts' },
    // mysql2 gives up connecting after 10 s by default: not a "waits forever" finding.
    `import mysql from 'mysql2/promise'; mysql.createPool({ host: 'db' });`,
  ],
  invalid: [
    {
      // Only a data: or blob: test clears a URL, and only a Request carries a signal: event.url is a string.
      code: `async function f(url: string, event) { if (url.startsWith('http:') && !event.url) { await fetch(url); } return fetch(event.url); }`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 1,
          column: 91,
          endColumn: 101,
          suggestions: [{ messageId: 'missingTimeoutFixSignal', output: `async function f(url: string, event) { if (url.startsWith('http:') && !event.url) { await fetch(url, { ${signal} }); } return fetch(event.url); }` }],
        },
        {
          messageId: 'missingTimeout',
          line: 1,
          column: 112,
          suggestions: [{ messageId: 'missingTimeoutFixSignal', output: `async function f(url: string, event) { if (url.startsWith('http:') && !event.url) { await fetch(url); } return fetch(event.url, { ${signal} }); }` }],
        },
      ],
    },
    {
      code: `async function f(url: string) { await fetch(url); }`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 1,
          column: 39,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'missingTimeoutFixSignal',
              output: `async function f(url: string) { await fetch(url, { ${signal} }); }`,
            },
          ],
        },
      ],
    },
    {
      // Options literal on one line, and with a trailing comma over several lines.
      code: `fetch('https://x', { method: 'POST' });\nfetch('https://x', {\n  method: 'POST',\n  body: '{}', // json\n});`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 1,
          column: 1,
          suggestions: [
            {
              messageId: 'missingTimeoutFixSignal',
              output: `fetch('https://x', { method: 'POST', ${signal} });\nfetch('https://x', {\n  method: 'POST',\n  body: '{}', // json\n});`,
            },
          ],
        },
        {
          messageId: 'missingTimeout',
          line: 2,
          column: 1,
          suggestions: [
            {
              messageId: 'missingTimeoutFixSignal',
              output: `fetch('https://x', { method: 'POST' });\nfetch('https://x', {\n  method: 'POST',\n  body: '{}', // json\n  ${signal},\n});`,
            },
          ],
        },
      ],
    },
    {
      // A local options object, with keys given later, gets the signal in its literal.
      code: `async function f(url: string) {\n  const options = { headers: {} };\n  options.method = 'POST';\n  return fetch(url, options);\n}`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 4,
          column: 10,
          suggestions: [
            {
              messageId: 'missingTimeoutFixSignal',
              output: `async function f(url: string) {\n  const options = { headers: {}, ${signal} };\n  options.method = 'POST';\n  return fetch(url, options);\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `globalThis.fetch('/x');`,
      errors: [
        {
          messageId: 'missingTimeout',
          suggestions: [{ messageId: 'missingTimeoutFixSignal', output: `globalThis.fetch('/x', { ${signal} });` }],
        },
      ],
    },
    {
      code: `import { fetch, request } from 'undici';\nawait fetch('https://x');\nawait request('https://x', { method: 'GET' });`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          column: 7,
          suggestions: [
            {
              messageId: 'missingTimeoutFixSignal',
              output: `import { fetch, request } from 'undici';\nawait fetch('https://x', { ${signal} });\nawait request('https://x', { method: 'GET' });`,
            },
          ],
        },
        {
          messageId: 'missingTimeout',
          line: 3,
          column: 7,
          suggestions: [
            {
              messageId: 'missingTimeoutFixSignal',
              output: `import { fetch, request } from 'undici';\nawait fetch('https://x');\nawait request('https://x', { method: 'GET', ${signal} });`,
            },
          ],
        },
      ],
    },
    {
      code: `import fetch from 'node-fetch';\nfetch('https://x');`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          suggestions: [{ messageId: 'missingTimeoutFixSignal', output: `import fetch from 'node-fetch';\nfetch('https://x', { ${signal} });` }],
        },
      ],
    },
    {
      // node:http: options first with a callback; URL with a callback (options go before it).
      code: `import http from 'node:http';\nhttp.request({ host: 'x' }, (res) => {}).end();\nhttp.get('http://x', (res) => {});`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          column: 1,
          suggestions: [
            {
              messageId: 'missingTimeoutFixSignal',
              output: `import http from 'node:http';\nhttp.request({ host: 'x', ${signal} }, (res) => {}).end();\nhttp.get('http://x', (res) => {});`,
            },
          ],
        },
        {
          messageId: 'missingTimeout',
          line: 3,
          column: 1,
          suggestions: [
            {
              messageId: 'missingTimeoutFixSignal',
              output: `import http from 'node:http';\nhttp.request({ host: 'x' }, (res) => {}).end();\nhttp.get('http://x', { ${signal} }, (res) => {});`,
            },
          ],
        },
      ],
    },
    {
      code: `const https = require('node:https');\nhttps.get('https://x');`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          suggestions: [
            { messageId: 'missingTimeoutFixSignal', output: `const https = require('node:https');\nhttps.get('https://x', { ${signal} });` },
          ],
        },
      ],
    },
    {
      // axios: config first, config after the URL, config after the body (placeholder for the body).
      code: `import axios from 'axios';\naxios({ url: '/x' });\naxios.get('/x');\naxios.post('/x');\naxios.put('/x', { a: 1 }, { headers: {} });`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          suggestions: [
            {
              messageId: 'missingTimeoutFixOption',
              output: `import axios from 'axios';\naxios({ url: '/x', timeout: 10000 });\naxios.get('/x');\naxios.post('/x');\naxios.put('/x', { a: 1 }, { headers: {} });`,
            },
          ],
        },
        {
          messageId: 'missingTimeout',
          line: 3,
          suggestions: [
            {
              messageId: 'missingTimeoutFixOption',
              output: `import axios from 'axios';\naxios({ url: '/x' });\naxios.get('/x', { timeout: 10000 });\naxios.post('/x');\naxios.put('/x', { a: 1 }, { headers: {} });`,
            },
          ],
        },
        {
          messageId: 'missingTimeout',
          line: 4,
          suggestions: [
            {
              messageId: 'missingTimeoutFixOption',
              output: `import axios from 'axios';\naxios({ url: '/x' });\naxios.get('/x');\naxios.post('/x', undefined, { timeout: 10000 });\naxios.put('/x', { a: 1 }, { headers: {} });`,
            },
          ],
        },
        {
          messageId: 'missingTimeout',
          line: 5,
          suggestions: [
            {
              messageId: 'missingTimeoutFixOption',
              output: `import axios from 'axios';\naxios({ url: '/x' });\naxios.get('/x');\naxios.post('/x');\naxios.put('/x', { a: 1 }, { headers: {}, timeout: 10000 });`,
            },
          ],
        },
      ],
    },
    {
      // `timeout: 0` is axios for "no timeout": the fix replaces the value.
      code: `const axios = require('axios');\naxios.request({ url: '/x', timeout: 0 });`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          suggestions: [
            { messageId: 'missingTimeoutFixOption', output: `const axios = require('axios');\naxios.request({ url: '/x', timeout: 10000 });` },
          ],
        },
      ],
    },
    {
      // An instance made without a deadline is reported where it is made, once, not at every call.
      code: `import axios from 'axios';\nexport class Api {\n  private http = axios.create({ baseURL: '/api' });\n  list() { return this.http.get('/items'); }\n}`,
      errors: [
        {
          messageId: 'missingDeadline',
          line: 3,
          column: 18,
          suggestions: [
            {
              messageId: 'missingDeadlineFixOptions',
              output: `import axios from 'axios';\nexport class Api {\n  private http = axios.create({ baseURL: '/api', timeout: 10000 });\n  list() { return this.http.get('/items'); }\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `import got from 'got';\ngot('https://x');\ngot.post('https://x', { json: {} });\nconst client = got.extend({ prefixUrl: 'https://x' });`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          suggestions: [
            {
              messageId: 'missingTimeoutFixOption',
              output: `import got from 'got';\ngot('https://x', { timeout: { request: 10000 } });\ngot.post('https://x', { json: {} });\nconst client = got.extend({ prefixUrl: 'https://x' });`,
            },
          ],
        },
        {
          messageId: 'missingTimeout',
          line: 3,
          suggestions: [
            {
              messageId: 'missingTimeoutFixOption',
              output: `import got from 'got';\ngot('https://x');\ngot.post('https://x', { json: {}, timeout: { request: 10000 } });\nconst client = got.extend({ prefixUrl: 'https://x' });`,
            },
          ],
        },
        {
          messageId: 'missingDeadline',
          line: 4,
          column: 16,
          suggestions: [
            {
              messageId: 'missingDeadlineFixOptions',
              output: `import got from 'got';\ngot('https://x');\ngot.post('https://x', { json: {} });\nconst client = got.extend({ prefixUrl: 'https://x', timeout: { request: 10000 } });`,
            },
          ],
        },
      ],
    },
    {
      // child_process: options go before the callback; execFile's args array may be present or not.
      code: `const { exec, execSync, execFile } = require('child_process');\nexec('ls', (err) => {});\nexecSync('ls');\nexecFile('git', ['status']);\nexecFile('git', { cwd: '/' }, () => {});`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          suggestions: [
            {
              messageId: 'missingTimeoutFixOption',
              output: `const { exec, execSync, execFile } = require('child_process');\nexec('ls', { timeout: 10000 }, (err) => {});\nexecSync('ls');\nexecFile('git', ['status']);\nexecFile('git', { cwd: '/' }, () => {});`,
            },
          ],
        },
        {
          messageId: 'missingTimeout',
          line: 3,
          suggestions: [
            {
              messageId: 'missingTimeoutFixOption',
              output: `const { exec, execSync, execFile } = require('child_process');\nexec('ls', (err) => {});\nexecSync('ls', { timeout: 10000 });\nexecFile('git', ['status']);\nexecFile('git', { cwd: '/' }, () => {});`,
            },
          ],
        },
        {
          messageId: 'missingTimeout',
          line: 4,
          suggestions: [
            {
              messageId: 'missingTimeoutFixOption',
              output: `const { exec, execSync, execFile } = require('child_process');\nexec('ls', (err) => {});\nexecSync('ls');\nexecFile('git', ['status'], { timeout: 10000 });\nexecFile('git', { cwd: '/' }, () => {});`,
            },
          ],
        },
        {
          messageId: 'missingTimeout',
          line: 5,
          suggestions: [
            {
              messageId: 'missingTimeoutFixOption',
              output: `const { exec, execSync, execFile } = require('child_process');\nexec('ls', (err) => {});\nexecSync('ls');\nexecFile('git', ['status']);\nexecFile('git', { cwd: '/', timeout: 10000 }, () => {});`,
            },
          ],
        },
      ],
    },
    {
      // A typed args array and a callback-named parameter leave the options slot empty.
      code: `import { execFile } from 'node:child_process';\nfunction f(args: string[], cb) { execFile('git', args, cb); }`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          column: 34,
          suggestions: [
            {
              messageId: 'missingTimeoutFixOption',
              output: `import { execFile } from 'node:child_process';\nfunction f(args: string[], cb) { execFile('git', args, { timeout: 10000 }, cb); }`,
            },
          ],
        },
      ],
    },
    {
      // promisify keeps the origin.
      code: `import { promisify } from 'node:util';\nimport { exec } from 'node:child_process';\nconst run = promisify(exec);\nawait run('ls');`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 4,
          column: 7,
          suggestions: [
            {
              messageId: 'missingTimeoutFixOption',
              output: `import { promisify } from 'node:util';\nimport { exec } from 'node:child_process';\nconst run = promisify(exec);\nawait run('ls', { timeout: 10000 });`,
            },
          ],
        },
      ],
    },
    {
      // pg: both deadlines missing, then one missing; `pg.Client` through a default import.
      code: `import pg from 'pg';\nconst pool = new pg.Pool({\n  connectionString: process.env.DATABASE_URL,\n});\nconst other = new pg.Pool({ connectionTimeoutMillis: 2000 });\nconst client = new pg.Client();`,
      errors: [
        {
          messageId: 'missingDeadline',
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: 'missingDeadlineFixOptions',
              output: `import pg from 'pg';\nconst pool = new pg.Pool({\n  connectionString: process.env.DATABASE_URL,\n  connectionTimeoutMillis: 10000,\n  statement_timeout: 10000,\n});\nconst other = new pg.Pool({ connectionTimeoutMillis: 2000 });\nconst client = new pg.Client();`,
            },
          ],
        },
        {
          messageId: 'missingDeadline',
          line: 5,
          suggestions: [
            {
              messageId: 'missingDeadlineFixOptions',
              output: `import pg from 'pg';\nconst pool = new pg.Pool({\n  connectionString: process.env.DATABASE_URL,\n});\nconst other = new pg.Pool({ connectionTimeoutMillis: 2000, statement_timeout: 10000 });\nconst client = new pg.Client();`,
            },
          ],
        },
        {
          messageId: 'missingDeadline',
          line: 6,
          suggestions: [
            {
              messageId: 'missingDeadlineFixOptions',
              output: `import pg from 'pg';\nconst pool = new pg.Pool({\n  connectionString: process.env.DATABASE_URL,\n});\nconst other = new pg.Pool({ connectionTimeoutMillis: 2000 });\nconst client = new pg.Client({ connectionTimeoutMillis: 10000, statement_timeout: 10000 });`,
            },
          ],
        },
      ],
    },
    {
      code: `import Redis from 'ioredis';\nexport const redis = new Redis(process.env.REDIS_URL);\nexport const local = new Redis();\nexport const tuned = new Redis({ host: 'cache', port: 6379 });`,
      errors: [
        {
          messageId: 'missingDeadline',
          line: 2,
          suggestions: [
            {
              messageId: 'missingDeadlineFixOptions',
              output: `import Redis from 'ioredis';\nexport const redis = new Redis(process.env.REDIS_URL, { commandTimeout: 10000 });\nexport const local = new Redis();\nexport const tuned = new Redis({ host: 'cache', port: 6379 });`,
            },
          ],
        },
        {
          messageId: 'missingDeadline',
          line: 3,
          suggestions: [
            {
              messageId: 'missingDeadlineFixOptions',
              output: `import Redis from 'ioredis';\nexport const redis = new Redis(process.env.REDIS_URL);\nexport const local = new Redis({ commandTimeout: 10000 });\nexport const tuned = new Redis({ host: 'cache', port: 6379 });`,
            },
          ],
        },
        {
          messageId: 'missingDeadline',
          line: 4,
          suggestions: [
            {
              messageId: 'missingDeadlineFixOptions',
              output: `import Redis from 'ioredis';\nexport const redis = new Redis(process.env.REDIS_URL);\nexport const local = new Redis();\nexport const tuned = new Redis({ host: 'cache', port: 6379, commandTimeout: 10000 });`,
            },
          ],
        },
      ],
    },
    {
      // Only `maxRetriesPerRequest: null` marks a BullMQ connection.
      code: `import Redis from 'ioredis';\nnew Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 3 });`,
      errors: [
        {
          messageId: 'missingDeadline',
          line: 2,
          suggestions: [
            {
              messageId: 'missingDeadlineFixOptions',
              output: `import Redis from 'ioredis';\nnew Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 3, commandTimeout: 10000 });`,
            },
          ],
        },
      ],
    },
    {
      // A URL with a fallback is still a URL.
      code: `import Redis from 'ioredis';\nnew Redis(process.env.REDIS_URL ?? 'redis://localhost', { keyPrefix: 'app:' });`,
      errors: [
        {
          messageId: 'missingDeadline',
          line: 2,
          suggestions: [
            {
              messageId: 'missingDeadlineFixOptions',
              output: `import Redis from 'ioredis';\nnew Redis(process.env.REDIS_URL ?? 'redis://localhost', { keyPrefix: 'app:', commandTimeout: 10000 });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { MongoClient } from 'mongodb';\nconst client = new MongoClient(process.env.MONGO_URL);`,
      errors: [
        {
          messageId: 'missingDeadline',
          line: 2,
          suggestions: [
            {
              messageId: 'missingDeadlineFixOptions',
              output: `import { MongoClient } from 'mongodb';\nconst client = new MongoClient(process.env.MONGO_URL, { socketTimeoutMS: 10000 });`,
            },
          ],
        },
      ],
    },
    {
      // node-redis: the nested socket option is created or extended.
      code: `import { createClient } from 'redis';\ncreateClient({ url: 'redis://x' });\ncreateClient({ socket: { host: 'x' } });`,
      errors: [
        {
          messageId: 'missingDeadline',
          line: 2,
          suggestions: [
            {
              messageId: 'missingDeadlineFixOptions',
              output: `import { createClient } from 'redis';\ncreateClient({ url: 'redis://x', socket: { socketTimeout: 10000 } });\ncreateClient({ socket: { host: 'x' } });`,
            },
          ],
        },
        {
          messageId: 'missingDeadline',
          line: 3,
          suggestions: [
            {
              messageId: 'missingDeadlineFixOptions',
              output: `import { createClient } from 'redis';\ncreateClient({ url: 'redis://x' });\ncreateClient({ socket: { host: 'x', socketTimeout: 10000 } });`,
            },
          ],
        },
      ],
    },
    {
      code: `fetch('/x');`,
      filename: 'test/api.test.ts',
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'missingTimeout', suggestions: [{ messageId: 'missingTimeoutFixSignal', output: `fetch('/x', { ${signal} });` }] }],
    },
    {
      code: `import { execSync } from 'child_process';\nexecSync('git fetch origin');`,
      filename: 'scripts/sync.ts',
      options: [{ checkScripts: true }],
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          suggestions: [
            {
              messageId: 'missingTimeoutFixOption',
              output: `import { execSync } from 'child_process';\nexecSync('git fetch origin', { timeout: 10000 });`,
            },
          ],
        },
      ],
    },
    {
      // The fix writes the configured milliseconds: rule option first, then settings.
      code: `fetch('/x');`,
      options: [{ timeoutMs: 2500 }],
      errors: [
        { messageId: 'missingTimeout', suggestions: [{ messageId: 'missingTimeoutFixSignal', output: `fetch('/x', { signal: AbortSignal.timeout(2500) });` }] },
      ],
    },
    {
      code: `fetch('/x');`,
      settings: { hotpath: { timeoutMs: 750 } },
      errors: [
        { messageId: 'missingTimeout', suggestions: [{ messageId: 'missingTimeoutFixSignal', output: `fetch('/x', { signal: AbortSignal.timeout(750) });` }] },
      ],
    },
    {
      // An in-house wrapper is checked once settings describe it.
      code: `import { httpGet } from './lib/http';\nhttpGet('/users');`,
      settings: {
        hotpath: {
          clients: [
            {
              name: 'lib/http',
              category: 'http',
              sources: ['./lib/http'],
              calls: {
                httpGet: {
                  options: { index: 1 },
                  deadline: { keys: ['deadlineMs'], default: null, fix: { key: 'deadlineMs', value: '{ms}' } },
                },
              },
            },
          ],
        },
      },
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          suggestions: [
            { messageId: 'missingTimeoutFixOption', output: `import { httpGet } from './lib/http';\nhttpGet('/users', { deadlineMs: 10000 });` },
          ],
        },
      ],
    },
  ],
};
