import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/no-unbounded-concurrency';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import { ANNOTATION, GAP } from '../src/analysis/codemod-text';

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
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
