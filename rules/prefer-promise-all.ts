import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { getCatalog, type ClientEntry } from '../src/analysis/catalog';
import { calleeText, getStaticKey, unwrapExpression } from '../src/analysis/ast';
import { toFix } from '../src/analysis/edits';
import { isTestFile, relativePathOf } from '../src/analysis/files';
import { locateOptions } from '../src/analysis/options-object';
import { sharedOriginResolver } from '../src/analysis/shared-origin';
import { clientEntrySchema, getSettings, namedOptionsSchema } from '../src/analysis/settings';
import { createRule } from '../src/util/create-rule';

export type Options = [{ clients?: ClientEntry[]; checkTestFiles?: boolean }];
export type MessageId = 'sequential' | 'sequentialFixPromiseAll';

// SPEC's naming rule: a function whose name starts with one of these verbs reads.
const READ_NAME = /^(?:get|load|fetch|find|list|count|read)(?![a-z])/;
// ...unless the rest of the name says it also writes, locks or takes a resource
// (`getOrCreate`, `findOneAndUpdate`, `fetchAndLock`, `getNextId`, `getConnection`).
// A free port or a random id picked twice at once can come out the same.
const NOT_ONLY_READ = /(?:Or|And)[A-Z]|Lock|Next|Create|Insert|Update|Upsert|Delete|Remove|Save|Connection|Client|Session|Transaction|Token|Lease|Increment|Port|Random|Unique/;
// Receivers on which calls run one after another anyway: a transaction or session is one
// connection, and durable-execution contexts (Restate's `ctx`, Inngest's `step`) journal each call
// in order and ask for their own combinators.
const SERIAL_RECEIVERS = /^(?:tx|trx|transaction|session|transactionalEntityManager|ctx|step)$/i;
// An argument that puts the call inside a transaction (`{ transaction }`, `{ session }`, `{ lock }`).
const TRANSACTION_KEYS = new Set(['transaction', 'session', 'lock', 'tx', 'trx']);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const MAX_LINE = 100;

interface Read {
  statement: TSESTree.VariableDeclaration;
  declarator: TSESTree.VariableDeclarator;
  await: TSESTree.AwaitExpression;
  call: TSESTree.CallExpression;
}

export default createRule<Options, MessageId>({
  name: 'prefer-promise-all',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Enforce starting independent reads together instead of awaiting them one after another',
      technique: 'ErrGroup',
      priority: 'P1',
      // 37 of 38 findings right on seven real repositories (issue 6's precision review).
      presets: ['recommended'],
    },
    hasSuggestions: true,
    defaultOptions: [{ clients: [], checkTestFiles: false }],
    schema: [
      namedOptionsSchema({
        clients: { type: 'array', items: clientEntrySchema, description: 'Extra client-catalog entries (their `read` calls count as reads).' },
        checkTestFiles: { type: 'boolean', description: 'Also check test files.' },
      }),
    ],
    messages: {
      sequential:
        '`{{second}}` waits for `{{first}}` although it does not use its result ({{measured}}); start them together with `Promise.all`.',
      sequentialFixPromiseAll: 'Await {{count}} reads together with `Promise.all`.',
    },
  },
  defaultOptions: [{ clients: [], checkTestFiles: false }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.text;
    if (!options.checkTestFiles && isTestFile(relativePathOf(context))) return {};
    if (!text.includes('await')) return {};
    const settings = getSettings(context.settings);
    const extra = options.clients?.length ? [...settings.clients, ...options.clients] : settings.clients;
    const resolver = sharedOriginResolver(sourceCode, getCatalog(extra));

    return {
      BlockStatement: (node) => checkStatements(node.body),
      StaticBlock: (node) => checkStatements(node.body),
      SwitchCase: (node) => checkStatements(node.consequent),
      Program: (node) => checkStatements(node.body as TSESTree.Statement[]),
    };

    function checkStatements(statements: readonly TSESTree.Node[]): void {
      let run: Read[] = [];
      for (let index = 0; index < statements.length; index++) {
        const statement = statements[index]!;
        // A run needs two neighbours of this shape: the call of a lone one (most awaits) is not
        // looked up, since whatever it resolves to, it would make a run of one, which never reports.
        const read =
          isAwaitedCall(statement) && (isAwaitedCall(statements[index - 1]) || isAwaitedCall(statements[index + 1])) ? readOf(statement) : null;
        if (read && !dependsOn(read, run)) {
          run.push(read);
          continue;
        }
        // A new array only when the run had something: most statements end an empty run, and an
        // array per statement of every block was garbage that ESLint's stats charge to the rule
        // whenever a collection falls inside it.
        if (run.length > 0) {
          flush(run);
          run = [];
        }
        if (read) run.push(read);
      }
      flush(run);
    }

    /** `const x = await f(...)` / `let x = await f(...)`: one declarator whose initialiser awaits a call. */
    function isAwaitedCall(statement: TSESTree.Node | undefined): statement is TSESTree.VariableDeclaration {
      if (statement?.type !== AST_NODE_TYPES.VariableDeclaration || statement.declarations.length !== 1) return false;
      if (statement.kind !== 'const' && statement.kind !== 'let') return false;
      const init = statement.declarations[0]!.init;
      return init?.type === AST_NODE_TYPES.AwaitExpression && init.argument.type === AST_NODE_TYPES.CallExpression;
    }

    /** An awaited call (`isAwaitedCall`) whose call only reads. */
    function readOf(statement: TSESTree.VariableDeclaration): Read | null {
      const declarator = statement.declarations[0]!;
      const init = declarator.init as TSESTree.AwaitExpression;
      const call = init.argument as TSESTree.CallExpression;
      return isRead(call) ? { statement, declarator, await: init, call } : null;
    }

    /** Catalog calls by their `read` flag (fetch by its method); other calls by SPEC's naming rule. */
    function isRead(call: TSESTree.CallExpression): boolean {
      const callee = unwrapExpression(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const receiver = unwrapExpression(callee.object);
        if (receiver.type === AST_NODE_TYPES.Identifier && SERIAL_RECEIVERS.test(receiver.name)) return false;
      }
      if (call.arguments.some(inTransaction)) return false;
      const resolved = resolver.resolveCall(call);
      if (resolved?.kind === 'call') {
        if (!resolved.spec.read) return false;
        // `fetch` reads unless its options name a write method; options from elsewhere may.
        if (resolved.name === 'fetch' && resolved.spec.options) {
          const location = locateOptions(sourceCode, call, resolved.spec.options);
          if (location.kind === 'unknown') return false;
          if (location.kind === 'object') {
            const method = location.keys.property('method')?.value;
            if (method && !(method.type === AST_NODE_TYPES.Literal && READ_METHODS.has(String(method.value).toUpperCase()))) return false;
          }
        }
        return true;
      }
      if (resolved) return false;
      const name =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : callee.type === AST_NODE_TYPES.MemberExpression
            ? getStaticKey(callee)
            : null;
      return name !== null && READ_NAME.test(name) && !NOT_ONLY_READ.test(name);
    }

    /** `{ transaction }`, `{ lock: ... }`, `trx`: the call runs on a transaction's one connection, in order. */
    function inTransaction(argument: TSESTree.Node): boolean {
      const value = unwrapExpression(argument);
      if (value.type === AST_NODE_TYPES.Identifier) return TRANSACTION_KEYS.has(value.name);
      if (value.type !== AST_NODE_TYPES.ObjectExpression) return false;
      return value.properties.some((property) => property.type === AST_NODE_TYPES.Property && TRANSACTION_KEYS.has(getStaticKey(property) ?? ''));
    }

    /** Whether `read` uses a binding an earlier read of the run declares. */
    function dependsOn(read: Read, run: readonly Read[]): boolean {
      const [start, end] = read.statement.range;
      return run.some((earlier) =>
        sourceCode.getDeclaredVariables(earlier.declarator).some((variable) =>
          variable.references.some((reference) => reference.identifier.range[0] >= start && reference.identifier.range[1] <= end),
        ),
      );
    }

    function flush(run: readonly Read[]): void {
      if (run.length < 2) return;
      const [first, second] = run as [Read, Read, ...Read[]];
      const replacement = combined(run);
      context.report({
        node: second.await,
        messageId: 'sequential',
        data: {
          first: `${calleeText(first.call, text)}()`,
          second: `${calleeText(second.call, text)}()`,
          measured: MEASURED,
        },
        suggest: replacement
          ? [
              {
                messageId: 'sequentialFixPromiseAll',
                data: { count: String(run.length) },
                fix: toFix([{ range: [first.statement.range[0], run.at(-1)!.statement.range[1]], text: replacement }]),
              },
            ]
          : [],
      });
    }

    /** `const [a, b] = await Promise.all([f(), g()]);`, or null when a comment or mixed types stand in the way. */
    function combined(run: readonly Read[]): string | null {
      const start = run[0]!.statement.range[0];
      const end = run.at(-1)!.statement.range[1];
      if (sourceCode.getAllComments().some((comment) => comment.range[0] >= start && comment.range[1] <= end)) return null;
      const annotated = run.filter((read) => read.declarator.id.typeAnnotation);
      if (annotated.length > 0 && annotated.length < run.length) return null;
      const names = run.map((read) => {
        const id = read.declarator.id;
        return text.slice(id.range[0], id.typeAnnotation ? id.typeAnnotation.range[0] : id.range[1]).trim();
      });
      const types = annotated.length ? `: [${run.map((read) => sourceCode.getText(read.declarator.id.typeAnnotation!.typeAnnotation)).join(', ')}]` : '';
      const calls = run.map((read) => sourceCode.getText(read.call));
      const kind = run.some((read) => read.statement.kind === 'let') ? 'let' : 'const';
      const head = `${kind} [${names.join(', ')}]${types} = await Promise.all([`;
      const indent = /^\s*/.exec(sourceCode.lines[run[0]!.statement.loc.start.line - 1] ?? '')?.[0] ?? '';
      const oneLine = `${head}${calls.join(', ')}]);`;
      if (indent.length + oneLine.length <= MAX_LINE && !oneLine.includes('\n')) return oneLine;
      return `${head}\n${calls.map((call) => `${indent}  ${call},`).join('\n')}\n${indent}]);`;
    }
  },
});

// Filled from `npm run bench -- --filter prefer-promise-all` (tests/bench/cases/prefer-promise-all.mjs).
const MEASURED = 'two 20 ms reads took 45 ms in sequence, 26 ms together';
