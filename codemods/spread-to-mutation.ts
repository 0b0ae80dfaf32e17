import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/no-accumulating-spread';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import { GAP } from '../src/analysis/codemod-text';
import { withSuggestionsOnly } from '../src/analysis/suggestion-filter';

// A reduce callback whose first parameter is spread or concatenated later on, or a local assigned a
// literal that spreads it (`x = [...x, y]`, `x = { ...x, k }`) or its own `concat`.
const ACCUMULATES = new RegExp(
  String.raw`\breduce(?:Right)?${GAP}(?:<[^>]*>)?${GAP}\(${GAP}(?:async\s+)?(?:function\b[^(]*)?\(?${GAP}([\w$]+)[\s\S]*?(?:\.\.\.${GAP}\1(?![\w$])|(?<![\w$.])\1${GAP}\.${GAP}concat\s*\()` +
    String.raw`|(?<![\w$.])([\w$]+)${GAP}=${GAP}(?:[[{][^;]*?\.\.\.${GAP}\2(?![\w$])|\2${GAP}\.${GAP}concat\s*\()`,
);

/**
 * spread-to-mutation: where `no-accumulating-spread` finds an accumulator copied on every step, and
 * the accumulator starts as a fresh literal that nothing else can hold, mutates it instead:
 * `({ ...acc, [k]: v })` becomes `acc[k] = v; return acc`, `x = [...x, y]` becomes `x.push(y)`,
 * keeping which keys win. Accumulators that may be shared (a parameter, a field, an initial value
 * from elsewhere) are left alone and reported.
 */
export const codemod: CodemodRule = {
  name: 'no-accumulating-spread',
  rule: withSuggestionsOnly(rule, ['accumulatingSpreadFixMutate']),
  triggers: ['...', 'concat'],
  mayChange: (source) => (source.includes('...') || source.includes('concat')) && ACCUMULATES.test(source),
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
