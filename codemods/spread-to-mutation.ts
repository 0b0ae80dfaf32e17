import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/no-accumulating-spread';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import type * as TS from 'typescript';
import { GAP } from '../src/analysis/codemod-text';
import { memberKey, someNode, someNodeOutsideFunctions, unwrap } from '../src/analysis/codemod-tree';
import { withSuggestionsOnly } from '../src/analysis/suggestion-filter';

// A reduce callback whose first parameter is spread or concatenated later on, or a local assigned a
// literal that spreads it (`x = [...x, y]`, `x = { ...x, k }`) or its own `concat`.
const ACCUMULATES = new RegExp(
  String.raw`\breduce(?:Right)?${GAP}(?:<[^>]*>)?${GAP}\(${GAP}(?:async\s+)?(?:function\b[^(]*)?\(?${GAP}([\w$]+)[\s\S]*?(?:\.\.\.${GAP}\1(?![\w$])|(?<![\w$.])\1${GAP}\.${GAP}concat\s*\()` +
    String.raw`|(?<![\w$.])([\w$]+)${GAP}=${GAP}(?:[[{][^;]*?\.\.\.${GAP}\2(?![\w$])|\2${GAP}\.${GAP}concat\s*\()`,
);

/**
 * spread-to-mutation: where `no-accumulating-spread` finds an accumulator copied on every step, and
 * the accumulator starts as a fresh literal that nothing else can hold, mutates it instead:
 * `({ ...acc, [k]: v })` becomes `acc[k] = v; return acc`, `x = [...x, y]` becomes `x.push(y)`,
 * keeping which keys win. Accumulators that may be shared (a parameter, a field, an initial value
 * from elsewhere) are left alone and reported.
 */
export const codemod: CodemodRule = {
  name: 'no-accumulating-spread',
  rule: withSuggestionsOnly(rule, ['accumulatingSpreadFixMutate']),
  triggers: ['...', 'concat'],
  mayChange: (source) => (source.includes('...') || source.includes('concat')) && ACCUMULATES.test(source),
  // The two shapes whose mutation the rule applies without asking: a reduce from a fresh `{}`/`[]`
  // whose callback returns the spread of its accumulator (or its `concat`), and `x = [...x, y]` as a
  // statement in a loop of the function that declares `x` with a fresh literal outside that loop.
  mayChangeTree: (tree, ts) => someNode(ts, tree, (node) => (ts.isCallExpression(node) && reducesFresh(ts, node)) || (ts.isBinaryExpression(node) && copiesInLoop(ts, node))),
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}

/** At most this many items in a literal input: the rule leaves those alone (they cost microseconds). */
const SMALL_LITERAL = 8;

/** `xs.reduce((acc, x) => ({ ...acc, k }), {})`: a callback returning a rewritable copy of a fresh start. */
function reducesFresh(ts: typeof TS, call: TS.CallExpression): boolean {
  const key = memberKey(ts, unwrap(ts, call.expression));
  if (key !== 'reduce' && key !== 'reduceRight') return false;
  const callback = call.arguments[0] && withoutParens(ts, call.arguments[0]);
  const start = call.arguments[1] && unwrap(ts, call.arguments[1]);
  if (!callback || !start || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return false;
  const first = callback.parameters[0];
  if (!first || !ts.isIdentifier(first.name)) return false;
  const kind = ts.isObjectLiteralExpression(start) ? 'object' : ts.isArrayLiteralExpression(start) ? 'array' : null;
  if (!kind || isSmallLiteral(ts, (unwrap(ts, call.expression) as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression)) return false;
  const name = first.name.text;
  if (!ts.isBlock(callback.body)) return isCopy(ts, withoutParens(ts, callback.body), name, kind);
  // A `return` of the copy itself, in the callback and not in a function inside it.
  return someNodeOutsideFunctions(ts, callback.body, (node) => ts.isReturnStatement(node) && node.expression !== undefined && isCopy(ts, withoutParens(ts, node.expression), name, kind));
}

/**
 * `x = [...x, y]`, `x = { ...x, k }` or `x = x.concat(y)` as a statement, inside a loop of the
 * function (or module) that declares `x` with a fresh literal of that kind outside the loop.
 */
function copiesInLoop(ts: typeof TS, assignment: TS.BinaryExpression): boolean {
  if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(assignment.left)) return false;
  let statement: TS.Node = assignment.parent;
  while (ts.isParenthesizedExpression(statement)) statement = statement.parent;
  if (!ts.isExpressionStatement(statement)) return false;
  const copy = unwrap(ts, assignment.right);
  const kind = ts.isObjectLiteralExpression(copy) ? 'object' : 'array';
  const name = assignment.left.text;
  if (!isCopy(ts, copy, name, kind)) return false;
  // The innermost loop around it within its function; a callback is another function than the
  // declaration's, where the rule only suggests the shared form. A class body ends the search for
  // the loop, not for the function.
  let loop: TS.IterationStatement | null = null;
  let child: TS.Node = assignment;
  let current: TS.Node = assignment.parent;
  for (; !ts.isSourceFile(current) && !ts.isFunctionLike(current); child = current, current = current.parent) {
    if (!loop && ts.isClassLike(current) && ts.isClassElement(child)) return false;
    if (ts.isIterationStatement(current, false) && runsPerIteration(ts, current, child)) loop ??= current;
  }
  if (!loop || isSmallLoop(ts, loop)) return false;
  const scope = current;
  const region = loop;
  return someNodeOutsideFunctions(ts, scope, (node) => {
    if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || node.name.text !== name || !node.initializer) return false;
    if ((node.parent.flags & ts.NodeFlags.BlockScoped) === 0 || (node.pos >= region.pos && node.end <= region.end)) return false;
    const start = unwrap(ts, node.initializer);
    return kind === 'object' ? ts.isObjectLiteralExpression(start) : ts.isArrayLiteralExpression(start);
  });
}

/** Whether `child` of `loop` runs once per iteration (for: not its initializer; for-in/of: its body). */
function runsPerIteration(ts: typeof TS, loop: TS.IterationStatement, child: TS.Node): boolean {
  if (ts.isForStatement(loop)) return child !== loop.initializer;
  if (ts.isForInStatement(loop) || ts.isForOfStatement(loop)) return child === loop.statement;
  return true;
}

/** A copy of `name` the rule can turn into statements: the spread first and something after it, or a concat of literal items. */
function isCopy(ts: typeof TS, node: TS.Expression, name: string, kind: 'object' | 'array'): boolean {
  const isName = (expression: TS.Expression) => {
    const inner = unwrap(ts, expression);
    return ts.isIdentifier(inner) && inner.text === name;
  };
  if (kind === 'object') {
    if (!ts.isObjectLiteralExpression(node) || node.properties.length < 2) return false;
    const [spread, ...rest] = node.properties;
    if (!ts.isSpreadAssignment(spread!) || !isName(spread.expression)) return false;
    return rest.every((property) => {
      if (ts.isSpreadAssignment(property)) return true;
      if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) return false;
      return !((ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) && property.name.text === '__proto__');
    });
  }
  if (ts.isArrayLiteralExpression(node)) {
    const [spread, ...rest] = node.elements;
    return spread !== undefined && ts.isSpreadElement(spread) && isName(spread.expression) && rest.length > 0 && rest.every((element) => !ts.isSpreadElement(element) && !ts.isOmittedExpression(element));
  }
  if (!ts.isCallExpression(node) || node.arguments.length === 0) return false;
  const callee = unwrap(ts, node.expression);
  if (memberKey(ts, callee) !== 'concat' || !isName((callee as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression)) return false;
  let items = 0;
  for (const argument of node.arguments) {
    const inner = unwrap(ts, argument);
    if (ts.isArrayLiteralExpression(inner)) {
      if (inner.elements.some((element) => ts.isSpreadElement(element) || ts.isOmittedExpression(element))) return false;
      items += inner.elements.length;
    } else if (isNeverArray(ts, inner)) {
      items++;
    } else {
      return false;
    }
  }
  return items > 0;
}

/** Values `concat` appends as one element: literals, templates, object literals, arithmetic. */
function isNeverArray(ts: typeof TS, node: TS.Expression): boolean {
  if (ts.isLiteralExpression(node) || ts.isTemplateExpression(node) || ts.isObjectLiteralExpression(node)) return true;
  const kind = node.kind;
  if (kind === ts.SyntaxKind.TrueKeyword || kind === ts.SyntaxKind.FalseKeyword || kind === ts.SyntaxKind.NullKeyword) return true;
  if (!ts.isBinaryExpression(node)) return false;
  const operator = node.operatorToken.kind;
  const logical = operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken;
  return !logical && operator !== ts.SyntaxKind.CommaToken && !(operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment);
}

/** `[a, b, c]`, `{ a, b }` or `Object.keys({ ... })` of at most eight items. */
function isSmallLiteral(ts: typeof TS, node: TS.Expression): boolean {
  const inner = unwrap(ts, node);
  if (ts.isArrayLiteralExpression(inner)) return inner.elements.length <= SMALL_LITERAL && !inner.elements.some((element) => ts.isSpreadElement(element));
  if (ts.isObjectLiteralExpression(inner)) return inner.properties.length <= SMALL_LITERAL && !inner.properties.some((property) => ts.isSpreadAssignment(property));
  if (!ts.isCallExpression(inner) || !inner.arguments[0]) return false;
  const callee = unwrap(ts, inner.expression);
  return (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' && isSmallLiteral(ts, inner.arguments[0]);
}

/** A loop over a small literal, or counted between two literal numbers at most eight apart. */
function isSmallLoop(ts: typeof TS, loop: TS.IterationStatement): boolean {
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) return isSmallLiteral(ts, loop.expression);
  if (!ts.isForStatement(loop) || !loop.condition || !ts.isBinaryExpression(loop.condition)) return false;
  const bound = unwrap(ts, loop.condition.right);
  const init = loop.initializer && ts.isVariableDeclarationList(loop.initializer) ? loop.initializer.declarations[0]?.initializer : undefined;
  const start = init && unwrap(ts, init);
  return start !== undefined && ts.isNumericLiteral(bound) && ts.isNumericLiteral(start) && Number(bound.text) - Number(start.text) <= SMALL_LITERAL;
}

function withoutParens(ts: typeof TS, node: TS.Expression): TS.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}
