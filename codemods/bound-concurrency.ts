import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/no-unbounded-concurrency';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import { ANNOTATION, GAP } from '../src/analysis/codemod-text';
import { calleeName, someNode, unwrap } from '../src/analysis/codemod-tree';

// `Promise.all(...xs.map(` in one statement, or `promises = xs.map(` and later `Promise.all(promises`.
const FAN_OUT = new RegExp(
  String.raw`Promise${GAP}\.${GAP}all(?:Settled)?${GAP}\([^;]*?\.${GAP}map${GAP}\(` +
    String.raw`|(?<![\w$.])([\w$]+)${GAP}(?:${ANNOTATION})?=${GAP}[^;]*?\.${GAP}map${GAP}\([\s\S]*?Promise${GAP}\.${GAP}all(?:Settled)?${GAP}\(${GAP}\1(?![\w$])`,
);

/**
 * bound-concurrency: every `Promise.all(xs.map(fn))` / `Promise.allSettled(...)` that
 * `no-unbounded-concurrency` reports runs at most `--concurrency` (default 10) at a time: through
 * p-map when the file imports it or its package depends on it, otherwise through a chunking helper
 * added once per file. Takes `--concurrency=<n>`, `--checkTestFiles=true` and `--settings=<json>`.
 */
export const codemod: CodemodRule = {
  name: 'no-unbounded-concurrency',
  rule,
  triggers: ['Promise.all'],
  // Promise.all over `xs.map(cb)`, inline or through a `const promises = xs.map(cb)`.
  mayChange: (source) => source.includes('Promise.all') && FAN_OUT.test(source),
  // `Promise.all(xs.map(cb))` (or of a name) where an inline `cb` makes two calls or more, or one
  // where the file can reach outbound I/O: a single unclassified call per element is not reported.
  mayChangeTree: (tree, ts, { source }) => {
    const io = OUTBOUND.test(source);
    return someNode(ts, tree, (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
      const callee = node.expression;
      if (!ts.isIdentifier(callee.expression) || callee.expression.text !== 'Promise' || !/^all(?:Settled)?$/.test(callee.name.text)) return false;
      const argument = node.arguments[0] && unwrap(ts, node.arguments[0]);
      if (!argument) return false;
      if (!ts.isCallExpression(argument)) return true;
      if (calleeName(ts, argument) !== 'map') return false;
      const callback = argument.arguments[0] && unwrap(ts, argument.arguments[0]);
      if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return true;
      let calls = 0;
      someNode(ts, callback.body, (inner) => (ts.isCallExpression(inner) || ts.isNewExpression(inner) || ts.isTaggedTemplateExpression(inner)) && ++calls >= 2);
      return calls >= 2 || (calls === 1 && io);
    });
  },
};

// Outbound I/O besides databases: HTTP clients, child processes, the file system.
const OUTBOUND = /\bfetch\b|['"](?:node:)?(?:https?|child_process|fs|fs\/promises|fs-extra|axios|got|undici|node-fetch)['"]|\bfs\b/;

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
