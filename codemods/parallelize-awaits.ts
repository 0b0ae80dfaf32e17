import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/prefer-promise-all';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';

/**
 * parallelize-awaits: every run of independent awaited reads that `prefer-promise-all` reports
 * becomes one `const [a, b] = await Promise.all([f(), g()])`. Takes `--checkTestFiles=true` and
 * `--settings=<json>` (extra clients whose `read` calls count as reads).
 */
export const codemod: CodemodRule = {
  name: 'prefer-promise-all',
  rule,
  triggers: ['await'],
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
