import type { TSESLint } from '@typescript-eslint/utils';
import type { Catalog } from './catalog';
import { createOriginResolver, type OriginResolver } from './origin';

const resolvers = new WeakMap<Readonly<TSESLint.SourceCode>, Map<Catalog, OriginResolver>>();

/**
 * The origin resolver of `sourceCode` for `catalog`, made once per file and shared by every rule that
 * asks with the same catalog (all of them unless a rule's own `clients` option extends it). Without
 * `peek` or `byType` a resolver's answers depend on the syntax and the catalog alone, so a call that
 * require-timeout resolved is not resolved again for no-client-per-call or prefer-promise-all, and
 * the file's mention test behind every resolver runs once instead of once per rule.
 */
export function sharedOriginResolver(sourceCode: Readonly<TSESLint.SourceCode>, catalog: Catalog): OriginResolver {
  let byCatalog = resolvers.get(sourceCode);
  if (!byCatalog) resolvers.set(sourceCode, (byCatalog = new Map()));
  let resolver = byCatalog.get(catalog);
  if (!resolver) byCatalog.set(catalog, (resolver = createOriginResolver(sourceCode, catalog)));
  return resolver;
}
