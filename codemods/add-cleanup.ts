import type { TSESLint } from '@typescript-eslint/utils';
import type { API, FileInfo, Options } from 'jscodeshift';
import listenerRule, { TRIGGERS as LISTENER_TRIGGERS } from '../rules/no-leaked-listener';
import timerRule from '../rules/no-leaked-timer';
import { DISPOSE_METHODS } from '../src/analysis/lifecycle';
import { calleeName, insideFunction, someNode } from '../src/analysis/codemod-tree';
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
  // A timer or registration inside a function, and inside an effect's setup or a class with a
  // dispose-like method (or anywhere, when the file has a signal: the `{ signal }` rewrite).
  mayChangeTree: (tree, ts, { source }) => {
    const signal = SIGNAL.test(source);
    return someNode(ts, tree, (node) => {
      if (!ts.isCallExpression(node) || !insideFunction(ts, node)) return false;
      const name = calleeName(ts, node) ?? '';
      if (!REGISTERS.has(name)) return false;
      // `{ signal }` is a rewrite for listeners only.
      return (signal && !TIMERS.has(name)) || hasOwner(ts, node);
    });
  },
};

const TIMERS = new Set(['setInterval', 'setTimeout']);
const REGISTERS = new Set(['setInterval', 'setTimeout', 'on', 'addListener', 'prependListener', 'addEventListener']);
const EFFECTS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect']);
const DISPOSE_NAMES = new Set(DISPOSE_METHODS);

function hasOwner(ts: typeof TS, node: TS.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isCallExpression(current) && EFFECTS.has(calleeName(ts, current) ?? '')) return true;
    if (ts.isClassLike(current)) {
      return current.members.some((member) => {
        const name = member.name;
        if (!name) return false;
        if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) return DISPOSE_NAMES.has(name.text.replace(/^#/, ''));
        return ts.isComputedPropertyName(name) && /dispose/i.test(name.expression.getText());
      });
    }
  }
  return false;
}

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
