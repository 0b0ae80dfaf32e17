import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/no-shift-queue';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';

/**
 * index-queue: turns every local array that `no-shift-queue` reports, and that is used only through
 * `push`, `shift()` and `length` reads, into a head-index queue: `let queueHead = 0` after its
 * declaration, `queue[queueHead++]` for each `shift()` (guarded by a length check, or written
 * `(queueHead < queue.length ? queue[queueHead++] : undefined)` where it may run on an empty queue),
 * and `queue.length - queueHead` for each length. Fields, module-level queues and arrays used any
 * other way are reported and left alone. Takes the rule's options (`--smallLength=<n>`) and
 * `--settings=<json>` (for `hotpath.hotFunctions`).
 */
export const codemod: CodemodRule = {
  name: 'no-shift-queue',
  rule,
  triggers: ['shift('],
};

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
