import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/require-timeout';
import { getCatalog } from '../src/analysis/catalog';
import { readSettings, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';

/**
 * add-timeout: gives every outbound call and client that `require-timeout` reports the deadline its
 * suggestion proposes (`signal: AbortSignal.timeout(ms)`, axios `timeout`, got `timeout.request`,
 * exec `timeout`, client deadline keys). Option: `--timeoutMs=<ms>` (default 10000).
 */
export const codemod: CodemodRule = {
  name: 'require-timeout',
  rule,
  triggers: getCatalog().triggerWords,
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const timeoutMs = options['timeoutMs'] === undefined ? undefined : Number(options['timeoutMs']);
  const result = runRuleAsCodemod(
    file.source,
    file.path,
    codemod,
    timeoutMs === undefined ? {} : { timeoutMs },
    readSettings(options['settings']),
  );
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
