import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, unwrapExpression } from './ast';
import type { FunctionNode } from './context';
import type { Edit } from './edits';
import type { DisposeMethod, Effect } from './lifecycle';

/**
 * Edits that give a leaked timer or listener its cleanup: a statement added to an effect's
 * cleanup (created when the effect returns none), a statement added to a dispose-like method, a
 * handle kept in a new `const` or field. Shared by no-leaked-timer and no-leaked-listener, whose
 * suggestions the add-cleanup codemod applies.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The indentation of the line `node` starts on. */
export function indentOf(sourceCode: SourceCode, node: TSESTree.Node | TSESTree.Token): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** One indentation step as the file writes it: the step between a block's line and its body's. */
function indentUnit(sourceCode: SourceCode, block: TSESTree.BlockStatement | TSESTree.ClassBody): string {
  const first = block.body[0];
  if (first && first.loc.start.line !== block.loc.start.line) {
    const outer = indentOf(sourceCode, block);
    const inner = indentOf(sourceCode, first);
    if (inner.startsWith(outer) && inner.length > outer.length) return inner.slice(outer.length);
  }
  return sourceCode.text.includes('\n\t') && !sourceCode.text.includes('\n  ') ? '\t' : '  ';
}

/** The indentation of statements in `block`: its first statement's, or one step in from the block. */
function bodyIndent(sourceCode: SourceCode, block: TSESTree.BlockStatement | TSESTree.ClassBody): string {
  const first = block.body[0];
  if (first && first.loc.start.line !== block.loc.start.line) return indentOf(sourceCode, first);
  return indentOf(sourceCode, block) + indentUnit(sourceCode, block);
}

/** Inserts `statements` at the top of a block (a method body, a cleanup function). */
export function prependToBlock(sourceCode: SourceCode, block: TSESTree.BlockStatement, statements: readonly string[]): Edit {
  const open = sourceCode.getFirstToken(block)!;
  const indent = bodyIndent(sourceCode, block);
  const text = statements.map((statement) => `\n${indent}${statement}`).join('');
  if (block.body.length === 0) {
    const close = sourceCode.getLastToken(block)!;
    return { range: [open.range[1], close.range[0]], text: `${text}\n${indentOf(sourceCode, block)}` };
  }
  return { range: [open.range[1], open.range[1]], text };
}

/**
 * Edits that make `effect`'s cleanup also run `statements`: into the function it already returns
 * last, or as a new `return () => ...` at the end of its setup. Null when a return after `after`
 * (the timer or listener call) could skip the new cleanup, or the cleanup is not a shape we rewrite.
 */
export function addToEffectCleanup(
  sourceCode: SourceCode,
  effect: Effect,
  returns: readonly TSESTree.ReturnStatement[],
  after: TSESTree.Node,
  statements: readonly string[],
): Edit[] | null {
  const body = effect.callback.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement || body.body.length === 0) return null;
  const last = body.body[body.body.length - 1]!;
  const later = returns.filter((statement) => statement.range[0] > after.range[1]);
  if (later.length === 0) {
    if (last.type === AST_NODE_TYPES.ReturnStatement) return null;
    const indent = bodyIndent(sourceCode, body);
    const unit = indentUnit(sourceCode, body);
    const cleanup =
      statements.length === 1
        ? `return () => ${statements[0]!.replace(/;$/, '')};`
        : `return () => {${statements.map((s) => `\n${indent}${unit}${s}`).join('')}\n${indent}};`;
    return [{ range: [last.range[1], last.range[1]], text: `\n${indent}${cleanup}` }];
  }
  if (later.length !== 1 || later[0] !== last || !last.argument) return null;
  const returned = unwrapExpression(last.argument);
  if (!isFunctionNode(returned) || returned.async) return null;
  if (returned.body.type === AST_NODE_TYPES.BlockStatement) return [prependToBlock(sourceCode, returned.body, statements)];
  // `return () => other()`: becomes a block that runs both.
  const expression = returned.body;
  if (expression.type !== AST_NODE_TYPES.CallExpression) return null;
  const indent = indentOf(sourceCode, last);
  const unit = indentUnit(sourceCode, body);
  const lines = [...statements, `${sourceCode.getText(expression)};`].map((s) => `\n${indent}${unit}${s}`).join('');
  return [{ range: expression.range, text: `{${lines}\n${indent}}` }];
}

/** Inserts `statements` at the top of a dispose-like method's body. */
export function addToDisposeMethod(sourceCode: SourceCode, method: DisposeMethod, statements: readonly string[]): Edit | null {
  const body = method.fn.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return null;
  return prependToBlock(sourceCode, body, statements);
}

/** A class field declaration at the top of a TypeScript class body. */
export function declareField(sourceCode: SourceCode, body: TSESTree.ClassBody, declaration: string): Edit {
  const open = sourceCode.getFirstToken(body)!;
  return { range: [open.range[1], open.range[1]], text: `\n${bodyIndent(sourceCode, body)}${declaration}` };
}

/**
 * A name not yet used in `region` (nor visible from it): `base`, else `base2`, `base3`... Any
 * occurrence as a word in the region's text counts as used, which errs on the safe side.
 */
export function freshName(sourceCode: SourceCode, region: TSESTree.Node, base: string): string {
  const text = sourceCode.getText(region);
  const scope = sourceCode.getScope(region);
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}${i}`;
    if (new RegExp(`\\b${name}\\b`).test(text)) continue;
    if (ASTUtils.findVariable(scope, name)) continue;
    return name;
  }
}

/** A listener's name from its event: `'resize'` -> `handleResize`, `'visibility-change'` -> `handleVisibilityChange`. */
export function handlerName(event: TSESTree.Node | undefined): string {
  const value = event && unwrapExpression(event);
  const text = value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'string' ? value.value : '';
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
  return /^[A-Za-z]/.test(joined) ? `handle${joined}` : 'handleEvent';
}

/** Whether the file is TypeScript (a field must be declared before `this.field = ...` type-checks). */
export function isTypeScriptFile(filename: string): boolean {
  return /\.(?:ts|tsx|mts|cts)$/.test(filename) && !filename.endsWith('.d.ts');
}

/** The statement list `node` sits in directly, when it is a statement of `fn`'s own block body. */
export function isStatementOf(node: TSESTree.Node, fn: FunctionNode): node is TSESTree.ExpressionStatement {
  return node.type === AST_NODE_TYPES.ExpressionStatement && node.parent === fn.body && fn.body.type === AST_NODE_TYPES.BlockStatement;
}

/**
 * An AbortSignal made for each run of `activation`: a parameter or local named `signal`, or a
 * `const` holding `new AbortController()` (giving `controller.signal`), declared in `activation`
 * before `node`. A signal from further out would only remove the listeners when it aborts, while
 * each run keeps adding more. Returns the text to pass, or null.
 */
export function signalInScope(sourceCode: SourceCode, node: TSESTree.Node, activation: FunctionNode): string | null {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node); scope; scope = scope.upper) {
    if (scope.block.range[0] < activation.range[0] || scope.block.range[1] > activation.range[1]) break;
    for (const variable of scope.variables) {
      const def = variable.defs[0];
      if (!def || (def.type !== 'Parameter' && def.name.range[0] > node.range[0])) continue;
      if (variable.name === 'signal' && (def.type === 'Parameter' || def.type === 'Variable')) return 'signal';
      if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
        const init = unwrapExpression(def.node.init);
        if (
          init.type === AST_NODE_TYPES.NewExpression &&
          init.callee.type === AST_NODE_TYPES.Identifier &&
          init.callee.name === 'AbortController' &&
          def.node.id.type === AST_NODE_TYPES.Identifier &&
          !variable.references.some((ref) => ref.isWrite() && !ref.init)
        ) {
          return `${variable.name}.signal`;
        }
      }
    }
  }
  return null;
}
