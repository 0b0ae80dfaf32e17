import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { CallSpec, ClientEntry } from './catalog';
import { getStaticKey, isFunctionNode, unwrapExpression } from './ast';
import { ITERATION_METHODS, promiseCombinatorOf, type FunctionNode, type IterationContext } from './context';
import type { Origin, OriginResolver } from './origin';

/**
 * Database and cache round trips, and the facts the batching rules need about the loop around
 * one: does it depend on the previous iteration's result, can it run more than once, how many
 * items can it see. Plain data in, plain data out; rules and the codemod ask here.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface RoundTrip {
  /** The expression that makes the round trip: the call, or the top of a builder chain. */
  node: TSESTree.CallExpression;
  entry: ClientEntry;
  /** The method (`findUnique`, `query`), or the builder method that names the query (`insert`). */
  method: string;
  spec: CallSpec;
  /** The batch alternative to name. */
  batch: string;
  receiver: Origin | null;
}

const CATEGORIES = new Set<ClientEntry['category']>(['database', 'cache']);

/**
 * The round trip `call` makes, if it makes one: a catalog round-trip method, or the top of a
 * thenable builder chain (`await knex('t').where(...).first()`) that is awaited or handed on.
 */
export function roundTripOf(call: TSESTree.CallExpression, resolver: OriginResolver): RoundTrip | null {
  const resolved = resolver.resolveCall(call);
  if (resolved?.kind === 'call' && CATEGORIES.has(resolved.entry.category)) {
    if (resolved.spec.roundTrip) {
      return {
        node: call,
        entry: resolved.entry,
        method: resolved.name,
        spec: resolved.spec,
        batch: resolved.spec.batch ?? 'one batched query',
        receiver: resolved.receiver,
      };
    }
  }
  if (isChainLink(call) || !isConsumed(call)) return null;
  const origin = resolver.resolve(call);
  if (origin?.kind !== 'instance' || !CATEGORIES.has(origin.entry.category)) return null;
  const thenable = origin.entry.instances?.[origin.instance]?.thenable;
  if (!thenable?.roundTrip) return null;
  // The most specific batch named along the chain: `insert` rather than "a query".
  const named = namedLink(call, resolver, origin.entry);
  return {
    node: call,
    entry: origin.entry,
    method: named?.name ?? calleeKey(call) ?? '',
    spec: named?.spec.batchWith ? { ...thenable, batchWith: named.spec.batchWith } : thenable,
    batch: named?.spec.batch ?? thenable.batch ?? 'one batched query',
    receiver: origin,
  };
}

export interface RoundTripNames {
  /** Methods that are a round trip on some catalog instance (`query`, `findUnique`, `get`). */
  direct: ReadonlySet<string>;
  /** Methods that start a thenable builder (`select`, `insertInto`; `''` for `knex('table')`). */
  builders: ReadonlySet<string>;
  /**
   * Some entry's module itself, or an instance called as a function, makes a round trip (`calls` of
   * the entry, or an instance call named `''`): then any plain `f(x)` may be one, whatever `f` holds.
   */
  selfCalls: boolean;
}

const namesCache = new WeakMap<readonly ClientEntry[], RoundTripNames>();

/** The method names through which a round trip can be reached, for a cheap test before resolving. */
export function roundTripNames(entries: readonly ClientEntry[]): RoundTripNames {
  const cached = namesCache.get(entries);
  if (cached) return cached;
  const direct = new Set<string>();
  const builders = new Set<string>();
  let selfCalls = false;
  for (const entry of entries) {
    if (!CATEGORIES.has(entry.category)) continue;
    for (const [name, spec] of Object.entries(entry.calls ?? {})) {
      if (!spec.roundTrip) continue;
      direct.add(name);
      selfCalls = true;
    }
    const instances = entry.instances ?? {};
    for (const instance of Object.values(instances)) {
      for (const [name, spec] of Object.entries(instance.calls ?? {})) {
        if (!spec.roundTrip) continue;
        direct.add(name);
        if (name === '') selfCalls = true;
      }
      for (const [name, target] of Object.entries(instance.returns ?? {})) {
        if (instances[target]?.thenable) builders.add(name);
      }
    }
  }
  const names = { direct, builders, selfCalls };
  namesCache.set(entries, names);
  return names;
}

/**
 * Whether `call` can be a round trip by its names alone: a round-trip method, or the top of a
 * chain that starts with a builder (`db('t')...`, `db.select()...`). Most calls in a loop are
 * neither (`push`, `log`, `map`), and are skipped before any resolution.
 */
export function mayBeRoundTrip(call: TSESTree.CallExpression, names: RoundTripNames): boolean {
  const callee = unwrapExpression(call.callee);
  // The common answers first, from the callee alone: `a.b()` whose `b` is neither kind of name and
  // whose `a` is no call, `f()`. Only a chain is walked (and asked whether it goes on above).
  if (callee.type === NODE.MemberExpression) {
    const name = memberName(callee);
    if (names.direct.has(name)) return true;
    if (names.builders.has(name)) return !isChainLink(call);
    if (unwrapExpression(callee.object).type !== NODE.CallExpression) return false;
  } else if (callee.type === NODE.Identifier) {
    return names.builders.has('') && !isChainLink(call);
  } else {
    return false;
  }
  if (isChainLink(call)) return false;
  for (let current: TSESTree.Node = call; ; ) {
    if (current.type !== NODE.CallExpression) return false;
    const link = unwrapExpression(current.callee);
    if (link.type === NODE.Identifier) return names.builders.has('');
    if (link.type !== NODE.MemberExpression) return false;
    if (names.builders.has(memberName(link))) return true;
    current = unwrapExpression(link.object);
  }
}

/**
 * A plain call `f(x)` that `roundTripOf` cannot find to be a round trip, told without resolving `f`:
 * its result is not run as a builder (not awaited, returned or handed on), so only a round-trip
 * method held in a local variable (`const query = pool.query`) could make it one; an import, a
 * parameter or a function declaration never holds a method (answers from imported modules carry no
 * member), and the catalog has no module or instance that is itself a round trip when called.
 * Two thirds of the calls that pass the name and loop tests are plain calls of the project's own
 * helpers, and resolving them meant reading the modules they come from.
 */
export function isPlainCallOfNoMethod(call: TSESTree.CallExpression, names: RoundTripNames, sourceCode: SourceCode): boolean {
  if (names.selfCalls) return false;
  const callee = unwrapExpression(call.callee);
  if (callee.type !== NODE.Identifier) return false;
  if (!isChainLink(call) && isConsumed(call)) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
  return variable === null || variable.defs.length !== 1 || variable.defs[0]!.type !== 'Variable';
}

/**
 * `iterationContextOf(node) !== null`, without building the context: whether `node` runs once per
 * item within its own function (in a loop's body, test or update, or in an iteration method's
 * callback). The rule asks it of every call whose name could be a round trip, most of which are in
 * no loop, so it allocates nothing and reads node types from the module's copy of the enum.
 */
export function inIterationContext(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    switch (current.type) {
      case NODE.ForStatement:
        if (child !== current.init) return true;
        break;
      case NODE.ForInStatement:
      case NODE.ForOfStatement:
        if (child === current.body) return true;
        break;
      case NODE.WhileStatement:
      case NODE.DoWhileStatement:
        return true;
      case NODE.ArrowFunctionExpression:
      case NODE.FunctionExpression:
      case NODE.FunctionDeclaration:
        return isIterationCallback(current);
      case NODE.ClassBody:
      case NODE.Program:
        return false;
      default:
        break;
    }
  }
  return false;
}

/** `iterationCallOf(fn) !== null`: `fn` is the callback of `xs.map(fn)`, `xs.forEach(fn)`, ... */
function isIterationCallback(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== NODE.CallExpression || call.arguments[0] !== fn) return false;
  const callee = call.callee;
  if (callee.type !== NODE.MemberExpression) return false;
  const method = !callee.computed && callee.property.type === NODE.Identifier ? callee.property.name : getStaticKey(callee);
  return method !== null && ITERATION_METHODS.has(method);
}

/**
 * The node types this module tests on every call of a file: read once from the enum, since each
 * `AST_NODE_TYPES.X` of the CommonJS build goes through two re-export getters.
 */
const NODE = AST_NODE_TYPES;

/** `getStaticKey(member) ?? ''`, with the plain `a.b` read directly (nearly every call). */
function memberName(member: TSESTree.MemberExpression): string {
  if (!member.computed && member.property.type === NODE.Identifier) return member.property.name;
  return getStaticKey(member) ?? '';
}

/** `a.b()` inside `a.b().c()`: a link that another method call continues. */
export function isChainLink(call: TSESTree.Node): boolean {
  const parent = call.parent;
  return (
    parent?.type === NODE.MemberExpression &&
    parent.object === call &&
    parent.parent?.type === NODE.CallExpression &&
    parent.parent.callee === parent
  );
}

/**
 * A builder runs only when awaited or handed to something that awaits it. One stored in a variable,
 * passed to another builder (a subquery) or assigned is not run here.
 */
function isConsumed(call: TSESTree.Node): boolean {
  let node: TSESTree.Node = call;
  let parent = node.parent;
  while (parent && unwrapExpression(parent) !== parent && parent.type !== NODE.ChainExpression) {
    node = parent;
    parent = parent.parent;
  }
  if (parent?.type === NODE.ChainExpression) {
    node = parent;
    parent = parent.parent;
  }
  switch (parent?.type) {
    case NODE.AwaitExpression:
    case NODE.ReturnStatement:
    case NODE.YieldExpression:
    case NODE.ArrayExpression:
      return true;
    case NODE.ArrowFunctionExpression:
      return parent.body === node;
    case NODE.CallExpression: {
      // `promises.push(q)`, `Promise.all([...])`
      const name = parent.callee.type === NODE.MemberExpression ? getStaticKey(parent.callee) : null;
      return name === 'push' || name === 'all' || name === 'allSettled';
    }
    default:
      return false;
  }
}

function calleeKey(call: TSESTree.CallExpression): string | null {
  const callee = unwrapExpression(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? getStaticKey(callee) : null;
}

/** Walks a builder chain down from its top, for the first link whose method names a batch. */
function namedLink(
  top: TSESTree.CallExpression,
  resolver: OriginResolver,
  entry: ClientEntry,
): { name: string; spec: CallSpec } | null {
  for (let current: TSESTree.Node = top; current.type === AST_NODE_TYPES.CallExpression; ) {
    const callee = unwrapExpression(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const resolved = resolver.resolveCall(current);
    if (resolved?.kind === 'call' && resolved.entry === entry && resolved.spec.batch) {
      return { name: resolved.name, spec: resolved.spec };
    }
    current = unwrapExpression(callee.object);
  }
  return null;
}

/**
 * A loop-carried dependency: the round trip reads a binding declared outside the loop and written
 * inside it (a cursor, the last id of the previous page, a parent walked up a tree). Each query
 * needs the previous one's answer, so the queries cannot be merged. A loop without a test (`for
 * (;;)`, `while (true)`) ends on a result, so its own counter counts too (offset pagination).
 */
export function isLoopCarried(sourceCode: SourceCode, roundTrip: TSESTree.Node, context: IterationContext): boolean {
  const region = context.kind === 'loop' ? context.loop : context.callback.body;
  const body = context.kind === 'loop' ? context.loop.body : context.callback.body;
  const openEnded = context.kind === 'loop' && endsOnResult(context.loop);
  const inside = (node: TSESTree.Node, within: TSESTree.Node) =>
    node.range[0] >= within.range[0] && node.range[1] <= within.range[1];
  let carried = false;
  const seen = new Set<TSESTree.Node>();
  const check = (root: TSESTree.Node, depth: number) => visitIdentifiers(root, (identifier) => {
    if (carried) return;
    const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
    if (!variable || variable.defs.length === 0) return;
    if (variable.defs.some((def) => inside(def.name, body))) {
      // Fresh each iteration, but made from a carried value: `const { cursor: next, keys } = await
      // redis.scan(cursor)` then `redis.del(keys)` deletes one page per step of a cursor walk.
      const def = variable.defs[0]!;
      const init = def.node.type === AST_NODE_TYPES.VariableDeclarator ? def.node.init : null;
      if (init && depth < 2 && !seen.has(init)) {
        seen.add(init);
        check(init, depth + 1);
      }
      return;
    }
    if (context.kind === 'callback' && variable.defs.some((def) => def.type === 'Parameter' && inside(def.name, region))) {
      // `reduce(async (previous, id) => ...)`: the accumulator is the previous iteration's result.
      const params = context.callback.params;
      if (context.method.startsWith('reduce') && params[0] && variable.defs.some((def) => def.name === params[0])) carried = true;
      return;
    }
    const writtenIn = openEnded ? region : body;
    carried = variable.references.some((ref) => ref.isWrite() && !ref.init && inside(ref.identifier, writtenIn));
  });
  check(roundTrip, 0);
  return carried;
}

function endsOnResult(loop: TSESTree.Node): boolean {
  switch (loop.type) {
    case AST_NODE_TYPES.ForStatement:
      return loop.test === null || isTrueLiteral(loop.test);
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return isTrueLiteral(loop.test);
    default:
      return false;
  }
}

function isTrueLiteral(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && (node.value === true || node.value === 1);
}

/** Identifiers read in an expression (not property names, not keys of object literals). */
function visitIdentifiers(root: TSESTree.Node, visit: (identifier: TSESTree.Identifier) => void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        visit(node);
        continue;
      case AST_NODE_TYPES.MemberExpression:
        stack.push(node.object);
        if (node.computed) stack.push(node.property);
        continue;
      case AST_NODE_TYPES.Property:
        if (node.computed) stack.push(node.key);
        stack.push(node.value);
        continue;
      default:
        break;
    }
    if (isFunctionNode(node)) continue; // a callback's own parameters and locals are not the loop's
    for (const value of Object.values(node)) {
      if (value === node.parent) continue;
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child === 'object' && 'type' in child) stack.push(child as TSESTree.Node);
      } else if (value && typeof value === 'object' && 'type' in value && value !== node.parent) {
        stack.push(value as TSESTree.Node);
      }
    }
  }
}

/**
 * The loop can only reach `node` once: after it, at some level of the loop body, a statement
 * leaves the loop unconditionally (`return`, `throw`, or a `break` of this loop).
 */
export function runsAtMostOnce(node: TSESTree.Node, loop: TSESTree.Node): boolean {
  // The path from the call up to the loop: [child, parent, ..., the loop body].
  const path: TSESTree.Node[] = [];
  for (let current: TSESTree.Node | undefined = node; current && current !== loop; current = current.parent) {
    if (current !== node && isFunctionNode(current)) return false;
    path.push(current);
  }
  for (let i = 1; i < path.length; i++) {
    const current = path[i]!;
    const child = path[i - 1]!;
    if (current.type === AST_NODE_TYPES.ReturnStatement || current.type === AST_NODE_TYPES.ThrowStatement) return true;
    // A `break` leaves this loop only when no inner loop or switch sits between it and the loop.
    const breakLeavesLoop = !path.slice(i + 1).some(isBreakTarget) && !isBreakTarget(current);
    if (current.type === AST_NODE_TYPES.BlockStatement && exitsAfter(current.body, child, breakLeavesLoop)) return true;
    if (current.type === AST_NODE_TYPES.SwitchCase && exitsAfter(current.consequent, child, false)) return true;
  }
  return false;
}

function isBreakTarget(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.SwitchStatement:
      return true;
    default:
      return false;
  }
}

function exitsAfter(statements: readonly TSESTree.Node[], child: TSESTree.Node, breakLeavesLoop: boolean): boolean {
  const index = statements.indexOf(child);
  if (index === -1) return false;
  for (let i = index; i < statements.length; i++) {
    const statement = statements[i]!;
    if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
    if (statement.type === AST_NODE_TYPES.BreakStatement && !statement.label && breakLeavesLoop) return true;
  }
  return false;
}

/** Upper bound of the items a context iterates when it is a small literal, else null. */
export function literalItemCount(sourceCode: SourceCode, context: IterationContext): number | null {
  if (context.kind === 'callback') {
    const callee = context.call.callee;
    return callee.type === AST_NODE_TYPES.MemberExpression ? arrayLiteralLength(sourceCode, callee.object) : null;
  }
  const loop = context.loop;
  if (loop.type === AST_NODE_TYPES.ForOfStatement) return arrayLiteralLength(sourceCode, loop.right);
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.test?.type === AST_NODE_TYPES.BinaryExpression) {
    // for (let i = 0; i < 3; i++)
    const { operator, right } = loop.test;
    if (right.type === AST_NODE_TYPES.Literal && typeof right.value === 'number') {
      if (operator === '<') return right.value;
      if (operator === '<=') return right.value + 1;
    }
  }
  return null;
}

function arrayLiteralLength(sourceCode: SourceCode, node: TSESTree.Node): number | null {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.ArrayExpression) {
    return value.elements.every((element) => element && element.type !== AST_NODE_TYPES.SpreadElement) ? value.elements.length : null;
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== 'Variable' || def.parent.kind !== 'const') return null;
  const init = (def.node as TSESTree.VariableDeclarator).init;
  return init && unwrapExpression(init).type === AST_NODE_TYPES.ArrayExpression ? arrayLiteralLength(sourceCode, init) : null;
}

/**
 * Calls of a same-tick batching method (Prisma `findUnique`) all start in one tick when they are
 * fanned out with `Promise.all(xs.map(...))` or `forEach(async ...)` and nothing is awaited before
 * them in the callback: the library merges them into one query.
 */
export function startsInSameTick(context: IterationContext, node: TSESTree.Node): boolean {
  if (context.kind !== 'callback') return false;
  const fannedOut =
    context.fanOut || ((context.method === 'map' || context.method === 'flatMap') && promiseCombinatorOf(context.call) !== null);
  return fannedOut && !awaitsBefore(context.callback, node.range[0]);
}

/**
 * An await of `fn` itself (not of a function inside it) that ends before `position`; a `for await`
 * awaits at the end of its head. An await wrapping the call ends after it. Only the part of the
 * callback before the call is read, and only for same-tick methods, so no rule listens on every
 * await for this.
 */
function awaitsBefore(fn: FunctionNode, position: number): boolean {
  const stack: TSESTree.Node[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.range[0] >= position) continue; // starts after: cannot end before
    if (node.type === AST_NODE_TYPES.AwaitExpression && node.range[1] <= position) return true;
    if (node.type === AST_NODE_TYPES.ForOfStatement && node.await && node.right.range[1] <= position) return true;
    if (isFunctionNode(node)) continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) stack.push(child);
      } else if (isNode(value)) {
        stack.push(value);
      }
    }
  }
  return false;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** How a context reads in a message: "in a `for…of` loop", "in `Promise.all(xs.map(...))`". */
export function describeContext(context: IterationContext): string {
  if (context.kind === 'callback') {
    if (context.method === 'map' && promiseCombinatorOf(context.call)) return 'in `Promise.all(xs.map(...))`';
    return `in a \`${context.method}\` callback`;
  }
  switch (context.loop.type) {
    case AST_NODE_TYPES.ForOfStatement:
      return context.loop.await ? 'in a `for await…of` loop' : 'in a `for…of` loop';
    case AST_NODE_TYPES.ForInStatement:
      return 'in a `for…in` loop';
    case AST_NODE_TYPES.ForStatement:
      return 'in a `for` loop';
    case AST_NODE_TYPES.WhileStatement:
      return 'in a `while` loop';
    default:
      return 'in a `do…while` loop';
  }
}

/**
 * A loop that walks its items a chunk at a time (`for (let i = 0; i < ids.length; i += 1000)`):
 * one round trip per chunk is the batched form, not N+1.
 */
export function isChunkLoop(loop: TSESTree.Node): boolean {
  if (loop.type !== AST_NODE_TYPES.ForStatement || !loop.update) return false;
  const update = loop.update;
  if (update.type !== AST_NODE_TYPES.AssignmentExpression || update.operator !== '+=') return false;
  const step = unwrapExpression(update.right);
  return !(step.type === AST_NODE_TYPES.Literal && step.value === 1);
}
