import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getStaticKey, unwrapExpression } from './ast';

/**
 * Which storage an expression names, so that two expressions can be told to be the same array or
 * object: `queue` (a binding), `this.inbox` (a field of the enclosing class), `state.players` (a
 * property path from a binding). Rules that pair a `shift()` with a `push()`, an inner loop with an
 * outer loop, or a `delete` with a computed access ask here instead of comparing source text.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

export interface Reference {
  /** Equal for two expressions that name the same storage in one file. */
  key: string;
  /** The binding at the root of the path, or null for `this`. */
  variable: Variable | null;
  /** The class whose `this` roots the path. */
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression | null;
  /** Property names after the root: [] for a plain binding. */
  path: string[];
}

const MAX_PATH = 6;

export interface ReferenceResolver {
  /** The storage `node` names, or null for anything but a binding, `this` and static property paths. */
  referenceOf(node: TSESTree.Node): Reference | null;
  /** Whether the value stored there is known to be an array (see `isArrayProducing`, `isArrayType`). */
  isKnownArray(reference: Reference): boolean;
}

export function createReferenceResolver(sourceCode: SourceCode): ReferenceResolver {
  const variableIds = new WeakMap<Variable, number>();
  const classIds = new WeakMap<TSESTree.Node, number>();
  let nextId = 1;
  const arrayMemo = new Map<string, boolean>();

  function idOf<T extends object>(map: WeakMap<T, number>, value: T): number {
    let id = map.get(value);
    if (id === undefined) {
      id = nextId++;
      map.set(value, id);
    }
    return id;
  }

  function referenceOf(node: TSESTree.Node): Reference | null {
    const path: string[] = [];
    let current = unwrapExpression(node);
    while (current.type === AST_NODE_TYPES.MemberExpression) {
      const key = getStaticKey(current);
      if (key === null || path.length >= MAX_PATH) return null;
      path.unshift(key);
      current = unwrapExpression(current.object);
    }
    if (current.type === AST_NODE_TYPES.ThisExpression) {
      const classNode = thisClassOf(current);
      if (!classNode) return null;
      return { key: `class#${idOf(classIds, classNode)}.${path.join('.')}`, variable: null, classNode, path };
    }
    if (current.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = ASTUtils.findVariable(sourceCode.getScope(current), current);
    // An implicit global has no binding to tell two uses apart: compare by name.
    const root = variable ? `var#${idOf(variableIds, variable)}` : `global:${current.name}`;
    return { key: [root, ...path].join('.'), variable: variable ?? null, classNode: null, path };
  }

  function isKnownArray(reference: Reference): boolean {
    const known = arrayMemo.get(reference.key);
    if (known !== undefined) return known;
    const result = reference.classNode ? fieldIsArray(reference) : bindingIsArray(reference);
    arrayMemo.set(reference.key, result);
    return result;
  }

  /** `queue` declared with an array value or type; `state.queue` through an object literal init. */
  function bindingIsArray({ variable, path }: Reference): boolean {
    if (!variable) return false;
    for (const def of variable.defs) {
      const name = def.name as TSESTree.Identifier;
      if (path.length === 0 && isArrayType(name.typeAnnotation?.typeAnnotation)) return true;
      if (def.type !== 'Variable') continue;
      const declarator = def.node;
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
      const value = followPath(declarator.init, path);
      if (value && isArrayProducing(value)) return true;
    }
    if (path.length === 0) return false;
    // `state.queue = []` anywhere in the file.
    return variable.references.some((ref) => {
      const assignment = assignmentThrough(ref.identifier, path);
      return assignment !== null && isArrayProducing(assignment.right);
    });
  }

  /** `this.queue` declared in the class body with an array value or type, or assigned one. */
  function fieldIsArray({ classNode, path }: Reference): boolean {
    if (!classNode || path.length !== 1) return false;
    const name = path[0]!;
    for (const member of classNode.body.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && getStaticKey(member) === name) {
        if (isArrayType(member.typeAnnotation?.typeAnnotation)) return true;
        if (member.value && isArrayProducing(member.value)) return true;
      }
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        for (const parameter of member.value.params) {
          if (
            parameter.type === AST_NODE_TYPES.TSParameterProperty &&
            parameter.parameter.type === AST_NODE_TYPES.Identifier &&
            parameter.parameter.name === name &&
            isArrayType(parameter.parameter.typeAnnotation?.typeAnnotation)
          ) {
            return true;
          }
        }
      }
    }
    return thisAssignments(classNode, name).some((right) => isArrayProducing(right));
  }

  /** Right-hand sides of `this.<name> = value` in the class's own methods (not nested classes). */
  function thisAssignments(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): TSESTree.Node[] {
    const found: TSESTree.Node[] = [];
    for (const member of classNode.body.body) {
      if (member.type !== AST_NODE_TYPES.MethodDefinition || member.static || !member.value.body) continue;
      for (const statement of member.value.body.body) {
        const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : null;
        if (
          expression?.type === AST_NODE_TYPES.AssignmentExpression &&
          expression.operator === '=' &&
          expression.left.type === AST_NODE_TYPES.MemberExpression &&
          expression.left.object.type === AST_NODE_TYPES.ThisExpression &&
          getStaticKey(expression.left) === name
        ) {
          found.push(expression.right);
        }
      }
    }
    return found;
  }

  return { referenceOf, isKnownArray };
}

/** The class whose instance `this` is, seen through arrow functions; null inside plain functions. */
export function thisClassOf(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  for (let current = node.parent; current; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.FunctionDeclaration:
        return null;
      case AST_NODE_TYPES.FunctionExpression: {
        const holder = current.parent;
        if (holder?.type === AST_NODE_TYPES.MethodDefinition && !holder.static) return holder.parent.parent;
        return null;
      }
      case AST_NODE_TYPES.PropertyDefinition:
        if (current.static) return null;
        return current.parent.parent;
      case AST_NODE_TYPES.StaticBlock:
        return null;
      default:
        break;
    }
  }
  return null;
}

/** The value at `path` inside an object literal: `{ queue: [] }` with ['queue'] gives `[]`. */
function followPath(node: TSESTree.Node, path: readonly string[]): TSESTree.Node | null {
  let current = unwrapExpression(node);
  for (const key of path) {
    if (current.type !== AST_NODE_TYPES.ObjectExpression) return null;
    let found: TSESTree.Node | null = null;
    for (const property of current.properties) {
      if (property.type === AST_NODE_TYPES.Property && !property.computed && getStaticKey(property) === key) found = property.value;
    }
    if (!found) return null;
    current = unwrapExpression(found);
  }
  return current;
}

/** `root.a.b = value` where `identifier` is `root` and path is ['a', 'b']. */
function assignmentThrough(identifier: TSESTree.Node, path: readonly string[]): TSESTree.AssignmentExpression | null {
  let current: TSESTree.Node = identifier;
  for (const key of path) {
    const parent = current.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current || getStaticKey(parent) !== key) return null;
    current = parent;
  }
  const parent = current.parent;
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === current && parent.operator === '=' ? parent : null;
}

const ARRAY_METHODS = new Set(['map', 'filter', 'slice', 'concat', 'flat', 'flatMap', 'splice', 'toSorted', 'toReversed', 'toSpliced']);

/** An expression whose value is an array: a literal, `new Array`, `Array.from/of`, or an array method's result. */
export function isArrayProducing(node: TSESTree.Node): boolean {
  if ((node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSSatisfiesExpression) && isArrayType(node.typeAnnotation)) {
    return true;
  }
  const inner = unwrapExpression(node);
  if (inner !== node) return isArrayProducing(inner);
  switch (inner.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return true;
    case AST_NODE_TYPES.NewExpression:
      return inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === 'Array';
    case AST_NODE_TYPES.CallExpression: {
      const callee = inner.callee;
      if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'Array';
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = getStaticKey(callee);
      if (callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Array') return method === 'from' || method === 'of';
      return method !== null && ARRAY_METHODS.has(method);
    }
    default:
      return false;
  }
}

/** `T[]`, `Array<T>`, `ReadonlyArray<T>`, or a union holding one (`T[] | null`). */
export function isArrayType(type: TSESTree.TypeNode | undefined): boolean {
  if (!type) return false;
  switch (type.type) {
    case AST_NODE_TYPES.TSArrayType:
      return true;
    case AST_NODE_TYPES.TSTypeReference:
      return type.typeName.type === AST_NODE_TYPES.Identifier && (type.typeName.name === 'Array' || type.typeName.name === 'ReadonlyArray');
    case AST_NODE_TYPES.TSUnionType:
      return type.types.some(isArrayType);
    case AST_NODE_TYPES.TSTypeOperator:
      return type.operator === 'readonly' && isArrayType(type.typeAnnotation);
    default:
      return false;
  }
}
