import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/prefer-promise-all';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import { catalogOf, GAP, STATEMENT_REST } from '../src/analysis/codemod-text';
import type { Catalog, CallSpec } from '../src/analysis/catalog';
import { someNode, statementsOf, unwrap } from '../src/analysis/codemod-tree';
import type * as TS from 'typescript';

const runs = new WeakMap<Catalog, RegExp>();

/**
 * A declaration awaiting a call named like a read (SPEC's prefixes, or a `read` call of the catalog),
 * then, after the rest of that statement, another one.
 */
function runPattern(catalog: Catalog): RegExp {
  let pattern = runs.get(catalog);
  if (pattern) return pattern;
  const names = new Set(['get', 'load', 'fetch', 'find', 'list', 'count', 'read']);
  const addReads = (calls: Record<string, CallSpec> | undefined) => {
    for (const [name, spec] of Object.entries(calls ?? {})) if (spec.read) names.add(name.replace(/[^\w$]/g, ''));
  };
  for (const entry of catalog.entries) {
    addReads(entry.calls);
    for (const instance of Object.values(entry.instances ?? {})) addReads(instance.calls);
  }
  const read = String.raw`\b(?:const|let)\s[^;]*?=${GAP}\(*${GAP}await\s[^;]*?(?<![\w$])(?:${[...names].filter(Boolean).join('|')})`;
  pattern = new RegExp(`${read}${STATEMENT_REST};?${GAP}${read}`);
  runs.set(catalog, pattern);
  return pattern;
}

/**
 * parallelize-awaits: every run of independent awaited reads that `prefer-promise-all` reports
 * becomes one `const [a, b] = await Promise.all([f(), g()])`. Takes `--checkTestFiles=true` and
 * `--settings=<json>` (extra clients whose `read` calls count as reads).
 */
export const codemod: CodemodRule = {
  name: 'prefer-promise-all',
  rule,
  triggers: ['await'],
  // Two consecutive `const x = await call(...)` whose calls are named like reads.
  mayChange: (source, context) => source.includes('await') && runPattern(catalogOf(context)).test(source),
  // Two consecutive statements of one block, each `const x = await call(...)` with one declarator.
  mayChangeTree: (tree, ts) =>
    someNode(ts, tree, (node) => {
      const statements = statementsOf(ts, node);
      if (!statements) return false;
      for (let index = 0; index + 1 < statements.length; index++) {
        if (awaitsCall(ts, statements[index]!) && awaitsCall(ts, statements[index + 1]!)) return true;
      }
      return false;
    }),
};

function awaitsCall(ts: typeof TS, statement: TS.Node): boolean {
  if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return false;
  if (!(statement.declarationList.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let))) return false;
  const init = statement.declarationList.declarations[0]!.initializer;
  const awaited = init && unwrap(ts, init);
  return awaited !== undefined && ts.isAwaitExpression(awaited) && ts.isCallExpression(unwrap(ts, awaited.expression));
}

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
