import type { TSESLint } from '@typescript-eslint/utils';
import type { API, FileInfo, Options } from 'jscodeshift';
import listenerRule, { REGISTRATION_METHODS, TRIGGERS as LISTENER_TRIGGERS } from '../rules/no-leaked-listener';
import timerRule from '../rules/no-leaked-timer';
import { DISPOSE_METHODS, EFFECT_HOOKS } from '../src/analysis/lifecycle';
import { calleeName, insideFunction, someNode, unwrap } from '../src/analysis/codemod-tree';
import type * as TS from 'typescript';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';

type AnyRule = TSESLint.RuleModule<string, readonly unknown[]>;
type Listener = (node: never) => void;

/**
 * Both rules as one, so that one pass applies both rules' suggestions (and a file with either kind
 * of finding counts as having work for this codemod). Same options schema, both sets of messages.
 */
const cleanupRule: AnyRule = {
  meta: {
    ...timerRule.meta,
    messages: { ...timerRule.meta.messages, ...listenerRule.meta.messages },
  },
  defaultOptions: timerRule.defaultOptions,
  create(context) {
    const merged: Record<string, Listener> = {};
    for (const rule of [timerRule, listenerRule] as unknown as AnyRule[]) {
      for (const [selector, listener] of Object.entries(rule.create(context))) {
        if (!listener) continue;
        const previous = merged[selector];
        merged[selector] = previous
          ? (node: never) => {
              previous(node);
              (listener as Listener)(node);
            }
          : (listener as Listener);
      }
    }
    return merged;
  },
};

// A timer, or a registration: `x.on(`, `on(emitter, ...)` of node:events, `addListener`, ...
const TRIGGER = /\bset(?:Interval|Timeout)\b|(?<![\w$])(?:on|addListener|prependListener|addEventListener)\s*\(/;
// An effect or a class before the timer or registration: the cleanup goes into the effect's cleanup
// or the class's dispose-like method; or an AbortSignal the code has, for `{ signal }`.
const EFFECT_OR_CLASS_FIRST = new RegExp(String.raw`(?:\buse(?:Layout|Insertion)?Effect\s*\(|\bclass\b)[\s\S]*?(?:${TRIGGER.source})`);
const DISPOSE = new RegExp(String.raw`\buse(?:Layout|Insertion)?Effect\b|Symbol\s*\.\s*(?:asyncDispose|dispose)|(?<![\w$.])(?:${DISPOSE_METHODS.join('|')})\s*[(=:]`);
const SIGNAL = /\bsignal\b|\bAbort(?:Controller|Signal)\b/;

/**
 * add-cleanup: gives leaked timers and listeners the cleanup that `no-leaked-timer` and
 * `no-leaked-listener` propose. React effects: keep the timer's handle (or name the inline listener)
 * and return a cleanup that clears (removes) it. Classes with a dispose-like method: keep the timer in
 * a field and clear it there, or remove the listener there. Listeners added where this run has its
 * own AbortSignal: pass `{ signal }`. Every other shape is left alone and reported with the rule's
 * message as the reason. Takes `--checkTestFiles=true`, `--checkScripts=true`,
 * `--startupFunctions=...` and `--settings=<json>`.
 */
export const codemod: CodemodRule = {
  name: 'add-cleanup',
  rule: cleanupRule,
  triggers: ['setInterval', 'setTimeout', ...LISTENER_TRIGGERS],
  // Every rewrite goes into an owner that ends: an effect's cleanup, a dispose-like method, or a
  // `{ signal }` the code already has.
  mayChange: (source) => TRIGGER.test(source) && (SIGNAL.test(source) || (EFFECT_OR_CLASS_FIRST.test(source) && DISPOSE.test(source))),
  // A timer or registration with a rewrite the rules could offer (see `mayRewrite`).
  mayChangeTree: (tree, ts, { source }) => {
    const signal = SIGNAL.test(source);
    return someNode(ts, tree, (node) => ts.isCallExpression(node) && mayRewrite(ts, node, signal));
  },
};

const TIMERS = new Set(['setInterval', 'setTimeout']);
const REMOVALS = new Set(['off', 'removeListener', 'removeEventListener']);
const DISPOSE_NAMES = new Set(DISPOSE_METHODS);
/** no-leaked-timer's shortest effect timeout that is not a deferral (its MIN_EFFECT_TIMEOUT_MS). */
const MIN_EFFECT_TIMEOUT_MS = 1000;

/**
 * Whether the rules could offer a rewrite for this call, from what the rules require of one: each
 * rewrite goes into an owner that ends. A timer or listener whose statement sits directly in an
 * effect's setup and that the effect's returned cleanup does not already clear (remove); one in a
 * class with a dispose-like method (a timer dropped or kept on `this`; a listener by reference); a
 * DOM listener where the file has an AbortSignal. Timeouts in effects shorter than a second, values
 * kept (a disposer, a handle someone else owns) and registrations with `{ once }` or `{ signal }`
 * are silent in the rules, so they are here.
 */
function mayRewrite(ts: typeof TS, call: TS.CallExpression, signal: boolean): boolean {
  const name = calleeName(ts, call) ?? '';
  const timer = TIMERS.has(name);
  if ((!timer && !REGISTRATION_METHODS.has(name)) || !insideFunction(ts, call)) return false;
  const use = useOf(ts, call, timer);
  if (use.kind === 'escaped') return false;
  if (timer && name === 'setTimeout' && use.kind === 'kept' && !isThisPath(ts, use.target) && !inEffectStatement(ts, use.statement)) return false;
  if (!timer) {
    // A listener's kept value is a disposer (or the emitter) its holder may use: the rule is silent.
    if (use.kind === 'kept' || hasOnceOrSignal(ts, call.arguments[2])) return false;
    if (signal && name === 'addEventListener') return true;
  }
  const effect = inEffectStatement(ts, use.statement);
  if (effect) {
    if (timer) {
      if (name === 'setTimeout' && isShortDelay(ts, call.arguments[1])) return false;
      if (use.kind === 'kept' && /\.current$/.test(use.target.getText())) return false;
      return use.kind === 'discarded' || !cleanupCalls(ts, effect, new Set(['clearTimeout', 'clearInterval']), [use.target.getText()]);
    }
    const [event, listener] = call.arguments;
    if (!event || !listener) return false;
    const handler = unwrap(ts, listener);
    if (!isStable(ts, call.expression, true) || !(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler) || isStable(ts, handler, false))) return false;
    return !cleanupCalls(ts, effect, REMOVALS, call.arguments.map((argument) => argument.getText()));
  }
  const owner = disposeClassOf(ts, call);
  if (!owner) return false;
  if (timer) return use.kind === 'discarded' ? name === 'setInterval' : isThisPath(ts, use.target);
  const listener = call.arguments[1];
  if (listener === undefined || ts.isArrowFunction(unwrap(ts, listener)) || ts.isFunctionExpression(unwrap(ts, listener))) return false;
  // Removed somewhere in the class already (`destroy() { this.el.removeEventListener(...) }`).
  const receiver = ts.isPropertyAccessExpression(call.expression) ? call.expression.expression.getText() : null;
  return !someNode(ts, owner, (node) => ts.isCallExpression(node) && REMOVALS.has(calleeName(ts, node) ?? '') && sameCall(ts, node, call, receiver));
}

/** `removal` names the same receiver and passes the same arguments as `call`, by their text. */
function sameCall(ts: typeof TS, removal: TS.CallExpression, call: TS.CallExpression, receiver: string | null): boolean {
  if (receiver === null || !ts.isPropertyAccessExpression(removal.expression) || removal.expression.expression.getText() !== receiver) return false;
  return removal.arguments.length === call.arguments.length && removal.arguments.every((argument, index) => argument.getText() === call.arguments[index]!.getText());
}

type Use =
  | { kind: 'discarded'; statement: TS.Node }
  | { kind: 'kept'; statement: TS.Node; target: TS.Node }
  | { kind: 'escaped' };

/**
 * What becomes of the call's value, as the rules read it (cleanup.ts `fateOf`, the listener rule's
 * `resultIsKept`): dropped by a statement, kept in a declaration or an assignment, or handed on.
 * A listener's value (a disposer, the emitter of a chain) counts as dropped whenever it may be.
 */
function useOf(ts: typeof TS, call: TS.CallExpression, timer: boolean): Use {
  let node: TS.Node = call;
  for (;;) {
    const parent = node.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent) || ts.isSatisfiesExpression(parent)) {
      node = parent;
    } else if (ts.isPropertyAccessExpression(parent) && parent.expression === node && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
      // `.unref()` returns the timer; `.on(...)` chains a registration.
      node = parent.parent;
    } else if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent) || ts.isAwaitExpression(parent)) {
      return { kind: 'discarded', statement: ts.isExpressionStatement(parent) ? parent : node };
    } else if (ts.isConditionalExpression(parent) && parent.condition !== node) {
      node = parent;
    } else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.CommaToken) {
      node = parent;
    } else if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
      return { kind: 'kept', statement: parent.parent.parent, target: parent.name };
    } else if (
      ts.isBinaryExpression(parent) &&
      parent.right === node &&
      [ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken].includes(parent.operatorToken.kind)
    ) {
      return { kind: 'kept', statement: ts.isExpressionStatement(parent.parent) ? parent.parent : parent, target: parent.left };
    } else if (!timer && ts.isArrowFunction(parent) && parent.body === node) {
      return { kind: 'discarded', statement: node };
    } else {
      return { kind: 'escaped' };
    }
  }
}

/** The effect callback a statement sits directly in (`useEffect(() => { <statement> })`), else null. */
function inEffectStatement(ts: typeof TS, statement: TS.Node): TS.ArrowFunction | TS.FunctionExpression | null {
  const block = statement.parent;
  const fn = block && ts.isBlock(block) ? block.parent : undefined;
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.body !== block) return null;
  const call = fn.parent;
  return ts.isCallExpression(call) && call.arguments[0] === fn && EFFECT_HOOKS.has(calleeName(ts, call) ?? '') ? fn : null;
}

/**
 * Whether a function the effect returns (`return () => { ... }`) calls one of `names` with exactly
 * these arguments, by their text: the cleanup that already clears the handle or removes the listener.
 */
function cleanupCalls(ts: typeof TS, effect: TS.ArrowFunction | TS.FunctionExpression, names: ReadonlySet<string>, args: readonly string[]): boolean {
  const returned = (effect.body as TS.Block).statements.flatMap((statement) =>
    ts.isReturnStatement(statement) && statement.expression ? [unwrap(ts, statement.expression)] : [],
  );
  return returned.some(
    (value) =>
      (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) &&
      someNode(
        ts,
        value,
        (node) =>
          ts.isCallExpression(node) &&
          names.has(calleeName(ts, node) ?? '') &&
          node.arguments.length === args.length &&
          args.every((text, index) => node.arguments[index]!.getText() === text),
      ),
  );
}

/** `setTimeout(f)` or `setTimeout(f, 300)`: a deferral in an effect, which the timer rule leaves alone. */
function isShortDelay(ts: typeof TS, delay: TS.Expression | undefined): boolean {
  if (!delay) return true;
  const value = unwrap(ts, delay);
  return ts.isNumericLiteral(value) && Number(value.text) < MIN_EFFECT_TIMEOUT_MS;
}

/** `{ once: true }` or `{ signal }` written inline: the listener rule's registration is then silent. */
function hasOnceOrSignal(ts: typeof TS, options: TS.Expression | undefined): boolean {
  const value = options && unwrap(ts, options);
  if (!value || !ts.isObjectLiteralExpression(value)) return false;
  return value.properties.some((property) => {
    const key = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : null;
    if (key === 'signal') return !ts.isSpreadAssignment(property);
    return key === 'once' && ts.isPropertyAssignment(property) && property.initializer.kind === ts.SyntaxKind.TrueKeyword;
  });
}

/** `this.x` or `this.a.b` (the timer rule's owners on `this`). */
function isThisPath(ts: typeof TS, node: TS.Node): boolean {
  let current = node;
  while (ts.isPropertyAccessExpression(current)) current = current.expression;
  return current.kind === ts.SyntaxKind.ThisKeyword && current !== node;
}

/**
 * A name path that reads the same later (`window`, `this.socket`, `bus.events`), not `ref.current`.
 * For a call, the path of its receiver: `target.addEventListener(...)` -> `target`.
 */
function isStable(ts: typeof TS, node: TS.Expression, receiver: boolean): boolean {
  let value = unwrap(ts, node);
  if (receiver) {
    if (!ts.isPropertyAccessExpression(value)) return true; // `on(emitter, ...)`: the rule decides
    value = unwrap(ts, value.expression);
  }
  while (ts.isPropertyAccessExpression(value) && value.name.text !== 'current') value = unwrap(ts, value.expression);
  return ts.isIdentifier(value) || value.kind === ts.SyntaxKind.ThisKeyword;
}

/** The innermost enclosing class that has a dispose-like method (a cleanup can go there), else null. */
function disposeClassOf(ts: typeof TS, node: TS.Node): TS.ClassLikeDeclaration | null {
  for (let current = node.parent; current; current = current.parent) {
    if (!ts.isClassLike(current)) continue;
    const owns = current.members.some((member) => {
      const name = member.name;
      if (!name) return false;
      if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) return DISPOSE_NAMES.has(name.text.replace(/^#/, ''));
      return ts.isComputedPropertyName(name) && /dispose/i.test(name.expression.getText());
    });
    if (owns) return current;
  }
  return null;
}

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
