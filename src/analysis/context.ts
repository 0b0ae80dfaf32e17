import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, getStaticKey, isFunctionNode } from './ast';

/**
 * Execution context of a node: does it run once per item (per-iteration), once per tick of a game
 * or server loop (hot), or once (start-up)? Every rule asks here; none re-derives "is this in a loop".
 */

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

export type LoopStatement =
  | TSESTree.ForStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement;

export type IterationContext =
  /** A loop statement whose body, test or update holds the node. */
  | { kind: 'loop'; loop: LoopStatement; awaitEach: boolean }
  /**
   * A callback of an array iteration method (`xs.map(cb)`, `forEach`, `reduce`). `fanOut` when the
   * calls start together: `Promise.all(xs.map(async ...))`, `forEach(async ...)`.
   */
  | { kind: 'callback'; call: TSESTree.CallExpression; callback: FunctionNode; method: string; fanOut: boolean };

/** Array methods that call their callback once per element. */
export const ITERATION_METHODS = new Set([
  'map',
  'forEach',
  'filter',
  'reduce',
  'reduceRight',
  'flatMap',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
]);

const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'any', 'race']);

export function isLoopStatement(node: TSESTree.Node): node is LoopStatement {
  switch (node.type) {
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return true;
    default:
      return false;
  }
}

/** Whether `child` (a direct child of `loop`) runs once per iteration: body, test, update; not init. */
function runsPerIteration(loop: LoopStatement, child: TSESTree.Node): boolean {
  switch (loop.type) {
    case AST_NODE_TYPES.ForStatement:
      return child !== loop.init;
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return child === loop.body;
    default:
      return true;
  }
}

/**
 * The callback-iteration call a function is passed to, if any: `xs.map(fn)` gives the `map` call.
 * Only the callback position counts (`xs.reduce(fn, init)`: `init` is not per-item).
 */
export function iterationCallOf(fn: FunctionNode): { call: TSESTree.CallExpression; method: string } | null {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getStaticKey(callee);
  return method !== null && ITERATION_METHODS.has(method) ? { call, method } : null;
}

/** `Promise.all(x)`, `Promise.allSettled(x)`: the combinator call directly wrapping `node`. */
export function promiseCombinatorOf(node: TSESTree.Node): TSESTree.CallExpression | null {
  const parent = node.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== node) return null;
  const callee = parent.callee;
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Promise' &&
    PROMISE_COMBINATORS.has(getStaticKey(callee) ?? '')
  ) {
    return parent;
  }
  return null;
}

/**
 * The innermost per-iteration context of `node` within its own function: a loop around it, or the
 * iteration callback that is its function. Crossing any other function boundary ends the search —
 * a function declared in a loop but called elsewhere is not per-iteration by position alone.
 */
export function iterationContextOf(node: TSESTree.Node): IterationContext | null {
  let child: TSESTree.Node = node;
  let current = node.parent;
  while (current) {
    if (isLoopStatement(current) && runsPerIteration(current, child)) {
      return { kind: 'loop', loop: current, awaitEach: current.type === AST_NODE_TYPES.ForOfStatement && current.await };
    }
    if (isFunctionNode(current)) {
      const iteration = iterationCallOf(current);
      if (!iteration) return null;
      const fanOut =
        current.async &&
        (iteration.method === 'forEach' || (iteration.method === 'map' && promiseCombinatorOf(iteration.call) !== null));
      return { kind: 'callback', call: iteration.call, callback: current, method: iteration.method, fanOut };
    }
    if (current.type === AST_NODE_TYPES.ClassBody || current.type === AST_NODE_TYPES.Program) return null;
    child = current;
    current = current.parent;
  }
  return null;
}

/** Every per-iteration context around `node`, innermost first, up to its function's boundary. */
export function iterationContextsOf(node: TSESTree.Node): IterationContext[] {
  const result: IterationContext[] = [];
  let from: TSESTree.Node = node;
  for (;;) {
    const context = iterationContextOf(from);
    if (!context) return result;
    result.push(context);
    from = context.kind === 'loop' ? context.loop : context.call;
  }
}

/** The innermost function containing `node`, or null at module scope. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

export const DEFAULT_HOT_FUNCTIONS = ['tick', 'update', 'step', 'fixedUpdate', 'onTick', 'gameLoop'];
export const TICK_SCHEDULERS: ReadonlySet<string> = new Set(['setInterval', 'setImmediate', 'requestAnimationFrame']);

export interface HotOptions {
  /** Function names that run once per tick (`settings.hotpath.hotFunctions`). */
  hotFunctions: readonly string[];
}

/** The name a function is known by: its id, its method key, or the variable it initialises. */
export function functionName(fn: FunctionNode): string | null {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (!parent) return null;
  if (
    parent.type === AST_NODE_TYPES.MethodDefinition ||
    parent.type === AST_NODE_TYPES.Property ||
    parent.type === AST_NODE_TYPES.PropertyDefinition
  ) {
    return getStaticKey(parent);
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.id.name;
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    return getStaticKey(parent.left);
  }
  return null;
}

/** `setInterval(fn)`, `setImmediate(fn)`, `requestAnimationFrame(fn)` (also `timers.setInterval`). */
export function isTickCallback(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return false;
  const name = calleeName(call.callee);
  return name !== null && TICK_SCHEDULERS.has(name);
}

/** Whether a file's text mentions `@hot` at all, asked once per file: most never do. */
const mentionsHotTag = new WeakMap<object, boolean>();

/** A `@hot` JSDoc tag on the function or on the statement that declares it. */
export function hasHotTag(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): boolean {
  let mentions = mentionsHotTag.get(sourceCode);
  if (mentions === undefined) mentionsHotTag.set(sourceCode, (mentions = sourceCode.text.includes('@hot')));
  if (!mentions) return false;
  let holder: TSESTree.Node = fn;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
    holder = parent;
  } else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.parent?.type === AST_NODE_TYPES.VariableDeclaration) {
    holder = parent.parent;
  }
  if (holder.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) holder = holder.parent;
  return sourceCode
    .getCommentsBefore(holder)
    .some((comment) => comment.type === 'Block' && comment.value.startsWith('*') && /@hot\b/.test(comment.value));
}

/** Whether a function runs once per tick: a scheduler callback, a hot name, or a `@hot` tag. */
export function isTickFunction(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode, options: HotOptions): boolean {
  if (isTickCallback(fn)) return true;
  const name = functionName(fn);
  if (name !== null && options.hotFunctions.includes(name)) return true;
  return hasHotTag(sourceCode, fn);
}

export type HotContext = { kind: 'iteration'; iteration: IterationContext } | { kind: 'tick'; fn: FunctionNode };

/**
 * Whether `node` runs hot: per iteration, or anywhere inside a per-tick function (including the
 * functions nested in it, which a tick calls or schedules each time). Null for start-up code.
 */
export function hotContextOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  options: HotOptions,
): HotContext | null {
  const iteration = iterationContextOf(node);
  if (iteration) return { kind: 'iteration', iteration };
  const fn = tickFunctionOf(sourceCode, node, options);
  return fn ? { kind: 'tick', fn } : null;
}

/**
 * The innermost per-tick function `node` runs in (directly, in a loop, or in a function nested in
 * it), whatever iteration lies between: a loop inside `update()` is per tick too. Null if none.
 */
export function tickFunctionOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, options: HotOptions): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current) && isTickFunction(sourceCode, current, options)) return current;
  }
  return null;
}

/**
 * Whether `expression` reads nothing that changes inside `region` (a loop, or a per-tick function
 * whose every call is an iteration): no binding declared or written in the region, no call, no
 * `this`, no update or assignment. Property reads of invariant bindings count as invariant: the rule
 * that asks documents it (hoisting `new RegExp(config.pattern)` assumes `config.pattern` is stable).
 */
export function isInvariantIn(
  sourceCode: Readonly<TSESLint.SourceCode>,
  expression: TSESTree.Node,
  region: TSESTree.Node,
): boolean {
  const [start, end] = region.range;
  const inside = (node: TSESTree.Node) => node.range[0] >= start && node.range[1] <= end;
  let invariant = true;
  const visit = (node: TSESTree.Node): void => {
    if (!invariant) return;
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return;
      case AST_NODE_TYPES.TemplateLiteral:
        node.expressions.forEach(visit);
        return;
      case AST_NODE_TYPES.Identifier: {
        if (node.name === 'undefined') return;
        const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
        if (!variable) return; // an implicit global: never written here
        if (variable.defs.some((def) => inside(def.name))) {
          invariant = false;
          return;
        }
        if (variable.references.some((ref) => ref.isWrite() && !ref.init && inside(ref.identifier))) invariant = false;
        return;
      }
      case AST_NODE_TYPES.MemberExpression:
        visit(node.object);
        if (node.computed) visit(node.property);
        return;
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.LogicalExpression:
        visit(node.left);
        visit(node.right);
        return;
      case AST_NODE_TYPES.UnaryExpression:
        if (node.operator === 'delete') invariant = false;
        else visit(node.argument);
        return;
      case AST_NODE_TYPES.ConditionalExpression:
        visit(node.test);
        visit(node.consequent);
        visit(node.alternate);
        return;
      case AST_NODE_TYPES.ArrayExpression:
        for (const element of node.elements) if (element) visit(element);
        return;
      case AST_NODE_TYPES.ObjectExpression:
        for (const property of node.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) visit(property.argument);
          else {
            if (property.computed) visit(property.key);
            visit(property.value);
          }
        }
        return;
      case AST_NODE_TYPES.SpreadElement:
        visit(node.argument);
        return;
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        visit(node.expression);
        return;
      default:
        invariant = false;
    }
  };
  visit(expression);
  return invariant;
}

/**
 * Registrations whose callback runs once per event for as long as it stays registered: Node
 * emitters and sockets (`on`, `addListener`, `prependListener`), the DOM and ws (`addEventListener`),
 * and room frameworks' per-message handlers (Colyseus `onMessage(type, fn)`). `once` runs once.
 */
export const LISTENER_METHODS: ReadonlySet<string> = new Set(['on', 'addListener', 'prependListener', 'addEventListener', 'onMessage']);

/** `emitter.on('message', fn)`, `ws.addEventListener('message', fn)`, `ws.onmessage = fn`: runs per event. */
export function isEventCallback(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.length >= 2 && (parent.arguments as readonly TSESTree.Node[]).includes(fn)) {
    return parent.callee.type === AST_NODE_TYPES.MemberExpression && LISTENER_METHODS.has(getStaticKey(parent.callee) ?? '');
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    return /^on[a-z]+$/.test(getStaticKey(parent.left) ?? '');
  }
  return false;
}

/** The event callback `node` runs inside (directly, or in a function nested in it), if any. */
export function eventCallbackOf(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current) && isEventCallback(current)) return current;
  }
  return null;
}
