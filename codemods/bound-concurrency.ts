import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/no-unbounded-concurrency';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import { ANNOTATION, catalogMention, catalogOf, GAP } from '../src/analysis/codemod-text';
import { someNode, unwrap } from '../src/analysis/codemod-tree';
import type { Catalog, ClientEntry } from '../src/analysis/catalog';
import { wordsOf } from '../src/analysis/flow';
import { BOUNDED_WORDS, CHUNKING_CALL_WORDS, LIMITER_WORDS } from '../src/analysis/limiters';
import type * as TS from 'typescript';

// `Promise.all(...xs.map(` in one statement, or `promises = xs.map(` and later `Promise.all(promises`.
const FAN_OUT = new RegExp(
  String.raw`Promise${GAP}\.${GAP}all(?:Settled)?${GAP}\([^;]*?\.${GAP}map${GAP}\(` +
    String.raw`|(?<![\w$.])([\w$]+)${GAP}(?:${ANNOTATION})?=${GAP}[^;]*?\.${GAP}map${GAP}\([\s\S]*?Promise${GAP}\.${GAP}all(?:Settled)?${GAP}\(${GAP}\1(?![\w$])`,
);

/**
 * bound-concurrency: every `Promise.all(xs.map(fn))` / `Promise.allSettled(...)` that
 * `no-unbounded-concurrency` reports runs at most `--concurrency` (default 10) at a time: through
 * p-map when the file imports it or its package depends on it, otherwise through a chunking helper
 * added once per file. Takes `--concurrency=<n>`, `--checkTestFiles=true` and `--settings=<json>`.
 */
export const codemod: CodemodRule = {
  name: 'no-unbounded-concurrency',
  rule,
  triggers: ['Promise.all'],
  // Promise.all over `xs.map(cb)`, inline or through a `const promises = xs.map(cb)`.
  mayChange: (source) => source.includes('Promise.all') && FAN_OUT.test(source),
  // The rule's conditions for a finding with a rewrite, by syntax alone: `Promise.all(xs.map(cb))`
  // with the map call inline (through a name it offers no rewrite), over a collection not bounded
  // by its shape, outside a chunk's handler, where `cb` (or a function it names) starts work through
  // no limiter: two calls or more it awaits or returns, or one where the file can reach outbound I/O.
  mayChangeTree: (tree, ts, context) => {
    let outbound: boolean | undefined;
    const io = () => (outbound ??= mayReachOutbound(context.source, catalogOf(context)));
    let local: ReadonlySet<string> | undefined;
    return someNode(ts, tree, (node) => {
      if (!ts.isCallExpression(node) || node.arguments.length !== 1 || !isPromiseAll(ts, node.expression)) return false;
      const mapCall = unwrap(ts, node.arguments[0]!);
      if (!ts.isCallExpression(mapCall) || staticName(ts, mapCall.expression) !== 'map' || mapCall.arguments.length !== 1) return false;
      const callee = unwrap(ts, mapCall.expression) as TS.PropertyAccessExpression | TS.ElementAccessExpression;
      if (isBounded(ts, callee.expression, 0) || insideChunkHandler(ts, node)) return false;
      const callback = unwrap(ts, mapCall.arguments[0]!);
      // A named callback is followed only to a function this file declares (`localFunction`).
      if (ts.isIdentifier(callback)) return (local ??= localFunctionNames(ts, tree)).has(callback.text);
      if (!ts.isArrowFunction(callback) && !ts.isFunctionExpression(callback)) return false;
      const work = workOf(ts, callback);
      return work !== null && (work >= 2 || (work === 1 && io()));
    });
  },
};

/** Names of the file's function declarations and of variables it initialises with a function. */
function localFunctionNames(ts: typeof TS, tree: TS.SourceFile): ReadonlySet<string> {
  const names = new Set<string>();
  someNode(ts, tree, (node) => {
    if (ts.isFunctionDeclaration(node) && node.name) names.add(node.name.text);
    else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = unwrap(ts, node.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) names.add(node.name.text);
    }
    return false;
  });
  return names;
}

/** `Promise.all` / `Promise.allSettled` (also `Promise['all']`). */
function isPromiseAll(ts: typeof TS, callee: TS.Expression): boolean {
  const member = unwrap(ts, callee);
  if (!ts.isPropertyAccessExpression(member) && !ts.isElementAccessExpression(member)) return false;
  const object = unwrap(ts, member.expression);
  const name = staticName(ts, member);
  return ts.isIdentifier(object) && object.text === 'Promise' && (name === 'all' || name === 'allSettled');
}

/** The property a member expression reads when the syntax says it (`a.b`, `a['b']`), else null. */
function staticName(ts: typeof TS, node: TS.Expression): string | null {
  const member = unwrap(ts, node);
  if (ts.isPropertyAccessExpression(member)) return member.name.text;
  if (ts.isElementAccessExpression(member) && ts.isStringLiteralLike(member.argumentExpression)) return member.argumentExpression.text;
  return null;
}

const SAME_SIZE_METHODS = new Set(['filter', 'map', 'flat', 'reverse', 'sort', 'toSorted', 'toReversed', 'concat']);

/**
 * `isBoundedCollection` for the shapes syntax alone decides (a literal array, `Array.from({...})`,
 * a `slice(a, b)`, a name that says chunk or batch); a name it would follow to its declaration is
 * taken as unbounded.
 */
function isBounded(ts: typeof TS, node: TS.Expression, depth: number): boolean {
  if (depth > 4) return false;
  const value = unwrap(ts, node);
  if (ts.isArrayLiteralExpression(value)) return value.elements.every((element) => !ts.isSpreadElement(element) || isBounded(ts, element.expression, depth + 1));
  if (ts.isNewExpression(value)) return ts.isIdentifier(value.expression) && value.expression.text === 'Array';
  if (ts.isIdentifier(value)) return hasWord(value.text, BOUNDED_WORDS);
  if (ts.isPropertyAccessExpression(value) || ts.isElementAccessExpression(value)) {
    const key = staticName(ts, value);
    return key !== null && hasWord(key, BOUNDED_WORDS);
  }
  if (!ts.isCallExpression(value)) return false;
  const callee = unwrap(ts, value.expression);
  if (ts.isIdentifier(callee)) return callee.text === 'Array' || hasWord(callee.text, CHUNKING_CALL_WORDS);
  if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return false;
  const method = staticName(ts, callee);
  if (method === null) return false;
  if ((method === 'slice' || method === 'splice') && value.arguments.length === 2) return true;
  const object = unwrap(ts, callee.expression);
  if (ts.isIdentifier(object) && object.text === 'Array' && method === 'from') {
    const source = value.arguments[0];
    return source !== undefined && (ts.isObjectLiteralExpression(unwrap(ts, source)) || isBounded(ts, source, depth + 1));
  }
  if (ts.isIdentifier(object) && object.text === 'Object' && ['keys', 'values', 'entries'].includes(method)) {
    const source = value.arguments[0];
    return source !== undefined && ts.isObjectLiteralExpression(unwrap(ts, source));
  }
  if (method === 'fill' || method === 'keys' || SAME_SIZE_METHODS.has(method)) return isBounded(ts, callee.expression, depth + 1);
  return hasWord(method, CHUNKING_CALL_WORDS);
}

/** `isInsideChunkHandler`: a function around the call handed to a chunking call, or named for a chunk. */
function insideChunkHandler(ts: typeof TS, node: TS.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!ts.isFunctionDeclaration(current) && !ts.isFunctionExpression(current) && !ts.isArrowFunction(current)) continue;
    const parent = current.parent;
    if (ts.isCallExpression(parent) && parent.arguments.includes(current as TS.Expression) && hasWord(parent.expression.getText(), CHUNKING_CALL_WORDS)) return true;
    const name = current.name?.text ?? (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined);
    if (name && hasWord(name, CHUNKING_CALL_WORDS)) return true;
  }
  return false;
}

function hasWord(text: string, words: ReadonlySet<string>): boolean {
  return wordsOf(text).some((word) => words.has(word));
}

/**
 * How many calls the callback awaits or returns (its own code, not nested functions'), as the rule's
 * `workOf` counts them but keeping the calls it would drop as synchronous; null when a call goes
 * through a limiter named by its callee's words (the rule then reports nothing).
 */
function workOf(ts: typeof TS, fn: TS.ArrowFunction | TS.FunctionExpression): number | null {
  const calls = new Set<TS.Node>();
  let limited = false;
  const add = (node: TS.Expression | undefined) => {
    const call = node && workCall(ts, node);
    if (call) calls.add(call);
  };
  if (!ts.isBlock(fn.body)) add(fn.body);
  const walk = (node: TS.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isCallExpression(node) && hasWord(unwrap(ts, node.expression).getText(), LIMITER_WORDS)) limited = true;
    if (ts.isAwaitExpression(node)) add(node.expression);
    else if (ts.isReturnStatement(node)) add(node.expression);
    else if (ts.isForOfStatement(node) && node.awaitModifier) calls.add(node.expression);
    ts.forEachChild(node, walk);
  };
  walk(fn.body);
  return limited ? null : calls.size;
}

/** The call behind `await x.y()`, `return f().then(g)`, `new Promise(...)`; null for values. */
function workCall(ts: typeof TS, node: TS.Expression): TS.Node | null {
  let value = unwrap(ts, node);
  if (ts.isNewExpression(value) && ts.isIdentifier(value.expression) && value.expression.text === 'Promise') return value;
  while (ts.isCallExpression(value) && ['then', 'catch', 'finally'].includes(staticName(ts, value.expression) ?? '')) {
    const object = unwrap(ts, (unwrap(ts, value.expression) as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression);
    if (!ts.isCallExpression(object)) break;
    value = object;
  }
  return ts.isCallExpression(value) ? value : null;
}

// Files and processes besides the catalog's HTTP and process clients (`isFileSystemCall`).
const FILE_SYSTEM = /\bfs\b|\bfsPromises\b|\bfsp\b|['"](?:node:)?fs\/promises['"]|['"]fs-extra['"]/;
const outboundEntry = (entry: ClientEntry) => entry.category === 'http' || entry.category === 'process';

/** Whether one call per element could be outbound I/O here: a catalog HTTP or process client, or the file system. */
function mayReachOutbound(source: string, catalog: Catalog): boolean {
  return FILE_SYSTEM.test(source) || catalogMention(catalog, outboundEntry).test(source);
}

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
