import { ASTUtils, AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { getCatalog, type ClientEntry } from '../src/analysis/catalog';
import { getStaticKey, isFunctionNode, unwrapExpression } from '../src/analysis/ast';
import type { FunctionNode } from '../src/analysis/context';
import { toFix, type Edit } from '../src/analysis/edits';
import { isTestFile, relativePathOf } from '../src/analysis/files';
import { walkLocal } from '../src/analysis/flow';
import { importedDefault, isBoundedCollection, isInsideChunkHandler, isLimiterCall, projectDependencies } from '../src/analysis/limiters';
import { sharedOriginResolver } from '../src/analysis/shared-origin';
import { clientEntrySchema, getSettings, namedOptionsSchema } from '../src/analysis/settings';
import { createRule } from '../src/util/create-rule';

export type Options = [{ concurrency?: number; clients?: ClientEntry[]; checkTestFiles?: boolean }];
export type MessageId = 'unbounded' | 'unboundedFixChunks' | 'unboundedFixPMap';

export const DEFAULT_CONCURRENCY = 10;
export const CHUNK_HELPER = 'mapInChunks';
export const SETTLED_CHUNK_HELPER = 'mapSettledInChunks';
const COMBINATORS = new Set(['all', 'allSettled']);
const PROMISE_CHAIN = new Set(['then', 'catch', 'finally']);

export default createRule<Options, MessageId>({
  name: 'no-unbounded-concurrency',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow starting asynchronous work for every element of an unbounded collection at once',
      technique: 'Worker pools',
      priority: 'P1',
      presets: ['strict'],
    },
    hasSuggestions: true,
    defaultOptions: [{ concurrency: DEFAULT_CONCURRENCY, clients: [], checkTestFiles: false }],
    schema: [
      namedOptionsSchema({
        concurrency: { type: 'integer', minimum: 1, expected: 'must_be_a_positive_integer', description: 'How many items the suggested fix runs at once.' },
        clients: { type: 'array', items: clientEntrySchema, description: 'Extra client-catalog entries.' },
        checkTestFiles: { type: 'boolean', description: 'Also check test files.' },
      }),
    ],
    messages: {
      unbounded:
        '`{{combinator}}` starts the work for every element of `{{collection}}` at once (10,000 requests to a server that takes 64 connections: {{measured}}); run at most {{concurrency}} at a time.',
      unboundedFixChunks: 'Run `{{concurrency}}` at a time with `{{helper}}`.',
      unboundedFixPMap: 'Run `{{concurrency}}` at a time with p-map (`{{name}}`).',
    },
  },
  defaultOptions: [{ concurrency: DEFAULT_CONCURRENCY, clients: [], checkTestFiles: false }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.text;
    if (!options.checkTestFiles && isTestFile(relativePathOf(context))) return {};
    if (!text.includes('Promise.all')) return {};
    const settings = getSettings(context.settings);
    const extra = options.clients?.length ? [...settings.clients, ...options.clients] : settings.clients;
    const resolver = sharedOriginResolver(sourceCode, getCatalog(extra));
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    const typescript = /\.[cm]?tsx?$/.test(context.filename);

    return {
      // The selector keeps ESLint from calling this for every call of the file: only `Promise.x(...)`.
      'CallExpression[callee.type="MemberExpression"][callee.object.name="Promise"]'(node: TSESTree.CallExpression) {
        const callee = node.callee;
        if (
          callee.type !== AST_NODE_TYPES.MemberExpression ||
          callee.object.type !== AST_NODE_TYPES.Identifier ||
          callee.object.name !== 'Promise' ||
          !COMBINATORS.has(getStaticKey(callee) ?? '') ||
          node.arguments.length !== 1 ||
          !isGlobal(callee.object)
        ) {
          return;
        }
        const mapCall = mapCallOf(node.arguments[0]!);
        if (!mapCall) return;
        const { call, collection, callback } = mapCall;
        if (isBoundedCollection(sourceCode, collection) || isInsideChunkHandler(sourceCode, node)) return;
        const work = workOf(callback);
        if (!work || work.limited || work.calls.length === 0) return;
        // One call per element is reported only when it is known I/O that is not a database call: a
        // database call is an N+1 that no-n-plus-one reports with its batch form, and a call the rule
        // cannot classify may be one.
        if (work.calls.length === 1 && !isOutboundIo(work.calls[0]!)) return;
        const combinator = `Promise.${getStaticKey(callee)}`;
        const fix = call === unwrapExpression(node.arguments[0]!) ? fixFor(node, combinator, collection, callback) : null;
        context.report({
          node,
          messageId: 'unbounded',
          data: {
            combinator,
            collection: shorten(sourceCode.getText(collection)),
            concurrency: String(concurrency),
            measured: MEASURED,
          },
          suggest: fix ? [fix] : [],
        });
      },
    };

    /** `xs.map(cb)`, directly or through a `const promises = xs.map(cb)` read once. */
    function mapCallOf(argument: TSESTree.Node): { call: TSESTree.CallExpression; collection: TSESTree.Expression; callback: TSESTree.Node } | null {
      let value = unwrapExpression(argument);
      if (value.type === AST_NODE_TYPES.Identifier) {
        const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
        const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (def?.type !== 'Variable' || variable!.references.some((reference) => reference.isWrite() && !reference.init)) return null;
        const init = (def.node as TSESTree.VariableDeclarator).init;
        if (!init) return null;
        value = unwrapExpression(init);
      }
      if (value.type !== AST_NODE_TYPES.CallExpression || value.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      if (getStaticKey(value.callee) !== 'map' || value.arguments.length !== 1) return null;
      const callback = value.arguments[0]!;
      if (callback.type === AST_NODE_TYPES.SpreadElement) return null;
      return { call: value, collection: value.callee.object, callback };
    }

    /**
     * The asynchronous work a callback starts: the calls it awaits or returns (`.then` chains count
     * as their first call). `limited` when any call goes through a limiter. Null when the callback is
     * not a function this file shows and not a plain reference either.
     */
    function workOf(callback: TSESTree.Node): { calls: TSESTree.CallExpression[]; limited: boolean } | null {
      let fn: FunctionNode | null = isFunctionNode(callback) ? callback : null;
      if (!fn && callback.type === AST_NODE_TYPES.Identifier) {
        fn = localFunction(callback);
      }
      if (!fn) return null;
      const calls: TSESTree.CallExpression[] = [];
      let limited = false;
      const body = fn.body;
      if (body.type !== AST_NODE_TYPES.BlockStatement) {
        const call = workCall(body);
        if (call && (fn.async || !isSyncCall(call))) calls.push(call);
      }
      walkLocal(sourceCode, body, (node) => {
        // `xs.map((x) => limit(() => work(x)))`: the work sits in a function handed to a limiter.
        if (node.type === AST_NODE_TYPES.CallExpression && isLimiterCall(sourceCode, node)) limited = true;
        if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.ReturnStatement) {
          const call = node.argument ? workCall(node.argument) : null;
          if (call && !calls.includes(call) && (node.type === AST_NODE_TYPES.AwaitExpression || fn!.async || !isSyncCall(call))) calls.push(call);
        }
        if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) calls.push(syntheticCall(node.right));
      });
      return { calls, limited };
    }

    /** The call behind `await x.y()`, `return f().then(g)`, `new Promise(...)`; null for values. */
    function workCall(node: TSESTree.Node): TSESTree.CallExpression | null {
      let value = unwrapExpression(node);
      if (value.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'Promise') {
        return value as unknown as TSESTree.CallExpression;
      }
      while (
        value.type === AST_NODE_TYPES.CallExpression &&
        value.callee.type === AST_NODE_TYPES.MemberExpression &&
        PROMISE_CHAIN.has(getStaticKey(value.callee) ?? '') &&
        unwrapExpression(value.callee.object).type === AST_NODE_TYPES.CallExpression
      ) {
        value = unwrapExpression(value.callee.object);
      }
      return value.type === AST_NODE_TYPES.CallExpression ? value : null;
    }

    /** A call of a built-in that returns a plain value (`s.trim()`, `JSON.parse(x)`, `String(x)`). */
    function isSyncCall(call: TSESTree.CallExpression): boolean {
      if (resolver.resolveCall(call)) return false;
      const callee = unwrapExpression(call.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) return SYNC_FUNCTIONS.has(callee.name);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const object = unwrapExpression(callee.object);
      if (object.type === AST_NODE_TYPES.Identifier && SYNC_NAMESPACES.has(object.name)) return true;
      return SYNC_METHODS.has(getStaticKey(callee) ?? '');
    }

    /** An HTTP request, a child process or a file-system call: I/O whose fan-out exhausts sockets or descriptors. */
    function isOutboundIo(call: TSESTree.CallExpression): boolean {
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      const resolved = resolver.resolveCall(call);
      if (resolved?.kind === 'call') return resolved.entry.category === 'http' || resolved.entry.category === 'process';
      return isFileSystemCall(call);
    }

    /** `fs.promises.x()`, `fsPromises.x()`, or a function imported from `fs/promises`. */
    function isFileSystemCall(call: TSESTree.CallExpression): boolean {
      const callee = unwrapExpression(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const object = sourceCode.getText(callee.object);
        return /^(?:fs\.promises|fsPromises|fsp|fs)$/.test(object) && FS_METHODS.has(getStaticKey(callee) ?? '') && (object !== 'fs' || importsPromisesAs(callee.object));
      }
      if (callee.type !== AST_NODE_TYPES.Identifier) return false;
      const def = ASTUtils.findVariable(sourceCode.getScope(callee), callee)?.defs[0];
      return def?.type === 'ImportBinding' && FS_PROMISES.has(String((def.parent as TSESTree.ImportDeclaration).source.value));
    }

    /** `import fs from 'fs/promises'` / `import { promises as fs } from 'fs'`: `fs` is the promise API. */
    function importsPromisesAs(node: TSESTree.Node): boolean {
      if (node.type !== AST_NODE_TYPES.Identifier) return false;
      const def = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
      if (def?.type !== 'ImportBinding') return false;
      const source = String((def.parent as TSESTree.ImportDeclaration).source.value);
      return FS_PROMISES.has(source) || (def.node.type === AST_NODE_TYPES.ImportSpecifier && sourceCode.getText(def.node.imported) === 'promises');
    }

    function localFunction(identifier: TSESTree.Identifier): FunctionNode | null {
      const def = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0];
      if (def?.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
      if (def?.type === 'Variable') {
        const init = (def.node as TSESTree.VariableDeclarator).init;
        if (init && isFunctionNode(init)) return init;
      }
      return null;
    }

    function isGlobal(identifier: TSESTree.Identifier): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      return !variable || variable.defs.length === 0;
    }

    function fixFor(
      node: TSESTree.CallExpression,
      combinator: string,
      collection: TSESTree.Expression,
      callback: TSESTree.Node,
    ) {
      const collectionText = sourceCode.getText(collection);
      const callbackText = dedented(callback, node);
      // The limiter the project already depends on: p-map takes the same (element, index) mapper.
      const pMapName = importedDefault(sourceCode.ast, 'p-map');
      const usesModules = sourceCode.ast.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration);
      if (combinator === 'Promise.all' && (pMapName || (usesModules && projectDependencies(context.filename).has('p-map')))) {
        const name = pMapName ?? uniqueName('pMap');
        const edits: Edit[] = [{ range: node.range, text: `${name}(${collectionText}, ${callbackText}, { concurrency: ${concurrency} })` }];
        if (!pMapName) edits.unshift(importEdit(`import ${name} from 'p-map';`));
        return { messageId: 'unboundedFixPMap' as const, data: { concurrency: String(concurrency), name }, fix: toFix(edits) };
      }
      const helper = combinator === 'Promise.all' ? CHUNK_HELPER : SETTLED_CHUNK_HELPER;
      const edits: Edit[] = [{ range: node.range, text: `${helper}(${collectionText}, ${concurrency}, ${callbackText})` }];
      if (!new RegExp(`function ${helper}\\b`).test(text)) {
        edits.push({ range: [text.length, text.length], text: `${text.endsWith('\n') ? '' : '\n'}\n${chunkHelperText(helper, typescript)}` });
      }
      return { messageId: 'unboundedFixChunks' as const, data: { concurrency: String(concurrency), helper }, fix: toFix(edits) };
    }

    /**
     * The callback's text, its continuation lines moved left as far as the callback sat right of the
     * call's line when `Promise.all(` wrapped it onto lines of its own.
     */
    function dedented(callback: TSESTree.Node, call: TSESTree.CallExpression): string {
      const callbackText = sourceCode.getText(callback);
      if (callback.loc.start.line === call.loc.start.line) return callbackText;
      const shift = indentOf(callback.loc.start.line).length - indentOf(call.loc.start.line).length;
      if (shift <= 0) return callbackText;
      const prefix = new RegExp(`\n {1,${shift}}`, 'g');
      return callbackText.replace(prefix, '\n');
    }

    function indentOf(line: number): string {
      return /^\s*/.exec(sourceCode.lines[line - 1] ?? '')?.[0] ?? '';
    }

    function importEdit(statement: string): Edit {
      const imports = sourceCode.ast.body.filter((s) => s.type === AST_NODE_TYPES.ImportDeclaration);
      const last = imports.at(-1);
      return last ? { range: [last.range[1], last.range[1]], text: `\n${statement}` } : { range: [0, 0], text: `${statement}\n` };
    }

    function uniqueName(base: string): string {
      let name = base;
      for (let i = 2; new RegExp(`\\b${name}\\b`).test(text); i++) name = `${base}${i}`;
      return name;
    }
  },
});

// Filled from `npm run bench -- --filter no-unbounded-concurrency` (tests/bench/cases/no-unbounded-concurrency.mjs).
const MEASURED = '9,936 failed at once, none 10 at a time';

const FS_PROMISES = new Set(['fs/promises', 'node:fs/promises', 'fs-extra']);
const FS_METHODS = new Set([
  'readFile', 'writeFile', 'appendFile', 'unlink', 'rm', 'rmdir', 'mkdir', 'readdir', 'stat', 'lstat', 'access', 'copyFile',
  'rename', 'open', 'opendir', 'cp', 'symlink', 'readlink', 'realpath', 'chmod', 'chown', 'utimes', 'truncate',
]);

// Built-ins that return plain values: a non-async callback that only calls these starts no work.
const SYNC_FUNCTIONS = new Set(['String', 'Number', 'Boolean', 'BigInt', 'Symbol', 'parseInt', 'parseFloat', 'encodeURIComponent', 'decodeURIComponent']);
const SYNC_NAMESPACES = new Set(['JSON', 'Math', 'Object', 'Array', 'Number', 'String', 'path', 'Buffer', 'Date', 'console']);
const SYNC_METHODS = new Set([
  'trim', 'toString', 'toLowerCase', 'toUpperCase', 'split', 'join', 'slice', 'substring', 'replace', 'replaceAll',
  'padStart', 'padEnd', 'toFixed', 'toISOString', 'toJSON', 'concat', 'map', 'filter', 'reduce', 'find', 'includes',
  'indexOf', 'startsWith', 'endsWith', 'match', 'test', 'get', 'has', 'keys', 'values', 'entries', 'at', 'flat', 'sort',
]);

/** A stand-in for a callback that is a plain reference: one call of unknown kind. */
function syntheticCall(node: TSESTree.Node): TSESTree.CallExpression {
  return { type: 'SyntheticCall', range: node.range } as unknown as TSESTree.CallExpression;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

/**
 * The chunking helper the fix adds once per file; TypeScript files get the typed form. `T = any`: a
 * list typed `any` (a library without types) infers no `T`, and without the default each item would
 * be `unknown` where `xs.map(...)` had left it `any` (tsc found 3 new errors in Checkmate).
 */
export function chunkHelperText(helper: string, typescript: boolean): string {
  const settled = helper === SETTLED_CHUNK_HELPER;
  const combinator = settled ? 'Promise.allSettled' : 'Promise.all';
  const signature = typescript
    ? `async function ${helper}<T = any, R = unknown>(\n  items: Iterable<T> | ArrayLike<T>,\n  size: number,\n  fn: (item: T, index: number, all: readonly T[]) => R | PromiseLike<R>,\n): Promise<${settled ? 'PromiseSettledResult<Awaited<R>>' : 'Awaited<R>'}[]> {\n  const list = Array.from(items);\n  const results: ${settled ? 'PromiseSettledResult<Awaited<R>>' : 'Awaited<R>'}[] = [];`
    : `async function ${helper}(items, size, fn) {\n  const list = Array.from(items);\n  const results = [];`;
  const doc = settled
    ? 'Like `Promise.allSettled(items.map(fn))`, but with at most `size` calls of `fn` in flight: one\n * chunk at a time, results in input order.'
    : 'Like `Promise.all(items.map(fn))`, but with at most `size` calls of `fn` in flight: one chunk at a\n * time, results in input order. The first rejection rejects the whole and starts no further chunk.';
  return `/**
 * ${doc}
 */
${signature}
  for (let start = 0; start < list.length; start += size) {
    const chunk = list.slice(start, start + size);
    results.push(...(await ${combinator}(chunk.map((item, offset) => fn(item, start + offset, list)))));
  }
  return results;
}
`;
}
