import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getStaticKey, unwrapExpression } from './ast';
import { isInvariantIn, promiseCombinatorOf, type IterationContext } from './context';
import type { Edit } from './edits';
import type { OriginResolver } from './origin';
import type { RoundTrip } from './round-trips';

/**
 * The batch rewrite of a per-item round trip, for the canonical shapes only; anything else gets no
 * suggestion (and the codemod leaves it alone with the rule's message as the reason).
 *
 * Sites: `await Promise.all(ITEMS.map((item) => CALL))`, and `for (const item of ITEMS)` whose body
 * is `OUT.push(await CALL)` or `await CALL;`. Shapes (from the catalog's `batchWith`):
 * - insert: a create whose result is unused -> one `createMany` / `insertMany` / `bulkCreate` /
 *   `save(array)` / `insert(array)` of `ITEMS.map((item) => value)`;
 * - get: Redis `get(key)` -> one `mget(ITEMS.map((item) => key))` (same order, nulls kept);
 * - lookup: `findUnique({ where: { id: item } })`, `findOne({ _id: item })`,
 *   `(await pool.query('... WHERE id = $1', [item])).rows[0]` -> one `IN` query per chunk of
 *   `chunkSize` keys, a Map by key, and `ITEMS.map((item) => byKey.get(String(item)) ?? null)`:
 *   the same order, a missing row as null;
 * - update: `update({ where: { id: item }, data })` with loop-invariant data and an unused result ->
 *   one `updateMany({ where: { id: { in: ITEMS } }, data })`.
 */
export interface BatchRewrite {
  edits: Edit[];
}

type SourceCode = Readonly<TSESLint.SourceCode>;

interface Site {
  /** The node whose text is replaced. */
  target: TSESTree.Node;
  kind: 'fanOut' | 'loopPush' | 'loopStatement';
  items: TSESTree.Expression;
  item: TSESTree.Identifier;
  /** The per-item value expression the site produces (the callback's result, the pushed value). */
  value: TSESTree.Node;
  /** `OUT` of `OUT.push(...)`. */
  out?: TSESTree.Expression;
  /** The result of the whole site is used (an awaited Promise.all assigned somewhere). */
  resultUsed: boolean;
  region: TSESTree.Node;
}

/** Batch inserts that take an empty list and do nothing (Prisma, Sequelize, TypeORM). */
const EMPTY_SAFE_INSERTS = new Set(['createMany', 'bulkCreate', 'save']);

/**
 * Clients whose per-item `create` runs the model's per-record hooks and its batch insert does not:
 * Sequelize `bulkCreate` skips `beforeCreate`/`afterCreate`/`afterSave` hooks and validation unless
 * given `individualHooks`/`validate` (and with `individualHooks` it saves record by record again),
 * Mongoose `insertMany` skips `save` middleware. The hooks live in the model's own file, out of sight
 * of whoever reviews the rewrite: outline's `Notification` model sends its notifications from an
 * `@AfterCreate` hook, which the swept `bulkCreate` rewrite would have silently skipped.
 */
const HOOKED_CREATE_CLIENTS = new Set(['sequelize', 'mongoose']);

export function batchSuggestion(
  sourceCode: SourceCode,
  roundTrip: RoundTrip,
  context: IterationContext,
  _resolver: OriginResolver,
  chunkSize: number,
): BatchRewrite | null {
  const batchWith = roundTrip.spec.batchWith;
  if (!batchWith) return null;
  const site = siteOf(sourceCode, roundTrip.node, context);
  if (!site) return null;
  const call = roundTrip.node;
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  // The receiver is evaluated once instead of once per item: it must not change across items.
  if (!isInvariantIn(sourceCode, callee.object, site.region) && !isBuilderOfInvariants(sourceCode, callee.object, site.region)) return null;
  const text = (node: TSESTree.Node) => sourceCode.text.slice(node.range[0], node.range[1]);
  const receiver = text(callee.object);
  const items = text(site.items);
  const item = site.item.name;
  const indent = indentOf(sourceCode, site.target);
  let replacement: string | null = null;

  switch (batchWith.shape) {
    case 'insert': {
      if (site.resultUsed || site.kind === 'loopPush' || !isValueOf(site, call)) return null;
      if (HOOKED_CREATE_CLIENTS.has(roundTrip.entry.name) && roundTrip.method === 'create') return null;
      const argument = call.arguments.length === 1 ? call.arguments[0]! : null;
      if (!argument) return null;
      let batched: string;
      const dataOnly = argument.type === AST_NODE_TYPES.ObjectExpression ? onlyProperty(argument, 'data') : null;
      const mapped = (value: TSESTree.Node) =>
        value.type === AST_NODE_TYPES.Identifier && value.name === item ? items : `${items}.map((${item}) => (${text(value)}))`;
      if (batchWith.method === 'createMany') {
        if (!dataOnly) return null;
        batched = `${receiver}.createMany({ data: ${mapped(dataOnly)} })`;
      } else {
        batched = `${receiver}.${batchWith.method}(${mapped(argument)})`;
      }
      // Knex `insert([])` and the MongoDB driver's `insertMany([])` throw where the loop did nothing:
      // guard the empty list unless the batch method accepts it.
      const emptySafe = EMPTY_SAFE_INSERTS.has(batchWith.method);
      if (site.kind === 'fanOut') replacement = emptySafe ? batched : `(${items}.length > 0 ? ${batched} : undefined)`;
      else replacement = emptySafe ? `await ${batched};` : `if (${items}.length > 0) await ${batched};`;
      break;
    }
    case 'get': {
      if (!isValueOf(site, call) || call.arguments.length !== 1) return null;
      const key = call.arguments[0]!;
      const keys = key.type === AST_NODE_TYPES.Identifier && key.name === item ? items : `${items}.map((${item}) => ${text(key)})`;
      const batched = `${receiver}.${batchWith.method}(${keys})`;
      replacement = site.kind === 'loopPush' ? `for (const value of await ${batched}) ${text(site.out!)}.push(value);` : batched;
      break;
    }
    case 'lookup': {
      // A lookup whose rows nobody reads has nothing to batch into.
      if (site.kind === 'loopStatement' || (site.kind === 'fanOut' && !site.resultUsed)) return null;
      const query = lookupQuery(sourceCode, roundTrip, site, batchWith.method);
      if (!query) return null;
      const lines = [
        `(async () => {`,
        `  const byKey = new Map();`,
        `  for (let i = 0; i < ${items}.length; i += ${chunkSize}) {`,
        `    const chunk = ${items}.slice(i, i + ${chunkSize});`,
        `    for (const row of ${query.rows(receiver)}) byKey.set(String(row.${query.key}), row);`,
        `  }`,
        `  return ${items}.map((${item}) => byKey.get(String(${item})) ?? null);`,
        `})()`,
      ];
      const iife = lines.join(`\n${indent}`);
      // A loop of pushes, not a spread: a spread of 100k+ values overflows the call stack.
      replacement = site.kind === 'loopPush' ? `for (const row of await ${iife}) ${text(site.out!)}.push(row);` : iife;
      break;
    }
    case 'update': {
      if (site.resultUsed || site.kind === 'loopPush' || !isValueOf(site, call) || call.arguments.length !== 1) return null;
      const options = call.arguments[0]!;
      if (options.type !== AST_NODE_TYPES.ObjectExpression || options.properties.length !== 2) return null;
      const where = property(options, 'where');
      const data = property(options, 'data');
      const key = where ? keyOfItem(where, item) : null;
      if (!key || !data || !isInvariantIn(sourceCode, data, site.region) || batchWith.method !== 'updateMany') return null;
      const batched = `${receiver}.updateMany({ where: { ${key}: { in: ${items} } }, data: ${text(data)} })`;
      replacement = site.kind === 'fanOut' ? batched : `await ${batched};`;
      break;
    }
  }
  return replacement === null ? null : { edits: [{ range: site.target.range, text: replacement }] };
}

function siteOf(sourceCode: SourceCode, call: TSESTree.CallExpression, context: IterationContext): Site | null {
  if (context.kind === 'callback') {
    if (context.method !== 'map') return null;
    const all = promiseCombinatorOf(context.call);
    const callee = all?.callee;
    if (!all || callee?.type !== AST_NODE_TYPES.MemberExpression || getStaticKey(callee) !== 'all') return null;
    const items = (context.call.callee as TSESTree.MemberExpression).object;
    const item = context.callback.params[0];
    if (context.callback.params.length !== 1 || item?.type !== AST_NODE_TYPES.Identifier || !isStable(items)) return null;
    const value = returnedValue(context.callback);
    if (!value) return null;
    const parent = all.parent;
    const statement = parent?.type === AST_NODE_TYPES.AwaitExpression ? parent.parent : parent;
    return {
      target: all,
      kind: 'fanOut',
      items: items as TSESTree.Expression,
      item,
      value,
      resultUsed: statement?.type !== AST_NODE_TYPES.ExpressionStatement,
      region: context.callback,
    };
  }
  const loop = context.loop;
  if (loop.type !== AST_NODE_TYPES.ForOfStatement || loop.await) return null;
  if (loop.left.type !== AST_NODE_TYPES.VariableDeclaration || loop.left.declarations.length !== 1) return null;
  const item = loop.left.declarations[0]!.id;
  if (item.type !== AST_NODE_TYPES.Identifier || !isStable(loop.right)) return null;
  const body = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body.body : [loop.body];
  if (body.length !== 1 || body[0]!.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const expression = body[0]!.expression;
  if (expression.type === AST_NODE_TYPES.AwaitExpression) {
    return { target: loop, kind: 'loopStatement', items: loop.right, item, value: expression.argument, resultUsed: false, region: loop };
  }
  if (
    expression.type === AST_NODE_TYPES.CallExpression &&
    expression.callee.type === AST_NODE_TYPES.MemberExpression &&
    getStaticKey(expression.callee) === 'push' &&
    expression.arguments.length === 1 &&
    expression.arguments[0]!.type !== AST_NODE_TYPES.SpreadElement &&
    isInvariantIn(sourceCode, expression.callee.object, loop)
  ) {
    const pushed = unwrapAwait(expression.arguments[0]!);
    if (!pushed) return null;
    return { target: loop, kind: 'loopPush', items: loop.right, item, value: pushed, out: expression.callee.object, resultUsed: true, region: loop };
  }
  return null;
}

/** `(x) => CALL`, `async (x) => await CALL`, `(x) => { return CALL; }`. */
function returnedValue(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration): TSESTree.Node | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return unwrapAwait(fn.body) ?? fn.body;
  const only = fn.body.body.length === 1 ? fn.body.body[0] : undefined;
  if (only?.type !== AST_NODE_TYPES.ReturnStatement || !only.argument) return null;
  return unwrapAwait(only.argument) ?? only.argument;
}

/** `await X` -> X; `(await X).rows[0]` stays as it is (the lookup shape reads it). */
function unwrapAwait(node: TSESTree.Node): TSESTree.Node | null {
  const value = unwrapExpression(node);
  return value.type === AST_NODE_TYPES.AwaitExpression ? unwrapExpression(value.argument) : value;
}

function isValueOf(site: Site, call: TSESTree.Node): boolean {
  return unwrapExpression(site.value) === call;
}

/** Identifiers and property reads: safe to evaluate more than once. */
function isStable(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.ThisExpression) return true;
  return value.type === AST_NODE_TYPES.MemberExpression && !value.computed && isStable(value.object);
}

/** `knex('users')` / `db.select().from(users)`: a builder made of loop-invariant parts. */
function isBuilderOfInvariants(sourceCode: SourceCode, node: TSESTree.Node, region: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  return (
    value.arguments.every((argument) => isInvariantIn(sourceCode, argument, region)) &&
    (isInvariantIn(sourceCode, value.callee, region) ||
      (value.callee.type === AST_NODE_TYPES.MemberExpression && isBuilderOfInvariants(sourceCode, value.callee.object, region)))
  );
}

function property(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | null {
  for (const entry of object.properties) {
    if (entry.type === AST_NODE_TYPES.Property && !entry.computed && getStaticKey(entry) === name) return entry.value;
  }
  return null;
}

function onlyProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | null {
  return object.properties.length === 1 ? property(object, name) : null;
}

/** `{ id: item }` / `{ id }` / `{ _id: item }`: the one key whose value is the item. */
function keyOfItem(node: TSESTree.Node, item: string): string | null {
  if (node.type !== AST_NODE_TYPES.ObjectExpression || node.properties.length !== 1) return null;
  const only = node.properties[0]!;
  if (only.type !== AST_NODE_TYPES.Property || only.computed) return null;
  const key = getStaticKey(only);
  const value = unwrapExpression(only.value);
  return key !== null && /^[A-Za-z_$][\w$]*$/.test(key) && value.type === AST_NODE_TYPES.Identifier && value.name === item ? key : null;
}

interface LookupQuery {
  /** The column or field the rows are keyed by. */
  key: string;
  /** An expression, given the receiver text, that evaluates to the rows of one chunk (`chunk`). */
  rows: (receiver: string) => string;
}

// The batched lookups it can write: pg `= ANY($1)`, Prisma `findMany`, the MongoDB driver's `find`.
const LOOKUP_METHODS = new Set(['query', 'findMany', 'find']);

/**
 * Whether some site of a call with this `batchWith` can be rewritten at all (whether one is depends
 * on the site): inserts, gets and updates can; lookups only into the methods above.
 */
export function hasBatchRewrite(batchWith: { method: string; shape: string }): boolean {
  return batchWith.shape !== 'lookup' || LOOKUP_METHODS.has(batchWith.method);
}

const PG_LOOKUP = /\b(where\s+)((?:"?[A-Za-z_][\w]*"?\.)?"?([A-Za-z_][\w]*)"?)\s*=\s*\$1(?![\d])/i;

function lookupQuery(sourceCode: SourceCode, roundTrip: RoundTrip, site: Site, method: string): LookupQuery | null {
  const call = roundTrip.node;
  const item = site.item.name;
  const value = unwrapExpression(site.value);
  if (!LOOKUP_METHODS.has(method)) return null;
  if (method === 'query') {
    // (await pool.query('SELECT ... WHERE id = $1', [item])).rows[0]
    if (
      value.type !== AST_NODE_TYPES.MemberExpression ||
      !value.computed ||
      value.property.type !== AST_NODE_TYPES.Literal ||
      value.property.value !== 0
    ) {
      return null;
    }
    const rows = unwrapExpression(value.object);
    if (rows.type !== AST_NODE_TYPES.MemberExpression || getStaticKey(rows) !== 'rows') return null;
    const awaited = unwrapExpression(rows.object);
    if (awaited.type !== AST_NODE_TYPES.AwaitExpression || unwrapExpression(awaited.argument) !== call) return null;
    const [sql, params] = call.arguments;
    if (call.arguments.length !== 2 || sql?.type !== AST_NODE_TYPES.Literal || typeof sql.value !== 'string') return null;
    if (params?.type !== AST_NODE_TYPES.ArrayExpression || params.elements.length !== 1) return null;
    const param = params.elements[0];
    if (param?.type !== AST_NODE_TYPES.Identifier || param.name !== item) return null;
    const match = PG_LOOKUP.exec(sql.value);
    if (!match || /\$[2-9]/.test(sql.value) || /\blimit\b/i.test(sql.value)) return null;
    const batchedSql = sql.value.replace(PG_LOOKUP, (_all, where: string, column: string) => `${where}${column} = ANY($1)`);
    const quote = sql.raw.startsWith('"') ? '"' : "'";
    const literal = quote + batchedSql.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`) + quote;
    return { key: match[3]!, rows: (receiver) => `(await ${receiver}.query(${literal}, [chunk])).rows` };
  }
  if (value !== call || call.arguments.length !== 1) return null;
  const options = call.arguments[0]!;
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return null;
  if (method === 'findMany') {
    // prisma.user.findUnique({ where: { id: item } })
    const where = onlyProperty(options, 'where');
    const key = where ? keyOfItem(where, item) : null;
    return key ? { key, rows: (receiver) => `await ${receiver}.findMany({ where: { ${key}: { in: chunk } } })` } : null;
  }
  if (method === 'find' && roundTrip.entry.name === 'mongodb') {
    // collection.findOne({ _id: item })
    const key = keyOfItem(options, item);
    return key ? { key, rows: (receiver) => `await ${receiver}.find({ ${key}: { $in: chunk } }).toArray()` } : null;
  }
  return null;
}

function indentOf(sourceCode: SourceCode, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)?.[0] ?? '';
}

