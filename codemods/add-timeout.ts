import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/require-timeout';
import { getCatalog } from '../src/analysis/catalog';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';

/**
 * add-timeout: gives every outbound call and client that `require-timeout` reports the deadline its
 * suggestion proposes (`signal: AbortSignal.timeout(ms)`, axios `timeout`, got `timeout.request`,
 * exec `timeout`, client deadline keys). Takes the rule's options (`--timeoutMs=<ms>`, default 10000;
 * `--checkTestFiles=true`, `--checkScripts=true`) and `--settings=<json>`.
 */
export const codemod: CodemodRule = {
  name: 'require-timeout',
  rule,
  triggers: getCatalog().triggerWords,
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
