import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { getCatalog, mentionPattern, type Catalog, type ClientEntry } from '../src/analysis/catalog';
import { calleeText, getStaticKey, isFunctionNode, unwrapExpression } from '../src/analysis/ast';
import { iterationContextOf, type FunctionNode } from '../src/analysis/context';
import { isScriptFile, isTestFile, relativePathOf } from '../src/analysis/files';
import { sharedOriginResolver } from '../src/analysis/shared-origin';
import { clientEntrySchema, getSettings, namedOptionsSchema } from '../src/analysis/settings';
import { createRule } from '../src/util/create-rule';

export type Options = [{ clients?: ClientEntry[]; checkTestFiles?: boolean; checkScripts?: boolean }];
export type MessageId = 'clientPerIteration' | 'clientPerRequest' | 'clientPerCall';

/** Methods that register a per-request handler after a path: express, koa-router, hono, fastify. */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use', 'on']);
/** Next.js route handlers (`app/**\/route.ts`). */
const NEXT_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const NEXT_ROUTE_FILE = /(?:^|[\\/])route\.[cm]?[jt]sx?$/;
const NEXT_API_FILE = /(?:^|[\\/])pages[\\/]api[\\/]/;
/** NestJS controller method decorators. */
const NEST_ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options']);

export default createRule<Options, MessageId>({
  name: 'no-client-per-call',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow constructing pooled database, cache and HTTP clients per iteration or per request',
      technique: 'DB pool',
      priority: 'P0',
      presets: ['recommended'],
    },
    schema: [
      namedOptionsSchema({
        clients: { type: 'array', items: clientEntrySchema, description: 'Extra client-catalog entries.' },
        checkTestFiles: { type: 'boolean', description: 'Also check test files.' },
        checkScripts: { type: 'boolean', description: 'Also check scripts and config files.' },
      }),
    ],
    defaultOptions: [{ clients: [], checkTestFiles: false, checkScripts: false }],
    messages: {
      clientPerIteration:
        '`{{callee}}()` makes a new {{library}} client once per item {{where}}, paying a connection handshake (TCP, authentication, session set-up) each time and opening as many connections as calls in flight; create it once at module scope and reuse it.',
      clientPerRequest:
        '`{{callee}}()` makes a new {{library}} client on every request, paying a connection handshake (TCP, authentication, session set-up) each time and opening as many connections as calls in flight; create it once at module scope and reuse it.',
      clientPerCall:
        '`{{callee}}()` makes, uses and closes a {{library}} client on every call of `{{fn}}`, paying a connection handshake (TCP, authentication, session set-up) each time and opening as many connections as calls in flight; create it once at module scope and reuse it.',
    },
  },
  defaultOptions: [{ clients: [], checkTestFiles: false, checkScripts: false }],
  create(context, [options]) {
    const settings = getSettings(context.settings);
    const extra = options.clients?.length ? [...settings.clients, ...options.clients] : settings.clients;
    const catalog = getCatalog(extra);
    const sourceCode = context.sourceCode;
    const { makers, mentions } = pooledClients(catalog);
    const relativePath = relativePathOf(context);
    if (!options.checkTestFiles && isTestFile(relativePath)) return {};
    if (!options.checkScripts && isScriptFile(relativePath)) return {};
    // Without syntax that names a library with a pooled client, nothing here can construct one.
    if (!mentions.test(sourceCode.text)) return {};
    const resolver = sharedOriginResolver(sourceCode, catalog);
    const isNextRoute = NEXT_ROUTE_FILE.test(relativePath);
    const isNextApi = NEXT_API_FILE.test(relativePath);

    return { NewExpression: check, CallExpression: check };

    function check(node: TSESTree.NewExpression | TSESTree.CallExpression): void {
      const callee = unwrapExpression(node.callee);
      const name =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : callee.type === AST_NODE_TYPES.MemberExpression
            ? getStaticKey(callee)
            : null;
      // Most calls are not client constructions; `new Pool`, `createClient`, `knex(...)` are by name.
      if (name === null || (!makers.has(name) && callee.type === AST_NODE_TYPES.MemberExpression)) return;
      const enclosing = enclosingFunction(node);
      if (!enclosing) return; // module scope: made once
      const resolved = resolver.resolveCall(node);
      if (resolved?.kind !== 'construction' || !resolved.spec.pooled) return;
      if (isMemoised(node)) return;
      const text = calleeText(node, sourceCode.text);
      const library = resolved.entry.name;
      const iteration = iterationContextOf(node);
      if (iteration && !isConstructorCode(node)) {
        const where = iteration.kind === 'loop' ? 'in a loop' : `in a \`${iteration.method}\` callback`;
        context.report({ node, messageId: 'clientPerIteration', data: { callee: text, library, where } });
        return;
      }
      if (isConstructorCode(node)) return;
      for (let fn: FunctionNode | null = enclosing; fn; fn = enclosingFunction(fn)) {
        if (isRequestHandler(fn)) {
          context.report({ node, messageId: 'clientPerRequest', data: { callee: text, library } });
          return;
        }
      }
      const closed = closedInFunction(node, enclosing, resolved.spec.instance, resolved.entry);
      if (closed && !calledOnceAtStartup(enclosing)) {
        context.report({ node, messageId: 'clientPerCall', data: { callee: text, library, fn: functionLabel(enclosing) } });
      }
    }

    function isRequestHandler(fn: FunctionNode): boolean {
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
        const callee = parent.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
        const method = getStaticKey(callee);
        if (method === null || !ROUTE_METHODS.has(method)) return false;
        const first = parent.arguments[0];
        if (method === 'use') return first === fn || isPath(first);
        return first !== fn && isPath(first);
      }
      // fastify.route({ method, url, handler })
      if (parent?.type === AST_NODE_TYPES.Property && getStaticKey(parent) === 'handler') return true;
      // Next.js: `export async function GET()` in a route file; `export default` in pages/api.
      const exported = fn.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
      if (isNextRoute && exported && fn.type === AST_NODE_TYPES.FunctionDeclaration && NEXT_METHODS.has(fn.id?.name ?? '')) return true;
      if (isNextApi && fn.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
      // NestJS: `@Get() find() {}`
      if (parent?.type === AST_NODE_TYPES.MethodDefinition) {
        return parent.decorators.some((decorator) => {
          const expression = decorator.expression;
          return (
            expression.type === AST_NODE_TYPES.CallExpression &&
            expression.callee.type === AST_NODE_TYPES.Identifier &&
            NEST_ROUTE_DECORATORS.has(expression.callee.name)
          );
        });
      }
      return false;
    }

    /** `const c = new Client(); ...; await c.end()` in the same function: made and closed per call. */
    function closedInFunction(node: TSESTree.Node, fn: FunctionNode, instance: string, entry: ClientEntry): boolean {
      const closers = entry.instances?.[instance]?.closeMethods ?? [];
      if (closers.length === 0) return false;
      let holder: TSESTree.Node = node;
      while (holder.parent && (holder.parent.type === AST_NODE_TYPES.AwaitExpression || unwrapExpression(holder.parent) !== holder.parent)) {
        holder = holder.parent;
      }
      const declarator = holder.parent;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = sourceCode.getDeclaredVariables(declarator)[0];
      return (variable?.references ?? []).some((ref) => {
        const member = ref.identifier.parent;
        return (
          member?.type === AST_NODE_TYPES.MemberExpression &&
          member.object === ref.identifier &&
          closers.includes(getStaticKey(member) ?? '') &&
          enclosingFunction(member) === fn
        );
      });
    }

    /** `async function main() { ... } main();` at module scope: a one-shot script's entry. */
    function calledOnceAtStartup(fn: FunctionNode): boolean {
      const id =
        fn.type === AST_NODE_TYPES.FunctionDeclaration
          ? fn.id
          : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier
            ? fn.parent.id
            : null;
      if (!id) return fn.parent?.type === AST_NODE_TYPES.CallExpression && fn.parent.callee === fn; // IIFE
      const declaration = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent!;
      const variable = sourceCode.getDeclaredVariables(declaration)[0];
      const calls = (variable?.references ?? []).filter((ref) => !ref.init && ref.identifier !== id);
      return (
        calls.length > 0 &&
        calls.every((ref) => {
          const call = ref.identifier.parent;
          return call?.type === AST_NODE_TYPES.CallExpression && call.callee === ref.identifier && enclosingFunction(call) === null;
        })
      );
    }
  },
});

const pooledCache = new WeakMap<Catalog, { makers: Set<string>; mentions: RegExp }>();

/** The names of pooled constructors, and a pattern for files that can reach their libraries. */
function pooledClients(catalog: Catalog): { makers: Set<string>; mentions: RegExp } {
  let pooled = pooledCache.get(catalog);
  if (!pooled) {
    const makers = new Set<string>();
    const entries: ClientEntry[] = [];
    for (const entry of catalog.entries) {
      const names = Object.entries(entry.constructors ?? {}).filter(([, spec]) => spec.pooled).map(([name]) => name);
      for (const name of names) makers.add(name);
      // A global reaches a constructor only when it is one (`fetch` is a call, not a pool).
      if (names.length > 0) entries.push({ ...entry, globals: entry.globals?.filter((name) => names.includes(name)) });
    }
    pooled = { makers, mentions: mentionPattern(entries) };
    pooledCache.set(catalog, pooled);
  }
  return pooled;
}

function isPath(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' || 'regex' in node;
  return node.type === AST_NODE_TYPES.TemplateLiteral || node.type === AST_NODE_TYPES.ArrayExpression;
}

function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

/** Inside a class constructor, or a class field initialiser: made once per owning object. */
function isConstructorCode(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.PropertyDefinition) return true;
    if (current.type === AST_NODE_TYPES.MethodDefinition) return current.kind === 'constructor';
  }
  return false;
}

/**
 * A memoised construction: `pool ??= new Pool()`, `x = x ?? new Pool()`, or an assignment guarded
 * by a test of its own target (`if (!this.pool) this.pool = new Pool()`).
 */
function isMemoised(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (parent && (parent.type === AST_NODE_TYPES.AwaitExpression || unwrapExpression(parent) !== parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (parent?.type === AST_NODE_TYPES.LogicalExpression && parent.right === child) {
    child = parent;
    parent = parent.parent;
  }
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression) return false;
  if (parent.operator === '??=' || parent.operator === '||=') return true;
  const target = parent.left;
  const targetText = memberPath(target);
  if (targetText === null) return false;
  if (child.type === AST_NODE_TYPES.LogicalExpression && memberPath(child.left) === targetText) return true;
  for (let current: TSESTree.Node | undefined = parent.parent; current && !isFunctionNode(current); current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && mentions(current.test, targetText)) return true;
    if (current.type === AST_NODE_TYPES.ConditionalExpression && mentions(current.test, targetText)) return true;
  }
  return false;
}

function memberPath(node: TSESTree.Node): string | null {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name;
  if (value.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    const object = memberPath(value.object);
    const key = getStaticKey(value);
    return object !== null && key !== null ? `${object}.${key}` : null;
  }
  return null;
}

function mentions(test: TSESTree.Node, target: string): boolean {
  const stack: TSESTree.Node[] = [test];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (memberPath(node) === target) return true;
    switch (node.type) {
      case AST_NODE_TYPES.UnaryExpression:
        stack.push(node.argument);
        break;
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.LogicalExpression:
        stack.push(node.left, node.right);
        break;
      case AST_NODE_TYPES.MemberExpression:
        stack.push(node.object);
        break;
      case AST_NODE_TYPES.CallExpression:
        stack.push(node.callee, ...node.arguments);
        break;
      default:
        break;
    }
  }
  return false;
}

function functionLabel(fn: FunctionNode): string {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if ((parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property) && getStaticKey(parent)) {
    return getStaticKey(parent)!;
  }
  return 'this function';
}
