import path from 'node:path';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { MessageId, Options } from '../../rules/no-n-plus-one';

// Shared by the RuleTester table and the batch-db-calls codemod's parity and must-not-change tests.

/** A file beside the fixture modules, so relative imports resolve into them. */
export const FIXTURES = path.join(__dirname, '__testfixtures__', 'no-n-plus-one');
const inFixtures = (name: string) => path.join(FIXTURES, name);

const prisma = `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n`;
const pg = `import { Pool } from 'pg';\nconst pool = new Pool();\n`;
const redis = `import Redis from 'ioredis';\nconst redis = new Redis();\n`;

const FIX = 'roundTripPerItemFixBatch' as const;
/** The suggestion's output: `code` with `from` replaced by `to`. */
const fixed = (code: string, from: string, to: string) => {
  if (!code.includes(from)) throw new Error(`fixture text not found: ${from}`);
  return code.replace(from, to);
};

const lookupIife = (items: string, item: string, rows: string, key: string, indent: string) =>
  [
    '(async () => {',
    '  const byKey = new Map();',
    `  for (let i = 0; i < ${items}.length; i += 10000) {`,
    `    const chunk = ${items}.slice(i, i + 10000);`,
    `    for (const row of ${rows}) byKey.set(String(row.${key}), row);`,
    '  }',
    `  return ${items}.map((${item}) => byKey.get(String(${item})) ?? null);`,
    '})()',
  ].join(`\n${indent}`);

const pgLookupLoop = `${pg}export async function products(ids: number[]) {
  const found = [];
  for (const id of ids) {
    found.push((await pool.query('SELECT * FROM products WHERE id = $1', [id])).rows[0]);
  }
  return found;
}`;
const pgLookupFanOut = `${pg}export const products = (ids: number[]) =>
  Promise.all(ids.map(async (id) => (await pool.query('SELECT * FROM products p WHERE p.id = $1', [id])).rows[0]));`;
const redisFanOut = `${redis}export const sessions = (ids: string[]) => Promise.all(ids.map((id) => redis.get(\`session:\${id}\`)));`;
const redisLoop = `${redis}export async function values(keys: string[]) {
  const out: (string | null)[] = [];
  for (const key of keys) out.push(await redis.get(key));
  return out;
}`;
const prismaCreateLoop = `${prisma}export async function tag(names: string[]) {
  for (const name of names) {
    await prisma.tag.create({ data: { name, createdAt: new Date() } });
  }
}`;
const prismaUpdateFanOut = `${prisma}export async function publish(ids: string[]) {
  await Promise.all(ids.map((id) => prisma.post.update({ where: { id }, data: { published: true } })));
}`;
const sequelizeCreate = `import { Model } from 'sequelize';
class Event extends Model {}
export async function record(events: object[]) {
  for (const event of events) await Event.create(event);
}`;
const sequelizeHookedCreate = `import { AfterCreate, Column, Model, Table } from 'sequelize-typescript';
@Table
class Notification extends Model {
  @Column userId: string;
  @Column documentId: string;
  @AfterCreate
  static async createEvent(model: Notification) {
    await schedule({ name: 'notifications.create', modelId: model.id });
  }
}
declare function schedule(event: object): Promise<void>;
export async function perform(recipients: { id: string }[], documentId: string) {
  for (const recipient of recipients) {
    await Notification.create({
      userId: recipient.id,
      documentId,
    });
  }
}`;
const mongoInsert = `import { MongoClient } from 'mongodb';
const logs = new MongoClient('mongodb://x').db('app').collection('logs');
export async function write(lines: string[]) {
  await Promise.all(lines.map((line) => logs.insertOne({ line })));
}`;

export const cases: {
  valid: (string | ValidTestCase<Options>)[];
  invalid: InvalidTestCase<MessageId, Options>[];
} = {
  valid: [
    // Batched forms.
    `${prisma}export const f = (ids: string[]) => prisma.user.findMany({ where: { id: { in: ids } } });`,
    `${pg}export const f = (ids: number[]) => pool.query('SELECT * FROM users WHERE id = ANY($1)', [ids]);`,
    `${redis}export const f = (keys: string[]) => redis.mget(keys);`,
    // Prisma batches the findUnique calls of one tick into one query.
    `${prisma}export const f = (ids: string[]) => Promise.all(ids.map((id) => prisma.user.findUnique({ where: { id } })));`,
    `${prisma}export const f = (ids: string[]) => Promise.all(ids.map(async (id) => { const user = await prisma.user.findUnique({ where: { id } }); return user?.name; }));`,
    // An await inside a function of the callback's own is not the callback's: the calls still start together.
    `${prisma}export const f = (ids: string[]) => Promise.all(ids.map(async (id) => { const log = async () => { await audit(id); }; void log; return prisma.user.findUnique({ where: { id } }); }));\ndeclare function audit(id: string): Promise<void>;`,
    // Loop-carried dependencies: each query needs the previous answer.
    `${pg}export async function all() {
  let after = 0;
  for (;;) {
    const { rows } = await pool.query('SELECT * FROM t WHERE id > $1 ORDER BY id LIMIT 100', [after]);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
  }
}`,
    `${redis}export async function keys() {
  let cursor = '0';
  do {
    const [next] = await redis.scan(cursor);
    cursor = next;
  } while (cursor !== '0');
}`,
    // What a carried step returns is carried too: one DEL per SCAN page (karakeep's rate-limit clear).
    `${redis}export async function clear() {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'k:*');
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}`,
    `${prisma}export async function ancestors(id: string) {
  let current: string | null = id;
  while (current) {
    const node = await prisma.category.findFirst({ where: { id: current } });
    current = node?.parentId ?? null;
  }
}`,
    `${pg}export async function pages() {
  for (let page = 0; ; page++) {
    const { rows } = await pool.query('SELECT * FROM t LIMIT 100 OFFSET $1', [page * 100]);
    if (rows.length === 0) return;
  }
}`,
    // Queue-only objects: pipelines, multi, Mongo bulk operations; DataLoader.
    `${redis}export async function f(keys: string[]) { const p = redis.pipeline(); for (const k of keys) p.get(k); return p.exec(); }`,
    `${redis}export async function f(keys: string[]) { const m = redis.multi(); keys.forEach((k) => m.del(k)); await m.exec(); }`,
    `import { MongoClient } from 'mongodb';
const users = new MongoClient('mongodb://x').db().collection('users');
export async function f(ids: string[]) {
  const bulk = users.initializeUnorderedBulkOp();
  for (const id of ids) bulk.find({ _id: id }).updateOne({ $set: { seen: true } });
  await bulk.execute();
}`,
    `import DataLoader from 'dataloader';
declare const loader: DataLoader<string, unknown>;
export async function f(ids: string[]) { for (const id of ids) await loader.load(id); }`,
    // The loop runs at most once.
    `${pg}export async function first(ids: number[]) {
  for (const id of ids) {
    const { rows } = await pool.query('SELECT * FROM t WHERE id = $1', [id]);
    return rows[0];
  }
}`,
    `${pg}export async function firstMatch(ids: number[]) {
  for (const id of ids) {
    if (id < 0) continue;
    await pool.query('DELETE FROM t WHERE id = $1', [id]);
    break;
  }
}`,
    `${pg}export async function f(ids: number[]) { for (const id of ids) { if (id) { await pool.query('SELECT 1', [id]); throw new Error('x'); } } }`,
    // One query per chunk is the batched form.
    `${pg}export async function load(ids: number[]) {
  for (let i = 0; i < ids.length; i += 1000) {
    await pool.query('SELECT * FROM t WHERE id = ANY($1)', [ids.slice(i, i + 1000)]);
  }
}`,
    // A different statement per item: a script applied line by line, not N lookups.
    `${pg}export async function apply(sql: string) {
  for (const statement of sql.split(';')) await pool.query(statement);
}`,
    `const { R } = require('redbean-node');
async function patch(statements) { for (const s of statements) await R.exec(s.text); }`,
    // A literal of three items or fewer.
    `${pg}export async function f() { for (const table of ['a', 'b', 'c']) await pool.query('TRUNCATE ' + table); }`,
    `${redis}const KEYS = ['x', 'y'] as const;
export const f = () => Promise.all(KEYS.map((k) => redis.get(k)));`,
    `${redis}export async function f() { for (let i = 0; i < 3; i++) await redis.incr('n'); }`,
    // Not a client: shadowed names, in-house objects, unknown parameters.
    `export async function f(db: { query(sql: string): Promise<unknown> }, ids: number[]) { for (const id of ids) await db.query('x' + id); }`,
    `import { db } from 'some-in-house-db'; export async function f(ids: number[]) { for (const id of ids) await db.get(id); }`,
    `export async function f(repo, ids) { for (const id of ids) await repo.findOneBy({ id }); }`,
    {
      code: `import { notAModel } from './models';\nexport async function f(ids: number[]) { for (const id of ids) await notAModel.findByPk(id); }`,
      filename: inFixtures('service.ts'),
      options: [{ checkTestFiles: true }],
    },
    // A loop around a helper: the helper's own call is not per-item where it is written.
    `${pg}export const get = (id: number) => pool.query('SELECT 1 WHERE $1', [id]);`,
    // Module scope runs once; a one-off call is not in a loop.
    `${pg}await pool.query('SELECT 1');`,
    // A builder that is built but not run: its SQL text is wanted.
    `import knex from 'knex';
const db = knex({ client: 'pg' });
export function f(groups: number[]) {
  const sql: string[] = [];
  for (const g of groups) {
    const query = db('users').where('group', g).select('id');
    sql.push(query.toString());
  }
  return sql;
}`,
    // Test files, seeds and migrations: their loops cost no request.
    { code: `${pg}export async function seed(ids: number[]) { for (const id of ids) await pool.query('INSERT 1', [id]); }`, filename: 'test/setup.ts' },
    { code: `${pg}export async function up(ids: number[]) { for (const id of ids) await pool.query('UPDATE 1', [id]); }`, filename: 'src/migrations/001-init.ts' },
    { code: `${prisma}for (const name of names) await prisma.tag.create({ data: { name } });`, filename: 'prisma/seed.ts' },
  ],
  invalid: [
    // Loop shapes.
    {
      code: `${pg}export async function f(ids: number[]) {\n  for (const id of ids) {\n    await pool.query('SELECT * FROM t WHERE id = $1', [id]);\n  }\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 5, column: 11, data: { where: 'in a `for…of` loop', batch: 'one query with `= ANY($1)`' } }],
    },
    {
      code: `${pg}export async function f(ids: number[]) {\n  for (let i = 0; i < ids.length; i++) await pool.query('SELECT 1 WHERE $1', [ids[i]]);\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 46, data: { where: 'in a `for` loop' } }],
    },
    {
      code: `${pg}export async function f(byId: Record<string, number>) {\n  for (const id in byId) await pool.query('SELECT 1 WHERE $1', [id]);\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 32, data: { where: 'in a `for…in` loop' } }],
    },
    {
      code: `${redis}export async function f(queue: string[]) {\n  while (queue.length > 0) {\n    const key = queue.pop()!;\n    await redis.del(key);\n  }\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 6, column: 11, data: { where: 'in a `while` loop' } }],
    },
    // A method held in a local variable and called plainly, its result kept rather than awaited: still
    // one query per item (plain calls are otherwise skipped before resolving what they call).
    {
      code: `${pg}export function f(ids: number[]) {\n  const query = pool.query;\n  const pending = [];\n  for (const id of ids) {\n    const result = query('SELECT * FROM t WHERE id = $1', [id]);\n    pending.push(result);\n  }\n  return pending;\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 7, column: 20, data: { where: 'in a `for…of` loop' } }],
    },
    {
      code: `${redis}export async function f(queue: string[]) {\n  do {\n    await redis.incr(queue.pop()!);\n  } while (queue.length);\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 5, column: 11, data: { where: 'in a `do…while` loop' } }],
    },
    {
      code: `${redis}export async function f(ids: AsyncIterable<string>) {\n  for await (const id of ids) await redis.get(id);\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 37, data: { where: 'in a `for await…of` loop' } }],
    },
    {
      code: `${redis}export function f(ids: string[]) {\n  ids.forEach(async (id) => {\n    await redis.set(id, '1');\n  });\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 5, column: 11, data: { where: 'in a `forEach` callback' } }],
    },
    {
      code: `${prisma}export const f = (ids: string[]) =>\n  Promise.all(ids.map((id) => prisma.user.findFirst({ where: { id } })));`,
      errors: [
        {
          messageId: 'roundTripPerItem',
          line: 4,
          column: 31,
          data: { where: 'in `Promise.all(xs.map(...))`', batch: '`findMany` with `in`' },
          suggestions: [
            {
              messageId: FIX,
              output: `${prisma}export const f = (ids: string[]) =>\n  ${lookupIife('ids', 'id', 'await prisma.user.findMany({ where: { id: { in: chunk } } })', 'id', '  ')};`,
            },
          ],
        },
      ],
    },
    {
      code: `${pg}export const f = (ids: number[]) =>\n  ids.reduce(async (previous, id) => {\n    await previous;\n    await pool.query('DELETE FROM t WHERE id = $1', [id]);\n  }, Promise.resolve());`,
      errors: [{ messageId: 'roundTripPerItem', line: 6, column: 11, data: { where: 'in a `reduce` callback' } }],
    },
    // Prisma: findUnique batches only when the calls start in the same tick.
    {
      code: `${prisma}export async function f(ids: string[]) {\n  for (const id of ids) await prisma.user.findUnique({ where: { id } });\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 31 }],
    },
    {
      code: `${prisma}export const f = (ids: string[]) =>\n  Promise.all(ids.map(async (id) => {\n    await audit(id);\n    return prisma.user.findUnique({ where: { id } });\n  }));\ndeclare function audit(id: string): Promise<void>;`,
      errors: [{ messageId: 'roundTripPerItem', line: 6, column: 12 }],
    },
    // A `for await` head awaits before the call: each call starts in its own tick.
    {
      code: `${prisma}export const f = (ids: string[]) => ids.forEach(async (id) => {\n  for await (const chunk of stream(id)) log(chunk);\n  await prisma.user.findUnique({ where: { id } });\n});\ndeclare function stream(id: string): AsyncIterable<string>;\ndeclare function log(x: string): void;`,
      errors: [{ messageId: 'roundTripPerItem', line: 5, column: 9, data: { where: 'in a `forEach` callback' } }],
    },
    {
      code: `${prisma}export const f = (ids: string[]) =>\n  Promise.all(ids.map((id) => prisma.user.findUniqueOrThrow({ where: { id } })));`,
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 31 }],
    },
    // A transaction is still one round trip per statement.
    {
      code: `${prisma}export const f = (ids: string[]) =>\n  prisma.$transaction(async (tx) => {\n    for (const id of ids) await tx.user.delete({ where: { id } });\n  });`,
      errors: [{ messageId: 'roundTripPerItem', line: 5, column: 33, data: { batch: '`deleteMany` with `in`' } }],
    },
    {
      code: `${pg}export async function f(ids: number[]) {\n  const client = await pool.connect();\n  await client.query('BEGIN');\n  for (const id of ids) await client.query('UPDATE t SET n = n + 1 WHERE id = $1', [id]);\n  await client.query('COMMIT');\n  client.release();\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 6, column: 31 }],
    },
    // Every client.
    {
      code: `import { Client } from 'pg';\nexport async function f(client: Client, ids: number[]) {\n  for (const id of ids) await client.query('SELECT 1 WHERE $1', [id]);\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 3, column: 31 }],
    },
    {
      code: `import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({ host: 'db' });\nexport async function f(ids: number[]) {\n  for (const id of ids) await pool.execute('SELECT * FROM t WHERE id = ?', [id]);\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 31, data: { batch: 'one query with `IN (?)`' } }],
    },
    {
      code: `import { createClient } from 'redis';\nconst client = createClient();\nexport const f = (ids: string[]) => Promise.all(ids.map((id) => client.hGetAll(id)));`,
      errors: [{ messageId: 'roundTripPerItem', line: 3, column: 65, data: { batch: 'a pipeline' } }],
    },
    {
      code: `import { MongoClient } from 'mongodb';\nconst users = new MongoClient('mongodb://x').db('app').collection('users');\nexport async function f(ids: string[]) {\n  for (const id of ids) await users.findOne({ _id: id });\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 31, data: { batch: 'one `find` with `$in`' } }],
    },
    {
      code: `import type { Collection } from 'mongodb';\nexport async function f(users: Collection, ids: string[]) {\n  for (const id of ids) await users.find({ group: id }).sort({ at: 1 }).toArray();\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 3, column: 31 }],
    },
    {
      code: `import mongoose from 'mongoose';\nconst Cat = mongoose.model('Cat', new mongoose.Schema({}));\nexport async function f(names: string[]) {\n  for (const name of names) await Cat.create({ name });\n}`,
      // Mongoose `create` runs the schema's save middleware per document; `insertMany` does not.
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 35, data: { batch: '`insertMany`' }, suggestions: [] }],
    },
    {
      code: `import mongoose from 'mongoose';\nconst Cat = mongoose.model('Cat', new mongoose.Schema({}));\nexport const f = (docs: object[]) => Promise.all(docs.map((doc) => new Cat(doc).save()));`,
      errors: [{ messageId: 'roundTripPerItem', line: 3, column: 68 }],
    },
    {
      code: `import { Model } from 'sequelize';\nclass User extends Model {}\nexport async function f(ids: number[]) {\n  for (const id of ids) await User.findByPk(id);\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 31, data: { batch: '`findAll` with `[Op.in]`' } }],
    },
    {
      code: `import { DataSource } from 'typeorm';\nconst dataSource = new DataSource({ type: 'postgres' });\nexport async function f(ids: number[]) {\n  for (const id of ids) await dataSource.getRepository(User).findOneBy({ id });\n}\ndeclare class User {}`,
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 31, data: { batch: '`findBy` with `In()`' } }],
    },
    {
      code: `import { DataSource } from 'typeorm';\nconst dataSource = new DataSource({ type: 'postgres' });\nexport async function f(rows: object[]) {\n  for (const row of rows) await dataSource.manager.save(row);\n}`,
      errors: [
        {
          messageId: 'roundTripPerItem',
          line: 4,
          column: 33,
          suggestions: [
            {
              messageId: FIX,
              output: `import { DataSource } from 'typeorm';\nconst dataSource = new DataSource({ type: 'postgres' });\nexport async function f(rows: object[]) {\n  await dataSource.manager.save(rows);\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `import type { Repository } from 'typeorm';\nexport async function f(repo: Repository<object>, ids: number[]) {\n  for (const id of ids) await repo.createQueryBuilder('u').where('u.id = :id', { id }).getOne();\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 3, column: 31 }],
    },
    {
      code: `import knex from 'knex';\nconst db = knex({ client: 'pg' });\nexport async function f(ids: number[]) {\n  for (const id of ids) await db('users').where({ id }).first();\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 31, data: { batch: 'one query with `whereIn`' } }],
    },
    {
      code: `import knex from 'knex';\nconst db = knex({ client: 'pg' });\nexport async function f(rows: object[]) {\n  for (const row of rows) await db('users').insert(row);\n}`,
      errors: [
        {
          messageId: 'roundTripPerItem',
          line: 4,
          column: 33,
          data: { batch: 'one `insert` with an array of rows' },
          suggestions: [
            {
              messageId: FIX,
              output: `import knex from 'knex';\nconst db = knex({ client: 'pg' });\nexport async function f(rows: object[]) {\n  if (rows.length > 0) await db('users').insert(rows);\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Kysely } from 'kysely';\nconst db = new Kysely<any>({ dialect: undefined as never });\nexport async function f(ids: number[]) {\n  for (const id of ids) await db.selectFrom('person').where('id', '=', id).selectAll().executeTakeFirst();\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 31 }],
    },
    {
      code: `import { drizzle } from 'drizzle-orm/node-postgres';\nconst db = drizzle(process.env.DATABASE_URL!);\nexport async function f(ids: number[]) {\n  for (const id of ids) await db.select().from(users).where(eq(users.id, id));\n}\ndeclare const users: any; declare function eq(a: unknown, b: unknown): unknown;`,
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 31, data: { batch: 'one query with `inArray`' } }],
    },
    {
      code: `import { drizzle } from 'drizzle-orm/node-postgres';\nconst db = drizzle(process.env.DATABASE_URL!);\nexport const f = (ids: number[]) => Promise.all(ids.map((id) => db.query.users.findFirst({ where: { id } })));`,
      errors: [{ messageId: 'roundTripPerItem', line: 3, column: 65 }],
    },
    {
      code: `import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';\nimport { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nconst doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));\nexport async function f(ids: string[]) {\n  for (const id of ids) await doc.send(new GetCommand({ TableName: 't', Key: { id } }));\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 5, column: 31 }],
    },
    {
      code: `const { R } = require('redbean-node');\nasync function f(ids) {\n  for (const id of ids) await R.findOne('monitor', ' id = ? ', [id]);\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 3, column: 31 }],
    },
    // Origins: NestJS injection, a PrismaClient subclass, this.repo, the project's own modules.
    {
      code: `import { InjectRepository } from '@nestjs/typeorm';\nimport type { UserRepo } from './types';\nexport class UsersService {\n  constructor(@InjectRepository(User) private readonly users: UserRepo) {}\n  async touch(ids: number[]) {\n    for (const id of ids) await this.users.update(id, { seenAt: new Date() });\n  }\n}\ndeclare class User {}`,
      errors: [{ messageId: 'roundTripPerItem', line: 6, column: 33, data: { batch: 'one `update` with `In()`' } }],
    },
    {
      code: `import { Repository } from 'typeorm';\nexport class UsersService {\n  private repo: Repository<object>;\n  constructor(repo: Repository<object>) { this.repo = repo; }\n  async load(ids: number[]) { return Promise.all(ids.map((id) => this.repo.findOneBy({ id }))); }\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 5, column: 66 }],
    },
    {
      code: `import { PrismaClient } from '@prisma/client';\nclass PrismaService extends PrismaClient {}\nexport class Posts {\n  constructor(private readonly prisma: PrismaService) {}\n  async publish(ids: string[]) {\n    for (const id of ids) await this.prisma.post.update({ where: { id }, data: { published: true } });\n  }\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 6, column: 33, data: { batch: '`updateMany` with `in`' } }],
    },
    {
      code: `import { PrismaService } from './prisma.service';\nexport class Posts {\n  constructor(private readonly prisma: PrismaService) {}\n  async publish(ids: string[]) {\n    for (const id of ids) await this.prisma.post.update({ where: { id }, data: { published: true } });\n  }\n}`,
      filename: inFixtures('posts.service.ts'),
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'roundTripPerItem', line: 5, column: 33 }],
    },
    {
      code: `import db, { prisma } from './db';\nexport async function f(ids: number[]) {\n  for (const id of ids) {\n    await db('users').where({ id }).first();\n    await prisma.user.findFirst({ where: { id } });\n  }\n}`,
      filename: inFixtures('service.ts'),
      options: [{ checkTestFiles: true }],
      errors: [
        { messageId: 'roundTripPerItem', line: 4, column: 11 },
        { messageId: 'roundTripPerItem', line: 5, column: 11 },
      ],
    },
    {
      code: `import { User } from './models';\nexport async function f(ids: number[]) {\n  for (const id of ids) await User.findByPk(id);\n}`,
      filename: inFixtures('service.ts'),
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'roundTripPerItem', line: 3, column: 31 }],
    },
    {
      code: `const Cat = require('./models/cat');\nasync function f(ids) {\n  for (const id of ids) await Cat.findById(id);\n}`,
      filename: inFixtures('service.js'),
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'roundTripPerItem', line: 3, column: 31 }],
    },
    // Nested loops: the outer loop repeats what the inner one does once.
    {
      code: `${pg}export async function f(groups: number[][]) {\n  for (const group of groups) {\n    for (const id of group) {\n      await pool.query('DELETE FROM t WHERE id = $1', [id]);\n      break;\n    }\n  }\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 6, column: 13, data: { where: 'in a `for…of` loop' } }],
    },
    // The same statement with per-item parameters is N lookups, whatever builds its text.
    {
      code: `${pg}const SQL = 'SELECT * FROM t WHERE id = $1';\nexport async function f(ids: number[]) {\n  for (const id of ids) await pool.query(SQL, [id]);\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 5, column: 31 }],
    },
    {
      code: `${pg}export async function f(ids: number[]) {\n  for (const id of ids) await pool.query(\`DELETE FROM t WHERE id = \${id}\`);\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 31 }],
    },
    // Batch suggestions: the canonical shapes.
    {
      code: pgLookupLoop,
      errors: [
        {
          messageId: 'roundTripPerItem',
          line: 6,
          column: 23,
          suggestions: [
            {
              messageId: FIX,
              data: { batch: 'one query with `= ANY($1)`' },
              output: fixed(
                pgLookupLoop,
                "for (const id of ids) {\n    found.push((await pool.query('SELECT * FROM products WHERE id = $1', [id])).rows[0]);\n  }",
                `for (const row of await ${lookupIife('ids', 'id', "(await pool.query('SELECT * FROM products WHERE id = ANY($1)', [chunk])).rows", 'id', '  ')}) found.push(row);`,
              ),
            },
          ],
        },
      ],
    },
    {
      code: pgLookupFanOut,
      errors: [
        {
          messageId: 'roundTripPerItem',
          line: 4,
          column: 44,
          suggestions: [
            {
              messageId: FIX,
              data: { batch: 'one query with `= ANY($1)`' },
              output: fixed(
                pgLookupFanOut,
                "Promise.all(ids.map(async (id) => (await pool.query('SELECT * FROM products p WHERE p.id = $1', [id])).rows[0]))",
                lookupIife('ids', 'id', "(await pool.query('SELECT * FROM products p WHERE p.id = ANY($1)', [chunk])).rows", 'id', '  '),
              ),
            },
          ],
        },
      ],
    },
    {
      code: redisFanOut,
      errors: [
        {
          messageId: 'roundTripPerItem',
          line: 3,
          column: 72,
          suggestions: [
            {
              messageId: FIX,
              data: { batch: '`mget` or a pipeline' },
              output: fixed(redisFanOut, 'Promise.all(ids.map((id) => redis.get(`session:${id}`)))', 'redis.mget(ids.map((id) => `session:${id}`))'),
            },
          ],
        },
      ],
    },
    {
      code: redisLoop,
      errors: [
        {
          messageId: 'roundTripPerItem',
          line: 5,
          column: 42,
          suggestions: [
            {
              messageId: FIX,
              data: { batch: '`mget` or a pipeline' },
              output: fixed(redisLoop, 'for (const key of keys) out.push(await redis.get(key));', 'for (const value of await redis.mget(keys)) out.push(value);'),
            },
          ],
        },
      ],
    },
    {
      code: prismaCreateLoop,
      errors: [
        {
          messageId: 'roundTripPerItem',
          line: 5,
          column: 11,
          suggestions: [
            {
              messageId: FIX,
              data: { batch: '`createMany`' },
              output: fixed(
                prismaCreateLoop,
                'for (const name of names) {\n    await prisma.tag.create({ data: { name, createdAt: new Date() } });\n  }',
                'await prisma.tag.createMany({ data: names.map((name) => ({ name, createdAt: new Date() })) });',
              ),
            },
          ],
        },
      ],
    },
    {
      code: prismaUpdateFanOut,
      errors: [
        {
          messageId: 'roundTripPerItem',
          line: 4,
          column: 37,
          suggestions: [
            {
              messageId: FIX,
              data: { batch: '`updateMany` with `in`' },
              output: fixed(
                prismaUpdateFanOut,
                'Promise.all(ids.map((id) => prisma.post.update({ where: { id }, data: { published: true } })))',
                'prisma.post.updateMany({ where: { id: { in: ids } }, data: { published: true } })',
              ),
            },
          ],
        },
      ],
    },
    {
      // Sequelize `create` runs the model's create/save hooks and validation per record; `bulkCreate`
      // skips both by default, and with `individualHooks` saves record by record again.
      code: sequelizeCreate,
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 37, data: { batch: '`bulkCreate`' }, suggestions: [] }],
    },
    {
      // outline's DocumentPublishedNotificationsTask: the model sends its notifications from an
      // @AfterCreate hook, which the bulkCreate rewrite would have skipped.
      code: sequelizeHookedCreate,
      filename: 'server/queues/tasks/DocumentPublishedNotificationsTask.ts',
      errors: [{ messageId: 'roundTripPerItem', line: 14, column: 11, data: { batch: '`bulkCreate`' }, suggestions: [] }],
    },
    {
      code: mongoInsert,
      errors: [
        {
          messageId: 'roundTripPerItem',
          line: 4,
          column: 41,
          suggestions: [
            {
              messageId: FIX,
              data: { batch: '`insertMany`' },
              output: fixed(mongoInsert, 'Promise.all(lines.map((line) => logs.insertOne({ line })))', '(lines.length > 0 ? logs.insertMany(lines.map((line) => ({ line }))) : undefined)'),
            },
          ],
        },
      ],
    },
    // A literal of more than three items is N.
    {
      code: `${redis}export async function f() {\n  for (const k of ['a', 'b', 'c', 'd']) await redis.get(k);\n}`,
      errors: [{ messageId: 'roundTripPerItem', line: 4, column: 47 }],
    },
  ],
};
