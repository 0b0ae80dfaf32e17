import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getCatalog, mentionPatternOf, type ClientEntry, type DeadlineGroup, type OptionsSlot } from '../src/analysis/catalog';
import { calleeText, getStaticKey, isFunctionNode } from '../src/analysis/ast';
import { addProperties, insertArgument, objectText, toFix, type Edit, type PropertyToAdd } from '../src/analysis/edits';
import { deadlineState, isExempt, locateOptions, type OptionsLocation } from '../src/analysis/options-object';
import { isScriptFile, isTestFile, relativePathOf } from '../src/analysis/files';
import type { Origin } from '../src/analysis/origin';
import { sharedOriginResolver } from '../src/analysis/shared-origin';
import { clientEntrySchema, getSettings, namedOptionsSchema, timeoutMsSchema } from '../src/analysis/settings';
import { createRule } from '../src/util/create-rule';

export type Options = [
  { timeoutMs?: number; clients?: ClientEntry[]; checkTestFiles?: boolean; checkScripts?: boolean },
];
export type MessageId =
  | 'missingTimeout'
  | 'missingDeadline'
  | 'missingTimeoutFixSignal'
  | 'missingTimeoutFixOption'
  | 'missingDeadlineFixOptions';

interface Pending {
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  messageId: 'missingTimeout' | 'missingDeadline';
  data: Record<string, string>;
  fix: { messageId: MessageId; text: string; edits: Edit[] } | null;
  /** Silenced at Program:exit when the module's or the instance's defaults get a deadline. */
  coveredBy: ClientEntry | TSESTree.Node | null;
}

export default createRule<Options, MessageId>({
  name: 'require-timeout',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a deadline on outbound calls and clients that can otherwise wait forever',
      technique: 'Context timeouts',
      priority: 'P0',
      presets: ['recommended'],
    },
    hasSuggestions: true,
    defaultOptions: [{ clients: [], checkTestFiles: false, checkScripts: false }],
    schema: [
      namedOptionsSchema({
        timeoutMs: { ...timeoutMsSchema, expected: 'must_be_a_positive_integer', description: 'Milliseconds written by the suggested fix.' },
        clients: { type: 'array', items: clientEntrySchema, description: 'Extra client-catalog entries.' },
        checkTestFiles: { type: 'boolean', description: 'Also check test files (their runner bounds them).' },
        checkScripts: { type: 'boolean', description: 'Also check scripts and config files (a person at a terminal bounds them).' },
      }),
    ],
    messages: {
      missingTimeout: '`{{callee}}` has no deadline and {{waits}}; pass {{fix}}.',
      missingDeadline: '`{{callee}}` is made without {{keys}}, so {{waits}}; add {{fix}}.',
      missingTimeoutFixSignal: 'Add `{{text}}`.',
      missingTimeoutFixOption: 'Add `{{text}}`.',
      missingDeadlineFixOptions: 'Add `{{text}}`.',
    },
  },
  defaultOptions: [{ clients: [], checkTestFiles: false, checkScripts: false }],
  create(context, [options]) {
    const settings = getSettings(context.settings);
    const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
    const extra = options.clients?.length ? [...settings.clients, ...options.clients] : settings.clients;
    const catalog = getCatalog(extra);
    const sourceCode = context.sourceCode;
    // A test runner's per-test timeout is the deadline of the calls a test makes; a person at a
    // terminal is the deadline of a build or release script. (Asked before the text pass: a path test
    // costs less than a scan of the file.)
    const relativePath = relativePathOf(context);
    if (!options.checkTestFiles && isTestFile(relativePath)) return {};
    if (!options.checkScripts && isScriptFile(relativePath)) return {};
    // Origins are resolved by syntax alone here: a catalog call needs its module named in a string
    // literal (import, require) or one of its globals, and one regex pass finds either. (A
    // `text.includes` per trigger word cost more and let through every file that merely contains
    // `pg` (`png`), `got` (`forgot`) or `http` (a URL), whose calls were then all resolved for nothing.)
    if (!mentionPatternOf(catalog).test(sourceCode.text)) return {};

    const resolver = sharedOriginResolver(sourceCode, catalog);
    const pending: Pending[] = [];
    /** Modules and constructions whose `defaults` got a deadline in this file. */
    const covered = new Set<ClientEntry | TSESTree.Node>();

    return {
      CallExpression: check,
      NewExpression: check,
      AssignmentExpression(node) {
        const target = defaultsTarget(node);
        if (target) covered.add(target);
      },
      'Program:exit'() {
        for (const finding of pending) {
          if (finding.coveredBy && covered.has(finding.coveredBy)) continue;
          context.report({
            node: finding.node,
            messageId: finding.messageId,
            data: finding.data,
            suggest: finding.fix
              ? [{ messageId: finding.fix.messageId, data: { text: finding.fix.text }, fix: toFix(finding.fix.edits) }]
              : [],
          });
        }
      },
    };

    function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const callee = node.callee;
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = getStaticKey(callee);
        if (name === null || !catalog.memberNames.has(name)) return;
      }
      const resolved = resolver.resolveCall(node);
      if (!resolved) return;
      if (resolved.kind === 'construction') {
        checkConstruction(node, resolved.spec.options, resolved.spec.deadlines ?? [], resolved.entry, resolved.spec.exemptWhen);
        return;
      }
      const { spec, receiver } = resolved;
      if (!spec.deadline || !spec.options) return;
      let coveredBy: Pending['coveredBy'] = null;
      if (receiver.kind === 'instance') {
        // The deadline belongs at construction: a made instance is checked (and reported) where it is
        // made, and one we only know by its type may have any deadline.
        const maker = makerOf(receiver);
        if (!maker || maker.coversCalls) return;
        coveredBy = receiver.construction;
      } else {
        coveredBy = resolved.entry;
      }
      if (spec.resultDeadline && resultGetsDeadline(node, spec.resultDeadline)) return;
      const location = locateOptions(sourceCode, node, spec.options);
      if (deadlineState(location, spec.deadline, node) !== 'absent') return;
      if (spec.exemptWhen && isExempt(location, spec.exemptWhen)) return;
      if (spec.exemptFirstArgument && firstArgumentMatches(node, spec.exemptFirstArgument)) return;
      if (resolved.entry.category === 'http' && isInMemoryUrl(sourceCode, node)) return;
      const fixProperty = propertyFor(spec.deadline);
      pending.push({
        node,
        messageId: 'missingTimeout',
        data: {
          callee: `${calleeText(node, sourceCode.text)}()`,
          waits: waitsPhrase(spec.deadline, resolved.entry.category),
          fix: `\`${fixProperty.key}: ${fixProperty.value}\``,
        },
        fix: buildFix(node, location, [fixProperty], spec.deadline.fix.key === 'signal' ? 'missingTimeoutFixSignal' : 'missingTimeoutFixOption'),
        coveredBy,
      });
    }

    function checkConstruction(
      node: TSESTree.CallExpression | TSESTree.NewExpression,
      slot: OptionsSlot | undefined,
      deadlines: readonly DeadlineGroup[],
      entry: ClientEntry,
      exemptWhen?: { key: string; values: unknown[] }[],
    ): void {
      if (!slot || deadlines.length === 0) return;
      const location = locateOptions(sourceCode, node, slot);
      if (exemptWhen && isExempt(location, exemptWhen)) return;
      // Only defaults of "never" are findings: a library that gives up on its own has a deadline.
      const missing = deadlines.filter((group) => group.default === null && deadlineState(location, group, node) === 'absent');
      if (missing.length === 0) return;
      const properties = missing.map(propertyFor);
      const text = properties.map((p) => `${p.key}: ${p.value}`).join(', ');
      pending.push({
        node,
        messageId: 'missingDeadline',
        data: {
          callee: `${calleeText(node, sourceCode.text)}()`,
          keys: missing.map((group) => group.keys.map((key) => `\`${key}\``).join(' or ')).join(' and '),
          waits: `${entry.name} can wait forever on ${STALLED[entry.category]}`,
          fix: `\`${text}\``,
        },
        fix: buildFix(node, location, properties, 'missingDeadlineFixOptions'),
        coveredBy: node,
      });
    }

    function buildFix(
      node: TSESTree.CallExpression | TSESTree.NewExpression,
      location: OptionsLocation,
      properties: PropertyToAdd[],
      messageId: MessageId,
    ): Pending['fix'] {
      const text = properties.map((p) => `${p.key}: ${p.value}`).join(', ');
      if (location.kind === 'absent') {
        return { messageId, text, edits: [insertArgument(sourceCode, node, location.insertAt, objectText(properties), location.placeholders)] };
      }
      if (location.kind === 'object') {
        const edits = addProperties(sourceCode, location.object, properties);
        return edits ? { messageId, text, edits } : null;
      }
      return null;
    }

    function propertyFor(group: DeadlineGroup): PropertyToAdd {
      return { key: group.fix.key, value: group.fix.value.replaceAll('{ms}', String(timeoutMs)) };
    }

    function makerOf(origin: Extract<Origin, { kind: 'instance' }>) {
      if (!origin.construction) return null;
      const made = resolver.resolveCall(origin.construction);
      return made?.kind === 'construction' ? made.spec : null;
    }

    /** `axios.defaults.timeout = ms` / `api.defaults.timeout = ms`: what it gives a deadline to. */
    function defaultsTarget(node: TSESTree.AssignmentExpression): ClientEntry | TSESTree.Node | null {
      const left = node.left;
      if (left.type !== AST_NODE_TYPES.MemberExpression) return null;
      const key = getStaticKey(left);
      const holder = left.object;
      if (key === null || holder.type !== AST_NODE_TYPES.MemberExpression) return null;
      const property = getStaticKey(holder);
      const owner = resolver.resolve(holder.object);
      if (!owner || property === null) return null;
      if (owner.kind === 'module' && owner.path.length === 0) {
        const defaults = owner.entry.defaults;
        return defaults && defaults.property === property && defaults.keys.includes(key) ? owner.entry : null;
      }
      if (owner.kind === 'instance' && owner.construction && owner.member === undefined) {
        const defaults = owner.entry.instances?.[owner.instance]?.defaults;
        return defaults && defaults.property === property && defaults.keys.includes(key) ? owner.construction : null;
      }
      return null;
    }

    /** `http.get(...).setTimeout(ms, ...)`, `req.on('timeout', ...)` on the returned request. */
    function resultGetsDeadline(
      node: TSESTree.CallExpression | TSESTree.NewExpression,
      deadline: { methods: string[]; events: string[] },
    ): boolean {
      const uses: TSESTree.Node[] = [];
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) uses.push(parent);
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
        const variable = sourceCode.getDeclaredVariables(parent)[0];
        for (const ref of variable?.references ?? []) {
          const use = ref.identifier.parent;
          if (use?.type === AST_NODE_TYPES.MemberExpression && use.object === ref.identifier) uses.push(use);
        }
      }
      return uses.some((use) => {
        if (use.type !== AST_NODE_TYPES.MemberExpression) return false;
        const method = getStaticKey(use);
        if (method === null) return false;
        if (deadline.methods.includes(method)) return true;
        const call = use.parent;
        const event = call?.type === AST_NODE_TYPES.CallExpression ? call.arguments[0] : undefined;
        return (
          (method === 'on' || method === 'once') &&
          event?.type === AST_NODE_TYPES.Literal &&
          deadline.events.includes(String(event.value))
        );
      });
    }
  },
});

function firstArgumentMatches(node: TSESTree.CallExpression | TSESTree.NewExpression, pattern: string): boolean {
  const first = node.arguments[0];
  const text =
    first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string'
      ? first.value
      : first?.type === AST_NODE_TYPES.TemplateLiteral
        ? (first.quasis[0]?.value.cooked ?? '')
        : null;
  return text !== null && new RegExp(pattern).test(text);
}

/**
 * `data:` and `blob:` URLs are read from memory, with no peer to stall: a literal, a name that says so
 * (`dataUrl` from html-to-image), or a URL the enclosing branch has tested with `startsWith('blob:')`.
 */
const IN_MEMORY_URL = /^(?:data|blob):/;
const IN_MEMORY_URL_NAME = /^(?:data|blob|object)ur[il]$/i;

function isInMemoryUrl(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const first = node.arguments[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return false;
  if (firstArgumentMatches(node, IN_MEMORY_URL.source)) return true;
  if (first.type === AST_NODE_TYPES.Identifier && IN_MEMORY_URL_NAME.test(first.name)) return true;
  if (first.type !== AST_NODE_TYPES.Identifier && first.type !== AST_NODE_TYPES.MemberExpression) return false;
  const url = sourceCode.getText(first);
  let child: TSESTree.Node = node;
  let current: TSESTree.Node | undefined = node.parent;
  while (current && !isFunctionNode(current)) {
    const test =
      (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) && current.consequent === child
        ? current.test
        : current.type === AST_NODE_TYPES.LogicalExpression && current.operator === '&&' && current.right === child
          ? current.left
          : null;
    if (test && testsInMemoryPrefix(sourceCode, test, url)) return true;
    child = current;
    current = current.parent;
  }
  return false;
}

function testsInMemoryPrefix(sourceCode: Readonly<TSESLint.SourceCode>, test: TSESTree.Expression, url: string): boolean {
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '&&') {
    return testsInMemoryPrefix(sourceCode, test.left, url) || testsInMemoryPrefix(sourceCode, test.right, url);
  }
  const call = test.type === AST_NODE_TYPES.ChainExpression ? test.expression : test;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (getStaticKey(call.callee) !== 'startsWith') return false;
  const prefix = call.arguments[0];
  return (
    prefix?.type === AST_NODE_TYPES.Literal &&
    typeof prefix.value === 'string' &&
    IN_MEMORY_URL.test(prefix.value) &&
    sourceCode.getText(call.callee.object).replace(/\?\./g, '.') === url.replace(/\?\./g, '.')
  );
}

const STALLED: Record<ClientEntry['category'], string> = {
  http: 'a stalled peer',
  process: 'a hung child process',
  database: 'a stalled server',
  cache: 'a stalled server',
};

function waitsPhrase(group: DeadlineGroup, category: ClientEntry['category']): string {
  return group.default === null
    ? `can wait forever on ${STALLED[category]}`
    : `waits up to ${Math.round(group.default / 1000)} s by default on ${STALLED[category]}`;
}
