import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/no-cache-stampede';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import { catalogMention, catalogOf, GAP } from '../src/analysis/codemod-text';

// A miss check and, later, a store on the same cache (`cache.get(k)` ... `cache.set(k, v)`).
const CHECK_THEN_STORE = new RegExp(
  String.raw`(?<![\w$])([\w$]+)${GAP}\.${GAP}(?:get|has|exists|peek|hget|hGet)\s*\([\s\S]*?(?<![\w$])\1${GAP}\.${GAP}(?:set|setex|setEx|psetex|hset|hSet)\s*\(`,
);
// A Map the file makes or declares (`new Map()`, `cache: Map<K, V>`).
const MAP = /\bnew\s+(?:Weak)?Map\b|:\s*(?:Readonly)?(?:Weak)?Map\s*</;

/**
 * share-inflight: every cache fill that `no-cache-stampede` reports (miss check, awaited load, set)
 * gets its load shared per key: a map of in-flight loads beside the cache, the awaited load wrapped
 * in `shareInflight(map, key, () => load)`, and that helper added once per file. Takes
 * `--checkTestFiles=true` and `--settings=<json>` (extra cache clients in `hotpath.clients`).
 */
export const codemod: CodemodRule = {
  name: 'no-cache-stampede',
  rule,
  triggers: ['.set', '.setex', '.setEx', '.psetex', '.hset', '.hSet'],
  // An awaited load, a miss check and a store, on a Map this file declares or a catalog client.
  mayChange: (source, context) =>
    source.includes('await') &&
    CHECK_THEN_STORE.test(source) &&
    (MAP.test(source) || catalogMention(catalogOf(context)).test(source)),
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
