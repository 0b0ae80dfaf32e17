import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { DeadlineGroup, OptionsSlot } from './catalog';
import { getStaticKey, isFunctionNode, unwrapExpression } from './ast';

/**
 * Reading a call's options object: where it sits, which keys it has, and whether we can know.
 *
 * An options object is readable when it is a literal at the call, or a `const`/`let` in the same
 * function initialised with a literal and otherwise only read or given keys (`opts.signal = s`).
 * Anything that comes from outside the function (a parameter, an import, a call's result, a spread
 * of those) is `unknown`, and rules stay silent on it: they cannot know what it holds.
 */
export type OptionsLocation =
  | { kind: 'unknown' }
  /** No options argument: `insertAt` is where one goes; `placeholders` `undefined`s fill the gap. */
  | { kind: 'absent'; insertAt: number; placeholders: number }
  | { kind: 'object'; object: TSESTree.ObjectExpression; keys: KeyReader };

export type KeyState = 'present' | 'absent' | 'unknown';

export interface KeyReader {
  /** Whether `key` (dotted for nested objects) has a value other than 0/null/false/undefined. */
  state(key: string): KeyState;
  /** The literal property for `key`, when one exists in the object literal. */
  property(key: string): TSESTree.Property | null;
}

type ArgumentKind = 'function' | 'object' | 'array' | 'primitive' | 'unknown';

// Names that in practice always hold a URL or a path: `fetch(url)`, `got(endpoint)`.
const URL_LIKE_NAME = /(?:url|uri|href|endpoint|link|path)$/i;
// Names that in practice always hold a callback: `execFile(file, args, cb)`.
const CALLBACK_NAME = /^(?:cb|callback|done|next)$|(?:Callback|Handler)$/;

export function locateOptions(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  slot: OptionsSlot,
): OptionsLocation {
  const args = call.arguments;
  if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return { kind: 'unknown' };
  if (slot.requestFirst && args[0] && mayBeRequest(sourceCode, args[0] as TSESTree.Expression)) return { kind: 'unknown' };
  const minIndex = slot.index - (slot.optionalBefore ?? 0);
  const scanFrom = slot.objectFirst ? 0 : minIndex;
  for (let i = scanFrom; i <= slot.index && i < args.length; i++) {
    const arg = args[i] as TSESTree.Expression;
    const kind = classifyArgument(sourceCode, arg);
    if (kind === 'object') {
      if (i < minIndex && !(slot.objectFirst && i === 0)) continue;
      const object = localObjectOf(sourceCode, arg, call);
      if (!object) return { kind: 'unknown' };
      return { kind: 'object', object: object.literal, keys: makeKeyReader(object.literal, object.assigned) };
    }
    if (kind === 'unknown') {
      // Before minIndex an unknown argument is a URL or data (`axios.post(url, data)`), unless the
      // options may stand first.
      if (i >= minIndex || (slot.objectFirst && i === 0)) return { kind: 'unknown' };
      continue;
    }
    if (kind === 'function' && i >= minIndex) return { kind: 'absent', insertAt: i, placeholders: 0 };
  }
  if (args.length === 0 && minIndex > 0) return { kind: 'unknown' };
  const firstCallback = args.findIndex((arg, i) => i >= minIndex && isFunctionNode(arg));
  if (firstCallback !== -1) return { kind: 'absent', insertAt: firstCallback, placeholders: 0 };
  return { kind: 'absent', insertAt: Math.max(args.length, minIndex), placeholders: Math.max(0, minIndex - args.length) };
}

/** Whether an option marks the call as exempt (`stdio: 'inherit'`, `detached: true`). */
export function isExempt(location: OptionsLocation, exempt: readonly { key: string; values: readonly unknown[] }[]): boolean {
  if (location.kind !== 'object') return false;
  return exempt.some(({ key, values }) => {
    const value = location.keys.property(key)?.value;
    if (!value) return false;
    const candidates = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value];
    return candidates.some((node) => node?.type === AST_NODE_TYPES.Literal && values.includes(node.value));
  });
}

/** `fetch(request)`: a Request object may carry its own signal. */
function mayBeRequest(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Expression): boolean {
  const arg = unwrapExpression(node);
  if (arg.type === AST_NODE_TYPES.NewExpression) {
    return arg.callee.type === AST_NODE_TYPES.Identifier && arg.callee.name === 'Request';
  }
  // A service worker's `fetch(event.request)` forwards the page's Request, which carries its own signal.
  if (arg.type === AST_NODE_TYPES.MemberExpression && !arg.computed && arg.property.type === AST_NODE_TYPES.Identifier) {
    return /^req(uest)?$/i.test(arg.property.name);
  }
  if (arg.type !== AST_NODE_TYPES.Identifier) return false;
  if (/^req(uest)?$/i.test(arg.name)) return true;
  const def = ASTUtils.findVariable(sourceCode.getScope(arg), arg)?.defs[0];
  const type = def && def.name.type === AST_NODE_TYPES.Identifier ? def.name.typeAnnotation?.typeAnnotation : undefined;
  return type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier
    ? type.typeName.name === 'Request'
    : false;
}

/** Whether a deadline group is satisfied by the options; string words count for `inStrings`. */
export function deadlineState(
  location: OptionsLocation,
  group: DeadlineGroup,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): KeyState {
  if (group.inStrings) {
    const words = group.inStrings.words;
    const strings =
      group.inStrings.key === ''
        ? call.arguments
        : location.kind === 'object'
          ? [location.keys.property(group.inStrings.key)?.value].filter((v) => v !== undefined)
          : [];
    for (const node of strings) {
      const text = staticText(node as TSESTree.Node);
      if (text !== null && words.some((word) => text.includes(word))) return 'present';
    }
  }
  if (location.kind === 'unknown') return 'unknown';
  if (location.kind === 'absent') return 'absent';
  let result: KeyState = 'absent';
  for (const key of group.keys) {
    const state = location.keys.state(key);
    if (state === 'present') return 'present';
    if (state === 'unknown') result = 'unknown';
  }
  return result;
}

function staticText(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis.map((q) => q.value.cooked ?? '').join('');
  return null;
}

function classifyArgument(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Expression): ArgumentKind {
  const arg = unwrapExpression(node);
  switch (arg.type) {
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return 'function';
    case AST_NODE_TYPES.ObjectExpression:
      return 'object';
    case AST_NODE_TYPES.ArrayExpression:
      return 'array';
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
      return 'primitive';
    case AST_NODE_TYPES.BinaryExpression:
      return arg.operator === '+' ? 'primitive' : 'unknown';
    case AST_NODE_TYPES.LogicalExpression: {
      // `process.env.URL ?? 'redis://localhost'`: primitive when both sides are.
      const left = classifyArgument(sourceCode, arg.left);
      return left === 'primitive' && classifyArgument(sourceCode, arg.right) === 'primitive' ? 'primitive' : 'unknown';
    }
    case AST_NODE_TYPES.NewExpression:
      return arg.callee.type === AST_NODE_TYPES.Identifier && arg.callee.name === 'URL' ? 'primitive' : 'unknown';
    case AST_NODE_TYPES.MemberExpression: {
      // process.env.X, x.href, x.url: strings
      const key = getStaticKey(arg);
      if (
        arg.object.type === AST_NODE_TYPES.MemberExpression &&
        getStaticKey(arg.object) === 'env' &&
        arg.object.object.type === AST_NODE_TYPES.Identifier &&
        arg.object.object.name === 'process'
      ) {
        return 'primitive';
      }
      return key !== null && URL_LIKE_NAME.test(key) ? 'primitive' : 'unknown';
    }
    case AST_NODE_TYPES.Identifier: {
      if (arg.name === 'undefined') return 'primitive';
      const variable = ASTUtils.findVariable(sourceCode.getScope(arg), arg);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.type === 'Variable') {
        const init = (def.node as TSESTree.VariableDeclarator).init;
        if (init) {
          const inner = unwrapExpression(init);
          if (inner.type === AST_NODE_TYPES.ObjectExpression) return 'object';
          if (inner.type === AST_NODE_TYPES.ArrayExpression) return 'array';
          if (inner.type === AST_NODE_TYPES.Literal || inner.type === AST_NODE_TYPES.TemplateLiteral) return 'primitive';
          if (inner.type === AST_NODE_TYPES.ArrowFunctionExpression || inner.type === AST_NODE_TYPES.FunctionExpression) {
            return 'function';
          }
        }
      }
      if (def?.type === 'FunctionName') return 'function';
      const annotation = def && def.name.type === AST_NODE_TYPES.Identifier ? def.name.typeAnnotation : undefined;
      const type = annotation?.typeAnnotation;
      if (type?.type === AST_NODE_TYPES.TSStringKeyword) return 'primitive';
      if (type?.type === AST_NODE_TYPES.TSArrayType) return 'array';
      if (type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier) {
        if (type.typeName.name === 'URL') return 'primitive';
      }
      if (CALLBACK_NAME.test(arg.name)) return 'function';
      return URL_LIKE_NAME.test(arg.name) ? 'primitive' : 'unknown';
    }
    default:
      return 'unknown';
  }
}

interface LocalObject {
  literal: TSESTree.ObjectExpression;
  /** Keys given later by `name.key = value` (dotted for `name.a.b = value`). */
  assigned: Set<string>;
}

/**
 * The object literal an options argument stands for: the literal itself, or a local binding's
 * literal when every other use of the binding only reads it or assigns a static key.
 */
function localObjectOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Expression,
  call: TSESTree.Node,
): LocalObject | null {
  const arg = unwrapExpression(node);
  if (arg.type === AST_NODE_TYPES.ObjectExpression) return { literal: arg, assigned: new Set() };
  if (arg.type !== AST_NODE_TYPES.Identifier) return null;
  const callScope = sourceCode.getScope(call);
  const variable = ASTUtils.findVariable(callScope, arg);
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0]!;
  if (def.type !== 'Variable') return null;
  const declarator = def.node as TSESTree.VariableDeclarator;
  const init = declarator.init && unwrapExpression(declarator.init);
  if (init?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  // Same function only: an options object built elsewhere may be changed before it gets here.
  if (variable.scope.variableScope !== callScope.variableScope) return null;
  const assigned = new Set<string>();
  for (const ref of variable.references) {
    if (ref.init) continue;
    if (ref.isWrite()) return null;
    const id = ref.identifier as TSESTree.Node;
    if (id === arg) continue;
    const keyPath = assignedKeyPath(id);
    if (keyPath === undefined) return null;
    if (keyPath !== null) assigned.add(keyPath);
  }
  return { literal: init, assigned };
}

/**
 * For a reference `id`: the dotted key it assigns (`id.a = v` -> "a", `id.a.b = v` -> "a.b"), null
 * for a plain property read, undefined for any other use (passed along, spread, computed keys).
 */
function assignedKeyPath(id: TSESTree.Node): string | null | undefined {
  const keys: string[] = [];
  let current: TSESTree.Node = id;
  while (current.parent?.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current) {
    const key = getStaticKey(current.parent);
    if (key === null) return undefined;
    keys.push(key);
    current = current.parent;
  }
  if (keys.length === 0) return undefined;
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === current) {
    return keys.join('.');
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === current) return null;
  if (
    parent?.type === AST_NODE_TYPES.UpdateExpression ||
    parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete'
  ) {
    return undefined;
  }
  return null;
}

/** A property value that gives no deadline: `timeout: 0` is "no timeout" for axios and got. */
function isEmptyValue(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Literal) return value.value === 0 || value.value === null || value.value === false;
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'undefined';
  return value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void';
}

function makeKeyReader(literal: TSESTree.ObjectExpression, assigned: Set<string>): KeyReader {
  function find(object: TSESTree.ObjectExpression, parts: string[]): { state: KeyState; property: TSESTree.Property | null } {
    const [head, ...rest] = parts;
    let spread = false;
    let match: TSESTree.Property | null = null;
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        spread = true;
        match = null; // a later spread may override an earlier key
        continue;
      }
      if (property.computed && getStaticKey(property) === null) {
        spread = true;
        continue;
      }
      if (getStaticKey(property) === head) {
        match = property;
        spread = false;
      }
    }
    if (!match) return { state: spread ? 'unknown' : 'absent', property: null };
    if (rest.length === 0) {
      return { state: isEmptyValue(match.value) ? 'absent' : 'present', property: match };
    }
    const value = unwrapExpression(match.value);
    if (value.type !== AST_NODE_TYPES.ObjectExpression) return { state: 'unknown', property: null };
    return find(value, rest);
  }
  return {
    state(key) {
      if (assigned.has(key)) return 'present';
      // `opts.socket = {...}` given later: its contents are not followed.
      const parts = key.split('.');
      for (let i = 1; i < parts.length; i++) {
        if (assigned.has(parts.slice(0, i).join('.'))) return 'unknown';
      }
      return find(literal, parts).state;
    },
    property(key) {
      return find(literal, key.split('.')).property;
    },
  };
}
