import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode } from './ast';
import { isInvariantIn, type IterationContext } from './context';
import type { Edit } from './edits';

/**
 * Hoisting an expression that gives the same value on every run of a loop (or of a per-tick
 * function) so it runs once: to module scope when it reads nothing local, otherwise to just before
 * the outermost loop in which it is invariant. The edits either move the `const` that holds it
 * (`const re = new RegExp(P)` leaves the loop whole) or declare a new `const` and put its name where
 * the expression was. Both the rule's fix and the codemod use these edits.
 */
export interface HoistPlan {
  edits: Edit[];
  /** The name the hoisted value is known by. */
  name: string;
  place: 'module' | 'function';
}

export interface HoistRequest {
  /** The expression to evaluate once. It must be invariant in `contexts[0]` (or in its tick function). */
  expression: TSESTree.Expression;
  /** The per-iteration contexts around it, innermost first (`iterationContextsOf`). */
  contexts: readonly IterationContext[];
  /** Base for a new name: `pattern`, `numberFormat`. */
  baseName: string;
  /** Whether module scope is an allowed target (never for buffers: concurrent calls would share them). */
  allowModule: boolean;
  /**
   * The text that replaces the expression, given the hoisted name (`scratch.fill(0)` keeps a reused
   * buffer zeroed). Without it the name alone replaces it, and a `const` holding it may move whole.
   */
  replaceWith?: (name: string) => string;
  /**
   * Whether an identical `const` already made before the loop may serve (true for immutable values
   * such as formatters; never for a buffer someone else may be writing).
   */
  shareExisting?: boolean;
}

type SourceCode = Readonly<TSESLint.SourceCode>;
type Scope = TSESLint.Scope.Scope;
type StatementList = TSESTree.BlockStatement | TSESTree.Program | TSESTree.SwitchCase | TSESTree.StaticBlock;

export function planHoist(sourceCode: SourceCode, request: HoistRequest): HoistPlan | null {
  const { expression, contexts } = request;
  const reads = readBindings(sourceCode, expression);
  if (reads === null) return null;
  if (request.allowModule && reads.every((variable) => variable === null || isModuleLevel(variable))) {
    const plan = planModuleHoist(sourceCode, request, reads);
    if (plan) return plan;
  }
  // The outermost loop it is invariant in: invariance in an outer loop implies it in the inner ones.
  let chosen: IterationContext | undefined;
  for (const context of contexts) {
    if (!isInvariantExpression(sourceCode, expression, context.kind === 'loop' ? context.loop : context.callback)) break;
    chosen = context;
  }
  if (!chosen) return null;
  const anchor = statementOf(chosen.kind === 'loop' ? chosen.loop : chosen.call);
  if (!anchor) return null;
  return buildPlan(sourceCode, request, anchor, 'function');
}

function planModuleHoist(
  sourceCode: SourceCode,
  request: HoistRequest,
  reads: readonly (TSESLint.Scope.Variable | null)[],
): HoistPlan | null {
  let anchor: TSESTree.Node = request.expression;
  while (anchor.parent && anchor.parent.type !== AST_NODE_TYPES.Program) anchor = anchor.parent;
  if (!anchor.parent) return null;
  // Every module binding it reads must be initialised before the new declaration runs.
  for (const variable of reads) {
    const def = variable?.defs[0];
    if (!def || def.type === 'ImportBinding' || def.type === 'FunctionName') continue;
    if (def.name.range[0] >= anchor.range[0]) return null;
  }
  return buildPlan(sourceCode, request, anchor as TSESTree.ProgramStatement, 'module');
}

function buildPlan(
  sourceCode: SourceCode,
  request: HoistRequest,
  anchor: TSESTree.Node,
  place: HoistPlan['place'],
): HoistPlan | null {
  const { expression } = request;
  const list = anchor.parent as StatementList;
  const target = scopeOfList(sourceCode, list);
  const useScope = sourceCode.getScope(expression);
  const expressionText = sourceCode.getText(expression);

  // An identical `const` already made before the anchor (by hand, or by an earlier pass): use it.
  const replace = request.replaceWith ?? ((name: string) => name);
  const existing = request.shareExisting === false ? null : findExistingConst(sourceCode, target, expressionText, anchor);
  if (existing && isFreeBetween(existing, useScope, target, null)) {
    return { edits: [{ range: expression.range, text: replace(existing) }], name: existing, place };
  }

  const insertAt = insertionPoint(sourceCode, anchor);
  const blankLine = place === 'module' ? '\n' : '';
  const moved = request.replaceWith ? null : movableDeclaration(expression);
  if (moved) {
    const name = moved.declarator.id.name;
    const variable = sourceCode.getDeclaredVariables(moved.declarator)[0];
    const ownScope = variable?.scope ?? null;
    const free =
      variable !== undefined &&
      !target.set.has(name) &&
      !target.through.some((ref) => ref.identifier.name === name) &&
      variable.references.every((ref) => isFreeBetween(name, ref.from, target, ownScope));
    if (free) {
      const text = sourceCode.getText(moved.statement);
      return {
        edits: [
          { range: [insertAt.offset, insertAt.offset], text: `${insertAt.indent}${text}${insertAt.separator}${blankLine}` },
          removeStatement(sourceCode, moved.statement),
        ],
        name,
        place,
      };
    }
  }
  const name = uniqueName(request.baseName, (candidate) =>
    !target.set.has(candidate) &&
    !target.through.some((ref) => ref.identifier.name === candidate) &&
    isFreeBetween(candidate, useScope, target, null),
  );
  if (!name) return null;
  return {
    edits: [
      { range: [insertAt.offset, insertAt.offset], text: `${insertAt.indent}const ${name} = ${expressionText};${insertAt.separator}${blankLine}` },
      { range: expression.range, text: replace(name) },
    ],
    name,
    place,
  };
}

/**
 * `isInvariantIn` for the expression being hoisted: a construction (`new RegExp(p)`,
 * `Buffer.alloc(n)`) is invariant when its callee and arguments are, though making it is not a read.
 */
function isInvariantExpression(sourceCode: SourceCode, expression: TSESTree.Node, region: TSESTree.Node): boolean {
  if (expression.type === AST_NODE_TYPES.NewExpression || expression.type === AST_NODE_TYPES.CallExpression) {
    return [expression.callee, ...expression.arguments].every((part) => isInvariantIn(sourceCode, part, region));
  }
  return isInvariantIn(sourceCode, expression, region);
}

/**
 * Every binding the expression reads (null for a global), or null when it reads something a hoist
 * cannot carry (`this`, `arguments`, `super`, a function it defines).
 */
function readBindings(sourceCode: SourceCode, expression: TSESTree.Node): (TSESLint.Scope.Variable | null)[] | null {
  const result: (TSESLint.Scope.Variable | null)[] = [];
  let ok = true;
  const visit = (node: TSESTree.Node): void => {
    if (!ok) return;
    switch (node.type) {
      case AST_NODE_TYPES.ThisExpression:
      case AST_NODE_TYPES.Super:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ClassExpression:
        ok = false;
        return;
      case AST_NODE_TYPES.Identifier:
        if (node.name === 'arguments') {
          ok = false;
          return;
        }
        result.push(ASTUtils.findVariable(sourceCode.getScope(node), node));
        return;
      case AST_NODE_TYPES.MemberExpression:
        visit(node.object);
        if (node.computed) visit(node.property);
        return;
      case AST_NODE_TYPES.Property:
        if (node.computed) visit(node.key);
        visit(node.value);
        return;
      default:
        for (const [key, value] of Object.entries(node)) {
          if (key === 'parent' || key === 'typeAnnotation' || key === 'typeArguments') continue;
          if (Array.isArray(value)) {
            for (const child of value) if (isNode(child)) visit(child);
          } else if (isNode(value)) {
            visit(value);
          }
        }
    }
  };
  visit(expression);
  return ok ? result : null;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function isModuleLevel(variable: TSESLint.Scope.Variable): boolean {
  return variable.scope.type === 'global' || variable.scope.block.type === AST_NODE_TYPES.Program;
}

/** The statement (a direct child of a statement list) that holds `node`, within the same function. */
function statementOf(node: TSESTree.Node): TSESTree.Node | null {
  let current = node;
  while (current.parent) {
    const parent = current.parent;
    if (
      parent.type === AST_NODE_TYPES.BlockStatement ||
      parent.type === AST_NODE_TYPES.Program ||
      parent.type === AST_NODE_TYPES.StaticBlock ||
      (parent.type === AST_NODE_TYPES.SwitchCase && parent.consequent.includes(current as TSESTree.Statement))
    ) {
      return current;
    }
    // Climbing out of a function or through another loop would change how often it runs.
    if (isFunctionNode(parent) || parent.type === AST_NODE_TYPES.ClassBody) return null;
    if (
      (parent.type === AST_NODE_TYPES.ForStatement ||
        parent.type === AST_NODE_TYPES.ForInStatement ||
        parent.type === AST_NODE_TYPES.ForOfStatement ||
        parent.type === AST_NODE_TYPES.WhileStatement ||
        parent.type === AST_NODE_TYPES.DoWhileStatement) &&
      current !== (parent as { init?: unknown }).init &&
      current !== (parent as { right?: unknown }).right
    ) {
      return null;
    }
    current = parent;
  }
  return null;
}

function scopeOfList(sourceCode: SourceCode, list: StatementList): Scope {
  if (list.type === AST_NODE_TYPES.Program) {
    // Top-level bindings live in the module scope, or in CommonJS in the function scope of the
    // module wrapper; both have the Program as their block.
    const global = sourceCode.getScope(list);
    return global.childScopes.find((scope) => scope.block === list) ?? global;
  }
  if (list.type === AST_NODE_TYPES.SwitchCase) return sourceCode.getScope(list.parent);
  return sourceCode.getScope(list);
}

/**
 * Whether `name` would still mean the hoisted binding at a use in `from`: no scope between the use
 * and `target` (other than `skip`, the scope the declaration leaves) declares it.
 */
function isFreeBetween(name: string, from: Scope, target: Scope, skip: Scope | null): boolean {
  for (let scope: Scope | null = from; scope && scope !== target; scope = scope.upper) {
    if (scope !== skip && scope.set.has(name)) return false;
  }
  return true;
}

function uniqueName(base: string, isFree: (name: string) => boolean): string | null {
  for (let i = 1; i < 100; i++) {
    const candidate = i === 1 ? base : `${base}${i}`;
    if (isFree(candidate)) return candidate;
  }
  return null;
}

function findExistingConst(sourceCode: SourceCode, scope: Scope, text: string, anchor: TSESTree.Node): string | null {
  const wanted = text.replace(/\s+/g, '');
  for (const variable of scope.variables) {
    const def = variable.defs[0];
    if (variable.defs.length !== 1 || def?.type !== 'Variable') continue;
    const declarator = def.node;
    if (def.parent?.kind !== 'const' || !declarator.init || declarator.range[1] > anchor.range[0]) continue;
    if (sourceCode.getText(declarator.init).replace(/\s+/g, '') === wanted) return variable.name;
  }
  return null;
}

/** `const name = <expression>;`, alone in its statement: the whole declaration can move. */
function movableDeclaration(
  expression: TSESTree.Node,
): { statement: TSESTree.VariableDeclaration; declarator: TSESTree.VariableDeclarator & { id: TSESTree.Identifier } } | null {
  const declarator = expression.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== expression) return null;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  const statement = declarator.parent;
  if (statement?.type !== AST_NODE_TYPES.VariableDeclaration || statement.kind !== 'const' || statement.declarations.length !== 1) {
    return null;
  }
  const list = statement.parent;
  if (list?.type !== AST_NODE_TYPES.BlockStatement && list?.type !== AST_NODE_TYPES.SwitchCase) return null;
  return { statement, declarator: declarator as TSESTree.VariableDeclarator & { id: TSESTree.Identifier } };
}

/**
 * Where a new statement goes before `anchor`: at the start of its line, above the comments that
 * lead it (a JSDoc block stays with its function), with the anchor's indentation.
 */
function insertionPoint(sourceCode: SourceCode, anchor: TSESTree.Node): { offset: number; indent: string; separator: string } {
  let first: TSESTree.Node | TSESTree.Comment = anchor;
  const comments = sourceCode.getCommentsBefore(anchor);
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i]!;
    if (comment.loc.end.line < first.loc.start.line - 1) break;
    first = comment;
  }
  const line = sourceCode.lines[first.loc.start.line - 1] ?? '';
  const before = line.slice(0, first.loc.start.column);
  if (/^\s*$/.test(before)) {
    return { offset: first.range[0] - first.loc.start.column, indent: before, separator: '\n' };
  }
  return { offset: first.range[0], indent: '', separator: ' ' };
}

/** Removes a statement, and its line when nothing else is on it. */
export function removeStatement(sourceCode: SourceCode, statement: TSESTree.Node): Edit {
  const text = sourceCode.text;
  const startLine = sourceCode.lines[statement.loc.start.line - 1] ?? '';
  const endLine = sourceCode.lines[statement.loc.end.line - 1] ?? '';
  const before = startLine.slice(0, statement.loc.start.column);
  const after = endLine.slice(statement.loc.end.column);
  if (/^\s*$/.test(before) && /^\s*$/.test(after)) {
    const lineStart = statement.range[0] - statement.loc.start.column;
    let lineEnd = statement.range[1] + after.length;
    if (text[lineEnd] === '\r') lineEnd++;
    if (text[lineEnd] === '\n') lineEnd++;
    return { range: [lineStart, lineEnd], text: '' };
  }
  let end = statement.range[1];
  while (text[end] === ' ' || text[end] === '\t') end++;
  return { range: [statement.range[0], end], text: '' };
}
