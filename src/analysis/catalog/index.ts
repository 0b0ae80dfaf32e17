import { childProcessClient } from './process';
import { mongodbClient, mysql2Client, ioredisClient, nodeRedisClient, pgClient } from './databases';
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
];

export interface Catalog {
  readonly entries: readonly ClientEntry[];
  /** Entries by module specifier. */
  readonly bySource: ReadonlyMap<string, ClientEntry>;
  /** Entries by global identifier (`fetch`). */
  readonly byGlobal: ReadonlyMap<string, ClientEntry>;
  /** Every word whose absence from a file proves no entry can match there. */
  readonly triggerWords: readonly string[];
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

function buildCatalog(entries: readonly ClientEntry[]): Catalog {
  const bySource = new Map<string, ClientEntry>();
  const byGlobal = new Map<string, ClientEntry>();
  const words = new Set<string>();
  for (const entry of entries) {
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
  return { entries, bySource, byGlobal, triggerWords: [...words] };
}
