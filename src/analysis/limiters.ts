import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getStaticKey, isFunctionNode, unwrapExpression } from './ast';
import { wordsOf } from './flow';

/**
 * Concurrency limiters: whether work already runs through one (p-limit, p-queue, Bottleneck,
 * piscina and other pools, async.mapLimit), whether a collection is bounded (a literal, a chunk, a
 * worker-pool array), and which limiter a project already depends on.
 */

/** Limiter libraries a fix may use, most specific first. */
export const LIMITER_PACKAGES = ['p-map', 'p-limit', 'p-queue', 'bottleneck', 'async'] as const;
export type LimiterPackage = (typeof LIMITER_PACKAGES)[number];

// Words in a callee that mark work going through a limiter: `limit(() => ...)`, `queue.add(...)`,
// `limiter.schedule(...)`, `pool.run(...)`, `sem.acquire()`, `throttled(...)`.
export const LIMITER_WORDS: ReadonlySet<string> = new Set([
  'limit',
  'limiter',
  'limited',
  'throttle',
  'throttled',
  'semaphore',
  'sem',
  'queue',
  'bottleneck',
  'schedule',
  'pool',
  'concurrency',
  'concurrently',
  'acquire',
  'mutex',
  'lock',
]);

/** Whether a call's callee names a limiter (its words), or is a function a limiter library made. */
export function isLimiterCall(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  if (wordsOf(sourceCode.getText(callee)).some((word) => LIMITER_WORDS.has(word))) return true;
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  // `const run = pLimit(4)`, `const wrapped = limiter.wrap(fn)`: the maker names the limiter.
  const def = ASTUtils.findVariable(sourceCode.getScope(callee), callee)?.defs[0];
  if (def?.type !== 'Variable') return false;
  const init = (def.node as TSESTree.VariableDeclarator).init;
  const made = init ? unwrapExpression(init) : null;
  if (made?.type !== AST_NODE_TYPES.CallExpression) return false;
  return wordsOf(sourceCode.getText(made.callee)).some((word) => LIMITER_WORDS.has(word) || word === 'wrap');
}

// Names that in practice hold a bounded part of a collection.
export const BOUNDED_WORDS: ReadonlySet<string> = new Set(['chunk', 'chunks', 'batch', 'batches', 'page', 'slice', 'window', 'group', 'pair', 'pairs', 'tuple', 'part', 'parts']);
export const CHUNKING_CALL_WORDS: ReadonlySet<string> = new Set(['chunk', 'chunks', 'batch', 'batches', 'split', 'partition', 'paginate', 'group', 'every']);
const SAME_SIZE_METHODS = new Set(['filter', 'map', 'flat', 'reverse', 'sort', 'toSorted', 'toReversed', 'concat']);

/**
 * Whether a collection is bounded by construction: a literal array (without spreads), a `slice(a, b)`
 * or `splice(a, n)` chunk, a worker-pool array (`Array.from({ length: n })`, `Array(n)`), the keys of
 * an object literal, a binding whose name says it is a chunk or batch, or the element of a loop over
 * a chunking call (`for (const batch of chunk(ids, 50))`).
 */
export function isBoundedCollection(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth = 0): boolean {
  if (depth > 4) return false;
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return value.elements.every((element) => element?.type !== AST_NODE_TYPES.SpreadElement || isBoundedCollection(sourceCode, element.argument, depth + 1));
    case AST_NODE_TYPES.NewExpression:
      return value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'Array';
    case AST_NODE_TYPES.CallExpression: {
      const callee = value.callee;
      if (callee.type === AST_NODE_TYPES.Identifier) {
        if (callee.name === 'Array') return true;
        return wordsOf(callee.name).some((word) => CHUNKING_CALL_WORDS.has(word));
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = getStaticKey(callee);
      if (method === null) return false;
      if ((method === 'slice' || method === 'splice') && value.arguments.length === 2) return true;
      if (callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Array' && method === 'from') {
        const source = value.arguments[0];
        return source?.type === AST_NODE_TYPES.ObjectExpression || (source !== undefined && isBoundedCollection(sourceCode, source, depth + 1));
      }
      if (callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Object' && ['keys', 'values', 'entries'].includes(method)) {
        const source = value.arguments[0];
        return source !== undefined && isObjectLiteral(sourceCode, source);
      }
      if (method === 'fill' || method === 'keys') return isBoundedCollection(sourceCode, callee.object, depth + 1);
      if (SAME_SIZE_METHODS.has(method)) return isBoundedCollection(sourceCode, callee.object, depth + 1);
      return wordsOf(method).some((word) => CHUNKING_CALL_WORDS.has(word));
    }
    case AST_NODE_TYPES.MemberExpression: {
      const key = getStaticKey(value);
      return key !== null && wordsOf(key).some((word) => BOUNDED_WORDS.has(word));
    }
    case AST_NODE_TYPES.Identifier: {
      if (wordsOf(value.name).some((word) => BOUNDED_WORDS.has(word))) return true;
      const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.type === 'Parameter') {
        // `batch.processArray(ids, async (chunk) => ...)`: a chunking helper hands each call one chunk.
        const fn = def.node;
        const call = fn.parent;
        return (
          call?.type === AST_NODE_TYPES.CallExpression &&
          call.arguments.includes(fn as TSESTree.CallExpressionArgument) &&
          isChunking(sourceCode, call)
        );
      }
      if (def?.type !== 'Variable') return false;
      const declarator = def.node as TSESTree.VariableDeclarator;
      const loop = declarator.parent?.parent;
      if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent) {
        // `for (const batch of chunk(xs, n))`: each element is bounded when the iterable is a chunking.
        const iterable = unwrapExpression(loop.right);
        return iterable.type === AST_NODE_TYPES.CallExpression && isChunking(sourceCode, iterable);
      }
      const writes = variable!.references.filter((reference) => reference.isWrite());
      return writes.length === 1 && declarator.init !== null && isBoundedCollection(sourceCode, declarator.init, depth + 1);
    }
    default:
      return false;
  }
}

/**
 * Whether `node` runs inside a function that handles one chunk: a callback handed to a chunking
 * helper (`batch.processSortedSet(key, async (ids) => ...)`) or a function named for its chunk
 * (`processBatch(files)`). Collections there are derived from the chunk.
 */
export function isInsideChunkHandler(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    const parent = current.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(current as TSESTree.CallExpressionArgument) && isChunking(sourceCode, parent)) {
      return true;
    }
    const name = current.id?.name ?? (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : null);
    if (name && wordsOf(name).some((word) => CHUNKING_CALL_WORDS.has(word))) return true;
  }
  return false;
}

function isChunking(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  return wordsOf(sourceCode.getText(call.callee)).some((word) => CHUNKING_CALL_WORDS.has(word));
}

function isObjectLiteral(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return true;
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const def = ASTUtils.findVariable(sourceCode.getScope(value), value)?.defs[0];
  const init = def?.type === 'Variable' ? (def.node as TSESTree.VariableDeclarator).init : null;
  return init !== null && init !== undefined && unwrapExpression(init).type === AST_NODE_TYPES.ObjectExpression;
}

const dependencyCache = new Map<string, ReadonlySet<string>>();

/**
 * The runtime dependencies (`dependencies`) of the nearest package.json above `filename`, read once
 * per directory. Empty when there is none (a snippet, a file outside any package).
 */
export function projectDependencies(filename: string): ReadonlySet<string> {
  if (!path.isAbsolute(filename)) return new Set();
  const visited: string[] = [];
  let dir = path.dirname(filename);
  let found: ReadonlySet<string> = new Set();
  for (;;) {
    const known = dependencyCache.get(dir);
    if (known) {
      found = known;
      break;
    }
    visited.push(dir);
    try {
      const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      found = new Set(Object.keys(json.dependencies ?? {}));
      break;
    } catch {
      // no readable package.json here: keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const seen of visited) dependencyCache.set(seen, found);
  return found;
}

/** The local name a module is imported under in this file (`import pMap from 'p-map'`), if any. */
export function importedDefault(program: TSESTree.Program, source: string): string | null {
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.source.value !== source || statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) return specifier.local.name;
    }
  }
  return null;
}
