import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getStaticKey } from './ast';

/**
 * The value an expression has whatever runs before it: literals, templates and arithmetic over
 * them, `const` bindings initialised with such values, and object and array literals of them (the
 * options and locale lists `Intl` constructors take). `found: false` when syntax cannot tell.
 *
 * Rules use it to know a loop's trip count (`i < MAX_PLAYERS`) and whether an allocation's
 * arguments are constants that can be checked now (a hoisted `new RegExp(p)` must not start
 * throwing where the loop never ran).
 */
export type StaticValue = { found: true; value: unknown } | { found: false };

const NOT_FOUND: StaticValue = { found: false };
const MAX_DEPTH = 8;

export function staticValue(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth = 0): StaticValue {
  if (depth > MAX_DEPTH) return NOT_FOUND;
  const next = (child: TSESTree.Node) => staticValue(sourceCode, child, depth + 1);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      // A regex literal is an object, and a fresh one each evaluation: not a constant value.
      return 'regex' in node && node.regex ? NOT_FOUND : { found: true, value: node.value };
    case AST_NODE_TYPES.TemplateLiteral: {
      let text = node.quasis[0]?.value.cooked ?? '';
      for (let i = 0; i < node.expressions.length; i++) {
        const part = next(node.expressions[i]!);
        if (!part.found) return NOT_FOUND;
        text += String(part.value) + (node.quasis[i + 1]?.value.cooked ?? '');
      }
      return { found: true, value: text };
    }
    case AST_NODE_TYPES.Identifier: {
      if (node.name === 'undefined') return { found: true, value: undefined };
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (
        def?.node.type !== AST_NODE_TYPES.VariableDeclarator ||
        def.parent?.type !== AST_NODE_TYPES.VariableDeclaration ||
        def.parent.kind !== 'const' ||
        def.node.id.type !== AST_NODE_TYPES.Identifier ||
        !def.node.init
      ) {
        return NOT_FOUND;
      }
      return next(def.node.init);
    }
    case AST_NODE_TYPES.UnaryExpression: {
      const argument = next(node.argument);
      if (!argument.found) return NOT_FOUND;
      if (node.operator === '-' && typeof argument.value === 'number') return { found: true, value: -argument.value };
      if (node.operator === '+' && typeof argument.value === 'number') return argument;
      if (node.operator === '!') return { found: true, value: !argument.value };
      return NOT_FOUND;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (node.left.type === AST_NODE_TYPES.PrivateIdentifier) return NOT_FOUND;
      const left = next(node.left);
      const right = left.found ? next(node.right) : NOT_FOUND;
      if (!left.found || !right.found) return NOT_FOUND;
      return binary(node.operator, left.value, right.value);
    }
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
      return next(node.expression);
    case AST_NODE_TYPES.ArrayExpression: {
      const values: unknown[] = [];
      for (const element of node.elements) {
        if (!element || element.type === AST_NODE_TYPES.SpreadElement) return NOT_FOUND;
        const value = next(element);
        if (!value.found) return NOT_FOUND;
        values.push(value.value);
      }
      return { found: true, value: values };
    }
    case AST_NODE_TYPES.ObjectExpression: {
      const object: Record<string, unknown> = {};
      for (const property of node.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init' || property.method) return NOT_FOUND;
        const key = getStaticKey(property);
        if (key === null || key === '__proto__') return NOT_FOUND;
        const value = next(property.value);
        if (!value.found) return NOT_FOUND;
        object[key] = value.value;
      }
      return { found: true, value: object };
    }
    default:
      return NOT_FOUND;
  }
}

function binary(operator: string, left: unknown, right: unknown): StaticValue {
  if (operator === '+') {
    if (typeof left === 'string' || typeof right === 'string') return { found: true, value: String(left) + String(right) };
    if (typeof left === 'number' && typeof right === 'number') return { found: true, value: left + right };
    return NOT_FOUND;
  }
  if (typeof left !== 'number' || typeof right !== 'number') return NOT_FOUND;
  switch (operator) {
    case '-':
      return { found: true, value: left - right };
    case '*':
      return { found: true, value: left * right };
    case '/':
      return { found: true, value: left / right };
    case '%':
      return { found: true, value: left % right };
    case '**':
      return { found: true, value: left ** right };
    case '<<':
      return { found: true, value: left << right };
    case '>>':
      return { found: true, value: left >> right };
    case '|':
      return { found: true, value: left | right };
    default:
      return NOT_FOUND;
  }
}

/** The number an expression always evaluates to, or null. */
export function staticNumber(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): number | null {
  const result = staticValue(sourceCode, node);
  return result.found && typeof result.value === 'number' && Number.isFinite(result.value) ? result.value : null;
}
