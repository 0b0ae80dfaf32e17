import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/require-timeout';
import { getCatalog } from '../src/analysis/catalog';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import { catalogOf, mentionsCatalog } from '../src/analysis/codemod-text';

/**
 * add-timeout: gives every outbound call and client that `require-timeout` reports the deadline its
 * suggestion proposes (`signal: AbortSignal.timeout(ms)`, axios `timeout`, got `timeout.request`,
 * exec `timeout`, client deadline keys). Takes the rule's options (`--timeoutMs=<ms>`, default 10000;
 * `--checkTestFiles=true`, `--checkScripts=true`) and `--settings=<json>`.
 */
function hasDeadline(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (!Array.isArray(value) && ('deadline' in value || 'deadlines' in value)) return true;
  return Object.values(value).some(hasDeadline);
}

export const codemod: CodemodRule = {
  name: 'require-timeout',
  rule,
  triggers: getCatalog().triggerWords,
  // Every finding is on a client with a deadline to set that the file imports by a literal specifier
  // or uses as a global (`fetch`): require-timeout follows no import into another module.
  mayChange: (source, context) => mentionsCatalog(source, catalogOf(context), hasDeadline),
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
