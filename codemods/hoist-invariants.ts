import type { API, FileInfo, Options } from 'jscodeshift';
import rule, { TRIGGERS } from '../rules/no-alloc-in-hot-loop';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import { withSuggestionsOnly } from '../src/analysis/suggestion-filter';
import { someNode, unwrap } from '../src/analysis/codemod-tree';
import { getSettings } from '../src/analysis/settings';
import type * as TS from 'typescript';

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
  // Such a construction inside a loop, a callback (per item, per tick) or a function named hot
  // (`settings.hotpath.hotFunctions`); anywhere when the file has a `@hot` tag.
  mayChangeTree: (tree, ts, { source, settings }) => {
    const hot = new Set(getSettings(settings).hotFunctions);
    const tagged = source.includes('@hot');
    return someNode(ts, tree, (node) => isConstruction(ts, node) && (tagged || inHotPlace(ts, node, hot)));
  },
};

function isConstruction(ts: typeof TS, node: TS.Node): boolean {
  if (!ts.isNewExpression(node) && !ts.isCallExpression(node)) return false;
  const callee = unwrap(ts, node.expression);
  if (ts.isIdentifier(callee)) return /^(?:RegExp|TextEncoder|TextDecoder)$/.test(callee.text);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Intl';
}

function inHotPlace(ts: typeof TS, node: TS.Node, hot: ReadonlySet<string>): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isIterationStatement(current, false)) return true;
    if (!ts.isFunctionLike(current)) continue;
    if ((ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && current.parent && ts.isCallOrNewExpression(current.parent)) return true;
    // The function's own name, or the name it is assigned to (`update = () => ...`, `tick: function () {}`).
    const named = (current as { name?: TS.Node }).name ?? (current.parent as { name?: TS.Node } | undefined)?.name;
    if (named && (ts.isIdentifier(named) || ts.isPrivateIdentifier(named) || ts.isStringLiteral(named)) && hot.has(named.text)) return true;
  }
  return false;
}

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
