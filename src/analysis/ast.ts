import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

// Read once: each `AST_NODE_TYPES.X` of the CommonJS build goes through two re-export getters, and
// rules call this on every call expression of a file.
const NODE = AST_NODE_TYPES;

/** Strips the wrappers that do not change a value: TS casts, `!`, optional-chain containers, parens. */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case NODE.TSAsExpression:
      case NODE.TSNonNullExpression:
      case NODE.TSSatisfiesExpression:
      case NODE.TSTypeAssertion:
      case NODE.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

type Keyed =
  | TSESTree.MemberExpression
  | TSESTree.Property
  | TSESTree.PropertyDefinition
  | TSESTree.MethodDefinition;

/** The static name of a member or property key: `a.b`, `a['b']`, `{ b: 1 }`, `{ 'b': 1 }`; else null. */
export function getStaticKey(node: Keyed): string | null {
  const key = node.type === AST_NODE_TYPES.MemberExpression ? node.property : node.key;
  if (!node.computed) {
    if (key.type === AST_NODE_TYPES.Identifier) return key.name;
    if (key.type === AST_NODE_TYPES.Literal) return String(key.value);
    return null;
  }
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) {
    return key.quasis[0]?.value.cooked ?? null;
  }
  return null;
}

export function isFunctionNode(
  node: TSESTree.Node,
): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** The name a call goes by: `f()` -> "f", `a.b()` -> "b"; null for computed or other callees. */
export function calleeName(callee: TSESTree.Node): string | null {
  const inner = unwrapExpression(callee);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return getStaticKey(inner);
  return null;
}

/** The text a call's callee reads as in a message: `axios.get`, `fetch`, `new Pool`. */
export function calleeText(node: TSESTree.CallExpression | TSESTree.NewExpression, text: string): string {
  const callee = text.slice(node.callee.range[0], node.callee.range[1]).replace(/\s+/g, '');
  const short = callee.length > 40 ? `…${callee.slice(-39)}` : callee;
  return node.type === AST_NODE_TYPES.NewExpression ? `new ${short}` : short;
}
