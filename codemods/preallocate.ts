import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/prefer-preallocation';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import type * as TS from 'typescript';
import { ANNOTATION, GAP } from '../src/analysis/codemod-text';
import { bindsName, bodyStatements, isValueUse, memberKey, someNode, someNodeOutsideFunctions, statementsOf, unwrap } from '../src/analysis/codemod-tree';

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
  // `const out = []`, then later in the same block a counted loop (`for...of`, `xs.forEach(fn)`, `for (let
  // i = 0; i < n; i++)`) whose body has `out.push(value)` as a statement and nothing else that touches
  // `out`, and then what the rule needs for a suggestion: a source known to be an array with the push
  // last (the `.map` form), or numbers pushed in an index loop right after the array (`Float64Array`).
  mayChangeTree: (tree, ts, { ruleOptions, filePath }) => {
    const minLength = typeof ruleOptions['minLength'] === 'number' ? ruleOptions['minLength'] : DEFAULT_MIN_LENGTH;
    let bindings: Map<string, TS.Node[]> | undefined;
    const arrays = (name: string) => (bindings ??= bindingsOf(ts, tree)).get(name) ?? [];
    // The rule keeps a loop whose body reads a property narrowed around it in a TypeScript file.
    const typescript = filePath !== undefined && /\.[cm]?tsx?$/i.test(filePath);
    return someNode(ts, tree, (node) => {
      const statements = statementsOf(ts, node);
      if (!statements) return false;
      for (let index = 0; index + 1 < statements.length; index++) {
        const name = emptyArrayName(ts, statements[index]!);
        if (name === null) continue;
        if (rewritableFill(ts, statements, index, name, { minLength, typescript, bindings: arrays })) return true;
      }
      return false;
    });
  },
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}

/** What the rule's `minLength` defaults to: loops over shorter literals are left alone. */
const DEFAULT_MIN_LENGTH = rule.defaultOptions?.[0]?.minLength ?? 65;

/** The name a statement declares as `const name = []` or `let name = []` (one declarator), else null. */
function emptyArrayName(ts: typeof TS, statement: TS.Node): string | null {
  if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return null;
  if ((statement.declarationList.flags & ts.NodeFlags.BlockScoped) === 0) return null;
  const declaration = statement.declarationList.declarations[0]!;
  const init = declaration.initializer && unwrap(ts, declaration.initializer);
  return init && ts.isArrayLiteralExpression(init) && init.elements.length === 0 && ts.isIdentifier(declaration.name) ? declaration.name.text : null;
}

/** A loop whose trip count the rule can know, with the one statement of its body that pushes to the array. */
interface Fill {
  kind: 'forOf' | 'forEach' | 'index';
  body: TS.Node;
  statements: readonly TS.Node[];
  /** Where `name.push(value)` sits among `statements`. */
  at: number;
  value: TS.Expression;
  /** What it walks: the iterable, the receiver of forEach, `xs` of an `i < xs.length` bound (else null). */
  source: TS.Expression | null;
  /** An index loop's bound. */
  bound?: TS.Expression;
  /** The loop statement (not for forEach). */
  loop?: TS.ForStatement | TS.ForOfStatement;
}

interface FillOptions {
  minLength: number;
  /** Whether the file is TypeScript, where the rule keeps loops that read a narrowed property. */
  typescript: boolean;
  bindings: (name: string) => readonly TS.Node[];
}

/**
 * Whether `statements[index]` (`const name = []`) is followed in the same block by a loop the rule
 * rewrites: the conditions it checks before it reports with a suggestion, read off the syntax tree.
 * Where a condition needs scopes or types, the answer leans to yes.
 */
function rewritableFill(
  ts: typeof TS,
  statements: readonly TS.Statement[],
  index: number,
  name: string,
  { minLength, typescript, bindings }: FillOptions,
): boolean {
  let shadowed = false;
  for (let later = index + 1; later < statements.length; later++) {
    const statement = statements[later]!;
    const fill = fillOf(ts, statement, name);
    // Every use of the array but the push must come after the loop: one before it, or inside it,
    // rules out this loop and every later one.
    shadowed ||= bindsName(ts, statement, name);
    const target = fill && pushTarget(ts, fill);
    if (!shadowed && someNode(ts, statement, (node) => ts.isIdentifier(node) && node.text === name && node !== target && isValueUse(ts, node))) return false;
    if (!fill) continue;
    const flow = scanFill(ts, fill);
    if (!flow.plain || isShort(ts, fill, minLength)) continue;
    // A field of `this` that a method call or a field write in the body may grow: the count is not known.
    if (fill.source && isThisPath(ts, fill.source) && touchesThis(ts, fill.body)) continue;
    if (fill.kind === 'index' && later === index + 1 && isNumeric(ts, fill.value) && typedUsesAfter(ts, statements.slice(later + 1), name)) return true;
    if (!fill.source || fill.at !== fill.statements.length - 1 || !flow.movable || !isKnownArray(ts, fill.source, bindings, 0)) continue;
    if (!(typescript && fill.loop && readsNarrowedProperty(ts, fill.loop))) return true;
  }
  return false;
}

/** The counted loop `statement` is, when a statement of its body pushes one value to `name`. */
function fillOf(ts: typeof TS, statement: TS.Statement, name: string): Fill | null {
  let loop: Omit<Fill, 'statements' | 'at' | 'value'> | null = null;
  if (ts.isForOfStatement(statement)) {
    const left = statement.initializer;
    if (statement.awaitModifier || !ts.isVariableDeclarationList(left) || (left.flags & ts.NodeFlags.BlockScoped) === 0 || left.declarations.length === 0) return null;
    loop = { kind: 'forOf', body: statement.statement, source: statement.expression, loop: statement };
  } else if (ts.isForStatement(statement)) {
    loop = indexLoop(ts, statement);
  } else if (ts.isExpressionStatement(statement)) {
    const call = unwrap(ts, statement.expression);
    if (!ts.isCallExpression(call) || memberKey(ts, unwrap(ts, call.expression)) !== 'forEach') return null;
    const callee = unwrap(ts, call.expression) as TS.PropertyAccessExpression | TS.ElementAccessExpression;
    const callback = call.arguments[0] && unwrap(ts, call.arguments[0]);
    if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return null;
    if (callback.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) || callback.asteriskToken) return null;
    loop = { kind: 'forEach', body: callback.body, source: callee.expression };
  }
  if (!loop) return null;
  const statements = bodyStatements(ts, loop.body);
  for (let at = 0; at < statements.length; at++) {
    const value = pushedValue(ts, statements[at]!, name, ts.isBlock(loop.body));
    if (value) return { ...loop, statements, at, value };
  }
  return null;
}

/** `for (let i = 0; i < bound; i++)` (or `i += 1`), as far as syntax tells. */
function indexLoop(ts: typeof TS, loop: TS.ForStatement): Omit<Fill, 'statements' | 'at' | 'value'> | null {
  const init = loop.initializer;
  if (!init || !ts.isVariableDeclarationList(init) || (init.flags & ts.NodeFlags.BlockScoped) !== ts.NodeFlags.Let || init.declarations.length !== 1) return null;
  const declaration = init.declarations[0]!;
  if (!ts.isIdentifier(declaration.name) || !declaration.initializer || isOtherNumber(ts, declaration.initializer, 0)) return null;
  const index = declaration.name.text;
  const test = loop.condition && unwrap(ts, loop.condition);
  if (!test || !ts.isBinaryExpression(test) || test.operatorToken.kind !== ts.SyntaxKind.LessThanToken) return null;
  const left = unwrap(ts, test.left);
  if (!ts.isIdentifier(left) || left.text !== index) return null;
  const update = loop.incrementor && unwrap(ts, loop.incrementor);
  const isIndex = (node: TS.Expression) => {
    const inner = unwrap(ts, node);
    return ts.isIdentifier(inner) && inner.text === index;
  };
  const increments =
    update !== undefined &&
    (((ts.isPostfixUnaryExpression(update) || ts.isPrefixUnaryExpression(update)) && update.operator === ts.SyntaxKind.PlusPlusToken && isIndex(update.operand)) ||
      (ts.isBinaryExpression(update) && update.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken && isIndex(update.left) && !isOtherNumber(ts, update.right, 1)));
  if (!increments) return null;
  const bound = unwrap(ts, test.right);
  const source = (ts.isPropertyAccessExpression(bound) || ts.isElementAccessExpression(bound)) && memberKey(ts, bound) === 'length' ? bound.expression : null;
  return { kind: 'index', body: loop.statement, source, bound: test.right, loop };
}

/** A numeric literal other than `value`: what the rule's static evaluation certainly rejects. */
function isOtherNumber(ts: typeof TS, node: TS.Expression, value: number): boolean {
  const inner = unwrap(ts, node);
  return ts.isNumericLiteral(inner) && Number(inner.text) !== value;
}

/** The value of `name.push(value)` as a statement of a body (or an arrow's expression body), else null. */
function pushedValue(ts: typeof TS, item: TS.Node, name: string, inBlock: boolean): TS.Expression | null {
  const expression = ts.isExpressionStatement(item) ? item.expression : inBlock || !ts.isExpression(item) ? undefined : item;
  const call = expression && unwrap(ts, expression);
  if (!call || !ts.isCallExpression(call) || call.arguments.length !== 1 || ts.isSpreadElement(call.arguments[0]!)) return null;
  const callee = unwrap(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'push') return null;
  const target = unwrap(ts, callee.expression);
  return ts.isIdentifier(target) && target.text === name ? call.arguments[0]! : null;
}

/** The identifier the fill pushes to. */
function pushTarget(ts: typeof TS, fill: Fill): TS.Node {
  const item = fill.statements[fill.at]!;
  const call = unwrap(ts, ts.isExpressionStatement(item) ? item.expression : (item as TS.Expression)) as TS.CallExpression;
  return unwrap(ts, (unwrap(ts, call.expression) as TS.PropertyAccessExpression).expression);
}

/**
 * The rule's reading of a loop body, from the push's point of view: `plain` when every iteration
 * reaches the push once and nothing waits (no break, labelled statement, await or yield, no return in
 * a loop, no continue, return or throw before the push); `movable` when it can become a callback (no
 * `var`, no `arguments` in a loop).
 */
function scanFill(ts: typeof TS, fill: Fill): { plain: boolean; movable: boolean } {
  const push = fill.statements[fill.at]!.getStart();
  let plain = true;
  let movable = true;
  const visit = (node: TS.Node, nested: boolean): void => {
    if (!plain || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isBreakStatement(node)) {
      if (node.label || !nested) plain = false;
      return;
    }
    if (ts.isContinueStatement(node)) {
      if (node.label || (!nested && node.getStart() < push)) plain = false;
      return;
    }
    if (ts.isReturnStatement(node)) {
      if (fill.kind !== 'forEach' || node.getStart() < push) plain = false;
      return;
    }
    if (ts.isThrowStatement(node) && node.getStart() < push) plain = false;
    if (ts.isLabeledStatement(node) || ts.isAwaitExpression(node) || ts.isYieldExpression(node)) {
      plain = false;
      return;
    }
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.BlockScoped) === 0) movable = false;
    if (ts.isIdentifier(node) && node.text === 'arguments' && fill.kind !== 'forEach' && !ts.isJsxAttribute(node.parent) && !ts.isJsxOpeningLikeElement(node.parent) && !ts.isJsxClosingElement(node.parent)) movable = false;
    // Unlabelled break and continue inside an inner loop or switch belong to it.
    const inner = nested || ts.isIterationStatement(node, false);
    ts.forEachChild(node, (child) => visit(child, inner || (ts.isSwitchStatement(node) && child === node.caseBlock)));
  };
  visit(fill.body, false);
  return { plain, movable };
}

/** A literal bound or literal collection of fewer than `minLength` items (the rule leaves those alone). */
function isShort(ts: typeof TS, fill: Fill, minLength: number): boolean {
  if (fill.kind === 'index') {
    const bound = unwrap(ts, fill.bound!);
    if (ts.isNumericLiteral(bound)) return Number(bound.text) < minLength;
  }
  const source = fill.source && unwrap(ts, fill.source);
  return source !== null && ts.isArrayLiteralExpression(source) && source.elements.length < minLength;
}

const NUMERIC_GLOBALS = new Set(['Number', 'parseInt', 'parseFloat']);
const NUMERIC_METHODS = new Set(['charCodeAt', 'codePointAt', 'getTime', 'valueOf', 'indexOf', 'lastIndexOf', 'findIndex', 'readUInt8', 'readInt32LE', 'readUInt32LE', 'readFloatLE', 'readDoubleLE', 'now']);
const ARITHMETIC = new Set(['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>']);

/** The rule's test of a value that is certainly a number (a typed array can hold it). */
function isNumeric(ts: typeof TS, node: TS.Expression): boolean {
  const inner = unwrap(ts, node);
  if (ts.isNumericLiteral(inner)) return true;
  if (ts.isPrefixUnaryExpression(inner)) return [ts.SyntaxKind.MinusToken, ts.SyntaxKind.PlusToken, ts.SyntaxKind.TildeToken].includes(inner.operator);
  if (ts.isBinaryExpression(inner)) {
    const operator = ts.tokenToString(inner.operatorToken.kind) ?? '';
    if (operator === '+') return isNumeric(ts, inner.left) && isNumeric(ts, inner.right);
    return ARITHMETIC.has(operator);
  }
  if (ts.isConditionalExpression(inner)) return isNumeric(ts, inner.whenTrue) && isNumeric(ts, inner.whenFalse);
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
    const key = memberKey(ts, inner);
    if (key === 'length') return true;
    const object = inner.expression;
    return ts.isIdentifier(object) && object.text === 'Math' && key !== null;
  }
  if (ts.isCallExpression(inner)) {
    const callee = unwrap(ts, inner.expression);
    if (ts.isIdentifier(callee)) return NUMERIC_GLOBALS.has(callee.text);
    if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return false;
    if (ts.isIdentifier(callee.expression) && callee.expression.text === 'Math') return true;
    const key = memberKey(ts, callee);
    return key !== null && NUMERIC_METHODS.has(key);
  }
  return false;
}

const ARRAY_RETURNING_METHODS = new Set(['map', 'filter', 'slice', 'concat', 'flat', 'flatMap', 'toSorted', 'toReversed', 'toSpliced', 'sort', 'reverse', 'with']);
const OBJECT_LISTS = new Set(['keys', 'values', 'entries', 'getOwnPropertyNames']);

/**
 * The rule's syntactic evidence that a value is an Array (codemods run without type information): a
 * literal, `Array.from`, `Object.keys`, `split`, array methods of an array, `await Promise.all`, a
 * name bound (anywhere in the file: the rule's scope lookup picks one of these) with an array type or
 * such a value, or a field of `this` declared as one.
 */
function isKnownArray(ts: typeof TS, node: TS.Expression, bindings: (name: string) => readonly TS.Node[], depth: number): boolean {
  if (depth > 4) return false;
  const inner = unwrap(ts, node);
  if (ts.isArrayLiteralExpression(inner)) return true;
  if (ts.isAwaitExpression(inner)) {
    const awaited = unwrap(ts, inner.expression);
    if (!ts.isCallExpression(awaited)) return false;
    const callee = unwrap(ts, awaited.expression);
    return (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) && isNamed(ts, callee.expression, 'Promise') && memberKey(ts, callee) === 'all';
  }
  if (ts.isCallExpression(inner)) {
    const callee = unwrap(ts, inner.expression);
    if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return false;
    const method = memberKey(ts, callee);
    if (method === null) return false;
    if (isNamed(ts, callee.expression, 'Array') && (method === 'from' || method === 'of')) return true;
    if (isNamed(ts, callee.expression, 'Object') && OBJECT_LISTS.has(method)) return true;
    if (method === 'split') return true;
    return ARRAY_RETURNING_METHODS.has(method) && isKnownArray(ts, callee.expression, bindings, depth + 1);
  }
  if (ts.isIdentifier(inner)) return bindings(inner.text).some((binding) => isVisibleAt(ts, binding, inner) && bindingIsArray(ts, binding, bindings, depth));
  if (ts.isPropertyAccessExpression(inner)) return fieldIsArray(ts, inner);
  return false;
}

function isNamed(ts: typeof TS, node: TS.Expression, name: string): boolean {
  return ts.isIdentifier(node) && node.text === name;
}

/**
 * Whether `use` may see `binding`: it lies in the region of the binding's scope (a block, a loop head,
 * a catch clause or a switch for `let`/`const`, the function for `var` and parameters). A superset of
 * the scope ESLint resolves the name in, so a binding ruled out here is never the one the rule reads.
 */
function isVisibleAt(ts: typeof TS, binding: TS.Node, use: TS.Node): boolean {
  let declaration: TS.Node = binding;
  while (ts.isBindingElement(declaration) || ts.isObjectBindingPattern(declaration) || ts.isArrayBindingPattern(declaration)) declaration = declaration.parent;
  let scope: TS.Node | undefined;
  if (ts.isParameter(declaration)) {
    scope = declaration.parent;
  } else if (ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent) && declaration.parent.flags & ts.NodeFlags.BlockScoped) {
    const holder = declaration.parent.parent;
    scope = ts.isVariableStatement(holder) ? holder.parent : holder;
    if (ts.isCaseClause(scope) || ts.isDefaultClause(scope)) scope = scope.parent.parent;
  } else if (ts.isVariableDeclaration(declaration) && ts.isCatchClause(declaration.parent)) {
    scope = declaration.parent;
  } else {
    for (scope = declaration.parent; !ts.isSourceFile(scope) && !ts.isFunctionLike(scope); scope = scope.parent);
  }
  return use.pos >= scope.pos && use.end <= scope.end;
}

/** A declaration of the name with an array type, or whose declarator's value is an array. */
function bindingIsArray(ts: typeof TS, binding: TS.Node, bindings: (name: string) => readonly TS.Node[], depth: number): boolean {
  if (ts.isVariableDeclaration(binding) || ts.isParameter(binding)) {
    if (isArrayType(ts, binding.type)) return true;
    return ts.isVariableDeclaration(binding) && binding.initializer !== undefined && isKnownArray(ts, binding.initializer, bindings, depth + 1);
  }
  if (!ts.isBindingElement(binding)) return false;
  // `({ rows }: { rows: Row[] })`: the type a destructured name gets from its pattern's annotation.
  const pattern = binding.parent;
  const holder = pattern.parent;
  if (ts.isObjectBindingPattern(pattern) && (ts.isVariableDeclaration(holder) || ts.isParameter(holder)) && holder.type && ts.isTypeLiteralNode(holder.type)) {
    const key = binding.propertyName ?? binding.name;
    const keyText = ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : null;
    for (const member of holder.type.members) {
      if (ts.isPropertySignature(member) && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) && member.name.text === keyText && isArrayType(ts, member.type)) return true;
    }
  }
  // A name destructured in a declaration is judged by the declaration's whole value, as the rule does.
  let declaration: TS.Node = binding;
  while (ts.isBindingElement(declaration) || ts.isObjectBindingPattern(declaration) || ts.isArrayBindingPattern(declaration)) declaration = declaration.parent;
  return ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined && isKnownArray(ts, declaration.initializer, bindings, depth + 1);
}

/** `this.items` where the nearest class declares `items: T[]` or `items = [...]`. */
function fieldIsArray(ts: typeof TS, member: TS.PropertyAccessExpression): boolean {
  if (member.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const key = member.name.text.replace(/^#/, '');
  let current: TS.Node | undefined = member.parent;
  while (current && !ts.isClassLike(current)) current = current.parent;
  if (!current) return false;
  return current.members.some((element) => {
    if (!ts.isPropertyDeclaration(element) || !(ts.isIdentifier(element.name) || ts.isPrivateIdentifier(element.name) || ts.isStringLiteral(element.name))) return false;
    if (element.name.text.replace(/^#/, '') !== key) return false;
    return isArrayType(ts, element.type) || (element.initializer !== undefined && ts.isArrayLiteralExpression(unwrap(ts, element.initializer)));
  });
}

/** `T[]`, a tuple, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>`. */
function isArrayType(ts: typeof TS, type: TS.TypeNode | undefined): boolean {
  let current = type;
  while (current && ts.isParenthesizedTypeNode(current)) current = current.type;
  if (!current) return false;
  if (ts.isArrayTypeNode(current) || ts.isTupleTypeNode(current)) return true;
  if (ts.isTypeOperatorNode(current)) return current.operator === ts.SyntaxKind.ReadonlyKeyword && isArrayType(ts, current.type);
  return ts.isTypeReferenceNode(current) && ts.isIdentifier(current.typeName) && (current.typeName.text === 'Array' || current.typeName.text === 'ReadonlyArray');
}

/** Every declaration in the file by the name it binds: variables, parameters, destructured names. */
function bindingsOf(ts: typeof TS, tree: TS.SourceFile): Map<string, TS.Node[]> {
  const result = new Map<string, TS.Node[]>();
  someNode(ts, tree, (node) => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) && ts.isIdentifier(node.name)) {
      const list = result.get(node.name.text);
      if (list) list.push(node);
      else result.set(node.name.text, [node]);
    }
    return false;
  });
  return result;
}

/** `this.entities`, `this.world.players`: plain property reads from `this`. */
function isThisPath(ts: typeof TS, node: TS.Expression): boolean {
  const inner = unwrap(ts, node);
  if (inner.kind === ts.SyntaxKind.ThisKeyword) return true;
  return ts.isPropertyAccessExpression(inner) && isThisPath(ts, inner.expression);
}

/** A method call on a `this` path, or a write to one, in the body (not in functions inside it). */
function touchesThis(ts: typeof TS, body: TS.Node): boolean {
  return someNodeOutsideFunctions(ts, body, (node) => {
    if (ts.isCallExpression(node)) {
      const callee = unwrap(ts, node.expression);
      return (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) && isThisPath(ts, callee.expression);
    }
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      return operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment && isThisPath(ts, node.left);
    }
    if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
      return (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) && isThisPath(ts, node.operand);
    }
    return false;
  });
}

/**
 * Whether the loop's body reads a property that an `if` around the loop, or before it in an
 * enclosing block, tests: TypeScript drops that narrowing inside a callback, so the rule leaves the
 * loop (its `.map` would not type-check).
 */
function readsNarrowedProperty(ts: typeof TS, loop: TS.ForStatement | TS.ForOfStatement): boolean {
  const tested = new Set<string>();
  let child: TS.Node = loop;
  for (let current = loop.parent; !ts.isFunctionLike(current); child = current, current = current.parent) {
    if (ts.isIfStatement(current) && current.expression !== child) memberTexts(ts, current.expression, tested);
    if (ts.isBlock(current) || ts.isSourceFile(current)) {
      for (const statement of current.statements) {
        if (statement === child) break;
        if (ts.isIfStatement(statement)) memberTexts(ts, statement.expression, tested);
      }
    }
    if (ts.isSourceFile(current)) break;
  }
  if (tested.size === 0) return false;
  return someNode(ts, loop.statement, (node) => ts.isPropertyAccessExpression(node) && tested.has(node.getText().replace(/\?\./g, '.')));
}

/** The text of every property read (`a.b`, `a?.b` spelled `a.b`) under `root`. */
function memberTexts(ts: typeof TS, root: TS.Node, into: Set<string>): void {
  someNode(ts, root, (node) => {
    if (ts.isPropertyAccessExpression(node)) into.add(node.getText().replace(/\?\./g, '.'));
    return false;
  });
}

/** Methods that read a typed array the way they read an array, with the same results. */
const TYPED_COMPATIBLE_METHODS = new Set(['reduce', 'reduceRight', 'forEach', 'some', 'every', 'indexOf', 'lastIndexOf', 'includes', 'at', 'find', 'findIndex', 'findLast', 'findLastIndex', 'join']);

/**
 * Whether every use of the filled array after its loop may be one a `Float64Array` serves the same
 * way (an index read, `length`, a reading method, `for...of`, a spread into a call), as the rule
 * requires for that rewrite. A name bound again there is not told apart: the answer is then yes.
 */
function typedUsesAfter(ts: typeof TS, rest: readonly TS.Statement[], name: string): boolean {
  if (rest.some((statement) => bindsName(ts, statement, name))) return true;
  return !rest.some((statement) => someNode(ts, statement, (node) => ts.isIdentifier(node) && node.text === name && isValueUse(ts, node) && !mayBeTypedUse(ts, node)));
}

function mayBeTypedUse(ts: typeof TS, identifier: TS.Identifier): boolean {
  const [child, parent] = outerOf(ts, identifier);
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === child) {
    const [member, grand] = outerOf(ts, parent);
    const written =
      (ts.isBinaryExpression(grand) && grand.left === member && grand.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && grand.operatorToken.kind <= ts.SyntaxKind.LastAssignment) ||
      ((ts.isPrefixUnaryExpression(grand) || ts.isPostfixUnaryExpression(grand)) && (grand.operator === ts.SyntaxKind.PlusPlusToken || grand.operator === ts.SyntaxKind.MinusMinusToken));
    if (written) return false;
    if (ts.isElementAccessExpression(parent)) return true;
    const key = parent.name.text;
    return key === 'length' || (TYPED_COMPATIBLE_METHODS.has(key) && ts.isCallExpression(grand) && grand.expression === member);
  }
  if (ts.isForOfStatement(parent)) return parent.expression === child;
  return ts.isSpreadElement(parent) && ts.isCallExpression(parent.parent);
}

/** The node with the parentheses around it, and the first parent that is not a parenthesis (ESTree has none). */
function outerOf(ts: typeof TS, node: TS.Node): [TS.Node, TS.Node] {
  let child = node;
  while (ts.isParenthesizedExpression(child.parent)) child = child.parent;
  return [child, child.parent];
}
