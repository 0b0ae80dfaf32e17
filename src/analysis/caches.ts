import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getStaticKey, isFunctionNode, unwrapExpression } from './ast';
import type { OriginResolver } from './origin';

/**
 * Caches: which calls read or write a cache, and where that cache lives.
 *
 * A cache is a `Map`/`WeakMap` whose declaration this file shows (a binding or a class field made
 * with `new Map()` or typed `Map<K, V>`), or an instance of a catalog entry of category `cache`
 * (lru-cache, node-cache, keyv, cache-manager, ioredis, node-redis) found by origin resolution. An
 * imported or untyped object is not a cache here: syntax cannot tell, so rules stay silent.
 */

export type CacheRole = 'lookup' | 'store';

/** Where a cache's declaration sits: it decides how long the cache lives and where a companion goes. */
export type CacheHome =
  /** A `const`/`let` binding; `statement` is its declaration, `fn` the function it is local to (null: module). */
  | { kind: 'binding'; variable: TSESLint.Scope.Variable; statement: TSESTree.VariableDeclaration; fn: TSESTree.Node | null }
  /** A field of the class whose methods use it through `this`. */
  | { kind: 'field'; classBody: TSESTree.ClassBody }
  /** An import: one module-level instance. */
  | { kind: 'import' }
  /** A parameter or anything else whose lifetime this file does not show. */
  | { kind: 'unknown' };

export interface CacheCall {
  role: CacheRole;
  call: TSESTree.CallExpression;
  method: string;
  kind: 'map' | 'client';
  /** `cache`, `this.cache`, `this.redis`: normalised text, equal for the same cache in one function. */
  receiverText: string;
  /** The cache's own name (`cache` for `this.cache`), for naming a companion. */
  name: string;
  /** Normalised text of the key arguments. */
  keyText: string;
  keyNode: TSESTree.Node;
  /** The stored value (store calls only). */
  value: TSESTree.Node | null;
  /** Declared to hold promises (`Map<K, Promise<V>>`): an in-flight map. */
  storesPromises: boolean;
  home: CacheHome;
}

// Methods by convention for key-value caches: every catalog entry of category `cache` (and user
// entries of that category) is read and written through these.
const CLIENT_LOOKUPS = new Set(['get', 'has', 'exists', 'peek', 'hget', 'hGet']);
const CLIENT_STORES = new Map<string, { value: number; keys: number }>([
  ['set', { value: 1, keys: 1 }],
  ['setex', { value: 2, keys: 1 }],
  ['setEx', { value: 2, keys: 1 }],
  ['psetex', { value: 2, keys: 1 }],
  ['hset', { value: 2, keys: 2 }],
  ['hSet', { value: 2, keys: 2 }],
]);
const MAP_LOOKUPS = new Set(['get', 'has']);
const MAP_TYPES = new Set(['Map', 'WeakMap']);

/** Method names that can write a cache: a call with any other property is skipped unresolved. */
export const CACHE_STORE_METHODS: ReadonlySet<string> = new Set(CLIENT_STORES.keys());
export const CACHE_LOOKUP_METHODS: ReadonlySet<string> = new Set([...CLIENT_LOOKUPS, ...MAP_LOOKUPS]);

export interface CacheRecogniser {
  cacheCallOf(call: TSESTree.CallExpression): CacheCall | null;
}

export function createCacheRecogniser(sourceCode: Readonly<TSESLint.SourceCode>, resolver: OriginResolver): CacheRecogniser {
  const mapMemo = new WeakMap<TSESTree.Node, MapDeclaration | null>();

  function cacheCallOf(call: TSESTree.CallExpression): CacheCall | null {
    const callee = call.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const method = getStaticKey(callee);
    if (method === null || (!CACHE_STORE_METHODS.has(method) && !CACHE_LOOKUP_METHODS.has(method))) return null;
    const receiver = unwrapExpression(callee.object);
    const receiverText = normalise(sourceCode.getText(receiver));
    const name = receiver.type === AST_NODE_TYPES.Identifier ? receiver.name : receiver.type === AST_NODE_TYPES.MemberExpression ? getStaticKey(receiver) : null;
    if (name === null) return null;

    const map = method === 'get' || method === 'has' || method === 'set' ? mapDeclarationOf(receiver) : null;
    if (map) {
      const role: CacheRole = method === 'set' ? 'store' : 'lookup';
      if (role === 'store' && call.arguments.length < 2) return null;
      return build(call, method, role, 'map', receiverText, name, 1, role === 'store' ? 1 : -1, map.storesPromises, map.home);
    }

    const resolved = resolver.resolveCall(call);
    if (resolved?.kind !== 'call' || resolved.entry.category !== 'cache' || resolved.receiver.kind !== 'instance') return null;
    const store = CLIENT_STORES.get(method);
    if (!store && !CLIENT_LOOKUPS.has(method)) return null;
    if (store && call.arguments.length <= store.value) return null;
    const keys = store?.keys ?? (method === 'hget' || method === 'hGet' ? 2 : 1);
    return build(call, method, store ? 'store' : 'lookup', 'client', receiverText, name, keys, store?.value ?? -1, false, homeOf(receiver));
  }

  function build(
    call: TSESTree.CallExpression,
    method: string,
    role: CacheRole,
    kind: 'map' | 'client',
    receiverText: string,
    name: string,
    keyCount: number,
    valueIndex: number,
    storesPromises: boolean,
    home: CacheHome,
  ): CacheCall | null {
    const keyArgs = call.arguments.slice(0, keyCount);
    if (keyArgs.length < keyCount || keyArgs.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return null;
    return {
      role,
      call,
      method,
      kind,
      receiverText,
      name,
      keyText: keyArgs.map((arg) => normalise(sourceCode.getText(arg))).join(','),
      keyNode: keyArgs[0]!,
      value: valueIndex >= 0 ? (call.arguments[valueIndex] ?? null) : null,
      storesPromises,
      home,
    };
  }

  interface MapDeclaration {
    storesPromises: boolean;
    home: CacheHome;
  }

  /** A `Map`/`WeakMap` this file declares: `new Map()`, or a `Map<K, V>` annotation. */
  function mapDeclarationOf(receiver: TSESTree.Node): MapDeclaration | null {
    if (mapMemo.has(receiver)) return mapMemo.get(receiver) ?? null;
    const result = findMapDeclaration(receiver);
    mapMemo.set(receiver, result);
    return result;
  }

  function findMapDeclaration(receiver: TSESTree.Node): MapDeclaration | null {
    if (receiver.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(sourceCode.getScope(receiver), receiver);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || !def) return null;
      if (def.type === 'Variable') {
        const declarator = def.node as TSESTree.VariableDeclarator;
        const shape = mapShape(declarator.init, declarator.id.type === AST_NODE_TYPES.Identifier ? declarator.id.typeAnnotation : undefined);
        if (!shape) return null;
        const statement = declarator.parent as TSESTree.VariableDeclaration;
        return { storesPromises: shape.storesPromises, home: { kind: 'binding', variable, statement, fn: enclosingFunctionOf(statement) } };
      }
      // A parameter, even one typed `Map`, is left out: a map handed in by the caller is usually a
      // memo for one operation filled in a sequential loop, and its owner is not in view.
      return null;
    }
    if (receiver.type === AST_NODE_TYPES.MemberExpression && receiver.object.type === AST_NODE_TYPES.ThisExpression) {
      const key = getStaticKey(receiver);
      const classBody = thisClassBody(receiver);
      if (key === null || !classBody) return null;
      for (const element of classBody.body) {
        if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && getStaticKey(element) === key) {
          const shape = mapShape(element.value, element.typeAnnotation);
          return shape ? { storesPromises: shape.storesPromises, home: { kind: 'field', classBody } } : null;
        }
        if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor' && element.value.body) {
          for (const statement of element.value.body.body) {
            const assigned = thisAssignment(statement, key);
            if (!assigned) continue;
            const shape = mapShape(assigned, undefined);
            return shape ? { storesPromises: shape.storesPromises, home: { kind: 'field', classBody } } : null;
          }
        }
      }
    }
    return null;
  }

  function homeOf(receiver: TSESTree.Node): CacheHome {
    if (receiver.type === AST_NODE_TYPES.MemberExpression && receiver.object.type === AST_NODE_TYPES.ThisExpression) {
      const classBody = thisClassBody(receiver);
      return classBody ? { kind: 'field', classBody } : { kind: 'unknown' };
    }
    if (receiver.type !== AST_NODE_TYPES.Identifier) return { kind: 'unknown' };
    const variable = ASTUtils.findVariable(sourceCode.getScope(receiver), receiver);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || !def) return { kind: 'unknown' };
    if (def.type === 'ImportBinding') return { kind: 'import' };
    if (def.type === 'Variable' && def.parent?.type === AST_NODE_TYPES.VariableDeclaration) {
      return { kind: 'binding', variable, statement: def.parent, fn: enclosingFunctionOf(def.parent) };
    }
    return { kind: 'unknown' };
  }

  return { cacheCallOf };
}

/** `new Map<K, V>()` or a `Map<K, V>` annotation; null when neither says Map. */
function mapShape(
  init: TSESTree.Node | null | undefined,
  annotation: TSESTree.TSTypeAnnotation | undefined,
): { storesPromises: boolean } | null {
  let typeArguments: TSESTree.TypeNode[] | undefined;
  let isMap = false;
  const value = init ? unwrapExpression(init) : null;
  if (
    value?.type === AST_NODE_TYPES.NewExpression &&
    value.callee.type === AST_NODE_TYPES.Identifier &&
    MAP_TYPES.has(value.callee.name)
  ) {
    isMap = true;
    typeArguments = value.typeArguments?.params;
  }
  const type = annotation?.typeAnnotation;
  if (type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && MAP_TYPES.has(type.typeName.name)) {
    // An annotation without a `new Map` still declares a map (`cache: Map<K, V>` assigned later).
    isMap ||= value === null || value.type === AST_NODE_TYPES.NewExpression;
    typeArguments = type.typeArguments?.params ?? typeArguments;
  }
  if (!isMap) return null;
  return { storesPromises: isPromiseType(typeArguments?.[1]) };
}

function isPromiseType(type: TSESTree.TypeNode | undefined): boolean {
  if (!type) return false;
  if (type.type === AST_NODE_TYPES.TSUnionType) return type.types.some(isPromiseType);
  return (
    type.type === AST_NODE_TYPES.TSTypeReference &&
    type.typeName.type === AST_NODE_TYPES.Identifier &&
    (type.typeName.name === 'Promise' || type.typeName.name === 'PromiseLike')
  );
}

function thisAssignment(statement: TSESTree.Statement, key: string): TSESTree.Expression | null {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const expression = statement.expression;
  if (
    expression.type === AST_NODE_TYPES.AssignmentExpression &&
    expression.operator === '=' &&
    expression.left.type === AST_NODE_TYPES.MemberExpression &&
    expression.left.object.type === AST_NODE_TYPES.ThisExpression &&
    getStaticKey(expression.left) === key
  ) {
    return expression.right;
  }
  return null;
}

/** The class body whose instance `this` is at `node`: arrows keep the outer `this`, functions rebind it. */
export function thisClassBody(node: TSESTree.Node): TSESTree.ClassBody | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
    if (
      (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) &&
      current.parent?.type !== AST_NODE_TYPES.MethodDefinition
    ) {
      return null;
    }
  }
  return null;
}

function enclosingFunctionOf(node: TSESTree.Node): TSESTree.Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

/** Source text without whitespace, so `cache.get( id )` and `cache.get(id)` compare equal. */
export function normalise(text: string): string {
  return text.replace(/\s+/g, '');
}
