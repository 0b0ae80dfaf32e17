import type { Transform } from 'jscodeshift';
import * as addCleanup from './add-cleanup';
import * as addTimeout from './add-timeout';
import * as hoistInvariants from './hoist-invariants';
import * as spreadToMutation from './spread-to-mutation';
import * as preallocate from './preallocate';
import * as indexQueue from './index-queue';
import * as batchDbCalls from './batch-db-calls';
import * as boundConcurrency from './bound-concurrency';
import * as parallelizeAwaits from './parallelize-awaits';
import * as shareInflight from './share-inflight';
import type { CodemodRule } from '../src/analysis/codemod';

export interface CodemodInfo {
  name: string;
  /** One line for `hotpath list`. */
  description: string;
  /** The rule whose suggestions this codemod applies. */
  rule: string;
  /** Every rule whose suggestions it applies, when more than `rule` (a file none of them reports on must keep its bytes). */
  rules?: readonly string[];
  codemod: CodemodRule;
  transform: Transform;
}

/** Every codemod, by name. Each is also a plain jscodeshift transform at dist/codemods/<name>.js. */
export const codemods: Record<string, CodemodInfo> = {
  'add-timeout': {
    name: 'add-timeout',
    description: 'Add deadlines to outbound calls and clients that can wait forever (AbortSignal.timeout, timeout options).',
    rule: 'require-timeout',
    codemod: addTimeout.codemod,
    transform: addTimeout.default,
  },
  'hoist-invariants': {
    name: 'hoist-invariants',
    description: 'Create constant RegExp, Intl formatters and text codecs once instead of per iteration or tick.',
    rule: 'no-alloc-in-hot-loop',
    codemod: hoistInvariants.codemod,
    transform: hoistInvariants.default,
  },
  'spread-to-mutation': {
    name: 'spread-to-mutation',
    description: 'Mutate fresh accumulators instead of copying them on every step of a reduce or loop.',
    rule: 'no-accumulating-spread',
    codemod: spreadToMutation.codemod,
    transform: spreadToMutation.default,
  },
  'preallocate': {
    name: 'preallocate',
    description: 'Build arrays of a known length with .map or a Float64Array instead of push loops.',
    rule: 'prefer-preallocation',
    codemod: preallocate.codemod,
    transform: preallocate.default,
  },
  'add-cleanup': {
    name: 'add-cleanup',
    description: 'Clear leaked timers and remove leaked listeners: effect cleanups, dispose methods, { signal }.',
    rule: 'no-leaked-timer',
    rules: ['no-leaked-timer', 'no-leaked-listener'],
    codemod: addCleanup.codemod,
    transform: addCleanup.default,
  },
  'index-queue': {
    name: 'index-queue',
    description: 'Turn local arrays drained with shift() into head-index queues (queue[head++]).',
    rule: 'no-shift-queue',
    codemod: indexQueue.codemod,
    transform: indexQueue.default,
  },
  'share-inflight': {
    name: 'share-inflight',
    description: 'Share one in-flight load per key where concurrent cache misses each start the same load.',
    rule: 'no-cache-stampede',
    codemod: shareInflight.codemod,
    transform: shareInflight.default,
  },
  'bound-concurrency': {
    name: 'bound-concurrency',
    description: 'Bound Promise.all(xs.map(...)) fan-outs: chunks of a fixed size, or p-map when the project has it.',
    rule: 'no-unbounded-concurrency',
    codemod: boundConcurrency.codemod,
    transform: boundConcurrency.default,
  },
  'parallelize-awaits': {
    name: 'parallelize-awaits',
    description: 'Await independent consecutive reads together with Promise.all and array destructuring.',
    rule: 'prefer-promise-all',
    codemod: parallelizeAwaits.codemod,
    transform: parallelizeAwaits.default,
  },
  'batch-db-calls': {
    name: 'batch-db-calls',
    description: 'Batch per-item database and cache calls: createMany/insertMany, one IN query plus a Map, mget, updateMany.',
    rule: 'no-n-plus-one',
    codemod: batchDbCalls.codemod,
    transform: batchDbCalls.default,
  },
};
