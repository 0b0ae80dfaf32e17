import type { API, FileInfo, Options } from 'jscodeshift';
import rule, { TRIGGERS } from '../rules/no-alloc-in-hot-loop';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import { withSuggestionsOnly } from '../src/analysis/suggestion-filter';
import { callPassing, calleeName, insideFunction, memberKey, namesOf, runsPerIteration, someNode, unwrap, withoutParens } from '../src/analysis/codemod-tree';
import { ITERATION_METHODS, TICK_SCHEDULERS } from '../src/analysis/context';
import { getSettings } from '../src/analysis/settings';
import type * as TS from 'typescript';

const HOISTABLE = /\bRegExp\s*\(|\bIntl\s*\.\s*\w+\s*\(|\bText(?:En|De)coder\s*\(/;

/**
 * hoist-invariants: creates once what `no-alloc-in-hot-loop` finds created per iteration or per
 * tick with constant arguments: `new RegExp(...)` without the `g`/`y` flags, `Intl.*` formatters,
 * `TextEncoder`/`TextDecoder`. Each moves out of the loop, to module scope when it reads nothing
 * local. These are exactly the rule's autofixes; its other suggestions (a scratch buffer, arguments
 * that are not constants) are left alone and reported. Takes `--settings=<json>` (hotFunctions).
 */
export const codemod: CodemodRule = {
  name: 'no-alloc-in-hot-loop',
  rule: withSuggestionsOnly(rule, ['allocFixHoist']),
  triggers: TRIGGERS,
  // What it hoists: RegExp, Intl formatters, text codecs (the rule's other findings are not rewritten).
  mayChange: (source) => HOISTABLE.test(source),
  // Such a construction with arguments that may be constants (the autofix needs them; a `g`/`y` flag
  // rules it out), running per iteration of a loop or iteration callback inside a function, or per
  // tick (a scheduler callback, a function named hot in `settings.hotpath.hotFunctions`, `@hot`).
  mayChangeTree: (tree, ts, { source, settings }) => {
    const hot = new Set(getSettings(settings).hotFunctions);
    const tagged = source.includes('@hot');
    let constants: Map<string, TS.Expression[]> | undefined;
    const constantsNamed = (name: string) => (constants ??= constantsOf(ts, tree)).get(name) ?? [];
    return someNode(ts, tree, (node) => isConstruction(ts, node) && hasConstantArguments(ts, node, constantsNamed) && (tagged || runsHot(ts, node, hot)));
  },
};

const INTL_CONSTRUCTORS = new Set(['Collator', 'DateTimeFormat', 'DisplayNames', 'DurationFormat', 'ListFormat', 'Locale', 'NumberFormat', 'PluralRules', 'RelativeTimeFormat', 'Segmenter']);

/** `new RegExp(p)` / `RegExp(p)`, `new Intl.NumberFormat()` / `Intl.NumberFormat()`, `new TextEncoder()`: what the rule hoists. */
function isConstruction(ts: typeof TS, node: TS.Node): node is TS.NewExpression | TS.CallExpression {
  if (!ts.isNewExpression(node) && !ts.isCallExpression(node)) return false;
  const callee = unwrap(ts, node.expression);
  if (ts.isIdentifier(callee)) {
    if (callee.text === 'RegExp') return (node.arguments?.length ?? 0) > 0;
    return ts.isNewExpression(node) && (callee.text === 'TextEncoder' || callee.text === 'TextDecoder');
  }
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Intl' && INTL_CONSTRUCTORS.has(callee.name.text);
}

/**
 * Whether every argument may be a constant the rule can evaluate (literals, templates and arithmetic
 * over them, `const` names bound to such values somewhere in the file, array and object literals of
 * them), and a RegExp's literal flags have no `g` or `y`: the rule hoists by itself only then.
 */
function hasConstantArguments(ts: typeof TS, node: TS.NewExpression | TS.CallExpression, constants: (name: string) => readonly TS.Expression[]): boolean {
  const args = node.arguments ?? [];
  if (!args.every((arg) => !ts.isSpreadElement(arg) && mayBeConstant(ts, arg, constants, 0))) return false;
  const callee = unwrap(ts, node.expression);
  const flags = ts.isIdentifier(callee) && callee.text === 'RegExp' && args[1] ? unwrap(ts, args[1]) : undefined;
  return !(flags && (ts.isStringLiteral(flags) || ts.isNoSubstitutionTemplateLiteral(flags)) && /[gy]/.test(flags.text));
}

/** The rule's `staticValue` found, as far as syntax tells: false only where it certainly is not. */
function mayBeConstant(ts: typeof TS, node: TS.Expression, constants: (name: string) => readonly TS.Expression[], depth: number): boolean {
  if (depth > 8) return false;
  const next = (child: TS.Expression) => mayBeConstant(ts, child, constants, depth + 1);
  const inner = unwrap(ts, node);
  switch (inner.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return true;
    default:
      break;
  }
  if (ts.isTemplateExpression(inner)) return inner.templateSpans.every((span) => next(span.expression));
  if (ts.isIdentifier(inner)) return inner.text === 'undefined' || constants(inner.text).some(next);
  if (ts.isPrefixUnaryExpression(inner)) {
    const operator = inner.operator;
    return (operator === ts.SyntaxKind.MinusToken || operator === ts.SyntaxKind.PlusToken || operator === ts.SyntaxKind.ExclamationToken) && next(inner.operand);
  }
  if (ts.isBinaryExpression(inner)) return STATIC_OPERATORS.has(ts.tokenToString(inner.operatorToken.kind) ?? '') && next(inner.left) && next(inner.right);
  if (ts.isArrayLiteralExpression(inner)) return inner.elements.every((element) => !ts.isSpreadElement(element) && !ts.isOmittedExpression(element) && next(element));
  if (ts.isObjectLiteralExpression(inner)) {
    return inner.properties.every((property) => {
      if (ts.isShorthandPropertyAssignment(property)) return property.name.text !== '__proto__' && next(property.name);
      if (!ts.isPropertyAssignment(property) || ts.isPrivateIdentifier(property.name)) return false;
      const key = property.name;
      if ((ts.isIdentifier(key) || ts.isStringLiteral(key)) && key.text === '__proto__') return false;
      return next(property.initializer);
    });
  }
  return false;
}

const STATIC_OPERATORS = new Set(['+', '-', '*', '/', '%', '**', '<<', '>>', '|']);

/** The initialisers of `const name = value` declarations in the file, by name. */
function constantsOf(ts: typeof TS, tree: TS.SourceFile): Map<string, TS.Expression[]> {
  const result = new Map<string, TS.Expression[]>();
  someNode(ts, tree, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && node.parent.flags & ts.NodeFlags.Const) {
      const list = result.get(node.name.text);
      if (list) list.push(node.initializer);
      else result.set(node.name.text, [node.initializer]);
    }
    return false;
  });
  return result;
}

/**
 * Whether the construction runs hot as the rule reads it: per iteration (a loop or iteration callback
 * of its own function, inside some function, not followed in the loop body by a return, throw or
 * break), or anywhere inside a per-tick function.
 */
function runsHot(ts: typeof TS, node: TS.Node, hot: ReadonlySet<string>): boolean {
  const innermost = iterationOf(ts, node);
  if (innermost) {
    if (leavesLoopAfter(ts, node, innermost)) return false;
    // The outermost iteration around it: at module scope it runs once, at start-up.
    let outermost = innermost;
    for (let next = iterationOf(ts, outermost); next; next = iterationOf(ts, next)) outermost = next;
    return insideFunction(ts, outermost);
  }
  for (let current = node.parent; !ts.isSourceFile(current); current = current.parent) {
    if (ts.isFunctionLike(current) && (isTickCallback(ts, current) || namesOf(ts, current).some((name) => hot.has(name)))) return true;
  }
  return false;
}

/**
 * The innermost per-iteration context of `node` within its own function: the loop it runs in each
 * time round, or the iteration call (`xs.map(fn)`) whose callback is its function.
 */
function iterationOf(ts: typeof TS, node: TS.Node): TS.IterationStatement | TS.CallExpression | null {
  let child: TS.Node = node;
  for (let current = node.parent; !ts.isSourceFile(current); child = current, current = current.parent) {
    if (ts.isIterationStatement(current, false) && runsPerIteration(ts, current, child)) return current;
    if (ts.isFunctionLike(current)) return iterationCallOf(ts, current);
    if (ts.isClassLike(current) && ts.isClassElement(child)) return null;
  }
  return null;
}

/** The call a function expression is passed to first (`xs.map(fn)`) when it is an iteration method. */
function iterationCallOf(ts: typeof TS, fn: TS.Node): TS.CallExpression | null {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return null;
  const call = callPassing(ts, fn);
  if (!call || withoutParens(ts, call.arguments[0]!) !== fn) return null;
  const key = memberKey(ts, withoutParens(ts, call.expression));
  return key !== null && ITERATION_METHODS.has(key) ? call : null;
}

/** `setInterval(fn)`, `setImmediate(fn)`, `requestAnimationFrame(fn)`. */
function isTickCallback(ts: typeof TS, fn: TS.Node): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  const call = callPassing(ts, fn);
  return call !== null && withoutParens(ts, call.arguments[0]!) === fn && TICK_SCHEDULERS.has(calleeName(ts, call) ?? memberKey(ts, unwrap(ts, call.expression)) ?? '');
}

/** A later statement of the loop's body returns, throws or breaks for good: it runs once per loop. */
function leavesLoopAfter(ts: typeof TS, node: TS.Node, context: TS.IterationStatement | TS.CallExpression): boolean {
  if (ts.isCallExpression(context) || !ts.isBlock(context.statement)) return false;
  const body = context.statement.statements;
  const index = body.findIndex((statement) => statement.pos <= node.pos && node.end <= statement.end);
  if (index === -1) return false;
  return body.slice(index + 1).some((statement) => ts.isReturnStatement(statement) || ts.isThrowStatement(statement) || (ts.isBreakStatement(statement) && !statement.label));
}

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
