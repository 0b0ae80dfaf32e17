import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/prefer-preallocation';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import type * as TS from 'typescript';
import { ANNOTATION, GAP } from '../src/analysis/codemod-text';
import { bodyStatements, calleeName, someNode, statementsOf, unwrap } from '../src/analysis/codemod-tree';

// `const out = []` (one declarator, maybe typed or cast), later a `for` or a `.forEach(`, and further
// on `out.push(`. Other statements may come between the array and its loop.
const EMPTY_THEN_LOOP = new RegExp(
  String.raw`\b(?:const|let)\s+([\w$]+)${GAP}(?:${ANNOTATION})?=${GAP}\[${GAP}\][\s\S]*?(?:\bfor\b|\.${GAP}forEach\s*\()` +
    String.raw`[\s\S]*?(?<![\w$.])\1${GAP}\.${GAP}push\s*\(`,
);

/**
 * preallocate: rewrites the push loops `prefer-preallocation` reports into arrays built at their
 * final length: `for (const x of xs) out.push(f(x))` becomes `const out = xs.map((x) => f(x))`, and
 * a counted loop pushing numbers that are only read back fills a `new Float64Array(n)`. Loops whose
 * push is not the last statement are left alone and reported. Takes the rule's options
 * (`--minLength=<n>`).
 */
export const codemod: CodemodRule = {
  name: 'prefer-preallocation',
  rule,
  triggers: ['.push('],
  mayChange: (source) => source.includes('.push(') && EMPTY_THEN_LOOP.test(source),
  // `const out = []`, then later in the same block a loop with `out.push(value)` as a statement of its
  // body: the shape it rewrites.
  mayChangeTree: (tree, ts) =>
    someNode(ts, tree, (node) => {
      const statements = statementsOf(ts, node);
      if (!statements) return false;
      for (let index = 0; index + 1 < statements.length; index++) {
        const name = emptyArrayName(ts, statements[index]!);
        if (name !== null && statements.slice(index + 1).some((later) => pushesIn(ts, later, name))) return true;
      }
      return false;
    }),
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}

/** The name a statement declares as `const name = []` (one declarator), else null. */
function emptyArrayName(ts: typeof TS, statement: TS.Node): string | null {
  if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return null;
  const declaration = statement.declarationList.declarations[0]!;
  const init = declaration.initializer && unwrap(ts, declaration.initializer);
  return init && ts.isArrayLiteralExpression(init) && init.elements.length === 0 && ts.isIdentifier(declaration.name) ? declaration.name.text : null;
}

/** A `for`, `for...of` or `xs.forEach(fn)` with `name.push(value)` among the top-level statements of its body. */
function pushesIn(ts: typeof TS, statement: TS.Node, name: string): boolean {
  let body: TS.Node | undefined;
  if (ts.isForStatement(statement) || (ts.isForOfStatement(statement) && !statement.awaitModifier)) body = statement.statement;
  else if (ts.isExpressionStatement(statement) && ts.isCallExpression(statement.expression) && calleeName(ts, statement.expression) === 'forEach') {
    const callback = statement.expression.arguments[0];
    if (callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) body = callback.body;
  }
  if (!body) return false;
  return bodyStatements(ts, body).some((item) => {
    const expression = ts.isExpressionStatement(item) ? item.expression : ts.isBlock(body) ? undefined : (item as TS.Expression);
    if (!expression || !ts.isCallExpression(expression) || expression.arguments.length !== 1) return false;
    const callee = unwrap(ts, expression.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'push') return false;
    const target = unwrap(ts, callee.expression);
    return ts.isIdentifier(target) && target.text === name;
  });
}
