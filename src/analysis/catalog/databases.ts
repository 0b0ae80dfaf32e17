import type { CallSpec, ClientEntry } from './types';

// The database and cache entries. Construction deadlines are what require-timeout checks; the
// round-trip methods and their batch alternatives are what the batching rules read.

const pgQuery: CallSpec = {
  roundTrip: true,
  batch: 'one query with `= ANY($1)`',
  batchWith: { method: 'query', shape: 'lookup' },
  statementArgument: 0,
};

export const pgClient: ClientEntry = {
  name: 'pg',
  category: 'database',
  sources: ['pg'],
  constructors: {
    Pool: {
      isNew: true,
      instance: 'Pool',
      pooled: true,
      options: { index: 0 },
      deadlines: [
        // pg waits forever for a connection (and for a free pool slot) unless this is set.
        {
          keys: ['connectionTimeoutMillis'],
          default: null,
          fix: { key: 'connectionTimeoutMillis', value: '{ms}' },
        },
        // No query deadline by default: a stuck query holds its pool slot forever.
        {
          keys: ['statement_timeout', 'query_timeout'],
          default: null,
          fix: { key: 'statement_timeout', value: '{ms}' },
          inStrings: { key: 'options', words: ['statement_timeout'] },
        },
      ],
    },
    Client: {
      isNew: true,
      instance: 'Client',
      // Not a pool, but a connection handshake (TCP, TLS, auth) per construction: made per request
      // it is the classic no-client-per-call finding.
      pooled: true,
      options: { index: 0 },
      deadlines: [
        {
          keys: ['connectionTimeoutMillis'],
          default: null,
          fix: { key: 'connectionTimeoutMillis', value: '{ms}' },
        },
        {
          keys: ['statement_timeout', 'query_timeout'],
          default: null,
          fix: { key: 'statement_timeout', value: '{ms}' },
          inStrings: { key: 'options', words: ['statement_timeout'] },
        },
      ],
    },
  },
  instances: {
    Pool: { calls: { query: pgQuery }, returns: { connect: 'PoolClient' }, closeMethods: ['end'] },
    Client: { calls: { query: pgQuery }, closeMethods: ['end'] },
    PoolClient: { calls: { query: pgQuery } },
  },
  types: { Pool: 'Pool', Client: 'Client', PoolClient: 'PoolClient' },
};

// mysql2 is listed for its round trips only: its connectTimeout defaults to 10 s, so construction
// without it is not a "waits forever" finding.
const mysqlQuery: CallSpec = { roundTrip: true, batch: 'one query with `IN (?)`', statementArgument: 0 };
const mysqlConstructor = {
  instance: 'Connection',
  options: { index: 0 },
  deadlines: [
    {
      keys: ['connectTimeout'],
      default: 10_000,
      fix: { key: 'connectTimeout', value: '{ms}' },
    },
  ],
};

export const mysql2Client: ClientEntry = {
  name: 'mysql2',
  category: 'database',
  sources: ['mysql2', 'mysql2/promise'],
  constructors: {
    createPool: { ...mysqlConstructor, pooled: true },
    createConnection: mysqlConstructor,
  },
  instances: {
    Connection: {
      calls: { query: mysqlQuery, execute: mysqlQuery },
      returns: { getConnection: 'Connection' },
      closeMethods: ['end', 'destroy'],
    },
  },
  types: { Pool: 'Connection', Connection: 'Connection', PoolConnection: 'Connection' },
};

const redisRead: CallSpec = { roundTrip: true, read: true };
const redisPipelined: CallSpec = { roundTrip: true, batch: 'a pipeline' };
const redisPipelinedRead: CallSpec = { ...redisRead, batch: 'a pipeline' };
const redisCalls: Record<string, CallSpec> = {
  get: { ...redisRead, batch: '`mget` or a pipeline', batchWith: { method: 'mget', shape: 'get' } },
  hget: { ...redisRead, batch: '`hmget` or a pipeline' },
  hgetall: redisPipelinedRead,
  hmget: redisPipelinedRead,
  exists: { ...redisRead, batch: '`exists` with several keys' },
  smembers: redisPipelinedRead,
  sismember: { ...redisRead, batch: '`smismember` or a pipeline' },
  scard: redisPipelinedRead,
  zscore: { ...redisRead, batch: '`zmscore` or a pipeline' },
  zrange: redisPipelinedRead,
  zrevrange: redisPipelinedRead,
  zrangebyscore: redisPipelinedRead,
  zcard: redisPipelinedRead,
  lrange: redisPipelinedRead,
  llen: redisPipelinedRead,
  ttl: redisPipelinedRead,
  type: redisPipelinedRead,
  set: { roundTrip: true, batch: '`mset` or a pipeline' },
  setex: redisPipelined,
  del: { roundTrip: true, batch: '`del` with several keys' },
  unlink: { roundTrip: true, batch: '`unlink` with several keys' },
  hset: redisPipelined,
  hdel: redisPipelined,
  hincrby: redisPipelined,
  incr: redisPipelined,
  incrby: redisPipelined,
  decr: redisPipelined,
  expire: redisPipelined,
  pexpire: redisPipelined,
  sadd: { roundTrip: true, batch: '`sadd` with several members or a pipeline' },
  srem: { roundTrip: true, batch: '`srem` with several members or a pipeline' },
  zadd: { roundTrip: true, batch: '`zadd` with several members or a pipeline' },
  zrem: { roundTrip: true, batch: '`zrem` with several members or a pipeline' },
  zincrby: redisPipelined,
  lpush: { roundTrip: true, batch: '`lpush` with several values or a pipeline' },
  rpush: { roundTrip: true, batch: '`rpush` with several values or a pipeline' },
  publish: redisPipelined,
};

/** node-redis v4 spells commands in camelCase (`hGetAll`, `sIsMember`); the lower-case forms also work. */
const nodeRedisCalls: Record<string, CallSpec> = {
  ...redisCalls,
  get: { ...redisRead, batch: '`mGet` or `multi()`', batchWith: { method: 'mGet', shape: 'get' } },
  mGet: { roundTrip: true, read: true },
  hGet: { ...redisRead, batch: '`hmGet` or `multi()`' },
  hGetAll: redisPipelinedRead,
  hmGet: redisPipelinedRead,
  sMembers: redisPipelinedRead,
  sIsMember: { ...redisRead, batch: '`smIsMember` or `multi()`' },
  zScore: { ...redisRead, batch: '`zmScore` or `multi()`' },
  zRange: redisPipelinedRead,
  lRange: redisPipelinedRead,
  hSet: redisPipelined,
  hDel: redisPipelined,
  hIncrBy: redisPipelined,
  incrBy: redisPipelined,
  setEx: redisPipelined,
  sAdd: redisCalls['sadd']!,
  sRem: redisCalls['srem']!,
  zAdd: redisCalls['zadd']!,
  zRem: redisCalls['zrem']!,
  lPush: redisCalls['lpush']!,
  rPush: redisCalls['rpush']!,
};

export const ioredisClient: ClientEntry = {
  name: 'ioredis',
  category: 'cache',
  sources: ['ioredis'],
  defaultExport: 'Redis',
  constructors: {
    Redis: {
      isNew: true,
      instance: 'Redis',
      pooled: true,
      // new Redis(), new Redis(url), new Redis(port, host, options), new Redis(options)
      options: { index: 2, optionalBefore: 2, objectFirst: true },
      deadlines: [
        // ioredis has a 10 s connectTimeout but no command timeout: a command waits forever on a
        // connection that is up but stalled.
        { keys: ['commandTimeout'], default: null, fix: { key: 'commandTimeout', value: '{ms}' } },
      ],
      // `maxRetriesPerRequest: null` is what BullMQ demands of the connection it is given: its workers
      // block in BZPOPMIN for seconds on end, and a commandTimeout would abort them.
      exemptWhen: [{ key: 'maxRetriesPerRequest', values: [null] }],
    },
  },
  instances: {
    Redis: {
      calls: { ...redisCalls, mget: { roundTrip: true, read: true } },
      // Commands on a pipeline or multi only queue; `exec()` sends them in one round trip.
      queueOnly: ['pipeline', 'multi'],
      returns: { duplicate: 'Redis' },
      closeMethods: ['quit', 'disconnect'],
    },
  },
  types: { Redis: 'Redis', Cluster: 'Redis' },
};

export const nodeRedisClient: ClientEntry = {
  name: 'redis',
  category: 'cache',
  sources: ['redis', '@redis/client'],
  constructors: {
    createClient: {
      instance: 'RedisClient',
      pooled: true,
      options: { index: 0 },
      deadlines: [
        // connectTimeout defaults to 5 s; an idle-but-stalled socket is never given up.
        {
          keys: ['socket.socketTimeout'],
          default: null,
          fix: { key: 'socket.socketTimeout', value: '{ms}' },
        },
      ],
    },
  },
  instances: {
    RedisClient: {
      calls: nodeRedisCalls,
      queueOnly: ['multi', 'MULTI'],
      returns: { duplicate: 'RedisClient' },
      closeMethods: ['quit', 'disconnect', 'close', 'destroy'],
    },
  },
  types: { RedisClientType: 'RedisClient' },
};

// MongoDB: socketTimeoutMS defaults to 0 (never); serverSelectionTimeoutMS defaults to 30 s and
// timeoutMS (driver 6) bounds each operation. Any of them counts, to stay on the safe side.
export const mongodbClient: ClientEntry = {
  name: 'mongodb',
  category: 'database',
  sources: ['mongodb'],
  constructors: {
    MongoClient: {
      isNew: true,
      instance: 'MongoClient',
      pooled: true,
      options: { index: 1 },
      deadlines: [
        {
          keys: ['socketTimeoutMS', 'serverSelectionTimeoutMS', 'timeoutMS'],
          default: null,
          fix: { key: 'socketTimeoutMS', value: '{ms}' },
          inStrings: { key: '', words: ['socketTimeoutMS', 'serverSelectionTimeoutMS', 'timeoutMS'] },
        },
      ],
    },
  },
  instances: {
    MongoClient: { returns: { db: 'Db' }, closeMethods: ['close'] },
    Db: { returns: { collection: 'Collection' }, calls: { command: { roundTrip: true, batch: 'one command over every item' } } },
    Collection: {
      calls: mongoCollectionCalls(),
      returns: { find: 'Cursor', aggregate: 'Cursor', listIndexes: 'Cursor' },
      // Bulk builders only queue operations; `execute()` sends them together.
      queueOnly: ['initializeOrderedBulkOp', 'initializeUnorderedBulkOp'],
    },
    Cursor: { chain: true, calls: { toArray: { roundTrip: true, read: true, batch: 'one `find` with `$in`' }, next: { roundTrip: true, read: true } } },
  },
  types: { MongoClient: 'MongoClient', Db: 'Db', Collection: 'Collection' },
};

function mongoCollectionCalls(): Record<string, CallSpec> {
  const lookup: CallSpec = {
    roundTrip: true,
    read: true,
    batch: 'one `find` with `$in`',
    batchWith: { method: 'find', shape: 'lookup' },
  };
  const write = (batch: string): CallSpec => ({ roundTrip: true, batch });
  return {
    findOne: lookup,
    countDocuments: { roundTrip: true, read: true, batch: 'one `aggregate` grouping by key' },
    distinct: { roundTrip: true, read: true, batch: 'one `distinct` with `$in`' },
    insertOne: { ...write('`insertMany`'), batchWith: { method: 'insertMany', shape: 'insert' } },
    updateOne: write('`bulkWrite` or `updateMany` with `$in`'),
    updateMany: write('`bulkWrite`'),
    replaceOne: write('`bulkWrite`'),
    deleteOne: write('`deleteMany` with `$in`'),
    deleteMany: write('`bulkWrite`'),
    findOneAndUpdate: write('`bulkWrite`'),
    findOneAndDelete: write('`deleteMany` with `$in`'),
    findOneAndReplace: write('`bulkWrite`'),
    insertMany: write('one `insertMany` over every item'),
    bulkWrite: write('one `bulkWrite` over every item'),
  };
}

// ORMs and query builders: round trips and their batch alternatives, for the batching rules.
// None of them has a "waits forever" default that require-timeout checks at construction.

const lookupOne = (batch: string, method: string): CallSpec => ({
  roundTrip: true,
  read: true,
  batch,
  batchWith: { method, shape: 'lookup' },
});
const read = (batch: string): CallSpec => ({ roundTrip: true, read: true, batch });
const write = (batch: string): CallSpec => ({ roundTrip: true, batch });
const rawRead = (batch: string): CallSpec => ({ ...read(batch), statementArgument: 0 });
const rawWrite = (batch: string): CallSpec => ({ ...write(batch), statementArgument: 0 });

export const prismaClient: ClientEntry = {
  name: 'prisma',
  category: 'database',
  // `.prisma/client` is where the generated client's declarations live (type-aware mode reads it).
  sources: ['@prisma/client', '.prisma/client'],
  constructors: { PrismaClient: { isNew: true, instance: 'PrismaClient', pooled: true } },
  instances: {
    PrismaClient: {
      calls: {
        $transaction: write('one `$transaction` over every item'),
        $queryRaw: read('one raw query over every item'),
        $queryRawUnsafe: rawRead('one raw query over every item'),
        $executeRaw: write('one raw statement over every item'),
        $executeRawUnsafe: rawWrite('one raw statement over every item'),
      },
      // Model delegates are named by the schema: `prisma.user`, `prisma.order`.
      properties: { '*': 'Delegate' },
      callbackParams: { $transaction: 'PrismaClient' },
      closeMethods: ['$disconnect'],
    },
    Delegate: {
      calls: {
        // Prisma's dataloader merges the findUnique calls of one tick into one query.
        findUnique: { ...lookupOne('`findMany` with `in`', 'findMany'), sameTick: true },
        // OrThrow rejects on a missing row; the batched form would return null: no rewrite.
        findUniqueOrThrow: read('`findMany` with `in`'),
        findFirst: lookupOne('`findMany` with `in`', 'findMany'),
        findFirstOrThrow: read('`findMany` with `in`'),
        findMany: read('one `findMany` with `in`'),
        count: read('one `groupBy` with `_count`'),
        aggregate: read('one `groupBy`'),
        groupBy: read('one `groupBy` over every item'),
        create: { ...write('`createMany`'), batchWith: { method: 'createMany', shape: 'insert' } },
        createMany: write('one `createMany` over every item'),
        update: { ...write('`updateMany` with `in`'), batchWith: { method: 'updateMany', shape: 'update' } },
        updateMany: write('one `updateMany` with `in`'),
        upsert: write('one `createMany` with `skipDuplicates` plus one `updateMany`'),
        delete: write('`deleteMany` with `in`'),
        deleteMany: write('one `deleteMany` with `in`'),
      },
    },
  },
  types: { PrismaClient: 'PrismaClient' },
};

const typeormRepositoryCalls: Record<string, CallSpec> = {
  find: read('one `find` with `In()`'),
  findBy: read('one `findBy` with `In()`'),
  findOne: lookupOne('`findBy` with `In()`', 'findBy'),
  findOneBy: lookupOne('`findBy` with `In()`', 'findBy'),
  findOneOrFail: read('`findBy` with `In()`'),
  findOneByOrFail: read('`findBy` with `In()`'),
  findAndCount: read('one `find` with `In()`'),
  count: read('one grouped count'),
  countBy: read('one grouped count'),
  exists: read('one `findBy` with `In()`'),
  existsBy: read('one `findBy` with `In()`'),
  save: { ...write('one `save` with an array'), batchWith: { method: 'save', shape: 'insert' } },
  insert: write('one `insert` with an array'),
  update: { ...write('one `update` with `In()`'), batchWith: { method: 'update', shape: 'update' } },
  upsert: write('one `upsert` with an array'),
  delete: write('one `delete` with `In()` or an array of ids'),
  remove: write('one `remove` with an array'),
  softDelete: write('one `softDelete` with `In()`'),
  increment: write('one `update` with `In()`'),
  decrement: write('one `update` with `In()`'),
  query: rawRead('one query with `IN`'),
};

export const typeormClient: ClientEntry = {
  name: 'typeorm',
  category: 'database',
  sources: ['typeorm'],
  constructors: {
    DataSource: { isNew: true, instance: 'DataSource', pooled: true },
    Connection: { isNew: true, instance: 'DataSource', pooled: true },
    createConnection: { instance: 'DataSource', pooled: true },
  },
  instances: {
    DataSource: {
      calls: { query: rawRead('one query with `IN`') },
      returns: {
        getRepository: 'Repository',
        getTreeRepository: 'Repository',
        getMongoRepository: 'Repository',
        createQueryBuilder: 'QueryBuilder',
      },
      properties: { manager: 'EntityManager' },
      callbackParams: { transaction: 'EntityManager' },
      closeMethods: ['destroy', 'close'],
    },
    EntityManager: {
      calls: typeormRepositoryCalls,
      returns: { getRepository: 'Repository', getTreeRepository: 'Repository', createQueryBuilder: 'QueryBuilder' },
      callbackParams: { transaction: 'EntityManager' },
    },
    Repository: {
      calls: typeormRepositoryCalls,
      returns: { createQueryBuilder: 'QueryBuilder' },
      properties: { manager: 'EntityManager' },
    },
    QueryBuilder: {
      chain: true,
      calls: {
        getOne: read('one query with `whereInIds` or `IN (:...ids)`'),
        getOneOrFail: read('one query with `whereInIds` or `IN (:...ids)`'),
        getMany: read('one query with `IN (:...ids)`'),
        getRawOne: read('one query with `IN (:...ids)`'),
        getRawMany: read('one query with `IN (:...ids)`'),
        getCount: read('one grouped count'),
        getExists: read('one query with `IN (:...ids)`'),
        getManyAndCount: read('one query with `IN (:...ids)`'),
        execute: write('one statement with `IN (:...ids)` or a multi-row `values([...])`'),
      },
    },
  },
  types: {
    DataSource: 'DataSource',
    Connection: 'DataSource',
    EntityManager: 'EntityManager',
    Repository: 'Repository',
    TreeRepository: 'Repository',
    MongoRepository: 'Repository',
    SelectQueryBuilder: 'QueryBuilder',
  },
  injections: {
    sources: ['@nestjs/typeorm'],
    decorators: {
      InjectRepository: 'Repository',
      InjectDataSource: 'DataSource',
      InjectEntityManager: 'EntityManager',
      InjectConnection: 'DataSource',
    },
  },
};

const sequelizeModelCalls: Record<string, CallSpec> = {
  findAll: read('one `findAll` with `[Op.in]`'),
  findOne: read('`findAll` with `[Op.in]`'),
  findByPk: lookupOne('`findAll` with `[Op.in]`', 'findAll'),
  findOrCreate: write('one `findAll` with `[Op.in]` plus one `bulkCreate`'),
  findAndCountAll: read('one `findAll` with `[Op.in]`'),
  count: read('one `count` with `group`'),
  max: read('one aggregate with `group`'),
  min: read('one aggregate with `group`'),
  sum: read('one aggregate with `group`'),
  create: { ...write('`bulkCreate`'), batchWith: { method: 'bulkCreate', shape: 'insert' } },
  bulkCreate: write('one `bulkCreate` over every item'),
  update: { ...write('one `update` with `[Op.in]`'), batchWith: { method: 'update', shape: 'update' } },
  upsert: write('`bulkCreate` with `updateOnDuplicate`'),
  destroy: write('one `destroy` with `[Op.in]`'),
  increment: write('one `increment` with `[Op.in]`'),
  decrement: write('one `decrement` with `[Op.in]`'),
};

export const sequelizeClient: ClientEntry = {
  name: 'sequelize',
  category: 'database',
  sources: ['sequelize', 'sequelize-typescript', '@sequelize/core'],
  constructors: { Sequelize: { isNew: true, instance: 'Sequelize', pooled: true } },
  instances: {
    Sequelize: {
      calls: { query: rawRead('one query with `IN (:ids)`') },
      returns: { define: 'Model', model: 'Model' },
      closeMethods: ['close'],
    },
    Model: { calls: sequelizeModelCalls },
  },
  // `class User extends Model {}`: the statics of the subclass are the model's queries.
  statics: { Model: 'Model' },
  types: { Sequelize: 'Sequelize', ModelStatic: 'Model', ModelCtor: 'Model' },
  injections: { sources: ['@nestjs/sequelize'], decorators: { InjectModel: 'Model', InjectConnection: 'Sequelize' } },
};

const mongooseModelCalls: Record<string, CallSpec> = {
  find: read('one `find` with `$in`'),
  findOne: lookupOne('`find` with `$in`', 'find'),
  findById: lookupOne('`find` with `_id: { $in }`', 'find'),
  exists: read('one `find` with `$in`'),
  countDocuments: read('one `aggregate` with `$group`'),
  distinct: read('one `distinct` with `$in`'),
  aggregate: read('one `aggregate` over every item'),
  create: { ...write('`insertMany`'), batchWith: { method: 'insertMany', shape: 'insert' } },
  insertMany: write('one `insertMany` over every item'),
  updateOne: write('`bulkWrite` or `updateMany` with `$in`'),
  updateMany: write('`bulkWrite`'),
  replaceOne: write('`bulkWrite`'),
  findOneAndUpdate: write('`bulkWrite`'),
  findByIdAndUpdate: write('`bulkWrite` or `updateMany` with `$in`'),
  findOneAndDelete: write('`deleteMany` with `$in`'),
  findByIdAndDelete: write('`deleteMany` with `_id: { $in }`'),
  deleteOne: write('`deleteMany` with `$in`'),
  deleteMany: write('`bulkWrite`'),
  bulkWrite: write('one `bulkWrite` over every item'),
};

export const mongooseClient: ClientEntry = {
  name: 'mongoose',
  category: 'database',
  sources: ['mongoose'],
  constructors: {
    model: { instance: 'Model' },
    createConnection: { instance: 'Connection', pooled: true },
    connect: { instance: 'Connection', pooled: true },
  },
  instances: {
    Connection: { returns: { model: 'Model' }, closeMethods: ['close', 'destroy'] },
    // `new Model(doc)` makes a document whose `save()` is one round trip.
    Model: { calls: mongooseModelCalls, returns: { '': 'Document', hydrate: 'Document' } },
    Document: { calls: { save: { ...write('`insertMany` or `bulkSave`') }, deleteOne: write('`deleteMany` with `$in`') } },
  },
  statics: { Model: 'Model' },
  types: { Model: 'Model', Connection: 'Connection' },
  injections: { sources: ['@nestjs/mongoose'], decorators: { InjectModel: 'Model', InjectConnection: 'Connection' } },
};

export const knexClient: ClientEntry = {
  name: 'knex',
  category: 'database',
  sources: ['knex'],
  defaultExport: 'knex',
  constructors: { knex: { instance: 'Knex', pooled: true } },
  instances: {
    Knex: {
      calls: { raw: rawRead('one query with `whereIn` or `= ANY(?)`') },
      returns: {
        '': 'QueryBuilder',
        table: 'QueryBuilder',
        from: 'QueryBuilder',
        into: 'QueryBuilder',
        select: 'QueryBuilder',
        insert: 'QueryBuilder',
        update: 'QueryBuilder',
        del: 'QueryBuilder',
        delete: 'QueryBuilder',
        where: 'QueryBuilder',
        queryBuilder: 'QueryBuilder',
        withSchema: 'QueryBuilder',
      },
      callbackParams: { transaction: 'Knex' },
      closeMethods: ['destroy'],
    },
    QueryBuilder: {
      chain: true,
      // The builder runs when awaited; these methods name the batch of the query they build.
      thenable: { roundTrip: true, batch: 'one query with `whereIn`', batchWith: { method: 'whereIn', shape: 'lookup' } },
      // The SQL text of a builder, not a run of it.
      returns: { toString: 'Sql', toSQL: 'Sql', toQuery: 'Sql' },
      calls: {
        insert: { batch: 'one `insert` with an array of rows', batchWith: { method: 'insert', shape: 'insert' } },
        update: { batch: 'one `update` with `whereIn`', batchWith: { method: 'update', shape: 'update' } },
        del: { batch: 'one `del` with `whereIn`' },
        delete: { batch: 'one `delete` with `whereIn`' },
        increment: { batch: 'one `increment` with `whereIn`' },
      },
    },
    Sql: {},
  },
  types: { Knex: 'Knex' },
};

// uptime-kuma's ORM: static calls on `R`, backed by Knex.
export const redbeanClient: ClientEntry = {
  name: 'redbean-node',
  category: 'database',
  sources: ['redbean-node'],
  statics: { R: 'RedBean' },
  instances: {
    RedBean: {
      calls: {
        find: read('one `find` with `IN (...)`'),
        findOne: read('one `find` with `IN (...)`'),
        load: read('one `find` with `id IN (...)`'),
        getAll: rawRead('one query with `IN (...)`'),
        getRow: rawRead('one query with `IN (...)`'),
        getCell: rawRead('one query with `IN (...)`'),
        getCol: rawRead('one query with `IN (...)`'),
        count: read('one grouped count'),
        store: write('one multi-row insert through `R.knex`'),
        trash: write('one `DELETE ... IN (...)`'),
        exec: rawWrite('one statement with `IN (...)`'),
      },
      properties: { knex: 'Knex' },
    },
    Knex: knexClient.instances!['Knex']!,
    QueryBuilder: knexClient.instances!['QueryBuilder']!,
    Sql: {},
  },
};

export const kyselyClient: ClientEntry = {
  name: 'kysely',
  category: 'database',
  sources: ['kysely'],
  constructors: { Kysely: { isNew: true, instance: 'Kysely', pooled: true } },
  instances: {
    Kysely: {
      returns: {
        selectFrom: 'QueryBuilder',
        insertInto: 'QueryBuilder',
        replaceInto: 'QueryBuilder',
        updateTable: 'QueryBuilder',
        deleteFrom: 'QueryBuilder',
        with: 'QueryBuilder',
      },
      closeMethods: ['destroy'],
    },
    QueryBuilder: {
      chain: true,
      calls: {
        execute: read("one query with `where(col, 'in', ids)`"),
        executeTakeFirst: read("one query with `where(col, 'in', ids)`"),
        executeTakeFirstOrThrow: read("one query with `where(col, 'in', ids)`"),
      },
    },
  },
  types: { Kysely: 'Kysely', Transaction: 'Kysely' },
};

export const drizzleClient: ClientEntry = {
  name: 'drizzle',
  category: 'database',
  sources: [
    'drizzle-orm/node-postgres',
    'drizzle-orm/postgres-js',
    'drizzle-orm/neon-serverless',
    'drizzle-orm/neon-http',
    'drizzle-orm/mysql2',
    'drizzle-orm/planetscale-serverless',
    'drizzle-orm/better-sqlite3',
    'drizzle-orm/bun-sqlite',
    'drizzle-orm/libsql',
    'drizzle-orm/d1',
  ],
  constructors: { drizzle: { instance: 'Drizzle' } },
  instances: {
    Drizzle: {
      calls: { execute: rawRead('one query with `inArray`') },
      returns: { select: 'QueryBuilder', selectDistinct: 'QueryBuilder', insert: 'QueryBuilder', update: 'QueryBuilder', delete: 'QueryBuilder', with: 'QueryBuilder' },
      properties: { query: 'RelationalQueries' },
      callbackParams: { transaction: 'Drizzle' },
    },
    RelationalQueries: { properties: { '*': 'RelationalQuery' } },
    RelationalQuery: { calls: { findFirst: read('one `findMany` with `inArray`'), findMany: read('one `findMany` with `inArray`') } },
    QueryBuilder: {
      chain: true,
      thenable: { roundTrip: true, batch: 'one query with `inArray`' },
      calls: { values: { batch: 'one `insert(...).values([...rows])`' }, set: { batch: 'one `update` with `inArray`' } },
    },
  },
  types: {
    NodePgDatabase: 'Drizzle',
    PostgresJsDatabase: 'Drizzle',
    MySql2Database: 'Drizzle',
    BetterSQLite3Database: 'Drizzle',
    LibSQLDatabase: 'Drizzle',
  },
};

const dynamoSend: CallSpec = {
  roundTrip: true,
  batch: '`BatchGetCommand` / `BatchWriteCommand` (100 reads or 25 writes per call)',
};
const dynamoDocumentCalls: Record<string, CallSpec> = {
  get: read('`batchGet` (up to 100 keys per call)'),
  put: write('`batchWrite` (up to 25 items per call)'),
  delete: write('`batchWrite` (up to 25 items per call)'),
  update: write('`transactWrite` or several `update`s in parallel'),
  query: read('one `query` over a shared partition key, or `batchGet`'),
};

export const dynamodbDocumentClient: ClientEntry = {
  name: 'dynamodb',
  category: 'database',
  sources: ['@aws-sdk/lib-dynamodb'],
  statics: { DynamoDBDocumentClient: 'DocumentClientClass', DynamoDBDocument: 'DocumentClass' },
  instances: {
    DocumentClientClass: { returns: { from: 'DocumentClient' } },
    DocumentClass: { returns: { from: 'Document' } },
    DocumentClient: { calls: { send: dynamoSend } },
    Document: { calls: { ...dynamoDocumentCalls, send: dynamoSend } },
  },
  types: { DynamoDBDocumentClient: 'DocumentClient', DynamoDBDocument: 'Document' },
};

export const dynamodbClient: ClientEntry = {
  name: 'dynamodb',
  category: 'database',
  sources: ['@aws-sdk/client-dynamodb'],
  constructors: {
    DynamoDBClient: { isNew: true, instance: 'Client', pooled: true },
    DynamoDB: { isNew: true, instance: 'Client', pooled: true },
  },
  instances: {
    Client: {
      calls: {
        send: { ...dynamoSend, batch: '`BatchGetItemCommand` / `BatchWriteItemCommand` (100 reads or 25 writes per call)' },
        getItem: read('`batchGetItem` (up to 100 keys per call)'),
        putItem: write('`batchWriteItem` (up to 25 items per call)'),
        deleteItem: write('`batchWriteItem` (up to 25 items per call)'),
        query: read('`batchGetItem`'),
      },
      closeMethods: ['destroy'],
    },
  },
  types: { DynamoDBClient: 'Client', DynamoDB: 'Client' },
};
