import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/no-n-plus-one';
import { getCatalog } from '../src/analysis/catalog';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';

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
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
