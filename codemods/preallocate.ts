import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/prefer-preallocation';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import { ANNOTATION, GAP } from '../src/analysis/codemod-text';

// `const out = []` (one declarator, maybe typed or cast), right after it a `for` or a `.forEach(`, and
// further on `out.push(`.
const EMPTY_THEN_LOOP = new RegExp(
  String.raw`\b(?:const|let)\s+([\w$]+)${GAP}(?:${ANNOTATION})?=${GAP}\[${GAP}\]${GAP}(?:as\s[^;\n]*?)?;?${GAP}(?:for\b|[^;{}]*?\.${GAP}forEach\s*\()` +
    String.raw`[\s\S]*?(?<![\w$.])\1${GAP}\.${GAP}push\s*\(`,
);

/**
 * preallocate: rewrites the push loops `prefer-preallocation` reports into arrays built at their
 * final length: `for (const x of xs) out.push(f(x))` becomes `const out = xs.map((x) => f(x))`, and
 * a counted loop pushing numbers that are only read back fills a `new Float64Array(n)`. Loops whose
 * push is not the last statement are left alone and reported. Takes the rule's options
 * (`--minLength=<n>`).
 */
export const codemod: CodemodRule = {
  name: 'prefer-preallocation',
  rule,
  triggers: ['.push('],
  mayChange: (source) => source.includes('.push(') && EMPTY_THEN_LOOP.test(source),
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
