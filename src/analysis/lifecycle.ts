import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getStaticKey, isFunctionNode, unwrapExpression } from './ast';
import { functionName, ITERATION_METHODS, type FunctionNode } from './context';

/**
 * Lifecycles: code that runs once per mount, per instance, or per module load, and the places
 * where what it started is expected to stop. Leak rules ask here whether a timer or a listener has
 * an owner that ends (a React effect's cleanup, a class's dispose-like method), and whether the code
 * that starts it runs once (module start-up) or again and again (a function called per request).
 */

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** React hooks whose callback may return a cleanup that runs before the next run and on unmount. */
export const EFFECT_HOOKS: ReadonlySet<string> = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect']);

/**
 * Methods that end an instance's life, in the order a fix prefers them. Beyond the handbook's five:
 * React class components, Angular, custom elements and explicit resource management.
 */
export const DISPOSE_METHODS: readonly string[] = [
  'dispose',
  'close',
  'destroy',
  'stop',
  'shutdown',
  'componentWillUnmount',
  'ngOnDestroy',
  'disconnectedCallback',
];
const DISPOSE_SET = new Set(DISPOSE_METHODS);
const DISPOSE_SYMBOLS = new Set(['dispose', 'asyncDispose']);

export interface Effect {
  call: TSESTree.CallExpression;
  /** `useEffect`, `useLayoutEffect`, `useInsertionEffect`. */
  hook: string;
  callback: FunctionNode;
}

/** The effect whose setup callback `fn` is: `useEffect(fn, deps)` or `React.useEffect(fn)`. */
export function effectOfCallback(fn: TSESTree.Node): Effect | null {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return null;
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const hook = effectHookName(call);
  return hook ? { call, hook, callback: fn } : null;
}

/** `useEffect` for `useEffect(...)` and `React.useEffect(...)`, else null. */
export function effectHookName(call: TSESTree.CallExpression): string | null {
  const callee = unwrapExpression(call.callee);
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed
        ? getStaticKey(callee)
        : null;
  return name !== null && EFFECT_HOOKS.has(name) ? name : null;
}

/**
 * The functions an effect returns as its cleanup: a returned function expression, or a returned
 * name bound to a function (`return cleanup`, `return unsubscribe` where `const unsubscribe = () =>`).
 * `returns` are the effect callback's own return statements (not those of nested functions).
 */
export function cleanupFunctionsOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  effect: Effect,
  returns: readonly TSESTree.ReturnStatement[],
): FunctionNode[] {
  const values: TSESTree.Node[] = [];
  if (effect.callback.body.type !== AST_NODE_TYPES.BlockStatement) values.push(effect.callback.body);
  for (const statement of returns) if (statement.argument) values.push(statement.argument);
  const result: FunctionNode[] = [];
  for (const value of values) {
    const fn = functionValueOf(sourceCode, value);
    if (fn) result.push(fn);
  }
  return result;
}

/**
 * The function an expression evaluates to, when syntax says: a function expression, a name bound
 * once to one (a declaration, `const f = () => ...`, `const f = useCallback(() => ..., deps)`).
 */
export function functionValueOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): FunctionNode | null {
  const value = unwrapExpression(node);
  if (isFunctionNode(value)) return value;
  if (value.type === AST_NODE_TYPES.CallExpression && isMemoHook(value) && value.arguments[0] && isFunctionNode(value.arguments[0])) {
    return value.arguments[0];
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0]!;
  if (def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
  if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && def.node.id.type === AST_NODE_TYPES.Identifier) {
    if (variable.references.some((ref) => ref.isWrite() && !ref.init)) return null;
    const init = unwrapExpression(def.node.init);
    if (isFunctionNode(init)) return init;
    if (init.type === AST_NODE_TYPES.CallExpression && isMemoHook(init) && init.arguments[0] && isFunctionNode(init.arguments[0])) {
      return init.arguments[0];
    }
  }
  return null;
}

function isMemoHook(call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression
        ? getStaticKey(callee)
        : null;
  return name === 'useCallback' || name === 'useEvent' || name === 'useEffectEvent';
}

/**
 * The class whose instance `this` is at `node`: through arrow functions and class field
 * initialisers, up to a method. A plain `function` in between rebinds `this`: null.
 */
export function thisClassOf(node: TSESTree.Node): ClassNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      const owner = current.parent;
      if (owner?.type === AST_NODE_TYPES.MethodDefinition || owner?.type === AST_NODE_TYPES.PropertyDefinition) {
        const body = owner.parent;
        return body?.type === AST_NODE_TYPES.ClassBody ? (body.parent as ClassNode) : null;
      }
      return null;
    }
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return null;
    if (current.type === AST_NODE_TYPES.ClassBody) return current.parent as ClassNode;
    if (current.type === AST_NODE_TYPES.Program) return null;
  }
  return null;
}

/** The method whose `this` is at `node` (through arrows), or null outside class methods. */
export function thisMethodOf(node: TSESTree.Node): TSESTree.MethodDefinition | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      return current.parent?.type === AST_NODE_TYPES.MethodDefinition ? current.parent : null;
    }
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.ClassBody) return null;
  }
  return null;
}

/** The name of a dispose-like method (`close`, `[Symbol.dispose]` as `dispose`), else null. */
export function disposeMethodName(member: TSESTree.ClassElement): string | null {
  if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) return null;
  if (member.static) return null;
  if (member.type === AST_NODE_TYPES.PropertyDefinition && (!member.value || !isFunctionNode(member.value))) return null;
  if (member.computed) {
    const key = member.key;
    if (
      key.type === AST_NODE_TYPES.MemberExpression &&
      key.object.type === AST_NODE_TYPES.Identifier &&
      key.object.name === 'Symbol' &&
      DISPOSE_SYMBOLS.has(getStaticKey(key) ?? '')
    ) {
      return 'dispose';
    }
    return null;
  }
  const name = getStaticKey(member);
  return name !== null && DISPOSE_SET.has(name) ? name : null;
}

export interface DisposeMethod {
  name: string;
  /** The method's function, whose body a fix inserts into. */
  fn: FunctionNode;
  member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition;
}

/** The class's dispose-like methods, most preferred first (`dispose`, `close`, `destroy`, ...). */
export function disposeMethodsOf(cls: ClassNode): DisposeMethod[] {
  const found: DisposeMethod[] = [];
  for (const member of cls.body.body) {
    const name = disposeMethodName(member);
    if (name === null) continue;
    const fn = (member as TSESTree.MethodDefinition | TSESTree.PropertyDefinition).value as FunctionNode;
    found.push({ name, fn, member: member as DisposeMethod['member'] });
  }
  return found.sort((a, b) => DISPOSE_METHODS.indexOf(a.name) - DISPOSE_METHODS.indexOf(b.name));
}

export type Lifecycle =
  /** The node runs in an effect's setup (the effect callback is its activation). */
  | { kind: 'effect'; effect: Effect }
  /** The node runs in a method of a class that has a dispose-like method. */
  | { kind: 'class'; cls: ClassNode; dispose: DisposeMethod[] };

/** The lifecycle a node's code belongs to, judged from its activation function. */
export function lifecycleOf(node: TSESTree.Node): Lifecycle | null {
  const activation = activationOf(node);
  if (activation) {
    const effect = effectOfCallback(activation);
    if (effect) return { kind: 'effect', effect };
  }
  const cls = thisClassOf(node);
  if (cls) {
    const dispose = disposeMethodsOf(cls);
    if (dispose.length > 0) return { kind: 'class', cls, dispose };
  }
  return null;
}

/**
 * A constructor of a class that has no dispose-like method: the class declares no end for its
 * instances (a store, a service, a singleton), so what the constructor starts lives as long as the
 * program, like module state. A class that has one is a lifecycle, and its dispose method must stop it.
 */
export function isConstructorOfEndlessClass(fn: FunctionNode): boolean {
  const method = fn.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'constructor') return false;
  const cls = method.parent.parent as ClassNode;
  return disposeMethodsOf(cls).length === 0;
}

/** Component hooks that start work, and the hooks that end it, for the component kinds we know. */
const MOUNT_HOOKS: Record<string, string> = {
  componentDidMount: 'componentWillUnmount',
  created: 'unmounted',
  beforeMount: 'unmounted',
  mounted: 'unmounted',
  connectedCallback: 'disconnectedCallback',
  ngOnInit: 'ngOnDestroy',
  onMounted: 'onUnmounted',
};
const VUE_OPTION_KEYS = new Set(['data', 'methods', 'computed', 'props', 'mixins', 'components', 'watch', 'setup', 'emits']);

/**
 * The component hook `fn` is, with the hook that should undo it: a React class component's
 * `componentDidMount`, a Vue options object's `created`/`mounted`, Vue's `onMounted(fn)`, a custom
 * element's `connectedCallback`, Angular's `ngOnInit`. Null otherwise.
 */
export function mountHookOf(fn: FunctionNode): { hook: string; unmount: string } | null {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === fn) {
    const callee = unwrapExpression(parent.callee);
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'onMounted') return { hook: 'onMounted', unmount: 'onUnmounted' };
    return null;
  }
  if (parent?.type === AST_NODE_TYPES.MethodDefinition) {
    const name = getStaticKey(parent);
    if (name === 'componentDidMount' || name === 'connectedCallback' || name === 'ngOnInit') return { hook: name, unmount: MOUNT_HOOKS[name]! };
    return null;
  }
  if (parent?.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const name = getStaticKey(parent);
    if (name !== 'created' && name !== 'beforeMount' && name !== 'mounted') return null;
    const isComponent = parent.parent.properties.some(
      (property) => property.type === AST_NODE_TYPES.Property && VUE_OPTION_KEYS.has(getStaticKey(property) ?? ''),
    );
    return isComponent ? { hook: name, unmount: 'unmounted' } : null;
  }
  return null;
}

// Callbacks that run at most once for each run of the function that passes them: they belong to
// that function's activation. Event handlers, intervals and unknown callbacks do not.
const ONCE_SCHEDULERS = new Set(['setTimeout', 'setImmediate', 'queueMicrotask', 'nextTick', 'requestAnimationFrame', 'requestIdleCallback']);
// `.done`/`.fail`/`.always`: jQuery's deferreds, which call back once like promises.
const PROMISE_CALLBACKS = new Set(['then', 'catch', 'finally', 'done', 'fail', 'always']);
// A Node-style completion callback (`(err, result) => ...`) is called once.
const ERROR_FIRST = new Set(['err', 'error']);

/**
 * Whether a function runs only as part of the function around it, once per run of that function:
 * an IIFE, a Promise executor, an array-iteration callback (once per item, within the same call),
 * a `.then` callback, a one-shot scheduler callback (`setTimeout`, `process.nextTick`).
 */
export function isTransparentCallback(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === fn) return true;
  if (parent.type === AST_NODE_TYPES.NewExpression) {
    return parent.arguments[0] === fn && parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'Promise';
  }
  if (parent.type !== AST_NODE_TYPES.CallExpression || !(parent.arguments as TSESTree.Node[]).includes(fn)) return false;
  const callee = unwrapExpression(parent.callee);
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression
        ? getStaticKey(callee)
        : null;
  if (name === null) return false;
  if (callee.type === AST_NODE_TYPES.MemberExpression && (ITERATION_METHODS.has(name) || PROMISE_CALLBACKS.has(name))) return true;
  if (ONCE_SCHEDULERS.has(name) && parent.arguments[0] === fn) return true;
  if (isOnceCallback(fn)) return true;
  const first = fn.params[0];
  return parent.arguments[parent.arguments.length - 1] === fn && first?.type === AST_NODE_TYPES.Identifier && ERROR_FIRST.has(first.name);
}

/**
 * The function whose each run a node belongs to: its innermost function, skipping transparent
 * callbacks (see `isTransparentCallback`). Null at module scope.
 */
export function activationOf(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current) && !isTransparentCallback(current)) return current;
  }
  return null;
}

const ONCE_EVENT_METHODS = new Set(['once', 'prependOnceListener']);
const LISTEN_METHODS = new Set(['listen', 'whenReady', 'ready']);

/**
 * Names of functions that start a program or a module up: called once per process in practice, so
 * what they start is the program's own. `name*` also matches longer camelCase names (`init*`
 * matches `initSocket`, `setup*` matches `setupRoutes`, not `settle`).
 */
export const DEFAULT_STARTUP_FUNCTIONS: readonly string[] = [
  'main',
  'cli',
  'start',
  'startServer',
  'listen',
  'serve',
  'run',
  'boot',
  'launch',
  'init*',
  'initialize*',
  'setup*',
  'register*',
  'install*',
  'bootstrap*',
  'configure*',
];

export interface OnceOptions {
  /** Start-up function names (`name` or `prefix*`); defaults to DEFAULT_STARTUP_FUNCTIONS. */
  startupFunctions?: readonly string[];
}

/**
 * Whether `fn` runs at most once per module load: an IIFE or a transparent callback at module
 * scope, a callback of a one-shot registration at module scope (`app.listen(port, cb)`,
 * `process.once('SIGTERM', cb)`), a function that is not exported and whose only reference is one
 * call made at module scope (`async function main() {...} main()`), or a function named as start-up
 * code (see DEFAULT_STARTUP_NAMES) that is not a per-instance class member.
 */
export function runsOnce(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode | null,
  options: OnceOptions = {},
  depth = 0,
): boolean {
  if (!fn) return true;
  if (depth > 4) return false;
  if (isTransparentCallback(fn) || isOnceCallback(fn)) return runsOnce(sourceCode, activationOf(fn), options, depth + 1);
  if (isStartupFunction(fn, options)) return true;
  const variable = bindingOfFunction(sourceCode, fn);
  if (!variable) return false;
  if (isExported(variable)) return false;
  const reads = variable.references.filter((ref) => !ref.init && ref.isRead());
  if (reads.length !== 1) return false;
  const ref = reads[0]!.identifier;
  const call = ref.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== ref) return false;
  return runsOnce(sourceCode, activationOf(call), options, depth + 1);
}

/**
 * A function named as start-up code, other than an instance method (which runs per instance), or a
 * module installer (`module.exports = function (Posts) { ... }`, called once by whoever requires it).
 */
export function isStartupFunction(fn: FunctionNode, options: OnceOptions = {}): boolean {
  const parent = fn.parent;
  if ((parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) && !parent.static) return false;
  if (isModuleInstaller(fn)) return true;
  return hasStartupName(fn, options);
}

/** Whether the function's name is a start-up name, whatever kind of function it is. */
export function hasStartupName(fn: FunctionNode, options: OnceOptions = {}): boolean {
  const name = functionName(fn);
  if (name === null) return false;
  return (options.startupFunctions ?? DEFAULT_STARTUP_FUNCTIONS).some((pattern) => {
    if (!pattern.endsWith('*')) return name === pattern;
    const prefix = pattern.slice(0, -1);
    return name === prefix || (name.startsWith(prefix) && /^[A-Z_0-9]/.test(name.slice(prefix.length)));
  });
}

// AMD: `define(name, deps, factory)` and `require(deps, callback)` run their function once, as a module.
const AMD_LOADERS = new Set(['define', 'require', 'requirejs']);

// Parameters of a per-request or per-connection handler: such a function runs again and again.
const HANDLER_PARAMS = /^(?:req|request|res|response|ctx|context|next|socket|ws|event|evt|e|message|msg|data|payload)$/;

/** `module.exports = function (Plugins) { ... }`: a module that installs itself into what it is given. */
function isModuleInstaller(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== fn) return false;
  const left = parent.left;
  const isModuleExports =
    left.type === AST_NODE_TYPES.MemberExpression &&
    left.object.type === AST_NODE_TYPES.Identifier &&
    left.object.name === 'module' &&
    getStaticKey(left) === 'exports';
  if (!isModuleExports) return false;
  return fn.params.every((param) => param.type !== AST_NODE_TYPES.Identifier || !HANDLER_PARAMS.test(param.name));
}

function isOnceCallback(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !(call.arguments as TSESTree.Node[]).includes(fn)) return false;
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    return AMD_LOADERS.has(callee.name) && call.arguments[call.arguments.length - 1] === fn && (callee.name === 'define' || call.arguments[0]?.type === AST_NODE_TYPES.ArrayExpression);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = getStaticKey(callee);
  return name !== null && (ONCE_EVENT_METHODS.has(name) || LISTEN_METHODS.has(name));
}

function bindingOfFunction(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): TSESLint.Scope.Variable | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    return fn.id ? (sourceCode.getDeclaredVariables(fn)[0] ?? null) : null;
  }
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) {
    return sourceCode.getDeclaredVariables(parent)[0] ?? null;
  }
  return null;
}

function isExported(variable: TSESLint.Scope.Variable): boolean {
  for (const def of variable.defs) {
    let node: TSESTree.Node | undefined = def.node;
    while (node && node.type !== AST_NODE_TYPES.Program) {
      if (node.type === AST_NODE_TYPES.ExportNamedDeclaration || node.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
      if (isFunctionNode(node) && node !== def.node) break;
      node = node.parent;
    }
  }
  return variable.references.some((ref) => {
    const parent = ref.identifier.parent;
    return (
      parent?.type === AST_NODE_TYPES.ExportSpecifier ||
      parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      // module.exports = f, exports.f = f, module.exports = { f }
      (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === ref.identifier) ||
      (parent?.type === AST_NODE_TYPES.Property && parent.value === ref.identifier)
    );
  });
}
