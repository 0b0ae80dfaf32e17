import { ASTUtils, AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { getCatalog, type ClientEntry } from '../src/analysis/catalog';
import { calleeText, getStaticKey } from '../src/analysis/ast';
import { CACHE_LOOKUP_METHODS, CACHE_STORE_METHODS, createCacheRecogniser, thisClassBody, type CacheCall } from '../src/analysis/caches';
import { enclosingFunction, functionName, type FunctionNode } from '../src/analysis/context';
import { toFix, type Edit } from '../src/analysis/edits';
import { isTestFile, relativePathOf } from '../src/analysis/files';
import { awaitsFeeding, decidesBranch, wordsOf } from '../src/analysis/flow';
import { sharedOriginResolver } from '../src/analysis/shared-origin';
import { clientEntrySchema, getSettings, namedOptionsSchema } from '../src/analysis/settings';
import { createRule } from '../src/util/create-rule';

export type Options = [{ clients?: ClientEntry[]; checkTestFiles?: boolean }];
export type MessageId = 'stampede' | 'stampedeFixShareInflight';

// Words in a callee that mark a guard around the load: a lock, a singleflight, a shared in-flight
// promise, DataLoader. The load then runs once however many callers miss.
const GUARD_WORDS = new Set([
  'lock',
  'locked',
  'mutex',
  'semaphore',
  'exclusive',
  'acquire',
  'singleflight',
  'inflight',
  'dedupe',
  'dedup',
  'coalesce',
  'memoize',
  'synchronized',
  'serialize',
  'serialized',
]);
const STORE_WORDS = /\.(?:set|setex|setEx|psetex|hset|hSet)\b/;
export const HELPER_NAME = 'shareInflight';

interface FunctionState {
  lookups: CacheCall[];
  awaits: TSESTree.AwaitExpression[];
}

export default createRule<Options, MessageId>({
  name: 'no-cache-stampede',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow cache fills where every concurrent caller that misses starts the same load',
      technique: 'SingleFlight',
      priority: 'P1',
      presets: ['strict'],
    },
    hasSuggestions: true,
    defaultOptions: [{ clients: [], checkTestFiles: false }],
    schema: [
      namedOptionsSchema({
        clients: { type: 'array', items: clientEntrySchema, description: 'Extra client-catalog entries (category `cache` for cache clients).' },
        checkTestFiles: { type: 'boolean', description: 'Also check test files.' },
      }),
    ],
    messages: {
      stampede:
        '`{{store}}` fills the cache after an awaited load that every caller who misses `{{cache}}` meanwhile starts too (100 concurrent callers on a cold key ran the loader 100 times instead of once, 1,091 ms instead of 8.5 ms); share one in-flight promise per key.',
      stampedeFixShareInflight: 'Share the in-flight load per key through `{{map}}`.',
    },
  },
  defaultOptions: [{ clients: [], checkTestFiles: false }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.text;
    if (!options.checkTestFiles && isTestFile(relativePathOf(context))) return {};
    if (!text.includes('await') || !STORE_WORDS.test(text)) return {};
    const settings = getSettings(context.settings);
    const extra = options.clients?.length ? [...settings.clients, ...options.clients] : settings.clients;
    const resolver = sharedOriginResolver(sourceCode, getCatalog(extra));
    const caches = createCacheRecogniser(sourceCode, resolver);
    const states = new WeakMap<FunctionNode, FunctionState>();
    const typescript = /\.[cm]?tsx?$/.test(context.filename);

    const stateOf = (fn: FunctionNode): FunctionState => {
      let state = states.get(fn);
      if (!state) states.set(fn, (state = { lookups: [], awaits: [] }));
      return state;
    };

    return {
      AwaitExpression(node) {
        const fn = enclosingFunction(node);
        if (fn?.async) stateOf(fn).awaits.push(node);
      },
      // On exit: an await inside the stored value (`cache.set(k, await load(k))`) has been seen by then.
      'CallExpression[callee.type="MemberExpression"]:exit'(node: TSESTree.CallExpression) {
        if (node.callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const method = getStaticKey(node.callee);
        if (method === null) return;
        const isStore = CACHE_STORE_METHODS.has(method);
        if (!isStore && !CACHE_LOOKUP_METHODS.has(method)) return;
        const fn = enclosingFunction(node);
        if (!fn?.async) return;
        const cacheCall = caches.cacheCallOf(node);
        if (!cacheCall) return;
        if (cacheCall.role === 'lookup') {
          stateOf(fn).lookups.push(cacheCall);
          return;
        }
        check(cacheCall, fn);
      },
    };

    function check(store: CacheCall, fn: FunctionNode): void {
      if (store.storesPromises || !store.value) return;
      // A cache made inside this very function lives for one call: callers never share it.
      if (store.home.kind === 'binding' && within(fn, store.home.statement)) return;
      // A helper next to a function-local cache, only ever awaited call by call: no two calls overlap.
      if (store.home.kind === 'binding' && store.home.fn && calledOnlyInSequence(fn)) return;
      const state = states.get(fn);
      if (!state) return;
      const setStart = store.call.range[0];
      const lookup = state.lookups
        .filter(
          (candidate) =>
            candidate.receiverText === store.receiverText &&
            candidate.keyText === store.keyText &&
            candidate.call.range[1] <= setStart &&
            decidesBranch(sourceCode, candidate.call),
        )
        .at(-1);
      if (!lookup) return;
      const after = lookup.call.range[1];
      const value = store.value;
      // Awaits after the miss check and before the set runs, including one inside the stored value.
      const between = state.awaits.filter((a) => a.range[0] >= after && (a.range[1] <= setStart || within(value, a)));
      const loads = awaitsFeeding(sourceCode, value, fn, value.range[1]).filter((a) => between.includes(a));
      if (loads.length === 0) return;
      if (isGuarded(fn, between, loads)) return;
      const map = companionName(store, fn);
      const edits = loads.length === 1 && between.length === 1 ? fixEdits(store, fn, loads[0]!, map) : null;
      context.report({
        node: store.call,
        messageId: 'stampede',
        data: { store: `${calleeText(store.call, text)}()`, cache: lookup.receiverText },
        suggest: edits
          ? [{ messageId: 'stampedeFixShareInflight', data: { map: map.reference }, fix: toFix(edits) }]
          : [],
      });
    }

    /**
     * Whether a named local function is only called as `await helper(...)` outside any callback, so
     * that its calls never overlap (`for (const x of xs) await helper(x)`).
     */
    function calledOnlyInSequence(fn: FunctionNode): boolean {
      const declarator = fn.parent;
      const name =
        fn.type === AST_NODE_TYPES.FunctionDeclaration
          ? fn
          : declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === fn
            ? declarator
            : null;
      if (!name) return false;
      const variable = sourceCode.getDeclaredVariables(name)[0];
      const calls = variable?.references.filter((reference) => !reference.init) ?? [];
      return (
        calls.length > 0 &&
        calls.every((reference) => {
          const call = reference.identifier.parent;
          return (
            call?.type === AST_NODE_TYPES.CallExpression &&
            call.callee === reference.identifier &&
            call.parent?.type === AST_NODE_TYPES.AwaitExpression &&
            enclosingFunction(call) === enclosingFunction(fn)
          );
        })
      );
    }

    /** A lock or singleflight around the function or before the load, or a load that is itself shared. */
    function isGuarded(fn: FunctionNode, between: TSESTree.AwaitExpression[], loads: TSESTree.AwaitExpression[]): boolean {
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument) && hasGuardWord(parent.callee)) return true;
      const state = states.get(fn)!;
      const firstLoad = loads[0]!.range[0];
      if (state.awaits.some((a) => a.range[0] < firstLoad && a.argument.type === AST_NODE_TYPES.CallExpression && hasGuardWord(a.argument.callee))) {
        return true;
      }
      return between.some((a) => {
        const argument = a.argument;
        if (argument.type === AST_NODE_TYPES.CallExpression) {
          if (hasGuardWord(argument.callee)) return true;
          // DataLoader batches and dedupes `load(key)` within a tick.
          const callee = argument.callee;
          return (
            callee.type === AST_NODE_TYPES.MemberExpression &&
            ['load', 'loadMany'].includes(getStaticKey(callee) ?? '') &&
            /loader/i.test(sourceCode.getText(callee.object))
          );
        }
        // `await pending` where `pending` was stored in a map before: an in-flight map already.
        return argument.type === AST_NODE_TYPES.Identifier && isStoredPromise(argument);
      });
    }

    function hasGuardWord(callee: TSESTree.Node): boolean {
      const words = wordsOf(sourceCode.getText(callee));
      return words.some((word, i) => GUARD_WORDS.has(word) || (word === 'single' && words[i + 1] === 'flight') || (word === 'in' && words[i + 1] === 'flight'));
    }

    function isStoredPromise(identifier: TSESTree.Identifier): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      return (variable?.references ?? []).some((reference) => {
        const parent = reference.identifier.parent;
        if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(reference.identifier as TSESTree.Identifier)) {
          return parent.callee.type === AST_NODE_TYPES.MemberExpression && getStaticKey(parent.callee) === 'set';
        }
        return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === reference.identifier && parent.left.type === AST_NODE_TYPES.MemberExpression;
      });
    }

    /** `<function>Loads` (or `<cache>Loads`), `this.`-qualified for a class field, unique in the file. */
    function companionName(store: CacheCall, fn: FunctionNode): { name: string; reference: string } {
      const base = `${functionName(fn) ?? store.name}Loads`;
      let name = base;
      for (let i = 2; new RegExp(`\\b${name}\\b`).test(text); i++) name = `${base}${i}`;
      return { name, reference: store.home.kind === 'field' ? `this.${name}` : name };
    }

    /**
     * The rewrite: the awaited load goes through `shareInflight(map, key, () => load)`, a map of
     * in-flight loads lives beside the cache (same lifetime), and the helper is added once per file.
     */
    function fixEdits(store: CacheCall, fn: FunctionNode, load: TSESTree.AwaitExpression, map: { name: string; reference: string }): Edit[] | null {
      if (load.argument.type !== AST_NODE_TYPES.CallExpression || store.keyText.includes(',')) return null;
      const declaration = companionDeclaration(store, fn, map.name);
      if (!declaration) return null;
      const loadText = sourceCode.getText(load.argument);
      const keyText = sourceCode.getText(store.keyNode);
      const edits: Edit[] = [
        declaration,
        { range: load.argument.range, text: `${HELPER_NAME}(${map.reference}, ${keyText}, () => ${loadText})` },
      ];
      if (!new RegExp(`function ${HELPER_NAME}\\b`).test(text)) {
        edits.push({ range: [text.length, text.length], text: `${text.endsWith('\n') ? '' : '\n'}\n${helperText(typescript)}` });
      }
      return edits;
    }

    function companionDeclaration(store: CacheCall, fn: FunctionNode, name: string): Edit | null {
      const mapText = typescript ? 'new Map<unknown, Promise<unknown>>()' : 'new Map()';
      const home = store.home;
      if (home.kind === 'field') {
        // Only where `this` in the function is the class instance.
        if (thisClassBody(fn.body) !== home.classBody) return null;
        const open = sourceCode.getFirstToken(home.classBody)!;
        const first = home.classBody.body[0];
        const indent = first ? indentOf(first) : `${indentOf(home.classBody.parent!)}  `;
        const field = typescript ? `private readonly ${name} = ${mapText};` : `${name} = ${mapText};`;
        return { range: [open.range[1], open.range[1]], text: `\n${indent}${field}${first ? '' : '\n'}` };
      }
      if (home.kind === 'binding') {
        let statement: TSESTree.Node = home.statement;
        if (statement.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) statement = statement.parent;
        const holder = statement.parent;
        if (holder?.type !== AST_NODE_TYPES.Program && holder?.type !== AST_NODE_TYPES.BlockStatement) return null;
        return { range: [statement.range[1], statement.range[1]], text: `\n${indentOf(statement)}const ${name} = ${mapText};` };
      }
      if (home.kind === 'import') {
        let top: TSESTree.Node = fn;
        while (top.parent && top.parent.type !== AST_NODE_TYPES.Program) top = top.parent;
        const start = sourceCode.getCommentsBefore(top)[0]?.range[0] ?? top.range[0];
        return { range: [start, start], text: `const ${name} = ${mapText};\n\n` };
      }
      return null;
    }

    function indentOf(node: TSESTree.Node): string {
      return /^\s*/.exec(sourceCode.lines[node.loc.start.line - 1] ?? '')?.[0] ?? '';
    }
  },
});

function within(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** The helper the fix adds once per file; TypeScript files get the typed form. */
export function helperText(typescript: boolean): string {
  const signature = typescript
    ? `function ${HELPER_NAME}<T>(loads: Map<unknown, Promise<unknown>>, key: unknown, load: () => T | PromiseLike<T>): Promise<T> {\n  let pending = loads.get(key) as Promise<T> | undefined;`
    : `function ${HELPER_NAME}(loads, key, load) {\n  let pending = loads.get(key);`;
  const start = typescript ? 'Promise.resolve(load()) as Promise<T>' : 'Promise.resolve(load())';
  return `/**
 * Callers that miss the cache for the same key while a load is in flight share that load instead of
 * starting their own. The key is forgotten once the load settles: the cache answers from then on,
 * and after a rejection (which every waiting caller receives) the next caller loads again.
 */
${signature}
  if (!pending) {
    pending = ${start};
    loads.set(key, pending);
    const forget = () => loads.delete(key);
    pending.then(forget, forget);
  }
  return pending;
}
`;
}
