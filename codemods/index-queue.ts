import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/no-shift-queue';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import type * as TS from 'typescript';
import { bindsName, callPassing, calleeName, isValueUse, memberKey, namesOf, runsPerIteration, someNode, unwrap, withoutParens } from '../src/analysis/codemod-tree';
import { ITERATION_METHODS, LISTENER_METHODS, TICK_SCHEDULERS } from '../src/analysis/context';
import { getSettings } from '../src/analysis/settings';

/**
 * index-queue: turns every local array that `no-shift-queue` reports, and that is used only through
 * `push`, `shift()` and `length` reads, into a head-index queue: `let queueHead = 0` after its
 * declaration, `queue[queueHead++]` for each `shift()` (guarded by a length check, or written
 * `(queueHead < queue.length ? queue[queueHead++] : undefined)` where it may run on an empty queue),
 * and `queue.length - queueHead` for each length. Fields, module-level queues and arrays used any
 * other way are reported and left alone. Takes the rule's options (`--smallLength=<n>`) and
 * `--settings=<json>` (for `hotpath.hotFunctions`).
 */
export const codemod: CodemodRule = {
  name: 'no-shift-queue',
  rule,
  triggers: ['shift('],
  // A `q.shift()` that runs hot (in a loop, an iteration callback, a per-tick or per-event function)
  // and is not under a cap on `q.length`, where `q` is declared in a block with an array literal and
  // used only by `shift()`, statement `push(...)` and reads of `length`: what the rule rewrites.
  mayChangeTree: (tree, ts, { source, settings, ruleOptions }) => {
    const hot = new Set(getSettings(settings).hotFunctions);
    const tagged = source.includes('@hot');
    const smallLength = typeof ruleOptions['smallLength'] === 'number' ? ruleOptions['smallLength'] : DEFAULT_SMALL_LENGTH;
    let queues: Map<string, TS.VariableDeclaration[]> | undefined;
    return someNode(ts, tree, (node) => {
      if (!ts.isCallExpression(node) || node.arguments.length !== 0) return false;
      const callee = withoutParens(ts, node.expression);
      if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'shift') return false;
      const target = withoutParens(ts, callee.expression);
      if (!ts.isIdentifier(target) || !runsHot(ts, node, hot, tagged) || isCapped(ts, node, target.text, smallLength)) return false;
      queues ??= queueDeclarations(ts, tree);
      return (queues.get(target.text) ?? []).some((declaration) => isRewritableQueue(ts, declaration, node));
    });
  },
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}

/** What the rule's `smallLength` defaults to: a queue capped at or below it is left alone. */
const DEFAULT_SMALL_LENGTH = rule.defaultOptions?.[0]?.smallLength ?? 10_000;

/** `const q = [...]` as a statement of a block or a `case` (not a module's own, nor a loop head), by name. */
function queueDeclarations(ts: typeof TS, tree: TS.SourceFile): Map<string, TS.VariableDeclaration[]> {
  const result = new Map<string, TS.VariableDeclaration[]>();
  someNode(ts, tree, (node) => {
    if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || !node.initializer || !ts.isArrayLiteralExpression(unwrap(ts, node.initializer))) return false;
    const statement = node.parent.parent;
    if (!ts.isVariableStatement(statement) || !(ts.isBlock(statement.parent) || ts.isCaseClause(statement.parent) || ts.isDefaultClause(statement.parent))) return false;
    const list = result.get(node.name.text);
    if (list) list.push(node);
    else result.set(node.name.text, [node]);
    return false;
  });
  return result;
}

/**
 * Whether the queue `declaration` declares can be the one `shift` reads, and is used only in the
 * ways the head-index rewrite replaces (`shift()`, `push(...)` as a statement, `length` read), and
 * grown by a push. A name bound twice in its scope is not told apart: the answer is then yes.
 */
function isRewritableQueue(ts: typeof TS, declaration: TS.VariableDeclaration, shift: TS.Node): boolean {
  const name = (declaration.name as TS.Identifier).text;
  const list = declaration.parent;
  let scope: TS.Node | undefined;
  if (list.flags & ts.NodeFlags.BlockScoped) {
    const holder = list.parent.parent;
    scope = ts.isCaseClause(holder) || ts.isDefaultClause(holder) ? holder.parent : holder;
  } else {
    for (let current: TS.Node = list; !ts.isSourceFile(current); current = current.parent) {
      if (ts.isFunctionLike(current)) {
        scope = current;
        break;
      }
    }
  }
  // A `var` outside any function lives in the module: the rule does not rewrite it.
  if (!scope || shift.pos < scope.pos || shift.end > scope.end) return false;
  if (bindsName(ts, scope, name, declaration)) return true;
  let grown = false;
  const onlyQueueUses = !someNode(ts, scope, (node) => {
    if (!ts.isIdentifier(node) || node.text !== name || node === declaration.name || !isValueUse(ts, node)) return false;
    const use = node.parent;
    if (!ts.isPropertyAccessExpression(use) || use.expression !== node) return true;
    const call = ts.isCallExpression(use.parent) && use.parent.expression === use ? use.parent : null;
    const key = use.name.text;
    if (key === 'shift') return call === null || call.arguments.length !== 0;
    if (key === 'push') {
      if (!call || !isStatementCall(ts, call)) return true;
      if (call.arguments.some((argument) => !isShiftOf(ts, argument, name))) grown = true;
      return false;
    }
    return key !== 'length' || isWritten(ts, use);
  });
  return onlyQueueUses && grown;
}

/** `q.shift()` (a rotation `q.push(q.shift())` does not grow the queue). */
function isShiftOf(ts: typeof TS, node: TS.Expression, name: string): boolean {
  const inner = unwrap(ts, node);
  if (!ts.isCallExpression(inner)) return false;
  const callee = unwrap(ts, inner.expression);
  if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return false;
  const object = callee.expression;
  return memberKey(ts, callee) === 'shift' && ts.isIdentifier(object) && object.text === name;
}

/** A push whose result nobody reads: a statement, or the body of a forEach callback. */
function isStatementCall(ts: typeof TS, call: TS.CallExpression): boolean {
  let parent: TS.Node = call.parent;
  while (ts.isParenthesizedExpression(parent)) parent = parent.parent;
  if (ts.isExpressionStatement(parent)) return true;
  if (!ts.isArrowFunction(parent) || withoutParens(ts, parent.body as TS.Expression) !== call) return false;
  let owner: TS.Node = parent.parent;
  while (ts.isParenthesizedExpression(owner)) owner = owner.parent;
  return ts.isCallExpression(owner) && memberKey(ts, withoutParens(ts, owner.expression)) === 'forEach';
}

function isWritten(ts: typeof TS, member: TS.Node): boolean {
  let child = member;
  let parent = member.parent;
  while (ts.isParenthesizedExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (ts.isBinaryExpression(parent)) {
    const operator = parent.operatorToken.kind;
    return parent.left === child && operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment;
  }
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
    return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  }
  return ts.isDeleteExpression(parent);
}

/**
 * Whether the shift may run hot as the rule reads it: in a loop or an iteration callback of its own
 * function, or anywhere inside a per-tick function (a scheduler callback, a hot name, `@hot`) or an
 * event callback (`x.on('message', fn)`, `ws.onmessage = fn`).
 */
function runsHot(ts: typeof TS, shift: TS.Node, hot: ReadonlySet<string>, tagged: boolean): boolean {
  let own = true;
  let child: TS.Node = shift;
  for (let current = shift.parent; !ts.isSourceFile(current); child = current, current = current.parent) {
    if (ts.isFunctionLike(current)) {
      if (tagged || (own && isIterationCallback(ts, current)) || isTickOrEventCallback(ts, current) || namesOf(ts, current).some((name) => hot.has(name))) return true;
      own = false;
    } else if (own && ts.isIterationStatement(current, false) && runsPerIteration(ts, current, child)) {
      return true;
    } else if (ts.isClassLike(current) && ts.isClassElement(child)) {
      own = false;
    }
  }
  return false;
}

/** `xs.map(fn)`, `xs.forEach(fn)`...: the callback runs once per item. */
function isIterationCallback(ts: typeof TS, fn: TS.Node): boolean {
  const call = callPassing(ts, fn);
  if (!call || withoutParens(ts, call.arguments[0]!) !== fn) return false;
  const key = memberKey(ts, withoutParens(ts, call.expression));
  return key !== null && ITERATION_METHODS.has(key);
}

function isTickOrEventCallback(ts: typeof TS, fn: TS.Node): boolean {
  const call = callPassing(ts, fn);
  if (call) {
    if (withoutParens(ts, call.arguments[0]!) === fn && TICK_SCHEDULERS.has(calleeName(ts, call) ?? memberKey(ts, unwrap(ts, call.expression)) ?? '')) return true;
    const key = memberKey(ts, withoutParens(ts, call.expression));
    return call.arguments.length >= 2 && key !== null && LISTENER_METHODS.has(key);
  }
  let parent = fn.parent;
  while (ts.isParenthesizedExpression(parent)) parent = parent.parent;
  return (
    (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
    /^on[a-z]+$/.test(memberKey(ts, parent.left) ?? '')
  );
}

/**
 * Whether the shift certainly runs only while `name.length` is past a cap the rule calls small (or
 * cannot read): `if (log.length > 100) log.shift()`. Undecided answers no.
 */
function isCapped(ts: typeof TS, shift: TS.Node, name: string, smallLength: number): boolean {
  let child: TS.Node = shift;
  for (let current = shift.parent; !ts.isSourceFile(current); child = current, current = current.parent) {
    if (ts.isFunctionLike(current)) return false;
    let test: TS.Expression | undefined;
    if (ts.isIfStatement(current) && child === current.thenStatement) test = current.expression;
    else if (ts.isConditionalExpression(current) && child === current.whenTrue) test = current.condition;
    else if (ts.isWhileStatement(current) && child === current.statement) test = current.expression;
    else if (ts.isForStatement(current) && child === current.statement) test = current.condition;
    if (!test) continue;
    const bound = capOf(ts, test, name);
    if (bound === undefined) continue;
    // Another `name` declared between the test and the shift would be another queue.
    if (bound === UNKNOWN || bindsName(ts, child, name)) return false;
    return bound === null || bound <= smallLength;
  }
  return false;
}

const UNKNOWN = Symbol('unknown');

/** The rule's reading of a cap: a number, null (a bound it cannot evaluate), undefined (no cap), or UNKNOWN (it may be any of these). */
function capOf(ts: typeof TS, test: TS.Expression, name: string): number | null | undefined | typeof UNKNOWN {
  const inner = unwrap(ts, test);
  if (!ts.isBinaryExpression(inner)) return undefined;
  const operatorKind = inner.operatorToken.kind;
  if (operatorKind === ts.SyntaxKind.AmpersandAmpersandToken || operatorKind === ts.SyntaxKind.BarBarToken || operatorKind === ts.SyntaxKind.QuestionQuestionToken) {
    const left = capOf(ts, inner.left, name);
    return left === UNKNOWN ? UNKNOWN : (left ?? capOf(ts, inner.right, name));
  }
  let operator = ts.tokenToString(operatorKind) ?? '';
  let bound = inner.right;
  if (!isLengthOf(ts, inner.left, name)) {
    if (!isLengthOf(ts, inner.right, name)) return undefined;
    bound = inner.left;
    operator = operator === '<' ? '>' : operator === '<=' ? '>=' : operator;
  }
  if (operator !== '>' && operator !== '>=' && operator !== '===' && operator !== '==') return undefined;
  const value = unwrap(ts, bound);
  // A name may be a `const` holding any number: undecided.
  if (ts.isIdentifier(value)) return UNKNOWN;
  if (!ts.isNumericLiteral(value)) return null;
  const number = Number(value.text.replace(/_/g, ''));
  return number < 1 || (number === 1 && operator === '>=') ? undefined : number;
}

function isLengthOf(ts: typeof TS, node: TS.Expression, name: string): boolean {
  const inner = unwrap(ts, node);
  if (!(ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) || memberKey(ts, inner) !== 'length') return false;
  const object = unwrap(ts, inner.expression);
  return ts.isIdentifier(object) && object.text === name;
}
