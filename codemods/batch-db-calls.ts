import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/no-n-plus-one';
import { getCatalog } from '../src/analysis/catalog';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import { ANNOTATION, catalogOf, GAP, STATEMENT_REST } from '../src/analysis/codemod-text';
import { hasBatchRewrite } from '../src/analysis/batching';
import type { CallSpec, Catalog } from '../src/analysis/catalog';

// A callback of one parameter whose body is an expression or `{ return ...`.
const ONE_PARAMETER = String.raw`(?:\(${GAP}[\w$]+${GAP}(?:${ANNOTATION})?\)|[\w$]+)`;
const ONE_CALL_CALLBACK =
  String.raw`(?:async${GAP})?(?:${ONE_PARAMETER}${GAP}(?:${ANNOTATION})?=>${GAP}(?:\{${GAP}return\b|[^\s{/])` +
  String.raw`|function\b[^(]*${ONE_PARAMETER}[^{]*\{${GAP}return\b)`;
// A statement that starts `OUT.push(await` or `await`.
const ONE_AWAIT = String.raw`(?:[\w$.?!]+${GAP}\.${GAP}push\s*\(${GAP})?\(?${GAP}await\b`;

const shapes = new WeakMap<Catalog, RegExp>();

/**
 * `Promise.all(ITEMS.map(CALLBACK` and `for (const item of ITEMS)` whose body is one such statement,
 * where ITEMS is a name or a property read, and the statement or callback calls a method the catalog
 * batches in a way this codemod writes (`create`, `query`, `get`, ...).
 */
function shapesOf(catalog: Catalog): RegExp {
  let pattern = shapes.get(catalog);
  if (pattern) return pattern;
  const names = new Set<string>();
  const add = (calls: Record<string, CallSpec> | undefined) => {
    for (const [name, spec] of Object.entries(calls ?? {})) if (spec.batchWith && hasBatchRewrite(spec.batchWith)) names.add(name);
  };
  for (const entry of catalog.entries) {
    add(entry.calls);
    for (const instance of Object.values(entry.instances ?? {})) add(instance.calls);
  }
  const escaped = [...names].map((name) => name.replace(/[^\w$]/g, '\\$&')).join('|');
  const batched = String.raw`(?=[^;]*?\.${GAP}(?:${escaped})${GAP}[(<])`;
  pattern = new RegExp(
    String.raw`Promise\s*\.\s*all(?:Settled)?\s*\(${GAP}[\w$.?!]+${GAP}\.${GAP}map\s*\(${GAP}(?:${ONE_CALL_CALLBACK})${batched}` +
      String.raw`|\bfor\s*\(\s*(?:const|let|var)\s[^;)]*?\sof\s[^;{)]*\)${GAP}(?:\{${GAP}${ONE_AWAIT}${batched}${STATEMENT_REST};?${GAP}\}|${ONE_AWAIT}${batched})`,
  );
  shapes.set(catalog, pattern);
  return pattern;
}

/**
 * batch-db-calls: applies no-n-plus-one's batch suggestion to the canonical shapes: a create per
 * item becomes one createMany / insertMany / bulkCreate / save(array) / insert(array); a lookup by id
 * per item becomes one `IN` query per chunk of `--chunkSize` keys (default 10000) plus a Map, in the
 * items' order with null for a missing row; Redis `get` per key becomes `mget`; an update per id with
 * the same data becomes `updateMany`. Every other finding is left alone and reported with the
 * rule's message as the reason. Takes `--chunkSize=<n>` and `--settings=<json>`.
 */
export const codemod: CodemodRule = {
  name: 'no-n-plus-one',
  rule,
  triggers: getCatalog().triggerWords,
  // The shapes it rewrites, not the rule's trigger words: the rule follows imports into the project's
  // own modules (`import { User } from './models'`), so a file can hold a finding without naming any
  // library.
  mayChange: (source, context) => shapesOf(catalogOf(context)).test(source),
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
