import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getStaticKey, isFunctionNode } from './ast';
import { iterationCallOf } from './context';

/**
 * Escape analysis over syntax: can the value an expression produces outlive one run of a region (one
 * iteration of a loop, one call of an iteration callback, one tick)? A value that cannot is garbage
 * when the run ends, so one scratch object can serve every run; a value that can (returned, stored
 * in a field, an outer variable or a collection, passed to code that may keep it, captured by a
 * closure) must stay a fresh object per run.
 *
 * The analysis follows the value through local variables, casts, conditionals and the methods that
 * return their receiver or a view of it (`buf.subarray()`), and answers "escapes" whenever it meets
 * a use it does not know: rules built on it stay silent rather than suggest aliasing.
 */

export type EscapeKind =
  /** Returned, yielded or thrown out of the region's function. */
  | 'returned'
  /** Stored in a property, an element, or a variable declared outside the region. */
  | 'stored'
  /** Passed to a call or constructor that may keep it. */
  | 'passed'
  /** Read by a closure that may run after the region. */
  | 'captured'
  /** Held by a binding that lives longer than the region (`var`, or read after it). */
  | 'outlives';

export interface Escape {
  kind: EscapeKind;
  /** Where the value leaves: the return, the assignment, the call, the closure's reference. */
  node: TSESTree.Node;
}

export interface EscapeOptions {
  /**
   * Whether `call` only reads `argument` while it runs (it keeps no reference). Replaces the
   * default, `readsArgumentOnly`, which knows string pattern methods, hashing, copying, decoding and
   * synchronous file I/O.
   */
  readsArgumentOnly?: (call: TSESTree.CallExpression | TSESTree.NewExpression, argument: TSESTree.Node) => boolean;
}

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Methods whose result is their receiver or shares its memory: `buf.subarray()` is a view of `buf`,
 * `arr.fill(0)` returns `arr`. Following them keeps `return buf.subarray(0, n)` an escape of `buf`.
 */
const ALIASING_METHODS = new Set(['subarray', 'slice', 'fill', 'sort', 'reverse', 'copyWithin', 'valueOf']);
/** Properties that expose the value's memory (`typed.buffer`). */
const ALIASING_PROPERTIES = new Set(['buffer']);
/** View constructors over an ArrayBuffer: the view shares the buffer's memory. */
const VIEW_CONSTRUCTORS = new Set([
  'DataView',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float16Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
]);

/**
 * Methods that read an argument during the call and keep nothing: string methods that take a
 * pattern (`matchAll` clones it), hash and cipher updates, copies into or out of a buffer, decoders,
 * synchronous file I/O, comparisons, and serialisers.
 */
const READ_ONLY_METHODS = new Set([
  'replace',
  'replaceAll',
  'match',
  'matchAll',
  'split',
  'search',
  'update',
  'digest',
  'copy',
  'decode',
  'encodeInto',
  'equals',
  'compare',
  'indexOf',
  'lastIndexOf',
  'includes',
  'readSync',
  'writeSync',
  'randomFillSync',
  'getRandomValues',
  'test',
  'exec',
]);
/** Static methods that copy or measure their arguments: `Buffer.concat([a, b])` copies. */
const READ_ONLY_STATICS: Record<string, ReadonlySet<string> | 'all-but-writers'> = {
  Buffer: new Set(['concat', 'compare', 'byteLength', 'isBuffer']),
  JSON: new Set(['stringify']),
  Math: 'all-but-writers',
  Array: new Set(['isArray', 'from']),
  Object: new Set(['keys', 'values', 'entries', 'getOwnPropertyNames', 'is', 'hasOwn']),
  Number: 'all-but-writers',
  String: new Set(['fromCharCode', 'fromCodePoint']),
};
/** Global functions that read their argument and keep nothing. */
const READ_ONLY_FUNCTIONS = new Set(['String', 'Number', 'Boolean', 'parseInt', 'parseFloat', 'isNaN', 'isFinite']);

export function readsArgumentOnly(call: TSESTree.CallExpression | TSESTree.NewExpression, _argument: TSESTree.Node): boolean {
  if (call.type === AST_NODE_TYPES.NewExpression) return false;
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return READ_ONLY_FUNCTIONS.has(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = getStaticKey(callee);
  if (name === null) return false;
  if (callee.object.type === AST_NODE_TYPES.Identifier && Object.hasOwn(READ_ONLY_STATICS, callee.object.name)) {
    const statics = READ_ONLY_STATICS[callee.object.name]!;
    return statics === 'all-but-writers' || statics.has(name);
  }
  return READ_ONLY_METHODS.has(name);
}

/**
 * The first way the value of `value` can outlive one run of `region` (a loop statement, or a
 * function run once per item or tick), or null when it cannot. `value` is an expression inside
 * `region`, usually an allocation.
 */
export function findEscape(
  sourceCode: SourceCode,
  value: TSESTree.Node,
  region: TSESTree.Node,
  options: EscapeOptions = {},
): Escape | null {
  const readsOnly = options.readsArgumentOnly ?? readsArgumentOnly;
  const [start, end] = region.range;
  const inside = (node: TSESTree.Node) => node.range[0] >= start && node.range[1] <= end;
  const home = functionOf(value);
  const seen = new Set<unknown>();

  return follow(value);

  /** Where the value of `node` goes next. */
  function follow(node: TSESTree.Node): Escape | null {
    const parent = node.parent;
    if (!parent) return null;
    switch (parent.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.LogicalExpression:
        return follow(parent);
      case AST_NODE_TYPES.ConditionalExpression:
        return parent.test === node ? null : follow(parent);
      case AST_NODE_TYPES.SequenceExpression:
        return parent.expressions.at(-1) === node ? follow(parent) : null;
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init !== node) return null;
        // Destructuring reads parts of the value; the value itself is not kept.
        if (parent.id.type !== AST_NODE_TYPES.Identifier) return null;
        return followBinding(parent.id, parent);
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right !== node) return null;
        if (parent.operator !== '=') return null; // `x += value` converts it
        if (parent.left.type === AST_NODE_TYPES.Identifier) return followBinding(parent.left, parent);
        if (parent.left.type === AST_NODE_TYPES.MemberExpression) return { kind: 'stored', node: parent };
        return null; // destructuring assignment reads parts
      case AST_NODE_TYPES.MemberExpression: {
        if (parent.object !== node) return null; // a computed key
        const key = getStaticKey(parent);
        const call = parent.parent;
        if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
          return key !== null && ALIASING_METHODS.has(key) ? follow(call) : null;
        }
        return key !== null && ALIASING_PROPERTIES.has(key) ? follow(parent) : null;
      }
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        if (parent.callee === node) return null; // calling a closure is a use, not a store
        if (parent.type === AST_NODE_TYPES.NewExpression && isViewConstruction(parent)) return follow(parent);
        return readsOnly(parent, node) ? null : { kind: 'passed', node: parent };
      }
      case AST_NODE_TYPES.SpreadElement:
        // `[...value]`, `{ ...value }`, `f(...value)` copy the elements or properties out.
        return null;
      case AST_NODE_TYPES.ArrayExpression:
        return follow(parent);
      case AST_NODE_TYPES.Property:
        if (parent.value !== node || parent.parent?.type !== AST_NODE_TYPES.ObjectExpression) return null;
        return follow(parent.parent);
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ThrowStatement:
      case AST_NODE_TYPES.YieldExpression:
        return { kind: 'returned', node: parent };
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === node ? { kind: 'returned', node: parent } : null;
      case AST_NODE_TYPES.ExpressionStatement:
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.SwitchStatement:
      case AST_NODE_TYPES.SwitchCase:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.UpdateExpression:
      case AST_NODE_TYPES.TemplateLiteral:
        // Tested, iterated, compared or converted: nothing keeps the value.
        return null;
      default:
        // A use this analysis does not model (tagged templates, JSX, class bodies): assume it keeps it.
        return { kind: 'passed', node: parent };
    }
  }

  /** The value is bound to `id` (declared or assigned): it escapes through every read of the binding. */
  function followBinding(id: TSESTree.Identifier, where: TSESTree.Node): Escape | null {
    const variable =
      where.type === AST_NODE_TYPES.VariableDeclarator
        ? (sourceCode.getDeclaredVariables(where)[0] ?? null)
        : ASTUtils.findVariable(sourceCode.getScope(id), id);
    if (!variable) return { kind: 'stored', node: where }; // an implicit global
    if (seen.has(variable)) return null;
    seen.add(variable);
    const definition = variable.defs[0];
    if (!definition || !inside(definition.name)) return { kind: 'stored', node: where };
    // `var` is function-scoped: the binding survives the iteration that wrote it.
    if (definition.parent?.type === AST_NODE_TYPES.VariableDeclaration && definition.parent.kind === 'var') {
      return { kind: 'outlives', node: definition.name };
    }
    for (const reference of variable.references) {
      if (!reference.isRead()) continue;
      const identifier = reference.identifier;
      if (!inside(identifier)) return { kind: 'outlives', node: identifier };
      const closure = closureBetween(identifier);
      if (closure) return { kind: 'captured', node: identifier };
      const escape = follow(identifier);
      if (escape) return escape;
    }
    return null;
  }

  /**
   * The function between a reference and the value's own function that may run later: anything but
   * a synchronous iteration callback (`xs.forEach(x => use(buf))` runs before the region ends).
   */
  function closureBetween(node: TSESTree.Node): TSESTree.Node | null {
    for (let current = node.parent; current && current !== home; current = current.parent) {
      if (!isFunctionNode(current)) continue;
      if (current.async || current.generator || current.type === AST_NODE_TYPES.FunctionDeclaration || !iterationCallOf(current)) {
        return current;
      }
    }
    return null;
  }
}

function functionOf(node: TSESTree.Node): TSESTree.Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

/** `new Uint8Array(value)`, `new DataView(value)`: a view sharing the argument's memory. */
function isViewConstruction(node: TSESTree.NewExpression): boolean {
  return node.callee.type === AST_NODE_TYPES.Identifier && VIEW_CONSTRUCTORS.has(node.callee.name);
}
