import { childProcessClient } from './process';
import { cacheManagerClient, keyvClient, lruCacheClient, nodeCacheClient } from './caches';
import {
  drizzleClient,
  dynamodbClient,
  dynamodbDocumentClient,
  ioredisClient,
  knexClient,
  kyselyClient,
  mongodbClient,
  mongooseClient,
  mysql2Client,
  nodeRedisClient,
  pgClient,
  prismaClient,
  redbeanClient,
  sequelizeClient,
  typeormClient,
} from './databases';
import { axiosClient, fetchClient, gotClient, nodeFetchClient, nodeHttpClient } from './http';
import type { ClientEntry } from './types';

export type * from './types';

/** Every built-in entry. Adding a library is adding an entry here. */
export const builtinClients: readonly ClientEntry[] = [
  fetchClient,
  nodeFetchClient,
  nodeHttpClient,
  axiosClient,
  gotClient,
  childProcessClient,
  pgClient,
  mysql2Client,
  ioredisClient,
  nodeRedisClient,
  mongodbClient,
  prismaClient,
  typeormClient,
  sequelizeClient,
  mongooseClient,
  knexClient,
  redbeanClient,
  kyselyClient,
  drizzleClient,
  dynamodbDocumentClient,
  dynamodbClient,
  lruCacheClient,
  nodeCacheClient,
  keyvClient,
  cacheManagerClient,
];

export interface Catalog {
  readonly entries: readonly ClientEntry[];
  /** Entries by module specifier. */
  readonly bySource: ReadonlyMap<string, ClientEntry>;
  /** Entries by global identifier (`fetch`). */
  readonly byGlobal: ReadonlyMap<string, ClientEntry>;
  /** Every word whose absence from a file proves no entry can match there. */
  readonly triggerWords: readonly string[];
  /**
   * Every property name through which a catalog call or constructor can be reached (`get`, `Pool`,
   * `create`). A member call whose property is not here cannot be a catalog call, so rules skip it
   * without resolving anything: most calls in a file are `arr.push`, `res.json`, `console.log`.
   */
  readonly memberNames: ReadonlySet<string>;
}

const cache = new WeakMap<readonly ClientEntry[], Catalog>();
let builtinCatalog: Catalog | undefined;

/** The catalog of built-in entries plus the user's. User entries win on a shared source. */
export function getCatalog(extra: readonly ClientEntry[] = []): Catalog {
  if (extra.length === 0) return (builtinCatalog ??= buildCatalog(builtinClients));
  let catalog = cache.get(extra);
  if (!catalog) {
    catalog = buildCatalog([...builtinClients, ...extra]);
    cache.set(extra, catalog);
  }
  return catalog;
}

/**
 * A pattern that matches wherever a file can reach one of `entries` by syntax: a module specifier as
 * a string literal (`'pg'`, `"@nestjs/typeorm"`: origin resolution only follows literals) or a
 * global used as a value (`fetch(url)`, `window.fetch`; not a method `api.fetch()`, a longer name
 * `fetchUsers` or a JSX attribute `fetch={...}`). A file it does not match cannot use them. One regex pass over a file costs a
 * tenth of a `text.includes` per word (measured over 1,434 Outline files: 4 ms against 45 ms).
 */
export function mentionPattern(entries: readonly ClientEntry[]): RegExp {
  const sources = new Set<string>();
  const globals = new Set<string>();
  for (const entry of entries) {
    for (const source of [...entry.sources, ...(entry.injections?.sources ?? [])]) sources.add(source);
    for (const name of entry.globals ?? []) globals.add(name);
  }
  const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const alternatives: string[] = [];
  if (sources.size > 0) alternatives.push(`['"](?:${[...sources].map(escape).join('|')})['"]`);
  if (globals.size > 0) {
    const names = [...globals].map(escape).join('|');
    alternatives.push(`(?<![\\w$.])(?:${names})(?![\\w$]|\\s*=(?!=))`, `\\b(?:globalThis|window|self)\\s*\\??\\.\\s*(?:${names})(?![\\w$])`);
  }
  return alternatives.length > 0 ? new RegExp(alternatives.join('|')) : /(?!)/;
}

const mentionPatterns = new WeakMap<Catalog, RegExp>();

/** `mentionPattern` of every entry of `catalog`, built once per catalog. */
export function mentionPatternOf(catalog: Catalog): RegExp {
  let pattern = mentionPatterns.get(catalog);
  if (!pattern) {
    pattern = mentionPattern(catalog.entries);
    mentionPatterns.set(catalog, pattern);
  }
  return pattern;
}

function buildCatalog(entries: readonly ClientEntry[]): Catalog {
  const bySource = new Map<string, ClientEntry>();
  const byGlobal = new Map<string, ClientEntry>();
  const words = new Set<string>();
  const memberNames = new Set<string>(['default']);
  for (const entry of entries) {
    for (const name of Object.keys(entry.calls ?? {})) memberNames.add(name);
    for (const name of Object.keys(entry.constructors ?? {})) memberNames.add(name);
    for (const instance of Object.values(entry.instances ?? {})) {
      for (const name of Object.keys(instance.calls ?? {})) memberNames.add(name);
      for (const name of Object.keys(instance.returns ?? {})) memberNames.add(name);
      for (const name of Object.keys(instance.properties ?? {})) memberNames.add(name);
    }
    for (const name of Object.keys(entry.statics ?? {})) memberNames.add(name);
    if (entry.defaultExport) memberNames.add(entry.defaultExport);
    for (const source of entry.sources) {
      bySource.set(source, entry);
      // A file that uses a library names its specifier (an import, a require, a type import).
      words.add(source.replace(/^node:/, ''));
    }
    for (const name of entry.globals ?? []) {
      byGlobal.set(name, entry);
      words.add(name);
    }
  }
  return { entries, bySource, byGlobal, triggerWords: [...words], memberNames };
}
