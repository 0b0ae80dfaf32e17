import path from 'node:path';
import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/no-n-plus-one';
import { getCatalog } from '../src/analysis/catalog';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodContext, type CodemodRule } from '../src/analysis/codemod';
import { ANNOTATION, catalogOf, GAP, STATEMENT_REST } from '../src/analysis/codemod-text';
import { hasBatchRewrite } from '../src/analysis/batching';
import type { CallSpec, Catalog } from '../src/analysis/catalog';
import { someNode, unwrap } from '../src/analysis/codemod-tree';
import type * as TS from 'typescript';

// A callback of one parameter whose body is an expression or `{ return ...`.
const ONE_PARAMETER = String.raw`(?:\(${GAP}[\w$]+${GAP}(?:${ANNOTATION})?\)|[\w$]+)`;
const ONE_CALL_CALLBACK =
  String.raw`(?:async${GAP})?(?:${ONE_PARAMETER}${GAP}(?:${ANNOTATION})?=>${GAP}(?:\{${GAP}return\b|[^\s{/])` +
  String.raw`|function\b[^(]*${ONE_PARAMETER}[^{]*\{${GAP}return\b)`;
// A statement that starts `OUT.push(await` or `await`.
const ONE_AWAIT = String.raw`(?:[\w$.?!]+${GAP}\.${GAP}push\s*\(${GAP})?\(?${GAP}await\b`;

const shapes = new WeakMap<Catalog, RegExp>();

/**
 * `Promise.all(ITEMS.map(CALLBACK` and `for (const item of ITEMS)` whose body is one such statement,
 * where ITEMS is a name or a property read, and the statement or callback calls a method the catalog
 * batches in a way this codemod writes (`create`, `query`, `get`, ...).
 */
function shapesOf(catalog: Catalog): RegExp {
  let pattern = shapes.get(catalog);
  if (pattern) return pattern;
  const names = new Set<string>();
  const add = (calls: Record<string, CallSpec> | undefined) => {
    for (const [name, spec] of Object.entries(calls ?? {})) if (spec.batchWith && hasBatchRewrite(spec.batchWith)) names.add(name);
  };
  for (const entry of catalog.entries) {
    add(entry.calls);
    for (const instance of Object.values(entry.instances ?? {})) add(instance.calls);
  }
  const escaped = [...names].map((name) => name.replace(/[^\w$]/g, '\\$&')).join('|');
  const batched = String.raw`(?=[^;]*?\.${GAP}(?:${escaped})${GAP}[(<])`;
  pattern = new RegExp(
    String.raw`Promise\s*\.\s*all(?:Settled)?\s*\(${GAP}[\w$.?!]+${GAP}\.${GAP}map\s*\(${GAP}(?:${ONE_CALL_CALLBACK})${batched}` +
      String.raw`|\bfor\s*\(\s*(?:const|let|var)\s[^;)]*?\sof\s[^;{)]*\)${GAP}(?:\{${GAP}${ONE_AWAIT}${batched}${STATEMENT_REST};?${GAP}\}|${ONE_AWAIT}${batched})`,
  );
  shapes.set(catalog, pattern);
  return pattern;
}

/**
 * batch-db-calls: applies no-n-plus-one's batch suggestion to the canonical shapes: a create per
 * item becomes one createMany / insertMany / bulkCreate / save(array) / insert(array); a lookup by id
 * per item becomes one `IN` query per chunk of `--chunkSize` keys (default 10000) plus a Map, in the
 * items' order with null for a missing row; Redis `get` per key becomes `mget`; an update per id with
 * the same data becomes `updateMany`. Every other finding is left alone and reported with the
 * rule's message as the reason. Takes `--chunkSize=<n>` and `--settings=<json>`.
 */
export const codemod: CodemodRule = {
  name: 'no-n-plus-one',
  rule,
  triggers: getCatalog().triggerWords,
  // The shapes it rewrites, not the rule's trigger words: the rule follows imports into the project's
  // own modules (`import { User } from './models'`), so a file can hold a finding without naming any
  // library. Seeds, migrations and fixtures the rule skips unless told to check scripts.
  mayChange: (source, context) => !isOneOffFile(context) && shapesOf(catalogOf(context)).test(source),
  // The same shapes on the tree (`siteOf` in batching.ts): `Promise.all(ITEMS.map((item) => CALL))`
  // with one identifier parameter and one returned value, or `for (const item of ITEMS)` whose body
  // is one `await CALL;` or `out.push(await CALL)`, ITEMS a name or a property read, CALL (or the
  // awaited call under `(await CALL).rows[0]`) a method the catalog batches in a way this writes.
  mayChangeTree: (tree, ts, context) => {
    const names = batchedNames(catalogOf(context));
    return someNode(ts, tree, (node) => {
      if (ts.isForOfStatement(node)) {
        if (node.awaitModifier || !ts.isVariableDeclarationList(node.initializer) || node.initializer.declarations.length !== 1) return false;
        if (!ts.isIdentifier(node.initializer.declarations[0]!.name) || !isStable(ts, node.expression)) return false;
        const body = ts.isBlock(node.statement) ? node.statement.statements : [node.statement];
        if (body.length !== 1 || !ts.isExpressionStatement(body[0]!)) return false;
        const expression = unwrap(ts, body[0].expression);
        if (ts.isAwaitExpression(expression)) return batches(ts, expression.expression, names);
        return (
          ts.isCallExpression(expression) &&
          staticName(ts, expression.expression) === 'push' &&
          expression.arguments.length === 1 &&
          !ts.isSpreadElement(expression.arguments[0]!) &&
          batches(ts, expression.arguments[0]!, names)
        );
      }
      if (!ts.isCallExpression(node) || !isPromiseAll(ts, node.expression) || node.arguments.length === 0) return false;
      const map = unwrap(ts, node.arguments[0]!);
      if (!ts.isCallExpression(map) || staticName(ts, map.expression) !== 'map') return false;
      const items = (unwrap(ts, map.expression) as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression;
      const callback = map.arguments[0] && unwrap(ts, map.arguments[0]);
      if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) || !isStable(ts, items)) return false;
      const [item, ...rest] = callback.parameters;
      if (!item || rest.length > 0 || !ts.isIdentifier(item.name) || item.initializer || item.dotDotDotToken) return false;
      if (!ts.isBlock(callback.body)) return batches(ts, callback.body, names);
      const only = callback.body.statements.length === 1 ? callback.body.statements[0] : undefined;
      return only !== undefined && ts.isReturnStatement(only) && only.expression !== undefined && batches(ts, only.expression, names);
    });
  },
};

// The rule's one-off files: seeds, migrations and fixtures run once, so it reports nothing there.
const ONE_OFF_DIRECTORY = /(?:^|[\\/])(?:seeds?|seeders?|migrations?|fixtures?)[\\/]/;

/** Whether the rule skips the file as a seed, migration or fixture (the path it sees: relative to the working directory). */
function isOneOffFile(context: CodemodContext): boolean {
  if (context.filePath === undefined || context.ruleOptions['checkScripts'] === true) return false;
  const relative = path.relative(process.cwd(), path.resolve(context.filePath));
  return !relative.startsWith('..') && ONE_OFF_DIRECTORY.test(relative);
}

const batched = new WeakMap<Catalog, ReadonlyMap<string, ReadonlySet<number>>>();

/**
 * The methods the catalog batches in a way this writes, with the argument counts the rewrites take:
 * one (the data, the key, the options), two for a pg lookup (`query(sql, [id])`).
 */
function batchedNames(catalog: Catalog): ReadonlyMap<string, ReadonlySet<number>> {
  let names = batched.get(catalog);
  if (!names) {
    const found = new Map<string, Set<number>>();
    const add = (calls: Record<string, CallSpec> | undefined) => {
      for (const [name, spec] of Object.entries(calls ?? {})) {
        if (!spec.batchWith || !hasBatchRewrite(spec.batchWith)) continue;
        let counts = found.get(name);
        if (!counts) found.set(name, (counts = new Set()));
        counts.add(spec.batchWith.shape === 'lookup' && spec.batchWith.method === 'query' ? 2 : 1);
      }
    };
    for (const entry of catalog.entries) {
      add(entry.calls);
      for (const instance of Object.values(entry.instances ?? {})) add(instance.calls);
    }
    batched.set(catalog, (names = found));
  }
  return names;
}

/**
 * Whether a value is a call of a batched method with as many arguments as its rewrite takes
 * (`x.create(data)`), awaited or not, or one read through `(await x.query(sql, [id])).rows[0]`:
 * the only places the batch rewrites take their call from.
 */
function batches(ts: typeof TS, value: TS.Expression, names: ReadonlyMap<string, ReadonlySet<number>>): boolean {
  let current = unwrap(ts, value);
  for (;;) {
    if (ts.isAwaitExpression(current) || ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) current = unwrap(ts, current.expression);
    else break;
  }
  if (!ts.isCallExpression(current)) return false;
  const name = staticName(ts, current.expression);
  return name !== null && (names.get(name)?.has(current.arguments.length) ?? false);
}

function isPromiseAll(ts: typeof TS, callee: TS.Expression): boolean {
  const member = unwrap(ts, callee);
  return (ts.isPropertyAccessExpression(member) || ts.isElementAccessExpression(member)) && staticName(ts, member) === 'all' && ts.isIdentifier(unwrap(ts, member.expression)) && (unwrap(ts, member.expression) as TS.Identifier).text === 'Promise';
}

/** The property a member expression reads when the syntax says it (`a.b`, `a['b']`), else null. */
function staticName(ts: typeof TS, node: TS.Expression): string | null {
  const member = unwrap(ts, node);
  if (ts.isPropertyAccessExpression(member)) return member.name.text;
  if (ts.isElementAccessExpression(member) && ts.isStringLiteralLike(member.argumentExpression)) return member.argumentExpression.text;
  return null;
}

/** Names, `this` and property reads (batching's `isStable`): what the rewrite may evaluate twice. */
function isStable(ts: typeof TS, node: TS.Expression): boolean {
  const value = unwrap(ts, node);
  if (ts.isIdentifier(value) || value.kind === ts.SyntaxKind.ThisKeyword) return true;
  return ts.isPropertyAccessExpression(value) && isStable(ts, value.expression);
}

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
