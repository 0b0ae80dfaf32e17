import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getStaticKey, isFunctionNode, unwrapExpression } from '../src/analysis/ast';
import {
  captureOf,
  createCleanupCollector,
  isFreshFunction,
  registrationOf,
  registrationOptions,
  removalMethodFor,
  targetLifetime,
  type Registration,
} from '../src/analysis/cleanup';
import {
  addToDisposeMethod,
  addToEffectCleanup,
  freshName,
  handlerName,
  isStatementOf,
  signalInScope,
} from '../src/analysis/cleanup-edits';
import type { FunctionNode } from '../src/analysis/context';
import { addProperties, insertArgument, toFix, type Edit } from '../src/analysis/edits';
import { isScriptFile, isTestFile, relativePathOf } from '../src/analysis/files';
import {
  activationOf,
  effectOfCallback,
  hasStartupName,
  isConstructorOfEndlessClass,
  lifecycleOf,
  mountHookOf,
  runsOnce,
  type DisposeMethod,
  type Effect,
} from '../src/analysis/lifecycle';
import { namedOptionsSchema } from '../src/analysis/settings';
import { createRule } from '../src/util/create-rule';

export type Options = [{ checkTestFiles?: boolean; checkScripts?: boolean; startupFunctions?: string[] }];
export type MessageId =
  | 'leakedListener'
  | 'inlineListener'
  | 'effectListener'
  | 'componentListener'
  | 'listenerFixCleanup'
  | 'listenerFixSignal'
  | 'listenerFixDispose';

/**
 * Measured by tests/bench/cases/no-leaked-listener.mjs (Node 20.20, --expose-gc, heap after a full
 * GC): 10,000 calls that add a listener closing over a 1 KB context to a long-lived EventEmitter held
 * 15.0 MB of heap, against 3.1 MB when each call removes its listener (EventTarget with an aborted
 * `{ signal }`: 15.6 MB against 3.8 MB).
 */
const COST = '10,000 calls kept 10,000 listeners and 12 MB of heap in our benchmark, and every event runs them all';

export const REGISTRATION_METHODS: ReadonlySet<string> = new Set(['on', 'addListener', 'prependListener', 'addEventListener']);
/** Every file with a finding contains one of these (`events` for `on` imported from `node:events`). */
export const TRIGGERS: readonly string[] = ['.on(', 'Listener(', 'events'];

interface Pending {
  registration: Registration;
  activation: FunctionNode;
  effect: Effect | null;
  /** What the target is, for the message (`process`, `this.emitter`). */
  target: string;
}

export default createRule<Options, MessageId>({
  name: 'no-leaked-listener',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow adding listeners to long-lived targets on every call without removing them',
      technique: 'Goroutine leak tests',
      priority: 'P0',
      presets: ['recommended'],
    },
    hasSuggestions: true,
    defaultOptions: [{ checkTestFiles: false, checkScripts: false }],
    schema: [
      namedOptionsSchema({
        checkTestFiles: { type: 'boolean', description: 'Also check test files (their runner ends them).' },
        checkScripts: { type: 'boolean', description: 'Also check scripts and config files (they run once and exit).' },
        startupFunctions: {
          type: 'array',
          items: { type: 'string' },
          description: 'Names of functions that run once at start-up (`name`, or `prefix*`); replaces the default list.',
        },
      }),
    ],
    messages: {
      leakedListener:
        '`{{call}}` adds a listener to {{target}} on every call of this function and nothing removes it, so listeners pile up ({{cost}}); {{fix}}.',
      inlineListener:
        '`{{call}}` adds an inline listener to {{target}} on every call of this function, and an inline function can never be removed by reference ({{cost}}); {{fix}}.',
      componentListener:
        '`{{call}}` in the component\'s `{{hook}}()` adds a listener to {{target}} that no `{{unmount}}()` removes, so every mount leaves one behind ({{cost}}); remove it with `{{removal}}` in `{{unmount}}()`.',
      effectListener:
        '`{{call}}` in a `{{hook}}` adds a listener that the effect\'s cleanup does not remove, so every re-run and unmount leaves one behind ({{cost}}); return a cleanup that calls `{{removal}}` with the same function.',
      listenerFixCleanup: 'Name the handler and return a cleanup that calls `{{removal}}`.',
      listenerFixSignal: 'Pass `{{signal}}` so aborting it removes the listener.',
      listenerFixDispose: 'Call `{{removal}}` in `{{method}}()`.',
    },
  },
  defaultOptions: [{ checkTestFiles: false, checkScripts: false }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.text;
    const relativePath = relativePathOf(context);
    if (!options.checkTestFiles && isTestFile(relativePath)) return {};
    if (!options.checkScripts && isScriptFile(relativePath)) return {};
    if (!TRIGGERS.some((word) => text.includes(word))) return {};

    const collector = createCleanupCollector(sourceCode, { removals: true });
    const pending: Pending[] = [];

    return {
      CallExpression(node) {
        collector.visitor.CallExpression(node);
        check(node);
      },
      ReturnStatement: collector.visitor.ReturnStatement,
      // Only `this.<key>` reads are collected: the selector spares a listener call per member expression.
      'MemberExpression[object.type="ThisExpression"]': collector.visitor.MemberExpression,
      'Program:exit'() {
        for (const item of pending) resolve(item);
      },
    };

    function check(node: TSESTree.CallExpression): void {
      const callee = unwrapExpression(node.callee);
      const name =
        callee.type === AST_NODE_TYPES.MemberExpression ? getStaticKey(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
      if (name === null || !REGISTRATION_METHODS.has(name)) return;
      const registration = registrationOf(sourceCode, node);
      if (!registration) return;
      // Module scope runs once: `process.on('SIGTERM', ...)` at start-up is the program's own.
      const activation = activationOf(node);
      if (!activation) return;
      if (registrationOptions(sourceCode, registration) !== 'none') return;
      if (resultIsKept(node, registration)) return;
      const effect = effectOfCallback(activation);
      if (effect) {
        if (isCreatedIn(registration.target, activation)) return;
        pending.push({ registration, activation, effect, target: `\`${sourceCode.getText(registration.target)}\`` });
        return;
      }
      const once = { startupFunctions: options.startupFunctions };
      if (runsOnce(sourceCode, activation, once) || isConstructorOfEndlessClass(activation)) return;
      const lifetime = targetLifetime(sourceCode, registration.target, activation);
      if (lifetime.kind !== 'outlives') return;
      // `listen()`, `init()` of an instance wire its own fields once: per instance, like a constructor.
      if (isThisRooted(registration.target) && hasStartupName(activation, once)) return;
      // An EventTarget keeps one entry per (type, listener, capture): adding the same function again
      // changes nothing, so only a function made per call piles up.
      if (registration.api === 'eventTarget' && isSameOnEveryCall(registration.listener, activation)) return;
      pending.push({ registration, activation, effect: null, target: lifetime.description });
    }

    function resolve({ registration, activation, effect, target }: Pending): void {
      if (!effect) {
        // Added once per process, or once per instance to the instance's own field.
        const guard = collector.onceGuard(registration.call, activation);
        if (guard === 'process' || (guard === 'instance' && isThisRooted(registration.target))) return;
      }
      const removals = collector.removalsFor(registration);
      const call = callText(registration);
      const removal = removalMethodFor(registration.method);
      if (effect) {
        if (removals.some((node) => collector.inEffectCleanup(node.call))) return;
        const suggestions = [effectCleanupSuggestion(registration, effect), signalSuggestion(registration, activation)].filter(
          (suggestion): suggestion is TSESLint.SuggestionReportDescriptor<MessageId> => suggestion !== null,
        );
        context.report({
          node: registration.call,
          messageId: 'effectListener',
          data: { call, hook: effect.hook, removal, cost: COST },
          suggest: suggestions,
        });
        return;
      }
      if (removals.length > 0) return;
      // The iterator of `events.on(emitter, name)` left unconsumed buffers every event forever.
      if (registration.api === 'eventsOn') {
        context.report({
          node: registration.call,
          messageId: 'leakedListener',
          data: { call, target, cost: COST, fix: 'consume it in a `for await` loop and pass `{ signal }`' },
        });
        return;
      }
      const fresh = isFreshFunction(registration.listener);
      const canSignal = registration.api === 'eventTarget';
      const fix = fresh
        ? `name it and remove it with \`${removal}\`${canSignal ? ', or pass `{ signal }`' : ''}`
        : `remove it with \`${removal}\` when done${canSignal ? ', or pass `{ signal }`' : ''}`;
      const suggestions = [signalSuggestion(registration, activation), disposeSuggestion(registration)].filter(
        (suggestion): suggestion is TSESLint.SuggestionReportDescriptor<MessageId> => suggestion !== null,
      );
      const mount = mountHookOf(activation);
      if (mount) {
        context.report({
          node: registration.call,
          messageId: 'componentListener',
          data: { call, target, cost: COST, hook: mount.hook, unmount: mount.unmount, removal },
          suggest: suggestions,
        });
        return;
      }
      context.report({
        node: registration.call,
        messageId: fresh ? 'inlineListener' : 'leakedListener',
        data: { call, target, cost: COST, fix },
        suggest: suggestions,
      });
    }

    /** `const handleResize = () => ...;` for an inline listener, then the removal in the cleanup. */
    function effectCleanupSuggestion(registration: Registration, effect: Effect): TSESLint.SuggestionReportDescriptor<MessageId> | null {
      if (registration.api === 'eventsOn' || !registration.listener || !registration.event) return null;
      const statement = registration.call.parent;
      if (!statement || !isStatementOf(statement, effect.callback) || unwrapExpression(statement.expression) !== registration.call) return null;
      if (!isStableTarget(registration.target)) return null;
      const edits: Edit[] = [];
      let handler: string;
      const listener = unwrapExpression(registration.listener);
      if (isFunctionNode(listener)) {
        handler = freshName(sourceCode, effect.callback, handlerName(registration.event));
        const indent = /^[ \t]*/.exec(sourceCode.lines[statement.loc.start.line - 1] ?? '')?.[0] ?? '';
        edits.push({ range: [statement.range[0], statement.range[0]], text: `const ${handler} = ${sourceCode.getText(listener)};\n${indent}` });
        edits.push({ range: registration.listener.range, text: handler });
      } else if (isStableTarget(listener) && !isFreshFunction(listener)) {
        handler = sourceCode.getText(registration.listener);
      } else {
        return null;
      }
      const removal = removalMethodFor(registration.method);
      const statementText = `${sourceCode.getText(registration.target)}.${removal}(${sourceCode.getText(registration.event)}, ${handler}${captureArgument(registration)});`;
      const cleanup = addToEffectCleanup(sourceCode, effect, collector.effectReturns(effect), statement, [statementText]);
      if (!cleanup) return null;
      return { messageId: 'listenerFixCleanup', data: { removal }, fix: toFix([...edits, ...cleanup]) };
    }

    /** `{ signal }` for an EventTarget registration when this run has its own AbortSignal. */
    function signalSuggestion(registration: Registration, activation: FunctionNode): TSESLint.SuggestionReportDescriptor<MessageId> | null {
      if (registration.api !== 'eventTarget') return null;
      const signal = signalInScope(sourceCode, registration.call, activation);
      if (!signal) return null;
      const property = signal === 'signal' ? 'signal' : `signal: ${signal}`;
      const options = registration.options && unwrapExpression(registration.options);
      let edits: Edit[] | null;
      if (!options) {
        edits = [insertArgument(sourceCode, registration.call, 2, `{ ${property} }`)];
      } else if (options.type === AST_NODE_TYPES.Literal && typeof options.value === 'boolean') {
        edits = [{ range: options.range, text: `{ capture: ${String(options.value)}, ${property} }` }];
      } else if (options.type === AST_NODE_TYPES.ObjectExpression) {
        edits = addProperties(sourceCode, options, [{ key: 'signal', value: signal }]);
        edits = edits?.map((edit) => ({ ...edit, text: edit.text.replace('signal: signal', 'signal') })) ?? null;
      } else {
        edits = null;
      }
      if (!edits) return null;
      return { messageId: 'listenerFixSignal', data: { signal: `{ ${property} }` }, fix: toFix(edits) };
    }

    /** In a class with a dispose-like method: remove the listener there. */
    function disposeSuggestion(registration: Registration): TSESLint.SuggestionReportDescriptor<MessageId> | null {
      if (registration.api === 'eventsOn' || !registration.listener || !registration.event) return null;
      const lifecycle = lifecycleOf(registration.call);
      if (lifecycle?.kind !== 'class') return null;
      const method: DisposeMethod = lifecycle.dispose[0]!;
      const listener = unwrapExpression(registration.listener);
      if (!isStableTarget(registration.target) || !isStableTarget(listener) || isFreshFunction(listener)) return null;
      // The removal runs in another method: every name it uses must mean the same thing there.
      if (![registration.target, listener, registration.event].every((node) => visibleFrom(node, method.fn))) return null;
      const removal = removalMethodFor(registration.method);
      const statement = `${sourceCode.getText(registration.target)}.${removal}(${sourceCode.getText(registration.event)}, ${sourceCode.getText(listener)}${captureArgument(registration)});`;
      const edit = addToDisposeMethod(sourceCode, method, [statement]);
      if (!edit) return null;
      return { messageId: 'listenerFixDispose', data: { removal, method: method.name }, fix: toFix([edit]) };
    }

    function captureArgument(registration: Registration): string {
      if (registration.api !== 'eventTarget') return '';
      return captureOf(sourceCode, registration.options) === true ? ', true' : '';
    }

    /** Names in `node` resolve to module-level bindings, globals or `this`: usable in `fn` too. */
    function visibleFrom(node: TSESTree.Node, fn: FunctionNode): boolean {
      const value = unwrapExpression(node);
      if (value.type === AST_NODE_TYPES.Literal || value.type === AST_NODE_TYPES.ThisExpression) return true;
      if (value.type === AST_NODE_TYPES.TemplateLiteral) return value.expressions.length === 0;
      if (value.type === AST_NODE_TYPES.MemberExpression) return !value.computed && visibleFrom(value.object, fn);
      if (value.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
      if (!variable || variable.defs.length === 0) return true;
      const block = variable.scope.block;
      return block.range[0] <= fn.range[0] && block.range[1] >= fn.range[1];
    }

    /** A listener named by a binding from outside this function's runs: the same function every time. */
    function isSameOnEveryCall(listener: TSESTree.Node | undefined, activation: FunctionNode): boolean {
      const value = listener && unwrapExpression(listener);
      if (value?.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
      if (!variable || variable.defs.length === 0) return false;
      if (variable.references.some((ref) => ref.isWrite() && !ref.init)) return false;
      const block = variable.scope.variableScope.block;
      return !(block.range[0] >= activation.range[0] && block.range[1] <= activation.range[1]);
    }

    function callText(registration: Registration): string {
      const callee = sourceCode.getText(registration.call.callee).replace(/\s+/g, '');
      const short = callee.length > 40 ? `…${callee.slice(-39)}` : callee;
      const eventText = registration.event ? sourceCode.getText(registration.event) : '';
      return `${short}(${eventText.length > 30 ? '…' : eventText}, …)`;
    }

    /**
     * Made by the effect itself: `new WebSocket(url)`, a factory (`io(url)`, `await connect()`).
     * A lookup (`document.getElementById(id)`, `window.matchMedia(q)`, `ref.current`) finds
     * something that outlives the effect.
     */
    function isCreatedIn(target: TSESTree.Node, activation: FunctionNode): boolean {
      let root = unwrapExpression(target);
      while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrapExpression(root.object);
      if (root.type !== AST_NODE_TYPES.Identifier) return isMade(root);
      const variable = ASTUtils.findVariable(sourceCode.getScope(root), root);
      const def = variable?.defs[0];
      if (!def || def.type !== 'Variable' || variable!.scope.variableScope.block !== activation) return false;
      const init = def.node.type === AST_NODE_TYPES.VariableDeclarator ? def.node.init : null;
      return init !== null && isMade(unwrapExpression(init));
    }

    function isMade(node: TSESTree.Node): boolean {
      if (node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.AwaitExpression) return true;
      // `typeof indexedDB !== 'undefined' ? new IndexeddbPersistence(name) : undefined`
      if (node.type === AST_NODE_TYPES.ConditionalExpression) return isMade(unwrapExpression(node.consequent)) || isMade(unwrapExpression(node.alternate));
      if (node.type === AST_NODE_TYPES.LogicalExpression) return isMade(unwrapExpression(node.right));
      return node.type === AST_NODE_TYPES.CallExpression && unwrapExpression(node.callee).type === AST_NODE_TYPES.Identifier;
    }
  },
});

/**
 * A registration whose value is kept (`const off = bus.on(...)`, `return emitter.on(...)`,
 * `subscriptions.push(x.on(...))`): many APIs return a disposer from `on`, and whoever holds it may
 * call it. Chained registrations (`x.on(a, f).on(b, g)`) are not kept.
 */
function resultIsKept(call: TSESTree.CallExpression, registration: Registration): boolean {
  let node: TSESTree.Node = call;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.TSAsExpression || node.parent.type === AST_NODE_TYPES.ChainExpression)) {
    node = node.parent;
  }
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.ExpressionStatement) return false;
  if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void') return false;
  if (parent.type === AST_NODE_TYPES.AwaitExpression) return false;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
    const next = parent.parent;
    const method = getStaticKey(parent);
    return !(next?.type === AST_NODE_TYPES.CallExpression && next.callee === parent && method !== null && (REGISTRATION_METHODS.has(method) || method === 'once'));
  }
  // `for await (const x of on(emitter, 'data'))`: breaking out of the loop closes the iterator.
  if (registration.api === 'eventsOn') return true;
  // `useEffect(() => window.addEventListener(...))`, `xs.forEach((x) => x.on(...))`: the arrow's
  // value goes nowhere. Any other arrow hands it to its caller.
  if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node) {
    return !(effectOfCallback(parent) || isDiscardingCallback(parent));
  }
  return true;
}

function isDiscardingCallback(fn: TSESTree.ArrowFunctionExpression): boolean {
  const call = fn.parent;
  return (
    call?.type === AST_NODE_TYPES.CallExpression &&
    call.arguments[0] === fn &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    getStaticKey(call.callee) === 'forEach'
  );
}

function isThisRooted(node: TSESTree.Node): boolean {
  let root = unwrapExpression(node);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrapExpression(root.object);
  return root.type === AST_NODE_TYPES.ThisExpression;
}

/** A name path (`window`, `this.socket`, `bus.events`) that evaluates the same later; not `ref.current`. */
function isStableTarget(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.ThisExpression) return true;
  return (
    value.type === AST_NODE_TYPES.MemberExpression &&
    !value.computed &&
    getStaticKey(value) !== 'current' &&
    isStableTarget(value.object)
  );
}
