import type * as TS from 'typescript';

/**
 * The second stage of the codemods' prefilter: TypeScript's own syntax tree, which costs about a
 * tenth of an ESLint run (no ESTree conversion, no scopes, no rules), asked a structural question
 * that every file with a rewritable finding answers yes to. Only files that pass are linted. Each
 * test over-approximates its rule the same way the text tests do: a wrong yes costs a parse, a wrong
 * no would hide a rewrite, and every codemod's parity tests run each of its rule's cases through it.
 */

let typescript: typeof TS | null | undefined;

function loadTypeScript(): typeof TS | null {
  if (typescript === undefined) {
    try {
      // The parser needs TypeScript anyway; loaded on first use.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      typescript = require('typescript') as typeof TS;
    } catch {
      typescript = null;
    }
  }
  return typescript;
}

let last: { source: string; filePath: string; tree: TS.SourceFile } | undefined;

/**
 * Runs `test` on the file's tree (parsed once for every codemod that asks about the same text), or
 * answers yes when TypeScript cannot be loaded.
 */
export function treeTest(source: string, filePath: string, test: (tree: TS.SourceFile, ts: typeof TS) => boolean): boolean {
  const ts = loadTypeScript();
  if (!ts) return true;
  if (last?.source !== source || last.filePath !== filePath) {
    const kind = /\.[cm]?jsx?$/i.test(filePath) ? ts.ScriptKind.JSX : /\.[cm]?ts$/i.test(filePath) ? ts.ScriptKind.TS : ts.ScriptKind.TSX;
    const tree = ts.createSourceFile(filePath, source, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, kind);
    last = { source, filePath, tree };
  }
  // A file with syntax errors goes on to ESLint, which reports them (the file is left as it is).
  const diagnostics = (last.tree as TS.SourceFile & { parseDiagnostics?: readonly unknown[] }).parseDiagnostics;
  if (diagnostics === undefined || diagnostics.length > 0) return true;
  return test(last.tree, ts);
}

/** Whether `visit` returns true for some node of the tree, depth first. */
export function someNode(ts: typeof TS, root: TS.Node, visit: (node: TS.Node) => boolean): boolean {
  const walk = (node: TS.Node): boolean => visit(node) || (ts.forEachChild(node, walk) ?? false);
  return walk(root);
}

/** `someNode` within `root`'s own code: functions nested in it (not `root` itself) are not entered. */
export function someNodeOutsideFunctions(ts: typeof TS, root: TS.Node, visit: (node: TS.Node) => boolean): boolean {
  const walk = (node: TS.Node): boolean => (node !== root && ts.isFunctionLike(node) ? false : visit(node) || (ts.forEachChild(node, walk) ?? false));
  return walk(root);
}

/** Parentheses, `as`, `!` and `satisfies` around an expression, removed. */
export function unwrap(ts: typeof TS, node: TS.Expression): TS.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** The name a call is made by: `f` for `f()`, `m` for `a.b.m()`. */
export function calleeName(ts: typeof TS, call: TS.CallExpression | TS.NewExpression): string | null {
  const callee = unwrap(ts, call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return null;
}

/** The key a member access reads when it is spelled out: `b` for `a.b`, `a?.b` and `a['b']`, else null. */
export function memberKey(ts: typeof TS, node: TS.Node): string | null {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (!ts.isElementAccessExpression(node)) return null;
  const key = unwrap(ts, node.argumentExpression);
  return ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key) || ts.isNumericLiteral(key) ? key.text : null;
}

/**
 * Whether an identifier certainly reads or writes a variable: it stands where only a value can
 * (`x.a`, `f(x)`, `x = 1`, `{ x }`, `return x`...). Keys, names being declared, labels, types and JSX
 * names are not uses; positions this does not list answer false, so a test that rules a file out
 * because of a use stays sound.
 */
export function isValueUse(ts: typeof TS, node: TS.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) return parent.expression === node;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return parent.expression === node || (parent.arguments?.includes(node) ?? false);
  if (ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent)) return parent.initializer === node;
  if (ts.isArrowFunction(parent)) return parent.body === node;
  return (
    ts.isBinaryExpression(parent) ||
    ts.isShorthandPropertyAssignment(parent) ||
    ts.isReturnStatement(parent) ||
    ts.isSpreadElement(parent) ||
    ts.isSpreadAssignment(parent) ||
    ts.isArrayLiteralExpression(parent) ||
    ts.isConditionalExpression(parent) ||
    ts.isPrefixUnaryExpression(parent) ||
    ts.isPostfixUnaryExpression(parent) ||
    ts.isTemplateSpan(parent) ||
    ts.isAwaitExpression(parent) ||
    ts.isParenthesizedExpression(parent) ||
    ts.isAsExpression(parent) ||
    ts.isNonNullExpression(parent) ||
    ts.isSatisfiesExpression(parent) ||
    ts.isTypeOfExpression(parent) ||
    ts.isDeleteExpression(parent) ||
    ts.isExpressionStatement(parent) ||
    ts.isJsxExpression(parent) ||
    ts.isForOfStatement(parent) ||
    ts.isForInStatement(parent) ||
    ts.isIfStatement(parent) ||
    ts.isWhileStatement(parent) ||
    ts.isDoStatement(parent) ||
    ts.isSwitchStatement(parent) ||
    ts.isCaseClause(parent) ||
    ts.isThrowStatement(parent)
  );
}

/**
 * Whether `root` binds `name` anywhere inside it, other than at `except` (a use of `name` there may be
 * of another variable).
 */
export function bindsName(ts: typeof TS, root: TS.Node, name: string, except?: TS.Node): boolean {
  return someNode(ts, root, (node) => {
    const declared = (node as { name?: TS.Node }).name;
    if (node === except || !declared || !ts.isIdentifier(declared) || declared.text !== name) return false;
    return (
      ts.isVariableDeclaration(node) ||
      ts.isParameter(node) ||
      ts.isBindingElement(node) ||
      ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isClassDeclaration(node) ||
      ts.isClassExpression(node) ||
      ts.isEnumDeclaration(node) ||
      ts.isModuleDeclaration(node) ||
      ts.isImportEqualsDeclaration(node) ||
      ts.isImportClause(node) ||
      ts.isImportSpecifier(node) ||
      ts.isNamespaceImport(node)
    );
  });
}

/** The statements of a loop's body, or of a callback's body (an expression body is one statement). */
export function bodyStatements(ts: typeof TS, body: TS.Node): readonly TS.Node[] {
  return ts.isBlock(body) ? body.statements : [body];
}

/** The statements a node holds in order (a block, a module, a `case`), else null. */
export function statementsOf(ts: typeof TS, node: TS.Node): readonly TS.Statement[] | null {
  return ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseOrDefaultClause(node) ? node.statements : null;
}

/** Whether a node sits in a function (not at module scope). */
export function insideFunction(ts: typeof TS, node: TS.Node): boolean {
  for (let current = node.parent; current; current = current.parent) if (ts.isFunctionLike(current)) return true;
  return false;
}

/** Parentheses around an expression, removed (and nothing else: not `as` or `!`). */
export function withoutParens(ts: typeof TS, node: TS.Expression): TS.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

/** Whether `child` of a loop runs once per iteration (its body, a `for` test or update; not the initializer or the iterated value). */
export function runsPerIteration(ts: typeof TS, loop: TS.IterationStatement, child: TS.Node): boolean {
  if (ts.isForStatement(loop)) return child !== loop.initializer;
  if (ts.isForInStatement(loop) || ts.isForOfStatement(loop)) return child === loop.statement;
  return true;
}

/** Every name a function may be known by: its own, its method or property key, the variable or member it is assigned to. */
export function namesOf(ts: typeof TS, fn: TS.Node): string[] {
  const names: string[] = [];
  const add = (name: TS.Node | undefined) => {
    if (name && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name))) names.push(name.text, name.text.replace(/^#/, ''));
  };
  if (ts.isConstructorDeclaration(fn)) names.push('constructor');
  add((fn as { name?: TS.Node }).name);
  let parent = fn.parent;
  while (ts.isParenthesizedExpression(parent)) parent = parent.parent;
  if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isVariableDeclaration(parent)) add(parent.name);
  if (ts.isBinaryExpression(parent)) {
    const key = memberKey(ts, parent.left);
    if (key !== null) names.push(key);
  }
  return names;
}

/** The call a function expression is passed to as an argument (through parentheses), else null. */
export function callPassing(ts: typeof TS, fn: TS.Node): TS.CallExpression | null {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return null;
  let child: TS.Node = fn;
  let parent = fn.parent;
  while (ts.isParenthesizedExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  return ts.isCallExpression(parent) && parent.arguments.includes(child as TS.Expression) ? parent : null;
}
