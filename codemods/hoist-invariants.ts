import type { API, FileInfo, Options } from 'jscodeshift';
import rule, { TRIGGERS } from '../rules/no-alloc-in-hot-loop';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import { withSuggestionsOnly } from '../src/analysis/suggestion-filter';

const HOISTABLE = /\bRegExp\s*\(|\bIntl\s*\.\s*\w+\s*\(|\bText(?:En|De)coder\s*\(/;

/**
 * hoist-invariants: creates once what `no-alloc-in-hot-loop` finds created per iteration or per
 * tick with constant arguments: `new RegExp(...)` without the `g`/`y` flags, `Intl.*` formatters,
 * `TextEncoder`/`TextDecoder`. Each moves out of the loop, to module scope when it reads nothing
 * local. These are exactly the rule's autofixes; its other suggestions (a scratch buffer, arguments
 * that are not constants) are left alone and reported. Takes `--settings=<json>` (hotFunctions).
 */
export const codemod: CodemodRule = {
  name: 'no-alloc-in-hot-loop',
  rule: withSuggestionsOnly(rule, ['allocFixHoist']),
  triggers: TRIGGERS,
  // What it hoists: RegExp, Intl formatters, text codecs (the rule's other findings are not rewritten).
  mayChange: (source) => HOISTABLE.test(source),
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
