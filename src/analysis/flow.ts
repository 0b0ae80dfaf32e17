import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode } from './ast';

/**
 * Small, bounded walks inside one function: the nodes of an expression or a callback body, and
 * where a value came from. Rules call these on the few nodes a finding is about, never on a file.
 */

/**
 * Visits `root` and its descendants in source order without entering nested functions (their code
 * runs at another time). Return `false` from `visit` to skip a node's children.
 */
export function walkLocal(
  sourceCode: Readonly<TSESLint.SourceCode>,
  root: TSESTree.Node,
  visit: (node: TSESTree.Node) => boolean | void,
): void {
  const keys = sourceCode.visitorKeys;
  const step = (node: TSESTree.Node): void => {
    if (visit(node) === false) return;
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item) && !isFunctionNode(item)) step(item);
      } else if (isNode(child) && !isFunctionNode(child)) {
        step(child);
      }
    }
  };
  step(root);
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Whether an identifier is a reference (not a property name or an object key). */
export function isReference(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) return false;
  if (parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && parent.value !== node) return false;
  return true;
}

/**
 * The `await` expressions inside `within` that `value` was computed from: an `await` in the
 * expression itself, or in the initialiser or an assignment of a local binding the expression reads,
 * followed through up to `depth` bindings (`const row = await q(); const user = toUser(row)`).
 * Only awaits and writes that start before `before` count.
 */
export function awaitsFeeding(
  sourceCode: Readonly<TSESLint.SourceCode>,
  value: TSESTree.Node,
  within: TSESTree.Node,
  before: number,
  depth = 4,
): TSESTree.AwaitExpression[] {
  const found = new Set<TSESTree.AwaitExpression>();
  const seen = new Set<TSESLint.Scope.Variable>();
  const [start, end] = within.range;
  const visit = (expression: TSESTree.Node, level: number): void => {
    walkLocal(sourceCode, expression, (node) => {
      if (node.type === AST_NODE_TYPES.AwaitExpression && node.range[0] < before) found.add(node);
      if (node.type !== AST_NODE_TYPES.Identifier || level >= depth || !isReference(node)) return;
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
      if (!variable || seen.has(variable)) return;
      seen.add(variable);
      const declared = variable.defs[0]?.name;
      if (!declared || declared.range[0] < start || declared.range[1] > end) return;
      for (const reference of variable.references) {
        if (reference.isWrite() && reference.writeExpr && reference.identifier.range[0] < before) {
          visit(reference.writeExpr, level + 1);
        }
      }
    });
  };
  visit(value, 0);
  return [...found].sort((a, b) => a.range[0] - b.range[0]);
}

/**
 * Whether `node`, or a binding initialised from it, decides a branch: it sits in an `if` or `?:`
 * test, the left of `&&`/`||`/`??`, or is read there through the variable it initialises
 * (`const hit = cache.get(k); if (hit) return hit;`).
 */
export function decidesBranch(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  if (inTest(node)) return true;
  // Climb through what keeps the value: `await`, casts, `JSON.parse(...)`-like wrapping calls.
  let current: TSESTree.Node = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.AwaitExpression ||
      current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.ChainExpression ||
      (current.parent.type === AST_NODE_TYPES.CallExpression && current.parent.arguments.includes(current as TSESTree.Expression)))
  ) {
    current = current.parent;
  }
  const declarator = current.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== current) return false;
  return sourceCode.getDeclaredVariables(declarator).some((variable) =>
    variable.references.some((reference) => !reference.init && inTest(reference.identifier)),
  );
}

function inTest(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        return current.test === child;
      case AST_NODE_TYPES.LogicalExpression:
        if (current.left === child) return true;
        break;
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.MemberExpression:
        break;
      default:
        return false;
    }
  }
  return false;
}

/** Lower-case words of a name or callee text: `this.runExclusive` gives this, run, exclusive. */
export function wordsOf(text: string): string[] {
  return text
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}
