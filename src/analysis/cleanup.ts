import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getStaticKey, isFunctionNode, unwrapExpression } from './ast';
import type { FunctionNode } from './context';
import {
  activationOf,
  cleanupFunctionsOf,
  effectHookName,
  effectOfCallback,
  functionValueOf,
  thisClassOf,
  thisMethodOf,
  type ClassNode,
  type Effect,
} from './lifecycle';

/**
 * Cleanup tracking: what became of a timer handle or a listener registration, and whether some
 * path stops it. A collector gathers, during the rule's one traversal, the facts scope analysis
 * does not give (reads of `this.field`, clear and removal calls, effects and their returns), and
 * answers at `Program:exit`. Syntax decides, conservatively: whenever a handle or a listener may
 * be reachable by code we cannot see (returned, passed, stored elsewhere), the answer is "owned".
 */

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

// ---------------------------------------------------------------------------------------------
// Timers

export type TimerKind = 'interval' | 'timeout';

export interface TimerCall {
  call: TSESTree.CallExpression;
  kind: TimerKind;
  /** `setInterval`, `window.setInterval`, `timers.setInterval`, as written. */
  name: string;
  /** The matching clear function's name: `clearInterval`, `clearTimeout`. */
  clear: string;
}

const TIMER_CREATORS: Record<string, TimerKind> = { setInterval: 'interval', setTimeout: 'timeout' };
const TIMER_CLEARS = new Set(['clearInterval', 'clearTimeout', 'clearImmediate']);
const TIMER_NAMES = new Set([...Object.keys(TIMER_CREATORS), ...TIMER_CLEARS]);
const aliasing = new WeakMap<object, boolean>();

/** Whether the file imports timers under other names (`import { setInterval as every } from 'node:timers'`). */
function mayAliasTimers(sourceCode: SourceCode): boolean {
  let known = aliasing.get(sourceCode);
  if (known === undefined) {
    known = /\bas\s+\w+[^;]*['"](?:node:)?timers['"]|\{[^}]*:[^}]*\}\s*=\s*require\(\s*['"](?:node:)?timers['"]/.test(sourceCode.text);
    aliasing.set(sourceCode, known);
  }
  return known;
}

/** Globals that hold the timer functions: `window.setInterval`, `globalThis.setTimeout`. */
const TIMER_HOSTS = new Set(['window', 'globalThis', 'global', 'self']);
export const TIMER_MODULES: ReadonlySet<string> = new Set(['timers', 'node:timers']);

/**
 * A `setInterval`/`setTimeout` call of the platform's timers: the global (or `window.`,
 * `globalThis.`), or `node:timers` imported or required. A local function of the same name is not.
 */
export function timerCallOf(sourceCode: SourceCode, call: TSESTree.CallExpression): TimerCall | null {
  const name = timerFunctionName(sourceCode, call.callee);
  if (name === null) return null;
  const kind = TIMER_CREATORS[name];
  if (!kind) return null;
  return {
    call,
    kind,
    name: sourceCode.text.slice(call.callee.range[0], call.callee.range[1]),
    clear: kind === 'interval' ? 'clearInterval' : 'clearTimeout',
  };
}

/** Whether `call` clears a timer: `clearInterval(x)`, `clearTimeout(x)`, `timers.clearInterval(x)`. */
export function isClearCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const name = timerFunctionName(sourceCode, call.callee);
  return name !== null && TIMER_CLEARS.has(name);
}

/** The platform timer function a callee names (`setInterval`), through hosts and imports; else null. */
export function timerFunctionName(sourceCode: SourceCode, calleeNode: TSESTree.Node): string | null {
  const callee = unwrapExpression(calleeNode);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    // Scope lookups cost: only names that can be a timer function (or an alias of one) get one.
    if (!TIMER_NAMES.has(callee.name) && !mayAliasTimers(sourceCode)) return null;
    const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
    if (!variable || variable.defs.length === 0) return callee.name;
    return importedTimerName(variable);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = getStaticKey(callee);
  if (name === null || !TIMER_NAMES.has(name)) return null;
  const host = unwrapExpression(callee.object);
  if (host.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(host), host);
  if (!variable || variable.defs.length === 0) return TIMER_HOSTS.has(host.name) ? name : null;
  return isTimersModule(variable) ? name : null;
}

/** `import { setInterval as every } from 'node:timers'`, `const { setInterval } = require('timers')`. */
function importedTimerName(variable: Variable): string | null {
  const def = variable.defs[0]!;
  if (def.type === 'ImportBinding' && def.node.type === AST_NODE_TYPES.ImportSpecifier) {
    const source = def.parent?.type === AST_NODE_TYPES.ImportDeclaration ? def.parent.source.value : null;
    if (source === null || !TIMER_MODULES.has(source)) return null;
    const imported = def.node.imported;
    return imported.type === AST_NODE_TYPES.Identifier ? imported.name : String(imported.value);
  }
  if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && isRequireOf(def.node.init, TIMER_MODULES)) {
    const property = def.name.parent;
    if (property?.type === AST_NODE_TYPES.Property && property.parent?.type === AST_NODE_TYPES.ObjectPattern) {
      return getStaticKey(property);
    }
  }
  return null;
}

function isTimersModule(variable: Variable): boolean {
  const def = variable.defs[0]!;
  if (def.type === 'ImportBinding') {
    const source = def.parent?.type === AST_NODE_TYPES.ImportDeclaration ? def.parent.source.value : null;
    return (
      source !== null &&
      TIMER_MODULES.has(source) &&
      (def.node.type === AST_NODE_TYPES.ImportDefaultSpecifier || def.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier)
    );
  }
  return (
    def.type === 'Variable' &&
    def.node.type === AST_NODE_TYPES.VariableDeclarator &&
    def.node.id.type === AST_NODE_TYPES.Identifier &&
    isRequireOf(def.node.init, TIMER_MODULES)
  );
}

export function isRequireOf(node: TSESTree.Node | null | undefined, sources: ReadonlySet<string>): boolean {
  if (!node) return false;
  const call = unwrapExpression(node);
  return (
    call.type === AST_NODE_TYPES.CallExpression &&
    call.callee.type === AST_NODE_TYPES.Identifier &&
    call.callee.name === 'require' &&
    call.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof call.arguments[0].value === 'string' &&
    sources.has(call.arguments[0].value)
  );
}

/**
 * The timer's delay in milliseconds when syntax knows it: absent (0), a number, a `const` in the
 * file holding one, arithmetic of those (`5 * 1000`), or the larger branch of a conditional. Null
 * when it comes from elsewhere (an import, a parameter, a call).
 */
export function delayOf(sourceCode: SourceCode, timer: TimerCall): number | null {
  const delay = timer.call.arguments[1];
  return delay ? numberOf(sourceCode, delay, 0) : 0;
}

function numberOf(sourceCode: SourceCode, node: TSESTree.Node, depth: number): number | null {
  if (depth > 4) return null;
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return typeof value.value === 'number' ? value.value : null;
    case AST_NODE_TYPES.BinaryExpression: {
      const left = numberOf(sourceCode, value.left, depth + 1);
      const right = numberOf(sourceCode, value.right, depth + 1);
      if (left === null || right === null) return null;
      if (value.operator === '*') return left * right;
      if (value.operator === '+') return left + right;
      if (value.operator === '-') return left - right;
      if (value.operator === '/') return right === 0 ? null : left / right;
      return null;
    }
    case AST_NODE_TYPES.ConditionalExpression: {
      const a = numberOf(sourceCode, value.consequent, depth + 1);
      const b = numberOf(sourceCode, value.alternate, depth + 1);
      return a === null || b === null ? null : Math.max(a, b);
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
      const def = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || def?.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
      if (def.node.parent.kind !== 'const' || !def.node.init) return null;
      return numberOf(sourceCode, def.node.init, depth + 1);
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Owners: where a handle (or a listener's target) is kept

/** An access path: a binding or `this` followed by static property names (`this.timers.poll`). */
export type AccessPath =
  | { root: 'this'; cls: ClassNode; keys: readonly string[] }
  | { root: 'binding'; variable: Variable; keys: readonly string[] };

export type HandleFate =
  /** Nobody keeps it: `setInterval(...)` as a statement (with or without `.unref()`). */
  | { kind: 'discarded'; statement: TSESTree.ExpressionStatement | null }
  /** Kept in a binding or a field. `node` is the expression the handle is written to. */
  | { kind: 'kept'; path: AccessPath; node: TSESTree.Node }
  /** Returned, passed, or stored where we cannot follow: someone else owns it. */
  | { kind: 'escaped' };

const HANDLE_PASSTHROUGH = new Set(['unref', 'ref']);

/** What becomes of the value of `expression` (a timer call): discarded, kept in an owner, or escaped. */
export function fateOf(sourceCode: SourceCode, expression: TSESTree.Node): HandleFate {
  let node: TSESTree.Node = expression;
  for (;;) {
    const parent = node.parent;
    if (!parent) return { kind: 'escaped' };
    switch (parent.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        node = parent;
        continue;
      case AST_NODE_TYPES.MemberExpression: {
        // `setInterval(...).unref()` is still the timer: unref returns it.
        const call = parent.parent;
        if (
          parent.object === node &&
          HANDLE_PASSTHROUGH.has(getStaticKey(parent) ?? '') &&
          call?.type === AST_NODE_TYPES.CallExpression &&
          call.callee === parent
        ) {
          node = call;
          continue;
        }
        return { kind: 'escaped' };
      }
      case AST_NODE_TYPES.ExpressionStatement:
        return { kind: 'discarded', statement: parent };
      case AST_NODE_TYPES.UnaryExpression:
        return parent.operator === 'void' ? { kind: 'discarded', statement: null } : { kind: 'escaped' };
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions[parent.expressions.length - 1] !== node) return { kind: 'discarded', statement: null };
        node = parent;
        continue;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === node) return { kind: 'escaped' };
        node = parent;
        continue;
      case AST_NODE_TYPES.VariableDeclarator: {
        if (parent.init !== node || parent.id.type !== AST_NODE_TYPES.Identifier) return { kind: 'escaped' };
        const variable = sourceCode.getDeclaredVariables(parent)[0];
        return variable ? { kind: 'kept', path: { root: 'binding', variable, keys: [] }, node: parent.id } : { kind: 'escaped' };
      }
      case AST_NODE_TYPES.AssignmentExpression: {
        if (parent.right !== node || !['=', '??=', '||='].includes(parent.operator)) return { kind: 'escaped' };
        const path = accessPathOf(sourceCode, parent.left);
        return path ? { kind: 'kept', path, node: parent.left } : { kind: 'escaped' };
      }
      default:
        return { kind: 'escaped' };
    }
  }
}

/** `x`, `this.a.b`, `ref.current`: the access path an expression names, or null. */
export function accessPathOf(sourceCode: SourceCode, expression: TSESTree.Node): AccessPath | null {
  const keys: string[] = [];
  let node = unwrapExpression(expression);
  while (node.type === AST_NODE_TYPES.MemberExpression) {
    // `this.#socket` is a field like any other; `#` keeps it apart from a public `socket`.
    const key = node.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.property.name}` : getStaticKey(node);
    if (key === null) return null;
    keys.unshift(key);
    node = unwrapExpression(node.object);
  }
  if (node.type === AST_NODE_TYPES.ThisExpression) {
    const cls = thisClassOf(node);
    return cls && keys.length > 0 ? { root: 'this', cls, keys } : null;
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    return variable && variable.defs.length > 0 ? { root: 'binding', variable, keys } : null;
  }
  return null;
}

export function pathText(path: AccessPath): string {
  const head = path.root === 'this' ? 'this' : path.variable.name;
  return [head, ...path.keys].join('.');
}

/** How a read of an owner is used. */
export type UseKind = 'clear' | 'escape' | 'neutral';

const CLOSING_HANDLE_METHODS = new Set(['close']);
const NEUTRAL_OPERATORS = new Set(['===', '!==', '==', '!=']);

/**
 * How the value read at `node` (an occurrence of a handle's owner) is used: cleared
 * (`clearInterval(x)`, `x.close()`), escaping (returned, passed, stored), or neither (tested,
 * unref'd, overwritten).
 */
export function useOfHandle(sourceCode: SourceCode, node: TSESTree.Node): UseKind {
  let current: TSESTree.Node = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return 'escape';
    switch (parent.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        current = parent;
        continue;
      case AST_NODE_TYPES.CallExpression:
        if (parent.callee === current) return 'neutral';
        return isClearCall(sourceCode, parent) ? 'clear' : 'escape';
      case AST_NODE_TYPES.MemberExpression: {
        if (parent.object !== current) return 'neutral';
        const method = getStaticKey(parent);
        if (method !== null && CLOSING_HANDLE_METHODS.has(method)) return 'clear';
        if (method === null && parent.computed && isDisposeSymbol(parent.property)) return 'clear';
        // `.unref()`, `.refresh()`, `.hasRef()` and other reads leave the timer where it is.
        return 'neutral';
      }
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return 'neutral';
      case AST_NODE_TYPES.ForStatement:
        return parent.test === current ? 'neutral' : 'escape';
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === current) return 'neutral';
        current = parent;
        continue;
      case AST_NODE_TYPES.UnaryExpression:
        return parent.operator === '!' || parent.operator === 'typeof' || parent.operator === 'void' ? 'neutral' : 'escape';
      case AST_NODE_TYPES.BinaryExpression:
        return NEUTRAL_OPERATORS.has(parent.operator) ? 'neutral' : 'escape';
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.left === current) return 'neutral';
        current = parent;
        continue;
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.left === current ? 'neutral' : 'escape';
      case AST_NODE_TYPES.ExpressionStatement:
        return 'neutral';
      case AST_NODE_TYPES.UpdateExpression:
        return 'neutral';
      default:
        return 'escape';
    }
  }
}

function isDisposeSymbol(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === 'Symbol' &&
    (getStaticKey(node) === 'dispose' || getStaticKey(node) === 'asyncDispose')
  );
}

// ---------------------------------------------------------------------------------------------
// Listeners

export type ListenerApi = 'emitter' | 'eventTarget' | 'eventsOn';

export interface Registration {
  call: TSESTree.CallExpression;
  /** `on`, `addListener`, `prependListener`, `addEventListener`, or `on` of `node:events`. */
  method: string;
  api: ListenerApi;
  target: TSESTree.Expression;
  event: TSESTree.Node | undefined;
  listener: TSESTree.Node | undefined;
  options: TSESTree.Node | undefined;
}

export interface Removal {
  call: TSESTree.CallExpression;
  api: ListenerApi;
  target: TSESTree.Expression;
  /** Undefined for `removeAllListeners()`: every event. */
  event: TSESTree.Node | undefined;
  /** Undefined for `removeAllListeners(event)`: every listener of the event. */
  listener: TSESTree.Node | undefined;
  options: TSESTree.Node | undefined;
}

const EMITTER_ADD = new Set(['on', 'addListener', 'prependListener']);
const EMITTER_REMOVE = new Set(['off', 'removeListener']);
export const EVENTS_MODULES: ReadonlySet<string> = new Set(['events', 'node:events']);

/** The removal method that undoes a registration method (`on` -> `off`). */
export function removalMethodFor(method: string): string {
  if (method === 'addEventListener') return 'removeEventListener';
  if (method === 'on') return 'off';
  return 'removeListener';
}

const eventsMentions = new WeakMap<object, boolean>();

/** Whether the file names `events` at all (`events.on` needs it): one scan per file, not one per call. */
function mentionsEvents(sourceCode: SourceCode): boolean {
  let known = eventsMentions.get(sourceCode);
  if (known === undefined) {
    known = sourceCode.text.includes('events');
    eventsMentions.set(sourceCode, known);
  }
  return known;
}

/** A listener registration: `x.on(event, fn)`, `x.addEventListener(event, fn, options)`, `events.on(x, event)`. */
export function registrationOf(sourceCode: SourceCode, call: TSESTree.CallExpression): Registration | null {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    return callee.name === 'on' || mentionsEvents(sourceCode) ? (isEventsOn(sourceCode, callee) ? eventsOnRegistration(call) : null) : null;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getStaticKey(callee);
  if (method === null) return null;
  const args = call.arguments;
  if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return null;
  if (method === 'on' && mentionsEvents(sourceCode) && isEventsOn(sourceCode, callee)) return eventsOnRegistration(call);
  const api: ListenerApi | null = method === 'addEventListener' ? 'eventTarget' : EMITTER_ADD.has(method) ? 'emitter' : null;
  if (!api || args.length < 2) return null;
  const event = args[0]!;
  // `on(fn)`, `on({ ... })`: some other API (routers, observables), not an event registration.
  if (isFunctionNode(event) || event.type === AST_NODE_TYPES.ObjectExpression || event.type === AST_NODE_TYPES.ArrayExpression) return null;
  return {
    call,
    method,
    api,
    target: callee.object,
    event,
    listener: args[1],
    options: api === 'eventTarget' ? args[2] : undefined,
  };
}

function eventsOnRegistration(call: TSESTree.CallExpression): Registration | null {
  const [target, event, options] = call.arguments;
  if (!target || target.type === AST_NODE_TYPES.SpreadElement) return null;
  return { call, method: 'on', api: 'eventsOn', target, event, listener: undefined, options };
}

/** `on` imported from `node:events`, or `events.on` / `EventEmitter.on` of that module. */
function isEventsOn(sourceCode: SourceCode, callee: TSESTree.Identifier | TSESTree.MemberExpression): boolean {
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
    const def = variable?.defs[0];
    if (!def || def.type !== 'ImportBinding' || def.node.type !== AST_NODE_TYPES.ImportSpecifier) return false;
    const imported = def.node.imported;
    const name = imported.type === AST_NODE_TYPES.Identifier ? imported.name : String(imported.value);
    return name === 'on' && def.parent?.type === AST_NODE_TYPES.ImportDeclaration && EVENTS_MODULES.has(def.parent.source.value);
  }
  const host = unwrapExpression(callee.object);
  if (host.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(host), host);
  const def = variable?.defs[0];
  if (!def) return false;
  if (def.type === 'ImportBinding') {
    return def.parent?.type === AST_NODE_TYPES.ImportDeclaration && EVENTS_MODULES.has(def.parent.source.value);
  }
  return def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && isRequireOf(def.node.init, EVENTS_MODULES);
}

/** A listener removal: `x.off(event, fn)`, `x.removeEventListener(...)`, `x.removeAllListeners(event?)`. */
export function removalOf(call: TSESTree.CallExpression): Removal | null {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getStaticKey(callee);
  if (method === null) return null;
  const args = call.arguments;
  if (method === 'removeAllListeners') {
    return { call, api: 'emitter', target: callee.object, event: args[0], listener: undefined, options: undefined };
  }
  const api: ListenerApi | null = method === 'removeEventListener' ? 'eventTarget' : EMITTER_REMOVE.has(method) ? 'emitter' : null;
  // socket.io, EventEmitter3 and mitt read `off(event)` without a listener as "remove every listener
  // of the event" (Node's own emitter throws on it, so code that calls it is not using Node's).
  if (api === 'emitter' && args.length === 1 && args[0]!.type !== AST_NODE_TYPES.SpreadElement) {
    return { call, api, target: callee.object, event: args[0], listener: undefined, options: undefined };
  }
  if (!api || args.length < 2) return null;
  return { call, api, target: callee.object, event: args[0], listener: args[1], options: api === 'eventTarget' ? args[2] : undefined };
}

export type OptionsVerdict = 'signal' | 'once' | 'unknown' | 'none';

/** What a registration's options say: `{ signal }`, `{ once: true }`, something we cannot read, or nothing. */
export function registrationOptions(sourceCode: SourceCode, registration: Registration): OptionsVerdict {
  const options = registration.options;
  if (!options) return 'none';
  const object = objectLiteralOf(sourceCode, options);
  if (!object) {
    const value = unwrapExpression(options);
    return value.type === AST_NODE_TYPES.Literal ? 'none' : 'unknown';
  }
  let verdict: OptionsVerdict = 'none';
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) return 'unknown';
    const key = getStaticKey(property);
    if (key === 'signal') return 'signal';
    if (key === 'once') {
      const value = unwrapExpression(property.value);
      if (value.type === AST_NODE_TYPES.Literal) {
        if (value.value === true) verdict = 'once';
      } else {
        verdict = 'unknown';
      }
    }
  }
  return verdict;
}

/** An object literal at `node`, or held by a `const` initialised with one. */
function objectLiteralOf(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.ObjectExpression | null {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
  if (variable.references.some((ref) => ref.isWrite() && !ref.init)) return null;
  const init = def.node.init && unwrapExpression(def.node.init);
  return init?.type === AST_NODE_TYPES.ObjectExpression ? init : null;
}

/** `capture` of an EventTarget registration or removal: true/false, or null when unknown. */
export function captureOf(sourceCode: SourceCode, options: TSESTree.Node | undefined): boolean | null {
  if (!options) return false;
  const value = unwrapExpression(options);
  if (value.type === AST_NODE_TYPES.Literal) return value.value === true;
  const object = objectLiteralOf(sourceCode, value);
  if (!object) return null;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) return null;
    if (getStaticKey(property) !== 'capture') continue;
    const capture = unwrapExpression(property.value);
    return capture.type === AST_NODE_TYPES.Literal ? capture.value === true : null;
  }
  return false;
}

/** A listener that is made fresh at the call: an inline function or a `.bind(...)` result. */
export function isFreshFunction(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const value = unwrapExpression(node);
  if (isFunctionNode(value)) return true;
  return (
    value.type === AST_NODE_TYPES.CallExpression &&
    value.callee.type === AST_NODE_TYPES.MemberExpression &&
    getStaticKey(value.callee) === 'bind'
  );
}

/**
 * Whether two expressions denote the same value wherever each is evaluated: the same literal, the
 * same binding, the same property path from the same root, or bindings that iterate the same
 * collection at the same position (`for (const e of events)` in a setup and again in its cleanup).
 * Calls and fresh functions are never the same. Names that do not resolve compare by name.
 */
export function sameReference(sourceCode: SourceCode, a: TSESTree.Node, b: TSESTree.Node, depth = 0): boolean {
  if (depth > 6) return false;
  const x = unwrapExpression(a);
  const y = unwrapExpression(b);
  const xs = staticString(x);
  if (xs !== null) return xs === staticString(y);
  if (x.type === AST_NODE_TYPES.Literal || y.type === AST_NODE_TYPES.Literal) {
    return x.type === y.type && (x as TSESTree.Literal).value === (y as TSESTree.Literal).value;
  }
  if (x.type === AST_NODE_TYPES.ThisExpression && y.type === AST_NODE_TYPES.ThisExpression) {
    const cls = thisClassOf(x);
    return cls !== null ? cls === thisClassOf(y) : activationOf(x) === activationOf(y);
  }
  if (x.type === AST_NODE_TYPES.MemberExpression && y.type === AST_NODE_TYPES.MemberExpression) {
    const kx = getStaticKey(x);
    const ky = getStaticKey(y);
    if (kx !== null || ky !== null) {
      if (kx !== ky) return false;
    } else if (!sameReference(sourceCode, x.property, y.property, depth + 1)) {
      return false;
    }
    return sameReference(sourceCode, x.object, y.object, depth + 1);
  }
  if (x.type === AST_NODE_TYPES.Identifier && y.type === AST_NODE_TYPES.Identifier) {
    const vx = ASTUtils.findVariable(sourceCode.getScope(x), x);
    const vy = ASTUtils.findVariable(sourceCode.getScope(y), y);
    if (!vx || !vy || vx.defs.length === 0 || vy.defs.length === 0) return !vx?.defs.length && !vy?.defs.length && x.name === y.name;
    if (vx === vy) return true;
    const ix = iterationBinding(vx);
    const iy = iterationBinding(vy);
    return (
      ix !== null &&
      iy !== null &&
      ix.path === iy.path &&
      isStableExpression(ix.collection) &&
      sameReference(sourceCode, ix.collection, iy.collection, depth + 1)
    );
  }
  return false;
}

function staticString(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

/** Names and property paths: the same on every evaluation. A call (`Object.entries(x)`) is not. */
function isStableExpression(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.ThisExpression) return true;
  return value.type === AST_NODE_TYPES.MemberExpression && !value.computed && isStableExpression(value.object);
}

/**
 * For a binding made by iterating a collection, the collection and the binding's position in each
 * element: `for (const [name, fn] of entries)` gives `fn` -> (entries, "1"); `events.forEach((e) =>`
 * gives `e` -> (events, "").
 */
function iterationBinding(variable: Variable): { collection: TSESTree.Node; path: string } | null {
  const def = variable.defs[0];
  if (!def) return null;
  const path = patternPath(def.name);
  if (path === null) return null;
  if (def.type === 'Variable') {
    const declaration = def.node.parent;
    const loop = declaration?.parent;
    if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declaration && def.node.id === rootPattern(def.name)) {
      return { collection: loop.right, path };
    }
    return null;
  }
  if (def.type === 'Parameter') {
    const fn = def.node;
    if (!isFunctionNode(fn) || fn.params[0] !== rootPattern(def.name)) return null;
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
    const callee = call.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticKey(callee) !== 'forEach') return null;
    return { collection: callee.object, path };
  }
  return null;
}

/** The pattern that holds `name` at its top: the declarator id or parameter. */
function rootPattern(name: TSESTree.Node): TSESTree.Node {
  let node = name;
  while (
    node.parent &&
    (node.parent.type === AST_NODE_TYPES.ArrayPattern ||
      node.parent.type === AST_NODE_TYPES.ObjectPattern ||
      node.parent.type === AST_NODE_TYPES.Property ||
      node.parent.type === AST_NODE_TYPES.AssignmentPattern)
  ) {
    node = node.parent;
  }
  return node;
}

/** `[a, b]` gives b -> "1"; `{ x: { y } }` gives y -> "x.y"; a plain name gives "". Null for rest elements. */
function patternPath(name: TSESTree.Node): string | null {
  const parts: string[] = [];
  let node = name;
  for (;;) {
    const parent = node.parent;
    if (!parent) break;
    if (parent.type === AST_NODE_TYPES.ArrayPattern) {
      parts.unshift(String(parent.elements.indexOf(node as TSESTree.DestructuringPattern)));
    } else if (parent.type === AST_NODE_TYPES.Property && parent.parent?.type === AST_NODE_TYPES.ObjectPattern) {
      const key = getStaticKey(parent);
      if (key === null) return null;
      parts.unshift(key);
      node = parent.parent;
      continue;
    } else if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === node) {
      node = parent;
      continue;
    } else if (parent.type === AST_NODE_TYPES.RestElement) {
      return null;
    } else {
      break;
    }
    node = parent;
  }
  return parts.join('.');
}

// ---------------------------------------------------------------------------------------------
// Target lifetimes

export type TargetLifetime =
  /** The target lives longer than one run of the function: name it for the message. */
  | { kind: 'outlives'; description: string }
  /** Made by this run, a parameter of it, or something we cannot place: silent. */
  | { kind: 'local' };

const OUTLIVING_GLOBALS = new Set(['process', 'window', 'document', 'globalThis', 'global', 'self', 'navigator', 'screen', 'visualViewport']);

/**
 * Whether a listener target outlives one run of `activation` (the function whose every run adds
 * the listener): a global, a module-level binding, a binding of an enclosing function (a closure or
 * an outer parameter), or a field outside the constructor. A target made by this run or a parameter
 * of it dies with it, as far as syntax can tell (a per-connection socket).
 */
export function targetLifetime(
  sourceCode: SourceCode,
  target: TSESTree.Node,
  activation: FunctionNode,
  depth = 0,
): TargetLifetime {
  if (depth > 4) return { kind: 'local' };
  let node = unwrapExpression(target);
  // `x.on(a, f).on(b, g)`: the second registration's target is `x`.
  while (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = getStaticKey(node.callee);
    if (method === null || !(EMITTER_ADD.has(method) || method === 'once' || method === 'addEventListener')) break;
    node = unwrapExpression(node.callee.object);
  }
  let root = node;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrapExpression(root.object);
  const text = sourceCode.text.slice(node.range[0], node.range[1]);
  if (root.type === AST_NODE_TYPES.ThisExpression) {
    const method = thisMethodOf(root);
    // The constructor makes the instance: what it wires to its own fields lives and dies with it.
    if (method?.kind === 'constructor') return { kind: 'local' };
    // `this.on(...)`: the object listens to itself, and both go away together.
    if (node === root || thisClassOf(root) === null) return { kind: 'local' };
    if (isAssignedFreshIn(sourceCode, node, activation, depth)) return { kind: 'local' };
    return { kind: 'outlives', description: `\`${text}\`` };
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return { kind: 'local' };
  const variable = ASTUtils.findVariable(sourceCode.getScope(root), root);
  if (!variable || variable.defs.length === 0) {
    // An undeclared name is a global (`window`, `process`, a script's `socket`): it outlives every call.
    return { kind: 'outlives', description: OUTLIVING_GLOBALS.has(root.name) ? `\`${text}\`` : `the global \`${text}\`` };
  }
  const scopeBlock = variable.scope.variableScope.block;
  if (scopeBlock.type === AST_NODE_TYPES.Program || variable.scope.variableScope.type === 'module' || variable.scope.variableScope.type === 'global') {
    if (isAssignedFreshIn(sourceCode, node, activation, depth)) return { kind: 'local' };
    return { kind: 'outlives', description: `the module-level \`${text}\`` };
  }
  if (!isFunctionNode(scopeBlock)) return { kind: 'local' };
  if (scopeBlock === activation || isWithinActivation(scopeBlock, activation)) {
    const def = variable.defs[0]!;
    if (def.type !== 'Variable' || variable.defs.length !== 1) return { kind: 'local' };
    if (variable.references.some((ref) => ref.isWrite() && !ref.init)) return { kind: 'local' };
    // `const emitter = this.emitter`: an alias of something older.
    const init = def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name ? def.node.init : null;
    const value = init && unwrapExpression(init);
    if (
      value &&
      (value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression || value.type === AST_NODE_TYPES.ThisExpression)
    ) {
      return targetLifetime(sourceCode, value, activation, depth + 1);
    }
    return { kind: 'local' };
  }
  // A function that runs once as the module itself (an AMD factory, a module-level IIFE): its
  // bindings are module-level.
  if (scopeBlock.body.type === AST_NODE_TYPES.BlockStatement && activationOf(scopeBlock.body) === null) {
    if (isAssignedFreshIn(sourceCode, node, activation, depth)) return { kind: 'local' };
    return { kind: 'outlives', description: `the module-level \`${text}\`` };
  }
  // A local of an enclosing function is that function's own object (a modal, an element it made);
  // its parameters come from further out (the connection a handler was given).
  if (variable.defs[0]!.type !== 'Parameter') return { kind: 'local' };
  if (isAssignedFreshIn(sourceCode, node, activation, depth)) return { kind: 'local' };
  return { kind: 'outlives', description: `\`${text}\`, a parameter of an enclosing function` };
}

/** Whether `fn` runs within each run of `activation` (it is a transparent callback inside it). */
function isWithinActivation(fn: FunctionNode, activation: FunctionNode): boolean {
  return activationOf(fn) === activation && fn !== activation && isInside(fn, activation);
}

function isInside(node: TSESTree.Node, outer: TSESTree.Node): boolean {
  return node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
}

/**
 * `this.ws = new WebSocket(...)` or `client = dgram.createSocket(...)` (any call) earlier in the same
 * activation, for the target or a prefix of it (`this.child = spawn(...)` then
 * `this.child.stdout.on(...)`): the target is fresh.
 */
function isAssignedFreshIn(sourceCode: SourceCode, target: TSESTree.Node, activation: FunctionNode, depth = 0): boolean {
  const path = accessPathOf(sourceCode, target);
  if (!path) return false;
  const matches = (left: TSESTree.Node): boolean => {
    const written = accessPathOf(sourceCode, left);
    if (!written || written.root !== path.root || written.keys.length > path.keys.length) return false;
    if (written.root === 'binding' && path.root === 'binding' && written.variable !== path.variable) return false;
    return written.keys.every((key, i) => key === path.keys[i]);
  };
  for (let child: TSESTree.Node = target, current = target.parent; current && current !== activation.parent; child = current, current = current.parent) {
    if (current.type !== AST_NODE_TYPES.BlockStatement && current.type !== AST_NODE_TYPES.Program) continue;
    for (const statement of current.body) {
      if (statement === child || statement.range[0] >= target.range[0]) break;
      const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? unwrapExpression(statement.expression) : null;
      if (expression?.type !== AST_NODE_TYPES.AssignmentExpression || !matches(expression.left)) continue;
      const right = unwrapExpression(expression.right);
      if (right.type === AST_NODE_TYPES.NewExpression || right.type === AST_NODE_TYPES.CallExpression || right.type === AST_NODE_TYPES.AwaitExpression) {
        return true;
      }
      // `modal = html`, `browser = result.data` where `html`, `result` are this run's own (a
      // parameter, a local it made).
      if (
        (right.type === AST_NODE_TYPES.Identifier || right.type === AST_NODE_TYPES.MemberExpression) &&
        depth < 3 &&
        targetLifetime(sourceCode, right, activation, depth + 1).kind === 'local'
      ) {
        return true;
      }
    }
    if (current === activation.body) break;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The collector

export interface CleanupCollector {
  /** Visitors to merge into the rule's own: they only record. */
  visitor: {
    CallExpression(node: TSESTree.CallExpression): void;
    ReturnStatement(node: TSESTree.ReturnStatement): void;
    MemberExpression(node: TSESTree.MemberExpression): void;
  };
  /** Every clear, through any path, of a handle kept at `fate` (call at Program:exit). */
  handleUses(path: AccessPath): { clears: TSESTree.Node[]; escapes: TSESTree.Node[] };
  /** Whether `node` runs inside some effect's cleanup (the function it returns, or one it calls). */
  inEffectCleanup(node: TSESTree.Node): boolean;
  /** Removals that undo a registration, anywhere in the file. */
  removalsFor(registration: Registration): Removal[];
  /** The effect callbacks' own return statements, by callback. */
  effectReturns(effect: Effect): TSESTree.ReturnStatement[];
  /**
   * Whether `node` runs at most once however often `activation` runs: behind a memo guard
   * (`if (!client) { client = ...; <node> }`, `if (started) return; ... started = true`) or a
   * listener-count check (`if (!x.listenerCount('e'))`): 'process'. Behind a guard on a field
   * (`if (!this.app) { this.app = ...; <node> }`), once per instance: 'instance'. Else null.
   */
  onceGuard(node: TSESTree.Node, activation: FunctionNode): 'process' | 'instance' | null;
}

export interface CollectOptions {
  /** Record clear calls (the timer rule). */
  clears?: boolean;
  /** Record listener removals (the listener rule). */
  removals?: boolean;
}

export function createCleanupCollector(sourceCode: SourceCode, options: CollectOptions): CleanupCollector {
  const clearCalls: TSESTree.CallExpression[] = [];
  /** Clear functions passed as values (`timers.forEach(clearInterval)`): they may clear anything. */
  const clearValues: TSESTree.Node[] = [];
  const removals: Removal[] = [];
  const effects: Effect[] = [];
  const returnsByCallback = new Map<FunctionNode, TSESTree.ReturnStatement[]>();
  /** `this.<key>` reads by key; which class each belongs to is worked out only for keys asked about. */
  const thisMembers = new Map<string, TSESTree.MemberExpression[]>();
  let cleanupSet: Set<FunctionNode> | null = null;

  const visitor: CleanupCollector['visitor'] = {
    CallExpression(node) {
      if (options.clears && isClearCall(sourceCode, node)) clearCalls.push(node);
      if (options.removals) {
        const removal = removalOf(node);
        if (removal) removals.push(removal);
      }
      if (effectHookName(node) !== null) {
        const effect = effectOfCallback(node.arguments[0] ?? node);
        if (effect) effects.push(effect);
      }
      if (options.clears) {
        for (const argument of node.arguments) {
          if (argument.type === AST_NODE_TYPES.Identifier || argument.type === AST_NODE_TYPES.MemberExpression) {
            const name = timerFunctionName(sourceCode, argument);
            if (name !== null && TIMER_CLEARS.has(name)) clearValues.push(argument);
          }
        }
      }
    },
    ReturnStatement(node) {
      for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
        if (!isFunctionNode(current)) continue;
        if (effectOfCallback(current)) {
          const list = returnsByCallback.get(current) ?? [];
          list.push(node);
          returnsByCallback.set(current, list);
        }
        return;
      }
    },
    MemberExpression(node) {
      if (node.object.type !== AST_NODE_TYPES.ThisExpression) return;
      const key = getStaticKey(node);
      if (key === null) return;
      const list = thisMembers.get(key);
      if (list) list.push(node);
      else thisMembers.set(key, [node]);
    },
  };

  /** Occurrences of `path`: the outermost member expression that spells the whole path. */
  function occurrences(path: AccessPath): TSESTree.Node[] {
    const found: TSESTree.Node[] = [];
    const starts: TSESTree.Node[] =
      path.root === 'this'
        ? (thisMembers.get(path.keys[0]!) ?? []).filter((member) => thisClassOf(member.object) === path.cls)
        : path.variable.references.filter((ref) => !ref.init && !(ref.isWrite() && !ref.isRead())).map((ref) => ref.identifier);
    const rest = path.root === 'this' ? path.keys.slice(1) : path.keys;
    for (const start of starts) {
      let node: TSESTree.Node = start;
      let matched = true;
      for (const key of rest) {
        const parent = skipWrappers(node).parent;
        if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== skipWrappers(node) || getStaticKey(parent) !== key) {
          matched = false;
          break;
        }
        node = parent;
      }
      if (matched) found.push(node);
      // The bare root of a binding path handed elsewhere (`stop(state)`) takes the handle with it.
      else if (path.root === 'binding' && path.keys.length > 0 && start.parent?.type !== AST_NODE_TYPES.MemberExpression) {
        if (useOfHandle(sourceCode, start) === 'escape') found.push(start);
      }
    }
    return found;
  }

  return {
    visitor,
    handleUses(path) {
      const clears: TSESTree.Node[] = [];
      const escapes: TSESTree.Node[] = [];
      for (const node of occurrences(path)) {
        if (isWriteTarget(node)) continue;
        const use = useOfHandle(sourceCode, node);
        if (use === 'clear') clears.push(node);
        else if (use === 'escape') escapes.push(node);
      }
      if (path.root === 'this') {
        // Cleared from outside the class (`clearInterval(room.timer)`) or by a helper that clears
        // whatever it is given (`timers.forEach(clearInterval)`).
        const last = path.keys[path.keys.length - 1];
        for (const call of clearCalls) {
          const argument = call.arguments[0] && unwrapExpression(call.arguments[0]);
          if (argument?.type === AST_NODE_TYPES.MemberExpression && (getStaticKey(argument) === last || argument.computed)) {
            if (!clears.includes(argument)) clears.push(argument);
          }
        }
        for (const value of clearValues) if (isInside(value, path.cls)) escapes.push(value);
      }
      return { clears, escapes };
    },
    inEffectCleanup(node) {
      cleanupSet ??= computeCleanupSet();
      for (let current = node.parent; current; current = current.parent) {
        if (isFunctionNode(current) && cleanupSet.has(current)) return true;
      }
      return false;
    },
    removalsFor(registration) {
      return removals.filter((removal) => removalMatches(sourceCode, registration, removal));
    },
    effectReturns(effect) {
      return returnsByCallback.get(effect.callback) ?? [];
    },
    onceGuard(node, activation) {
      const kind = (path: AccessPath) => (path.root === 'this' ? 'instance' : 'process');
      for (let child: TSESTree.Node = node, current = node.parent; current && current !== activation; child = current, current = current.parent) {
        if (current.type !== AST_NODE_TYPES.IfStatement || current.test === child) continue;
        if (mentionsListenerCount(current.test)) return 'process';
        const inConsequent = current.consequent === child;
        const guard = guardPath(current.test, inConsequent ? 'unset' : 'set');
        if (guard && writesOf(guard).some((write) => isInside(write, inConsequent ? current.consequent : current))) return kind(guard);
      }
      // `if (this.started) return;` before the node, and `this.started = ...` in the function.
      const body = activation.body;
      if (body.type !== AST_NODE_TYPES.BlockStatement) return null;
      for (const statement of body.body) {
        if (statement.range[1] > node.range[0]) break;
        if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate || !exits(statement.consequent)) continue;
        if (mentionsListenerCount(statement.test)) return 'process';
        const guard = guardPath(statement.test, 'set');
        if (guard && writesOf(guard).some((write) => isInside(write, activation) && write.range[0] > statement.range[1])) return kind(guard);
      }
      return null;
    },
  };

  /** Where `path` is written (`this.client = ...`, `client = ...`). */
  function writesOf(path: AccessPath): TSESTree.Node[] {
    if (path.root === 'binding' && path.keys.length === 0) {
      return path.variable.references.filter((ref) => ref.isWrite() && !ref.init).map((ref) => ref.identifier);
    }
    return occurrences(path).filter(isWriteTarget);
  }

  /**
   * The path a guard tests: for 'unset', the test passes while the path is unset (`!x`, `x == null`,
   * `x === undefined`); for 'set', while it is set (`x`, `x != null`).
   */
  function guardPath(test: TSESTree.Node, when: 'set' | 'unset'): AccessPath | null {
    const value = unwrapExpression(test);
    if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!') {
      return guardPath(value.argument, when === 'set' ? 'unset' : 'set');
    }
    if (value.type === AST_NODE_TYPES.BinaryExpression && ['==', '===', '!=', '!=='].includes(value.operator)) {
      const other = unwrapExpression(value.right);
      const empty =
        (other.type === AST_NODE_TYPES.Literal && other.value === null) ||
        (other.type === AST_NODE_TYPES.Identifier && other.name === 'undefined');
      if (!empty) return null;
      const equal = value.operator === '==' || value.operator === '===';
      return (equal ? when === 'unset' : when === 'set') ? accessPathOf(sourceCode, value.left) : null;
    }
    if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator === (when === 'set' ? '&&' : '||')) {
      return guardPath(value.left, when) ?? guardPath(value.right, when);
    }
    return when === 'set' ? accessPathOf(sourceCode, value) : null;
  }

  /**
   * Cleanup functions of every effect, plus the functions they call by name (`return () => stop()`
   * where `const stop = () => clearInterval(id)`), one level deep.
   */
  function computeCleanupSet(): Set<FunctionNode> {
    const set = new Set<FunctionNode>();
    for (const effect of effects) {
      for (const fn of cleanupFunctionsOf(sourceCode, effect, returnsByCallback.get(effect.callback) ?? [])) set.add(fn);
    }
    // Functions whose name is called inside a cleanup: `const detach = () => ...; return () => detach();`.
    const extra: FunctionNode[] = [];
    for (const fn of set) {
      const scope = sourceCode.getScope(fn);
      for (const ref of scope.through) {
        const call = ref.identifier.parent;
        if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== ref.identifier) continue;
        const callee = ref.resolved && functionValueOf(sourceCode, ref.identifier);
        if (callee && !set.has(callee)) extra.push(callee);
      }
    }
    for (const fn of extra) set.add(fn);
    return set;
  }
}

/** `x.listeners('e').length`, `x.listenerCount('e')` in a test: the code adds a listener only when none is there. */
function mentionsListenerCount(test: TSESTree.Node): boolean {
  const value = unwrapExpression(test);
  switch (value.type) {
    case AST_NODE_TYPES.CallExpression:
      return (
        (value.callee.type === AST_NODE_TYPES.MemberExpression && ['listeners', 'listenerCount', 'rawListeners'].includes(getStaticKey(value.callee) ?? '')) ||
        value.arguments.some(mentionsListenerCount)
      );
    case AST_NODE_TYPES.MemberExpression:
      return mentionsListenerCount(value.object);
    case AST_NODE_TYPES.UnaryExpression:
      return mentionsListenerCount(value.argument);
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return mentionsListenerCount(value.left) || mentionsListenerCount(value.right);
    default:
      return false;
  }
}

/** A statement that always leaves the function: `return`, `throw`, or a block ending in one. */
function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type === AST_NODE_TYPES.BlockStatement) {
    const last = statement.body[statement.body.length - 1];
    return last !== undefined && exits(last);
  }
  return false;
}

function skipWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSNonNullExpression || current.parent.type === AST_NODE_TYPES.TSAsExpression) &&
    current.parent.expression === current
  ) {
    current = current.parent;
  }
  return current;
}

function isWriteTarget(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node;
}

function removalMatches(sourceCode: SourceCode, registration: Registration, removal: Removal): boolean {
  if (registration.api === 'eventsOn') return false;
  if (removal.api !== registration.api) return false;
  if (!sameTarget(sourceCode, registration.target, removal.target)) return false;
  if (removal.event === undefined) return true; // removeAllListeners()
  if (!registration.event || !sameEvent(sourceCode, registration.event, removal.event)) return false;
  if (removal.listener === undefined) return true; // removeAllListeners(event)
  if (!registration.listener || isFreshFunction(registration.listener)) return false;
  if (!sameReference(sourceCode, registration.listener, removal.listener) && !sameText(sourceCode, registration.listener, removal.listener)) {
    return false;
  }
  if (registration.api === 'eventTarget') {
    const a = captureOf(sourceCode, registration.options);
    const b = captureOf(sourceCode, removal.options);
    if (a !== null && b !== null && a !== b) return false;
  }
  return true;
}

/**
 * Targets match when they are the same reference, or spell the same name path: two handlers that
 * each take a `socket` parameter mean the same socket far more often than not.
 */
function sameTarget(sourceCode: SourceCode, a: TSESTree.Node, b: TSESTree.Node): boolean {
  return sameReference(sourceCode, a, b) || sameText(sourceCode, a, b);
}

/**
 * Events match as references do, and also when both are the same call of constant arguments
 * (`getVisibilityEvent()` in the setup and in the cleanup): an event name computed twice the same way.
 */
function sameEvent(sourceCode: SourceCode, a: TSESTree.Node, b: TSESTree.Node): boolean {
  if (sameReference(sourceCode, a, b) || (isNamePath(a) && sameText(sourceCode, a, b))) return true;
  const x = unwrapExpression(a);
  const y = unwrapExpression(b);
  return (
    x.type === AST_NODE_TYPES.CallExpression &&
    y.type === AST_NODE_TYPES.CallExpression &&
    isNamePath(x.callee) &&
    x.arguments.every((arg) => arg.type === AST_NODE_TYPES.Literal) &&
    sourceCode.getText(x).replace(/\s+/g, '') === sourceCode.getText(y).replace(/\s+/g, '')
  );
}

function sameText(sourceCode: SourceCode, a: TSESTree.Node, b: TSESTree.Node): boolean {
  const x = unwrapExpression(a);
  const y = unwrapExpression(b);
  if (!isNamePath(x) || !isNamePath(y)) return false;
  // Loop bindings are the same only when their collections are (see sameReference), whatever their names.
  if (x.type === AST_NODE_TYPES.Identifier && y.type === AST_NODE_TYPES.Identifier) {
    const vx = ASTUtils.findVariable(sourceCode.getScope(x), x);
    const vy = ASTUtils.findVariable(sourceCode.getScope(y), y);
    if ((vx && iterationBinding(vx)) || (vy && iterationBinding(vy))) return false;
  }
  return sourceCode.getText(x).replace(/\s+|\?/g, '') === sourceCode.getText(y).replace(/\s+|\?/g, '');
}

function isNamePath(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.ThisExpression) return true;
  return value.type === AST_NODE_TYPES.MemberExpression && !value.computed && isNamePath(value.object);
}
