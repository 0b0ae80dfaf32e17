import { parseForESLint } from '@typescript-eslint/parser';
import { simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { SourceCode } from 'eslint';

/** `code` parsed as a module the way ESLint sees it: its SourceCode (with scopes) and its tree. */
export function parseSource(code: string, { jsx = false } = {}): { sourceCode: TSESLint.SourceCode; ast: TSESTree.Program } {
  const parsed = parseForESLint(code, { range: true, loc: true, tokens: true, comment: true, sourceType: 'module', ecmaFeatures: { jsx } });
  const sourceCode = new SourceCode({
    text: code,
    ast: parsed.ast as never,
    scopeManager: parsed.scopeManager as never,
    visitorKeys: parsed.visitorKeys as never,
  }) as unknown as TSESLint.SourceCode;
  return { sourceCode, ast: parsed.ast };
}

/** Calls `enter` on every node of the tree, parents set. */
export function eachNode(ast: TSESTree.Program, enter: (node: TSESTree.Node) => void): void {
  simpleTraverse(ast, { enter }, true);
}

/** The arguments-free probe most analysis tests place in their code: the first `marker()` call. */
export function parseWithMarker(code: string, options: { jsx?: boolean } = {}): { sourceCode: TSESLint.SourceCode; marker: TSESTree.CallExpression } {
  const { sourceCode, ast } = parseSource(code, options);
  let marker: TSESTree.CallExpression | undefined;
  eachNode(ast, (node) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'marker') marker ??= node;
  });
  if (!marker) throw new Error('no marker() call');
  return { sourceCode, marker };
}
