import type { ClientEntry } from './types';

// In-process and key-value caches. None of their calls is a round trip the batching rules should
// count (lru-cache and node-cache live in memory; keyv's cost depends on its store), so the entries
// only make instances recognisable: no-cache-stampede reads a `cache` entry's get/has/set calls.

export const lruCacheClient: ClientEntry = {
  name: 'lru-cache',
  category: 'cache',
  sources: ['lru-cache'],
  // v7 exports the class as the module; v8+ as `LRUCache` (v10 only the named export).
  defaultExport: 'LRUCache',
  constructors: { LRUCache: { isNew: true, instance: 'LRUCache' } },
  instances: { LRUCache: { calls: { get: {}, has: {}, peek: {}, set: {} } } },
  types: { LRUCache: 'LRUCache' },
};

export const nodeCacheClient: ClientEntry = {
  name: 'node-cache',
  category: 'cache',
  sources: ['node-cache'],
  defaultExport: 'NodeCache',
  constructors: { NodeCache: { isNew: true, instance: 'NodeCache' } },
  instances: { NodeCache: { calls: { get: {}, has: {}, set: {}, mget: {} } } },
  types: { NodeCache: 'NodeCache' },
};

export const keyvClient: ClientEntry = {
  name: 'keyv',
  category: 'cache',
  sources: ['keyv'],
  defaultExport: 'Keyv',
  constructors: { Keyv: { isNew: true, instance: 'Keyv' } },
  instances: { Keyv: { calls: { get: { read: true }, has: { read: true }, set: {} } } },
  types: { Keyv: 'Keyv' },
};

export const cacheManagerClient: ClientEntry = {
  name: 'cache-manager',
  category: 'cache',
  sources: ['cache-manager'],
  // v6 `createCache()`; v5 `await caching('memory')` resolves to the same instance shape.
  constructors: { createCache: { instance: 'Cache' }, caching: { instance: 'Cache' } },
  instances: { Cache: { calls: { get: { read: true }, set: {} } } },
  types: { Cache: 'Cache' },
};
