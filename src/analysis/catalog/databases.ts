import type { CallSpec, ClientEntry } from './types';

// The database and cache entries. Construction deadlines are what require-timeout checks; the
// round-trip methods and their batch alternatives are what the batching rules read.

const pgQuery: CallSpec = { roundTrip: true, batch: 'one query with `= ANY($1)`' };

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
    Pool: { calls: { query: pgQuery }, returns: { connect: 'PoolClient' } },
    Client: { calls: { query: pgQuery } },
    PoolClient: { calls: { query: pgQuery } },
  },
  types: { Pool: 'Pool', Client: 'Client', PoolClient: 'PoolClient' },
};

// mysql2 is listed for its round trips only: its connectTimeout defaults to 10 s, so construction
// without it is not a "waits forever" finding.
const mysqlQuery: CallSpec = { roundTrip: true, batch: 'one query with `IN (?)`' };
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
  instances: { Connection: { calls: { query: mysqlQuery, execute: mysqlQuery } } },
  types: { Pool: 'Connection', Connection: 'Connection', PoolConnection: 'Connection' },
};

const redisRead: CallSpec = { roundTrip: true, read: true };
const redisCalls: Record<string, CallSpec> = {
  get: { ...redisRead, batch: '`mget` or a pipeline' },
  hget: { ...redisRead, batch: '`hmget` or a pipeline' },
  hgetall: { ...redisRead, batch: 'a pipeline' },
  exists: { ...redisRead, batch: '`exists` with several keys' },
  set: { roundTrip: true, batch: '`mset` or a pipeline' },
  del: { roundTrip: true, batch: '`del` with several keys' },
  hset: { roundTrip: true, batch: 'a pipeline' },
  incr: { roundTrip: true, batch: 'a pipeline' },
  expire: { roundTrip: true, batch: 'a pipeline' },
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
    },
  },
  instances: { Redis: { calls: redisCalls, queueOnly: ['pipeline', 'multi'] } },
  types: { Redis: 'Redis' },
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
      calls: { ...redisCalls, mGet: { roundTrip: true, read: true }, hGet: redisCalls['hget']!, hGetAll: redisCalls['hgetall']! },
      queueOnly: ['multi', 'MULTI'],
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
  instances: { MongoClient: {} },
  types: { MongoClient: 'MongoClient' },
};
