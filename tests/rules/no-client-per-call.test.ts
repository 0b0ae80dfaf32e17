import rule from '../../rules/no-client-per-call';
import { createRuleTester } from '../rule-tester';

const pgImport = `import { Pool, Client } from 'pg';\n`;

createRuleTester().run('no-client-per-call', rule, {
  valid: [
    // Module scope: made once.
    `${pgImport}export const pool = new Pool();`,
    `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();`,
    `import knex from 'knex';\nexport const db = knex({ client: 'pg' });`,
    // Constructors and class fields: once per owning object.
    `${pgImport}export class Repo { private pool = new Pool(); }`,
    `import Redis from 'ioredis';\nexport class Cache { redis: Redis; constructor(url: string) { this.redis = new Redis(url); } }`,
    // Memoised: made on first use, reused after.
    `${pgImport}let pool: Pool | undefined;\nexport function getPool() { return (pool ??= new Pool()); }`,
    `${pgImport}let pool: Pool | undefined;\nexport function getPool() { if (!pool) pool = new Pool(); return pool; }`,
    `${pgImport}let pool: Pool | undefined;\nexport function getPool() { pool = pool ?? new Pool(); return pool; }`,
    `import { PrismaClient } from '@prisma/client';\nexport class Db { static instance?: PrismaClient; static get() { if (!Db.instance) { Db.instance = new PrismaClient(); } return Db.instance; } }`,
    `import { PrismaClient } from '@prisma/client';\nconst g = globalThis as unknown as { prisma?: PrismaClient };\nexport const prisma = g.prisma ?? new PrismaClient();`,
    // A factory or an init function: its caller decides how often it runs.
    `${pgImport}export function createPool(url: string) { return new Pool({ connectionString: url }); }`,
    `${pgImport}let pool: Pool;\nexport async function connect(url: string) { pool = new Pool({ connectionString: url }); }`,
    // A one-shot script entry: made, used and closed once.
    `${pgImport}async function main() { const client = new Client(); await client.connect(); await client.query('SELECT 1'); await client.end(); }\nmain();`,
    `${pgImport}void (async () => { const client = new Client(); await client.connect(); await client.end(); })();`,
    // Not a pooled client: a per-request query on the shared pool, an in-house class.
    `${pgImport}const pool = new Pool();\nexport function routes(app: any) { app.get('/x', async (req: any, res: any) => res.json(await pool.query('SELECT 1'))); }`,
    `class Pool {}\nexport function f(app: any) { app.get('/x', () => new Pool()); }`,
    // Test files and scripts.
    { code: `${pgImport}export async function f() { const c = new Client(); await c.connect(); await c.end(); }`, filename: 'test/db.test.ts' },
    { code: `${pgImport}export async function f() { const c = new Client(); await c.connect(); await c.end(); }`, filename: 'scripts/migrate.ts' },
  ],
  invalid: [
    // Per request: express, fastify, koa-router/hono `use`, Next.js route handlers, NestJS controllers.
    {
      code: `${pgImport}export function routes(app: any) {\n  app.get('/report', async (req: any, res: any) => {\n    const client = new Client({ connectionString: process.env.REPORTING_URL });\n    await client.connect();\n    res.json((await client.query('SELECT 1')).rows);\n    await client.end();\n  });\n}`,
      errors: [{ messageId: 'clientPerRequest', line: 4, column: 20 }],
    },
    {
      code: `import Redis from 'ioredis';\nexport default async function plugin(fastify: any) {\n  fastify.route({ method: 'GET', url: '/x', handler: async () => {\n    const redis = new Redis();\n    return redis.get('x');\n  } });\n}`,
      errors: [{ messageId: 'clientPerRequest', line: 4, column: 19 }],
    },
    {
      code: `import { PrismaClient } from '@prisma/client';\nexport async function GET() {\n  const prisma = new PrismaClient();\n  return Response.json(await prisma.user.findMany());\n}`,
      filename: 'app/api/users/route.ts',
      errors: [{ messageId: 'clientPerRequest', line: 3, column: 18 }],
    },
    {
      code: `import { MongoClient } from 'mongodb';\nexport default async function handler(req: any, res: any) {\n  const client = new MongoClient(process.env.MONGO_URL!);\n  res.json(await client.db().collection('x').findOne({}));\n}`,
      filename: 'pages/api/things.ts',
      errors: [{ messageId: 'clientPerRequest', line: 3, column: 18 }],
    },
    {
      code: `import { Controller, Get } from '@nestjs/common';\nimport { DataSource } from 'typeorm';\n@Controller('x')\nexport class X {\n  @Get()\n  async list() {\n    const ds = new DataSource({ type: 'postgres' });\n    return ds.query('SELECT 1');\n  }\n}`,
      errors: [{ messageId: 'clientPerRequest', line: 7, column: 16 }],
    },
    {
      code: `import { Agent } from 'undici';\nexport function routes(router: any) {\n  router.post('/proxy', async (ctx: any) => {\n    ctx.body = await fetch(ctx.url, { dispatcher: new Agent() } as never);\n  });\n}`,
      errors: [{ messageId: 'clientPerRequest', line: 4, column: 51 }],
    },
    // Per iteration.
    {
      code: `import { createClient } from 'redis';\nexport async function f(urls: string[]) {\n  for (const url of urls) {\n    const client = createClient({ url });\n    await client.connect();\n  }\n}`,
      errors: [{ messageId: 'clientPerIteration', line: 4, column: 20 }],
    },
    {
      code: `import mysql from 'mysql2/promise';\nexport const f = (hosts: string[]) => hosts.map((host) => mysql.createPool({ host }));`,
      errors: [{ messageId: 'clientPerIteration', line: 2, column: 59 }],
    },
    // Made, used and closed on every call.
    {
      code: `${pgImport}export async function countUsers() {\n  const client = new Client();\n  await client.connect();\n  const { rows } = await client.query('SELECT count(*) FROM users');\n  await client.end();\n  return rows[0].count;\n}`,
      errors: [{ messageId: 'clientPerCall', line: 3, column: 18 }],
    },
    {
      code: `import { Sequelize } from 'sequelize';\nexport class Stats {\n  async total() {\n    const sequelize = new Sequelize(process.env.DB!);\n    try { return await sequelize.query('SELECT 1'); } finally { await sequelize.close(); }\n  }\n}`,
      errors: [{ messageId: 'clientPerCall', line: 4, column: 23 }],
    },
    {
      code: `import knex from 'knex';\nexport const count = async () => {\n  const db = knex({ client: 'pg' });\n  const n = await db('t').count();\n  await db.destroy();\n  return n;\n};`,
      errors: [{ messageId: 'clientPerCall', line: 3, column: 14 }],
    },
  ],
});
