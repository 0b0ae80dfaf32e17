import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/no-cache-stampede';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import { catalogMention, catalogOf, GAP } from '../src/analysis/codemod-text';
import { unwrap } from '../src/analysis/codemod-tree';
import type * as TS from 'typescript';

// A miss check and, later, a store on the same cache (`cache.get(k)` ... `cache.set(k, v)`).
const CHECK_THEN_STORE = new RegExp(
  String.raw`(?<![\w$])([\w$]+)${GAP}\.${GAP}(?:get|has|exists|peek|hget|hGet)\s*\([\s\S]*?(?<![\w$])\1${GAP}\.${GAP}(?:set|setex|setEx|psetex|hset|hSet)\s*\(`,
);
// The store alone: a cheap first test, since CHECK_THEN_STORE scans the rest of the file from every lookup.
const STORE = new RegExp(String.raw`\.${GAP}(?:set|setex|setEx|psetex|hset|hSet)\s*\(`);
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
    STORE.test(source) &&
    CHECK_THEN_STORE.test(source) &&
    (MAP.test(source) || catalogMention(catalogOf(context)).test(source)),
  // What the rule's rewrite needs, by syntax: in an async function, a store of one key (`set`,
  // `setex`, ...; a hash field has two, which the rewrite does not take) after a lookup of the same
  // receiver and key in that function, with exactly one await between them (or in the stored value),
  // and that await on a call.
  mayChangeTree: (tree, ts) => {
    const functions = new Map<TS.Node, FunctionCalls>();
    const visit = (node: TS.Node, fn: TS.Node | null): void => {
      if (ts.isFunctionLike(node)) fn = node;
      else if (fn) {
        if (ts.isAwaitExpression(node)) callsOf(functions, fn).awaits.push(node);
        else if (ts.isCallExpression(node)) {
          const member = unwrap(ts, node.expression);
          const method = ts.isPropertyAccessExpression(member) || ts.isElementAccessExpression(member) ? staticName(ts, member) : null;
          if (method !== null && (STORE_VALUE.has(method) || LOOKUPS.has(method))) {
            const receiver = unwrap(ts, (member as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression);
            const key = node.arguments[0];
            if (key && !ts.isSpreadElement(key) && (ts.isIdentifier(receiver) || ts.isPropertyAccessExpression(receiver) || ts.isElementAccessExpression(receiver))) {
              const call = { node, receiver: flat(receiver.getText()), key: flat(key.getText()) };
              const calls = callsOf(functions, fn);
              if (LOOKUPS.has(method)) calls.lookups.push(call);
              else if (node.arguments.length > STORE_VALUE.get(method)! && !call.key.includes(',')) calls.stores.push({ ...call, value: node.arguments[STORE_VALUE.get(method)!]! });
            }
          }
        }
      }
      ts.forEachChild(node, (child) => visit(child, fn));
    };
    visit(tree, null);
    for (const [fn, calls] of functions) {
      if (calls.stores.length === 0 || calls.lookups.length === 0 || !isAsync(ts, fn)) continue;
      for (const store of calls.stores) {
        const setStart = store.node.getStart();
        for (const lookup of calls.lookups) {
          if (lookup.receiver !== store.receiver || lookup.key !== store.key || lookup.node.end > setStart) continue;
          const between = calls.awaits.filter(
            (a) => a.getStart() >= lookup.node.end && (a.end <= setStart || (a.getStart() >= store.value.getStart() && a.end <= store.value.end)),
          );
          if (between.length === 1 && ts.isCallExpression(unwrap(ts, between[0]!.expression))) return true;
        }
      }
    }
    return false;
  },
};

// Stores of one key, with the index of the stored value (`cache.set(k, v)`, `redis.setex(k, ttl, v)`),
// and lookups of one key: the rule's methods, less the hash ones (two keys, no rewrite).
const STORE_VALUE = new Map([
  ['set', 1],
  ['setex', 2],
  ['setEx', 2],
  ['psetex', 2],
]);
const LOOKUPS = new Set(['get', 'has', 'exists', 'peek']);

interface CacheCallText {
  node: TS.CallExpression;
  /** Text without whitespace or parentheses: wider than the rule's comparison, never narrower. */
  receiver: string;
  key: string;
}

interface FunctionCalls {
  awaits: TS.AwaitExpression[];
  lookups: CacheCallText[];
  stores: (CacheCallText & { value: TS.Expression })[];
}

function callsOf(functions: Map<TS.Node, FunctionCalls>, fn: TS.Node): FunctionCalls {
  let calls = functions.get(fn);
  if (!calls) functions.set(fn, (calls = { awaits: [], lookups: [], stores: [] }));
  return calls;
}

function flat(text: string): string {
  return text.replace(/[\s()]/g, '');
}

function staticName(ts: typeof TS, member: TS.PropertyAccessExpression | TS.ElementAccessExpression): string | null {
  if (ts.isPropertyAccessExpression(member)) return member.name.text;
  return ts.isStringLiteralLike(member.argumentExpression) ? member.argumentExpression.text : null;
}

function isAsync(ts: typeof TS, fn: TS.Node): boolean {
  return ts.canHaveModifiers(fn) && (ts.getModifiers(fn)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? false);
}

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
