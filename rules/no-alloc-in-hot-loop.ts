import { ASTUtils, AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeText, getStaticKey, unwrapExpression } from '../src/analysis/ast';
import {
  enclosingFunction,
  hotContextOf,
  isInvariantIn,
  iterationContextsOf,
  tickFunctionOf,
  type HotContext,
  type IterationContext,
} from '../src/analysis/context';
import { toFix, type Edit } from '../src/analysis/edits';
import { findEscape } from '../src/analysis/escape';
import { isScriptFile, isTestFile, relativePathOf } from '../src/analysis/files';
import { planHoist, type HoistPlan } from '../src/analysis/hoist';
import { getSettings } from '../src/analysis/settings';
import { staticNumber, staticValue } from '../src/analysis/static-value';
import { createRule } from '../src/util/create-rule';

export type Options = [{ checkTestFiles?: boolean; checkScripts?: boolean }];
export type MessageId =
  | 'regexpPerRun'
  | 'statefulRegexpPerRun'
  | 'formatterPerRun'
  | 'localeStringPerRun'
  | 'codecPerRun'
  | 'bufferPerRun'
  | 'clonePerRun'
  | 'allocFixHoist'
  | 'allocFixHoistReview'
  | 'allocFixReuse';

/** Words one of which every file with a finding contains. */
export const TRIGGERS = ['RegExp', 'Intl', 'TextEncoder', 'TextDecoder', 'toLocale', 'Buffer', 'Array(', 'ArrayBuffer', 'structuredClone', 'JSON'];
// One pass over the text instead of one per word (measured 2x faster on files that have none).
const TRIGGER_PATTERN = /RegExp|Intl|Text[ED][ne]coder|toLocale|Buffer|Array\(|ArrayBuffer|structuredClone|JSON/;
// Which listeners a file needs: a typed-array file (most of a game server) needs no listener on
// every call of the file, only on its few `new` expressions.
const CALL_TRIGGER_PATTERN = /RegExp|Intl|toLocale|Buffer|structuredClone|JSON/;
const NEW_TRIGGER_PATTERN = /RegExp|Intl|Text[ED][ne]coder|Array\(|ArrayBuffer/;
/**
 * The calls `classify` can accept, as a selector: ESLint then calls the listener for those only, not
 * for every call of the file. Keep in step with ALLOCATING_NAMES and ALLOCATING_MEMBERS.
 */
const CALL_SELECTOR =
  'CallExpression[callee.name=/^(RegExp|structuredClone)$/], ' +
  'CallExpression[callee.property.name=/^(Collator|DateTimeFormat|DisplayNames|DurationFormat|ListFormat|Locale|NumberFormat|PluralRules|RelativeTimeFormat|Segmenter|toLocaleString|toLocaleDateString|toLocaleTimeString|alloc|allocUnsafe|allocUnsafeSlow|parse)$/]';

const INTL_CONSTRUCTORS = new Set([
  'Collator',
  'DateTimeFormat',
  'DisplayNames',
  'DurationFormat',
  'ListFormat',
  'Locale',
  'NumberFormat',
  'PluralRules',
  'RelativeTimeFormat',
  'Segmenter',
]);
const LOCALE_METHODS = new Set(['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']);
const BUFFER_FACTORIES = new Set(['alloc', 'allocUnsafe', 'allocUnsafeSlow']);
const TYPED_ARRAYS: Record<string, number> = {
  Int8Array: 1,
  Uint8Array: 1,
  Uint8ClampedArray: 1,
  Int16Array: 2,
  Uint16Array: 2,
  Float16Array: 2,
  Int32Array: 4,
  Uint32Array: 4,
  Float32Array: 4,
  Float64Array: 8,
  BigInt64Array: 8,
  BigUint64Array: 8,
};
/** Every callee name (`new X`, `X()`) and member name (`a.x()`) this rule can report. */
const ALLOCATING_NAMES = new Set(['RegExp', 'TextEncoder', 'TextDecoder', 'structuredClone', 'ArrayBuffer', 'DataView', ...Object.keys(TYPED_ARRAYS)]);
const ALLOCATING_MEMBERS = new Set([...INTL_CONSTRUCTORS, 'toLocaleString', 'toLocaleDateString', 'toLocaleTimeString', 'alloc', 'allocUnsafe', 'allocUnsafeSlow', 'parse']);
/**
 * V8 keeps the bytes of a typed array of at most 64 bytes on its own heap: allocating one costs what
 * a small object costs (measured: `Buffer.alloc(64)` as fast as reusing a scratch buffer,
 * `Buffer.alloc(256)` 6.5x slower). Only larger or unknown sizes are findings.
 */
const ON_HEAP_BYTES = 64;

type Allocation =
  | { kind: 'regexp' }
  | { kind: 'formatter'; constructor: string }
  | { kind: 'codec'; constructor: 'TextEncoder' | 'TextDecoder' }
  | { kind: 'localeString' }
  | { kind: 'buffer'; size: TSESTree.Node; bytesPerElement: number | null; refill: 'zero' | 'none' | 'cannot'; fillArgs: TSESTree.Node[] }
  | { kind: 'clone' };

export default createRule<Options, MessageId>({
  name: 'no-alloc-in-hot-loop',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow allocations V8 cannot optimise away inside loops and per-tick functions',
      technique: 'Memory pooling',
      priority: 'P0',
      presets: ['game'],
    },
    fixable: 'code',
    hasSuggestions: true,
    defaultOptions: [{ checkTestFiles: false, checkScripts: false }],
    schema: [
      {
        type: 'object',
        properties: {
          checkTestFiles: { type: 'boolean', description: 'Also check test files.' },
          checkScripts: { type: 'boolean', description: 'Also check scripts and config files.' },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      regexpPerRun:
        '`new RegExp(...)` with arguments that do not change compiles its pattern again on every {{run}} (measured 3.9x slower than one made once); create it once {{place}}.',
      statefulRegexpPerRun:
        '`new RegExp(...)` with arguments that do not change compiles its pattern again on every {{run}} (measured 3.9x slower than one made once); create it once {{place}} and set `lastIndex = 0` before each use, since its `g`/`y` flag keeps state.',
      formatterPerRun:
        '`{{callee}}(...)` looks up locale data and builds a new object on every {{run}} (measured 95x slower than sharing one formatter); create it once {{place}}.',
      localeStringPerRun:
        '`{{callee}}()` with options builds an Intl formatter on every call (measured 53-57x slower than a shared `Intl` formatter); create the formatter once {{place}} and call its `format`.',
      codecPerRun: '`{{callee}}(...)` is made again on every {{run}} (measured 1.2x slower than sharing one); create it once {{place}}.',
      bufferPerRun:
        '`{{callee}}(...)` allocates memory outside V8\'s heap on every {{run}} (measured 6.5x slower than reusing a scratch buffer for 256 bytes); allocate one {{place}} and reuse it.',
      clonePerRun:
        '`{{callee}}` deep-copies on every {{run}} (measured 243x the cost of a 500-entity tick without it); copy only the fields that change.',
      allocFixHoist: 'Create it once as `{{name}}` {{place}}.',
      allocFixHoistReview:
        'Create it once as `{{name}}` {{place}}, after checking that one shared value is safe here (its arguments are not constants the rule could check, or the value is kept).',
      allocFixReuse: 'Reuse one scratch buffer, `{{name}}`, allocated before the loop.',
    },
  },
  defaultOptions: [{ checkTestFiles: false, checkScripts: false }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const relativePath = relativePathOf(context);
    if (!options.checkTestFiles && isTestFile(relativePath)) return {};
    if (!options.checkScripts && isScriptFile(relativePath)) return {};
    if (!TRIGGER_PATTERN.test(sourceCode.text)) return {};
    const settings = getSettings(context.settings);

    const listeners: Record<string, (node: TSESTree.NewExpression | TSESTree.CallExpression) => void> = {};
    if (NEW_TRIGGER_PATTERN.test(sourceCode.text)) listeners['NewExpression'] = check;
    if (CALL_TRIGGER_PATTERN.test(sourceCode.text)) listeners[CALL_SELECTOR] = check;
    return listeners;

    function check(node: TSESTree.NewExpression | TSESTree.CallExpression): void {
      const allocation = classify(node);
      if (!allocation) return;
      const hot = hotContextOf(sourceCode, node, settings);
      if (!hot) return;
      // A deep copy per item is usually the copy the code needs (measured: 7 of 8 in real code were
      // independent copies made in UI handlers); per tick it is the snapshot a game loop can avoid.
      if (allocation.kind === 'clone' && !tickFunctionOf(sourceCode, node, settings)) return;
      const contexts = hot.kind === 'iteration' ? iterationContextsOf(node) : [];
      const outermost = contexts.at(-1);
      // A loop at module scope runs once, at start-up.
      if (outermost && enclosingFunction(outermost.kind === 'loop' ? outermost.loop : outermost.call) === null) return;
      if (contexts[0] && leavesLoopAfter(node, contexts[0])) return;
      const region = regionOf(hot);
      const run = hot.kind === 'tick' ? 'tick' : 'iteration';
      const callee =
        allocation.kind === 'clone'
          ? node.callee.type === AST_NODE_TYPES.Identifier
            ? 'structuredClone(...)'
            : 'JSON.parse(JSON.stringify(...))'
          : calleeText(node, sourceCode.text);

      switch (allocation.kind) {
        case 'regexp':
        case 'formatter':
        case 'codec': {
          const args = node.arguments;
          if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return;
          // A pattern or a formatter built from the item (`new RegExp(word)`, a time zone per
          // row) is the work itself: one per distinct value is needed.
          if (!args.every((arg) => isInvariantIn(sourceCode, arg, region))) return;
          if (allocation.kind === 'codec' && isStreamingDecoder(node)) return;
          const escape = findEscape(sourceCode, node, region);
          // `return new RegExp(...)` inside a loop ends the loop: it runs once per call.
          if (escape?.kind === 'returned' && ownsReturn(escape.node, contexts[0])) return;
          // Unknown flags (`new RegExp(pattern)` where `pattern` may be a RegExp with `g`) still get a
          // suggestion: only the autofix needs constants, and constants have known flags.
          const flags = allocation.kind === 'regexp' ? regexpFlags(node) : '';
          const global = flags !== null && /[gy]/.test(flags);
          // `s.replace(new RegExp(p, 'g'), r)` resets lastIndex before it starts: sharing one is safe.
          const stateful = global && !(flags.includes('g') && !flags.includes('y') && isResetByCaller(node));
          const plan = stateful ? null : planHoist(sourceCode, { expression: node, contexts, baseName: baseNameOf(node, allocation), allowModule: true });
          const place = plan ? (plan.place === 'module' ? 'at module scope' : 'before the loop') : placeOutside(hot);
          const messageId =
            allocation.kind === 'regexp' ? (stateful ? 'statefulRegexpPerRun' : 'regexpPerRun') : allocation.kind === 'formatter' ? 'formatterPerRun' : 'codecPerRun';
          // An autofix only when nothing can tell: constant arguments that construct without
          // throwing (so hoisting cannot add an error where the loop never ran), and a value that
          // never leaves the iteration (so no one can see that it is now shared).
          const safe = plan !== null && escape === null && !global && constructsCleanly(node, allocation);
          report(node, messageId, { callee, run, place }, plan, safe ? 'allocFixHoist' : 'allocFixHoistReview', safe);
          return;
        }
        case 'localeString':
          if (!node.arguments.every((arg) => isInvariantIn(sourceCode, arg, region))) return;
          if (isLibraryValue((node.callee as TSESTree.MemberExpression).object)) return;
          report(node, 'localeStringPerRun', { callee, run, place: placeOutside(hot) });
          return;
        case 'buffer': {
          if (!isInvariantIn(sourceCode, allocation.size, region)) return;
          if (allocation.fillArgs.some((arg) => !isInvariantIn(sourceCode, arg, region))) return;
          const elements = staticNumber(sourceCode, allocation.size);
          if (allocation.bytesPerElement !== null && elements !== null && elements * allocation.bytesPerElement <= ON_HEAP_BYTES) return;
          // Only a buffer nobody keeps can be reused; one that is kept must be fresh.
          if (findEscape(sourceCode, node, region) !== null) return;
          const plan =
            contexts.length > 0 && allocation.refill !== 'cannot'
              ? planHoist(sourceCode, {
                  expression: node,
                  contexts,
                  baseName: 'scratch',
                  allowModule: false,
                  shareExisting: false,
                  replaceWith:
                    allocation.refill === 'zero'
                      ? (name) => `${name}.fill(${allocation.fillArgs.map((arg) => sourceCode.getText(arg)).join(', ') || '0'})`
                      : undefined,
                })
              : null;
          report(node, 'bufferPerRun', { callee, run, place: plan ? 'before the loop' : placeOutside(hot) }, plan, 'allocFixReuse', false);
          return;
        }
        case 'clone':
          report(node, 'clonePerRun', { callee, run });
          return;
      }
    }

    function report(
      node: TSESTree.Node,
      messageId: MessageId,
      data: Record<string, string>,
      plan: HoistPlan | null = null,
      fixId: MessageId = 'allocFixHoist',
      autofix = false,
    ): void {
      const edits: Edit[] | null = plan?.edits ?? null;
      context.report({
        node,
        messageId,
        data,
        fix: edits && autofix ? toFix(edits) : null,
        suggest: edits
          ? [{ messageId: fixId, data: { name: plan!.name, place: plan!.place === 'module' ? 'at module scope' : 'before the loop' }, fix: toFix(edits) }]
          : [],
      });
    }

    function classify(node: TSESTree.NewExpression | TSESTree.CallExpression): Allocation | null {
      const callee = node.callee;
      // Most calls in a file are none of these: answer them from the callee's name alone.
      if (callee.type === AST_NODE_TYPES.Identifier ? !ALLOCATING_NAMES.has(callee.name) : callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      if (callee.type === AST_NODE_TYPES.MemberExpression && (callee.property.type !== AST_NODE_TYPES.Identifier || !ALLOCATING_MEMBERS.has(callee.property.name))) {
        return null;
      }
      if (callee.type === AST_NODE_TYPES.Identifier) {
        const name = callee.name;
        if (name === 'RegExp' && isGlobal(callee)) return node.arguments.length > 0 ? { kind: 'regexp' } : null;
        if (node.type === AST_NODE_TYPES.NewExpression && (name === 'TextEncoder' || name === 'TextDecoder') && isGlobalOrNode(callee, 'util')) {
          return { kind: 'codec', constructor: name };
        }
        if (name === 'structuredClone' && node.type === AST_NODE_TYPES.CallExpression && isGlobal(callee)) return { kind: 'clone' };
        if (node.type !== AST_NODE_TYPES.NewExpression || !isGlobal(callee)) return null;
        const size = node.arguments[0];
        if (!size || size.type === AST_NODE_TYPES.SpreadElement) return null;
        if (Object.hasOwn(TYPED_ARRAYS, name)) {
          if (isViewArgument(node) || !looksLikeSize(size)) return null;
          return { kind: 'buffer', size, bytesPerElement: TYPED_ARRAYS[name]!, refill: node.arguments.length === 1 ? 'zero' : 'cannot', fillArgs: [] };
        }
        if (name === 'ArrayBuffer') {
          if (isViewArgument(node)) return null; // reported at the view around it
          return { kind: 'buffer', size, bytesPerElement: null, refill: 'cannot', fillArgs: [] };
        }
        if (name === 'DataView') {
          const inner = unwrapExpression(size);
          if (inner.type !== AST_NODE_TYPES.NewExpression || inner.callee.type !== AST_NODE_TYPES.Identifier || inner.callee.name !== 'ArrayBuffer') return null;
          const innerSize = inner.arguments[0];
          if (!innerSize || innerSize.type === AST_NODE_TYPES.SpreadElement) return null;
          return { kind: 'buffer', size: innerSize, bytesPerElement: null, refill: 'cannot', fillArgs: [] };
        }
        return null;
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      const method = getStaticKey(callee);
      if (method === null) return null;
      const object = callee.object;
      if (object.type === AST_NODE_TYPES.Identifier) {
        if (object.name === 'Intl' && INTL_CONSTRUCTORS.has(method) && isGlobal(object)) return { kind: 'formatter', constructor: method };
        if (object.name === 'Buffer' && BUFFER_FACTORIES.has(method) && node.type === AST_NODE_TYPES.CallExpression && isGlobalOrNode(object, 'buffer')) {
          const [size, ...fillArgs] = node.arguments;
          if (!size || size.type === AST_NODE_TYPES.SpreadElement || fillArgs.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return null;
          return {
            kind: 'buffer',
            size,
            bytesPerElement: 1,
            refill: method === 'alloc' ? 'zero' : 'none',
            fillArgs: method === 'alloc' ? fillArgs : [],
          };
        }
        if (object.name === 'JSON' && method === 'parse' && node.type === AST_NODE_TYPES.CallExpression && isGlobal(object)) {
          const inner = node.arguments[0] && unwrapExpression(node.arguments[0]);
          return inner?.type === AST_NODE_TYPES.CallExpression &&
            inner.callee.type === AST_NODE_TYPES.MemberExpression &&
            inner.callee.object.type === AST_NODE_TYPES.Identifier &&
            inner.callee.object.name === 'JSON' &&
            getStaticKey(inner.callee) === 'stringify' &&
            inner.arguments.length === 1
            ? { kind: 'clone' }
            : null;
        }
      }
      if (LOCALE_METHODS.has(method) && node.type === AST_NODE_TYPES.CallExpression && hasLocaleArguments(node)) {
        return { kind: 'localeString' };
      }
      return null;
    }

    /**
     * A receiver made by a library (`DateTime.fromJSDate(d).toLocaleString(...)`): its
     * `toLocaleString` is the library's, which caches formatters (luxon does). Only values rooted in
     * an import or a `require`, directly or through one local binding, count.
     */
    function isLibraryValue(receiver: TSESTree.Node, depth = 0): boolean {
      let root: TSESTree.Node = receiver;
      for (;;) {
        const inner = unwrapExpression(root);
        if (inner.type === AST_NODE_TYPES.MemberExpression) root = inner.object;
        else if (inner.type === AST_NODE_TYPES.CallExpression) root = inner.callee;
        else if (inner.type === AST_NODE_TYPES.NewExpression) root = inner.callee;
        else {
          root = inner;
          break;
        }
      }
      if (root.type !== AST_NODE_TYPES.Identifier) return false;
      const def = ASTUtils.findVariable(sourceCode.getScope(root), root)?.defs[0];
      if (!def) return false;
      if (def.type === 'ImportBinding') return true;
      if (def.type !== 'Variable' || !def.node.init) return false;
      const init = unwrapExpression(def.node.init);
      if (init.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require') return true;
      return depth === 0 && isLibraryValue(init, 1);
    }

    /** A name that is the runtime's own: not declared anywhere in the file. */
    function isGlobal(identifier: TSESTree.Identifier): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      return !variable || variable.defs.length === 0;
    }

    /** The global, or the same class imported from its Node module (`import { Buffer } from 'node:buffer'`). */
    function isGlobalOrNode(identifier: TSESTree.Identifier, module: string): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      if (!variable || variable.defs.length === 0) return true;
      const def = variable.defs[0]!;
      if (def.type !== 'ImportBinding' || def.parent?.type !== AST_NODE_TYPES.ImportDeclaration) return false;
      const source = String(def.parent.source.value);
      return source === module || source === `node:${module}`;
    }

    function constructsCleanly(node: TSESTree.NewExpression | TSESTree.CallExpression, allocation: Allocation): boolean {
      const values: unknown[] = [];
      for (const arg of node.arguments) {
        const value = staticValue(sourceCode, arg);
        if (!value.found) return false;
        values.push(value.value);
      }
      try {
        if (allocation.kind === 'regexp') new RegExp(...(values as [string, string?]));
        else if (allocation.kind === 'formatter') {
          const Constructor = (Intl as unknown as Record<string, new (...args: unknown[]) => unknown>)[allocation.constructor];
          if (!Constructor) return false;
          new Constructor(...values);
        } else if (allocation.kind === 'codec') {
          if (allocation.constructor === 'TextDecoder') new TextDecoder(...(values as [string?, { fatal?: boolean; ignoreBOM?: boolean }?]));
          else new TextEncoder();
        } else return false;
        return true;
      } catch {
        return false;
      }
    }

    /** The flags a `new RegExp` gets, or null when they cannot be known (a RegExp argument may carry `g`). */
    function regexpFlags(node: TSESTree.NewExpression | TSESTree.CallExpression): string | null {
      const [pattern, flags] = node.arguments;
      if (flags) {
        const value = staticValue(sourceCode, flags);
        return value.found && typeof value.value === 'string' ? value.value : null;
      }
      if (pattern?.type === AST_NODE_TYPES.Literal && 'regex' in pattern && pattern.regex) return pattern.regex.flags;
      if (!pattern) return null;
      const value = staticValue(sourceCode, pattern);
      return value.found && typeof value.value === 'string' ? '' : null;
    }

    /** A `TextDecoder` whose `decode` gets options (`{ stream: true }`) keeps state between calls. */
    function isStreamingDecoder(node: TSESTree.NewExpression | TSESTree.CallExpression): boolean {
      const uses: TSESTree.Node[] = [node];
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) {
        for (const variable of sourceCode.getDeclaredVariables(parent)) {
          for (const ref of variable.references) if (ref.isRead()) uses.push(ref.identifier);
        }
      }
      return uses.some((use) => {
        const member = use.parent;
        const call = member?.parent;
        return (
          member?.type === AST_NODE_TYPES.MemberExpression &&
          member.object === use &&
          getStaticKey(member) === 'decode' &&
          call?.type === AST_NODE_TYPES.CallExpression &&
          call.arguments.length > 1
        );
      });
    }

    function baseNameOf(node: TSESTree.NewExpression | TSESTree.CallExpression, allocation: Allocation): string {
      if (allocation.kind === 'formatter') return lowerFirst(allocation.constructor);
      if (allocation.kind === 'codec') return lowerFirst(allocation.constructor);
      // Named after the binding the pattern is built from: `new RegExp('^' + prefix)` -> prefixPattern.
      let first: TSESTree.Node | undefined = node.arguments[0];
      while (first?.type === AST_NODE_TYPES.BinaryExpression) first = first.right.type === AST_NODE_TYPES.Identifier ? first.right : first.left;
      if (first?.type === AST_NODE_TYPES.TemplateLiteral) first = first.expressions[0];
      if (first?.type === AST_NODE_TYPES.Identifier) return `${camelCase(first.name)}Pattern`;
      return 'pattern';
    }
  },
});

/**
 * Whether the loop ends for good soon after `node`: a later statement of the loop body returns,
 * throws or breaks unconditionally, so the allocation runs at most once per loop (the last
 * response of a redirect loop, the match a search loop returns).
 */
function leavesLoopAfter(node: TSESTree.Node, context: IterationContext): boolean {
  if (context.kind !== 'loop' || context.loop.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const body = context.loop.body.body;
  const index = body.findIndex((statement) => statement.range[0] <= node.range[0] && node.range[1] <= statement.range[1]);
  if (index === -1) return false;
  return body
    .slice(index + 1)
    .some(
      (statement) =>
        statement.type === AST_NODE_TYPES.ReturnStatement ||
        statement.type === AST_NODE_TYPES.ThrowStatement ||
        (statement.type === AST_NODE_TYPES.BreakStatement && statement.label === null),
    );
}

/** String methods that set `lastIndex` to 0 first, or clone the pattern: a shared global regex is safe in them. */
const LAST_INDEX_RESETTING = new Set(['replace', 'replaceAll', 'match', 'matchAll', 'split', 'search']);

function isResetByCaller(node: TSESTree.Node): boolean {
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== node) return false;
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && LAST_INDEX_RESETTING.has(getStaticKey(callee) ?? '');
}

function regionOf(hot: HotContext): TSESTree.Node {
  if (hot.kind === 'tick') return hot.fn;
  return hot.iteration.kind === 'loop' ? hot.iteration.loop : hot.iteration.callback;
}

function placeOutside(hot: HotContext): string {
  return hot.kind === 'tick' ? 'outside the per-tick function' : 'outside the loop';
}

/** Whether a `return`/`throw` leaves the loop's own function (ending the loop), not a callback inside it. */
function ownsReturn(exit: TSESTree.Node, innermost: IterationContext | undefined): boolean {
  if (innermost?.kind !== 'loop') return false;
  return enclosingFunction(exit) === enclosingFunction(innermost.loop) || exit === enclosingFunction(innermost.loop);
}

/** `new Uint8Array(new ArrayBuffer(n))`: the inner buffer is reported at the view around it. */
function isViewArgument(node: TSESTree.NewExpression): boolean {
  const parent = node.parent;
  return (
    parent?.type === AST_NODE_TYPES.NewExpression &&
    parent.arguments[0] === node &&
    parent.callee.type === AST_NODE_TYPES.Identifier &&
    (parent.callee.name === 'DataView' || Object.hasOwn(TYPED_ARRAYS, parent.callee.name))
  );
}

/**
 * A typed array's argument is a length when it reads as a number: `new Float32Array(16)`,
 * `new Uint8Array(size)`, `new Float64Array(n * 3)`. An array, iterable or buffer argument copies or
 * views existing data instead.
 */
function looksLikeSize(node: TSESTree.Node): boolean {
  const inner = unwrapExpression(node);
  switch (inner.type) {
    case AST_NODE_TYPES.Literal:
      return typeof inner.value === 'number';
    case AST_NODE_TYPES.BinaryExpression:
      return ['*', '+', '-', '/', '<<', '>>', '>>>', '|', '%'].includes(inner.operator);
    case AST_NODE_TYPES.Identifier:
      return SIZE_NAME.test(inner.name);
    case AST_NODE_TYPES.MemberExpression: {
      const key = getStaticKey(inner);
      return key !== null && SIZE_NAME.test(key);
    }
    default:
      return false;
  }
}

// `n`, `size`, `byteLength`, `frameBytes`, `MAX_PACKET`: names that hold a length, not an array.
const SIZE_NAME = /^(?:n|len|size|count|capacity|length|bytes|total)$|(?:Size|Length|Len|Count|Capacity|Bytes)$|^[A-Z][A-Z0-9_]*$/;

/**
 * `x.toLocaleString(locale, options)`: with options V8 builds a formatter per call (measured 57x
 * slower than a shared one); with a locale alone it reuses a cached one (measured faster than a shared one).
 */
function hasLocaleArguments(node: TSESTree.CallExpression): boolean {
  const options = node.arguments[1];
  return options !== undefined && !(options.type === AST_NODE_TYPES.Identifier && options.name === 'undefined');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** `BLOCKED_WORDS` -> `blockedWords`, `prefix` -> `prefix`. */
function camelCase(name: string): string {
  if (!/^[A-Z0-9_]+$/.test(name)) return lowerFirst(name);
  return name.toLowerCase().replace(/_+([a-z0-9])/g, (_, char: string) => char.toUpperCase()).replace(/^_+/, '');
}
