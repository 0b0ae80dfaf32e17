import path from 'node:path';
import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getCatalog, mentionPattern, type Catalog, type ClientEntry } from '../src/analysis/catalog';
import { isInvariantIn, iterationContextsOf, type IterationContext } from '../src/analysis/context';
import { unwrapExpression } from '../src/analysis/ast';
import { isScriptFile, isTestFile, relativePathOf } from '../src/analysis/files';
import { createModulePeek, mentionsAlias } from '../src/analysis/module-peek';
import { createOriginResolver, type OriginResolver } from '../src/analysis/origin';
import {
  describeContext,
  inIterationContext,
  isChunkLoop,
  isPlainCallOfNoMethod,
  isLoopCarried,
  literalItemCount,
  mayBeRoundTrip,
  roundTripNames,
  roundTripOf,
  runsAtMostOnce,
  startsInSameTick,
  type RoundTrip,
} from '../src/analysis/round-trips';
import { batchSuggestion } from '../src/analysis/batching';
import { toFix } from '../src/analysis/edits';
import { clientEntrySchema, getSettings, namedOptionsSchema } from '../src/analysis/settings';
import { createTypeOrigin } from '../src/analysis/type-origin';
import { createRule } from '../src/util/create-rule';

export type Options = [
  {
    clients?: ClientEntry[];
    checkTestFiles?: boolean;
    checkScripts?: boolean;
    followImports?: boolean;
    chunkSize?: number;
  },
];
export type MessageId = 'roundTripPerItem' | 'roundTripPerItemFixBatch';

/** A literal of this many items or fewer is a fixed handful of queries, not N of them. */
const SMALL_LITERAL = 3;
/** Seeds and migrations run once, by hand or at deploy: their loops cost nobody a request. */
const ONE_OFF_FILE = /(?:^|[\\/])(?:seeds?|seeders?|migrations?|fixtures?)(?:[\\/]|\.[cm]?[jt]s$)/;
export const DEFAULT_CHUNK_SIZE = 10_000;

export default createRule<Options, MessageId>({
  name: 'no-n-plus-one',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow database and cache round trips made once per item of a loop',
      technique: 'Batch DB ops',
      priority: 'P0',
      presets: ['recommended'],
    },
    hasSuggestions: true,
    defaultOptions: [{ clients: [], checkTestFiles: false, checkScripts: false, followImports: true, chunkSize: DEFAULT_CHUNK_SIZE }],
    schema: [
      namedOptionsSchema({
        clients: { type: 'array', items: clientEntrySchema, description: 'Extra client-catalog entries.' },
        checkTestFiles: { type: 'boolean', description: 'Also check test files (fixtures seeded in loops cost no request).' },
        checkScripts: { type: 'boolean', description: 'Also check scripts, seeds and migrations.' },
        followImports: {
          type: 'boolean',
          description: "Follow relative imports into the project's own modules to find clients made there.",
        },
        chunkSize: {
          type: 'integer',
          minimum: 1,
          maximum: 32_767,
          expected: 'must_be_an_integer_from_1_to_32767',
          description: 'Largest IN list the batch suggestion sends in one query.',
        },
      }),
    ],
    messages: {
      roundTripPerItem:
        '`{{callee}}()` makes one {{library}} round trip per item {{where}}, so N items wait for N round trips (1,000 measured {{cost}} slower than one batched call on loopback); use {{batch}}.',
      roundTripPerItemFixBatch: 'Batch into {{batch}}.',
    },
  },
  defaultOptions: [{ clients: [], checkTestFiles: false, checkScripts: false, followImports: true, chunkSize: DEFAULT_CHUNK_SIZE }],
  create(context, [options]) {
    const settings = getSettings(context.settings);
    const extra = options.clients?.length ? [...settings.clients, ...options.clients] : settings.clients;
    const catalog = getCatalog(extra);
    const names = roundTripNames(catalog.entries);
    // Everything about the file (can it reach a client at all, is it a test or a script) and the
    // resolver wait for the first call that could be a round trip in a loop: most files have none
    // (about one call in forty has a round-trip name and sits in a loop), and asked in `create` for
    // every file, the text and path tests were a fifth of the rule's time on the sweep corpus. For
    // the same reason `create` makes no function but the listener.
    let lazyResolver: OriginResolver | null | undefined;

    return {
      CallExpression(node) {
        if (lazyResolver === null || !mayBeRoundTrip(node, names) || !inIterationContext(node)) return;
        const sourceCode = context.sourceCode;
        if (isPlainCallOfNoMethod(node, names, sourceCode)) return;
        if (lazyResolver === undefined) lazyResolver = createResolver(context, options, catalog);
        const resolver = lazyResolver;
        if (!resolver) return;
        const roundTrip = roundTripOf(node, resolver);
        if (!roundTrip) return;
        const contexts = iterationContextsOf(node);
        if (runsDifferentStatements(sourceCode, roundTrip, contexts[0]!)) return;
        const counting = countingContext(sourceCode, roundTrip, contexts);
        if (!counting) return;
        const suggestion = batchSuggestion(sourceCode, roundTrip, counting, resolver, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
        context.report({
          node,
          messageId: 'roundTripPerItem',
          data: {
            callee: shortText(node.callee, sourceCode.text),
            library: roundTrip.entry.name,
            where: describeContext(counting),
            cost: costOf(roundTrip.entry),
            batch: roundTrip.batch,
          },
          suggest: suggestion
            ? [{ messageId: 'roundTripPerItemFixBatch', data: { batch: roundTrip.batch }, fix: toFix(suggestion.edits) }]
            : [],
        });
      },
    };
  },
});

type Context = Readonly<TSESLint.RuleContext<MessageId, Options>>;
type SourceCode = Context['sourceCode'];

/** The file's origin resolver, or null when the file is left alone or can reach no client. */
function createResolver(context: Context, options: Options[0], catalog: Catalog): OriginResolver | null {
  // The path tests first: they read a short string, the text tests the whole file.
  const relativePath = relativePathOf(context);
  if (!options.checkTestFiles && isTestFile(relativePath)) return null;
  if (!options.checkScripts && (isScriptFile(relativePath) || ONE_OFF_FILE.test(relativePath))) return null;
  const sourceCode = context.sourceCode;
  const text = sourceCode.text;
  const followImports = options.followImports !== false;
  const filename = path.resolve(context.cwd, context.filename);
  const byType = createTypeOrigin(sourceCode.parserServices as Partial<ParserServicesWithTypeInformation> | undefined, catalog);
  // A client can only be reached through a library's name, a relative import (followed into the
  // project's own module), or a declared type.
  const mayReachClient =
    byType !== undefined || reachPattern(catalog, followImports).test(text) || (followImports && mentionsAlias(filename, text));
  if (!mayReachClient) return null;
  return createOriginResolver(sourceCode, catalog, {
    peek: followImports ? createModulePeek(filename, catalog) : undefined,
    byType,
  });
}

/**
 * `for (const statement of statements) await db.exec(statement)`: the statement text itself
 * changes per item (a migration file applied line by line). That is a script, not N lookups of
 * one query, and no `IN` list merges it. A literal or template with parameters stays a finding.
 */
function runsDifferentStatements(sourceCode: SourceCode, roundTrip: RoundTrip, iteration: IterationContext): boolean {
  const index = roundTrip.spec.statementArgument;
  const argument = index === undefined ? undefined : roundTrip.node.arguments[index];
  if (!argument) return false;
  const statement = unwrapExpression(argument);
  if (statement.type !== AST_NODE_TYPES.Identifier && statement.type !== AST_NODE_TYPES.MemberExpression) return false;
  const region = iteration.kind === 'loop' ? iteration.loop : iteration.callback;
  return !isInvariantIn(sourceCode, statement, region);
}

/**
 * The innermost iteration context in which the round trip really repeats, or null. A
 * loop-carried dependency anywhere means the queries cannot be merged: silent.
 */
function countingContext(sourceCode: SourceCode, roundTrip: RoundTrip, contexts: IterationContext[]): IterationContext | null {
  for (const iteration of contexts) {
    if (isLoopCarried(sourceCode, roundTrip.node, iteration)) return null;
  }
  let first = true;
  for (const iteration of contexts) {
    const innermost = first;
    first = false;
    if (innermost && roundTrip.spec.sameTick && startsInSameTick(iteration, roundTrip.node)) continue;
    if (iteration.kind === 'loop' && runsAtMostOnce(roundTrip.node, iteration.loop)) continue;
    if (iteration.kind === 'loop' && isChunkLoop(iteration.loop)) return null;
    const items = literalItemCount(sourceCode, iteration);
    if (items !== null && items <= SMALL_LITERAL) continue;
    return iteration;
  }
  return null;
}

/** A relative import or require: the project's own module, followed for clients made there. */
const RELATIVE_IMPORT = /(?:from\s+|require\(\s*)['"]\.\.?\//;

const reachCache = new WeakMap<Catalog, { direct: RegExp; withImports: RegExp }>();

/**
 * Where a file names a database or cache library (its specifier, a dependency-injection module)
 * or, when imports are followed, a relative module: one pass of one regex over the text.
 */
function reachPattern(catalog: Catalog, followImports: boolean): RegExp {
  let patterns = reachCache.get(catalog);
  if (!patterns) {
    const direct = mentionPattern(catalog.entries.filter((entry) => entry.category === 'database' || entry.category === 'cache'));
    patterns = { direct, withImports: new RegExp(`${RELATIVE_IMPORT.source}|${direct.source}`) };
    reachCache.set(catalog, patterns);
  }
  return followImports ? patterns.withImports : patterns.direct;
}

/** Measured by tests/bench/cases/no-n-plus-one.mjs on loopback (see the rule's doc). */
function costOf(entry: ClientEntry): string {
  return entry.category === 'cache' ? COST.cache : COST.database;
}

// tests/bench/cases/no-n-plus-one.mjs, median of 5 on a shared 2-vCPU machine: pg SELECT by id 17x,
// autocommit INSERT 55x, Redis GET vs MGET 137x. The smallest of each kind is quoted.
const COST = { database: '17x', cache: '100x' };

/** The callee as it reads in the source, whitespace collapsed, shortened from the left. */
function shortText(node: TSESTree.Node, text: string): string {
  const callee = text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')');
  return callee.length > 48 ? `…${callee.slice(-47)}` : callee;
}
