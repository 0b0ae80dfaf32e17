import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { getStaticKey, unwrapExpression } from '../src/analysis/ast';
import { eventCallbackOf, hotContextOf } from '../src/analysis/context';
import { toFix, type Edit } from '../src/analysis/edits';
import { createReferenceResolver, type Reference } from '../src/analysis/references';
import { getSettings } from '../src/analysis/settings';
import { createRule } from '../src/util/create-rule';

export type Options = [{ smallLength?: number }];
export type MessageId = 'shiftQueue' | 'shiftQueueFixHeadIndex';

/**
 * Measured by tests/bench/cases/no-shift-queue.mjs (Node 20.20, 2 vCPU AMD EPYC, CPU time): draining
 * 200,000 pushed items. Below the cliff a shift is O(1) (V8 moves the array's start), above it a memmove.
 */
const MEASURED = 'draining 200k items took 2.2 s with shift() and 5.8 ms with a head index';

/**
 * An array grown by push has a backing store of about 1.5x its length, and V8 left-trims only
 * backing stores under 16k slots (128 KiB): a queue capped at 10,000 stays under the cliff.
 */
const DEFAULT_SMALL_LENGTH = 10_000;

const RELATIONAL = new Set(['<', '<=', '>', '>=', '==', '===', '!=', '!==']);

interface ShiftSite {
  node: TSESTree.CallExpression;
  reference: Reference;
  where: string;
}

export default createRule<Options, MessageId>({
  name: 'no-shift-queue',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow draining a queue with `shift()` in loops and per-tick or per-message code',
      technique: 'Ring buffer',
      priority: 'P2',
      presets: ['game'],
    },
    hasSuggestions: true,
    defaultOptions: [{ smallLength: DEFAULT_SMALL_LENGTH }],
    schema: [
      {
        type: 'object',
        properties: {
          smallLength: {
            type: 'integer',
            minimum: 0,
            description: 'A queue capped by a length check at or below this many items counts as small (default 10000).',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      shiftQueue: '`{{array}}.shift()` runs {{where}} and copies every remaining item on each call once the queue outgrows about 16k elements ({{measured}}); {{fix}}.',
      shiftQueueFixHeadIndex: 'Read `{{array}}` through a head index `{{head}}`.',
    },
  },
  defaultOptions: [{ smallLength: DEFAULT_SMALL_LENGTH }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (!sourceCode.text.includes('shift(')) return {};
    const hot = { hotFunctions: getSettings(context.settings).hotFunctions };
    const smallLength = options.smallLength ?? DEFAULT_SMALL_LENGTH;
    const references = createReferenceResolver(sourceCode);
    const sites: ShiftSite[] = [];
    /** Keys of arrays that something pushes to (a rotation `q.push(q.shift())` does not count). */
    const grown = new Set<string>();

    return {
      'CallExpression[callee.type="MemberExpression"]'(node: TSESTree.CallExpression) {
        const callee = node.callee as TSESTree.MemberExpression;
        const method = getStaticKey(callee);
        if (method === 'push' || method === 'unshift') {
          if (node.arguments.length === 0 || node.arguments.every((argument) => isTakenFrom(argument, node, callee.object))) return;
          const reference = references.referenceOf(callee.object);
          if (reference) grown.add(reference.key);
          return;
        }
        if (method !== 'shift' || node.arguments.length !== 0) return;
        const where = whereItRuns(node);
        if (!where) return;
        const reference = references.referenceOf(callee.object);
        if (!reference || isCapped(node, reference)) return;
        sites.push({ node, reference, where });
      },
      'Program:exit'() {
        const fixes = new Map<string, Fix | string>();
        for (const site of sites) {
          const { reference } = site;
          if (!grown.has(reference.key) || !references.isKnownArray(reference)) continue;
          let fix = fixes.get(reference.key);
          if (fix === undefined) {
            fix = headIndexFix(reference);
            fixes.set(reference.key, fix);
          }
          const array = sourceCode.getText((site.node.callee as TSESTree.MemberExpression).object);
          context.report({
            node: site.node,
            messageId: 'shiftQueue',
            data: {
              array,
              where: site.where,
              measured: MEASURED,
              fix: typeof fix === 'string' ? fix : `read it through a head index (\`${array}[${fix.head}++]\`)`,
            },
            suggest:
              typeof fix === 'string'
                ? []
                : [{ messageId: 'shiftQueueFixHeadIndex', data: { array, head: fix.head }, fix: toFix(fix.edits) }],
          });
        }
      },
    };

    function whereItRuns(node: TSESTree.Node): string | null {
      const hotContext = hotContextOf(sourceCode, node, hot);
      if (hotContext?.kind === 'iteration') return 'in a loop';
      if (hotContext?.kind === 'tick') return 'once per tick';
      return eventCallbackOf(node) ? 'once per event' : null;
    }

    /**
     * A rotation puts back what it took, so the array does not grow: `q.push(q.shift())`, or
     * `next = q.shift(); q.push(next)` with the assignment earlier in the same block.
     */
    function isTakenFrom(argument: TSESTree.Node, push: TSESTree.CallExpression, array: TSESTree.Node): boolean {
      if (isShiftOf(argument, array)) return true;
      const statement = push.parent;
      const block = statement?.parent;
      if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || (block?.type !== AST_NODE_TYPES.BlockStatement && block?.type !== AST_NODE_TYPES.Program)) {
        return false;
      }
      const name = sourceCode.getText(argument);
      for (const earlier of block.body) {
        if (earlier === statement) return false;
        if (earlier.type === AST_NODE_TYPES.ExpressionStatement && earlier.expression.type === AST_NODE_TYPES.AssignmentExpression) {
          const { left, right } = earlier.expression;
          if (sourceCode.getText(left) === name && isShiftOf(right, array)) return true;
        }
        if (earlier.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of earlier.declarations) {
            if (declarator.init && declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && isShiftOf(declarator.init, array)) return true;
          }
        }
      }
      return false;
    }

    function isShiftOf(node: TSESTree.Node, array: TSESTree.Node): boolean {
      const inner = unwrapExpression(node);
      return (
        inner.type === AST_NODE_TYPES.CallExpression &&
        inner.callee.type === AST_NODE_TYPES.MemberExpression &&
        getStaticKey(inner.callee) === 'shift' &&
        sourceCode.getText(inner.callee.object) === sourceCode.getText(array)
      );
    }

    /**
     * A bounded buffer: the shift only runs when `array.length` passes a cap (`if (log.length > 100)
     * log.shift()`). Stays silent when the cap is unknown (a setting) or small; a cap of 0 is a drain.
     */
    function isCapped(node: TSESTree.Node, reference: Reference): boolean {
      let child: TSESTree.Node = node;
      for (let current: TSESTree.Node | undefined = node.parent; current; child = current, current = current.parent) {
        if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.ArrowFunctionExpression) {
          return false;
        }
        const test =
          (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) && child === current.consequent
            ? current.test
            : (current.type === AST_NODE_TYPES.WhileStatement || current.type === AST_NODE_TYPES.ForStatement) && child === current.body
              ? current.test
              : null;
        if (!test) continue;
        const bound = capOf(test, reference);
        if (bound === undefined) continue;
        return bound === null || bound <= smallLength;
      }
      return false;
    }

    /** The cap a test puts on the array (`length > 100` gives 100); null when not a number we know. */
    function capOf(test: TSESTree.Node, reference: Reference): number | null | undefined {
      const inner = unwrapExpression(test);
      if (inner.type === AST_NODE_TYPES.LogicalExpression) return capOf(inner.left, reference) ?? capOf(inner.right, reference);
      if (inner.type !== AST_NODE_TYPES.BinaryExpression) return undefined;
      let { operator } = inner;
      let length: TSESTree.Node = inner.left;
      let bound: TSESTree.Node = inner.right;
      if (!isLengthOf(length, reference)) {
        if (!isLengthOf(bound, reference)) return undefined;
        [length, bound] = [bound, length];
        operator = operator === '<' ? '>' : operator === '<=' ? '>=' : operator;
      }
      if (operator !== '>' && operator !== '>=' && operator !== '===' && operator !== '==') return undefined;
      const value = numericValue(bound);
      // `length > 0` and `length >= 1` are "not empty": a drain, not a cap.
      if (value !== null && (value < 1 || (value === 1 && operator === '>='))) return undefined;
      return value;
    }

    function isLengthOf(node: TSESTree.Node, reference: Reference): boolean {
      const inner = unwrapExpression(node);
      return (
        inner.type === AST_NODE_TYPES.MemberExpression &&
        getStaticKey(inner) === 'length' &&
        references.referenceOf(inner.object)?.key === reference.key
      );
    }

    /** A number literal, or a `const` initialised with one. */
    function numericValue(node: TSESTree.Node): number | null {
      const inner = unwrapExpression(node);
      if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'number') return inner.value;
      if (inner.type !== AST_NODE_TYPES.Identifier) return null;
      const def = references.referenceOf(inner)?.variable?.defs[0];
      if (def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init) return null;
      const init = unwrapExpression(def.node.init);
      return init.type === AST_NODE_TYPES.Literal && typeof init.value === 'number' ? init.value : null;
    }

    /** The head-index rewrite of a local array, or why there is none. */
    function headIndexFix(reference: Reference): Fix | string {
      const { variable } = reference;
      const name = variable?.name ?? '';
      if (!variable || reference.path.length > 0) {
        return `use a ring buffer or a head index that compacts: the queue outlives the call, so a plain head index would keep every item`;
      }
      const def = variable.defs[0];
      const declaration = def?.parent;
      if (
        variable.defs.length !== 1 ||
        def?.type !== 'Variable' ||
        declaration?.type !== AST_NODE_TYPES.VariableDeclaration ||
        !def.node.init ||
        unwrapExpression(def.node.init).type !== AST_NODE_TYPES.ArrayExpression ||
        !isStatementInBlock(declaration)
      ) {
        return `keep a head index instead of shifting (not rewritten automatically: \`${name}\` is not declared with an array literal)`;
      }
      if (variable.scope.type === 'module' || variable.scope.type === 'global') {
        return `use a ring buffer or a head index that compacts: \`${name}\` lives in the module, so a plain head index would keep every item`;
      }
      const lengths: TSESTree.MemberExpression[] = [];
      const shifts: TSESTree.CallExpression[] = [];
      for (const ref of variable.references) {
        if (ref.init) continue;
        const use = ref.identifier.parent;
        const key = use?.type === AST_NODE_TYPES.MemberExpression && use.object === ref.identifier && !use.computed ? getStaticKey(use) : null;
        const call = use?.parent?.type === AST_NODE_TYPES.CallExpression && use.parent.callee === use ? use.parent : null;
        if (key === 'shift' && call && call.arguments.length === 0) shifts.push(call);
        else if (key === 'push' && call && isStatementCall(call)) continue;
        else if (key === 'length' && use && !isWritten(use)) lengths.push(use as TSESTree.MemberExpression);
        else {
          // A shorthand `{ queue }` reads best as the whole object literal.
          const shown = use?.type === AST_NODE_TYPES.Property && use.shorthand ? use.parent : use;
          const text = sourceCode.getText(shown ?? ref.identifier).replace(/\s+/g, ' ');
          return `keep a head index instead of shifting (not rewritten automatically: \`${name}\` is also used as \`${text.length > 40 ? `${text.slice(0, 39)}…` : text}\`)`;
        }
      }
      const head = freeName(`${name}Head`);
      const ownFunction = variable.scope.variableScope.block;
      const edits: Edit[] = [insertAfter(declaration, `let ${head} = 0;`)];
      for (const shift of shifts) {
        const guarded = sameFunction(shift, ownFunction) && isGuarded(shift, reference, shifts);
        const read = `${name}[${head}++]`;
        const text = guarded
          ? shift.parent.type === AST_NODE_TYPES.ExpressionStatement
            ? `${head}++`
            : read
          : `(${head} < ${name}.length ? ${read} : undefined)`;
        edits.push({ range: shift.range, text });
      }
      for (const length of lengths) {
        const text = `${name}.length - ${head}`;
        edits.push({ range: length.range, text: needsParentheses(length) ? `(${text})` : text });
      }
      return { head, edits };
    }

    /**
     * Whether a check right before it guarantees the queue is not empty when this shift runs: it is
     * the only shift of the array under a `while (q.length)` / `if (q.length > 0)` test, with no loop
     * between the test and the shift.
     */
    function isGuarded(shift: TSESTree.CallExpression, reference: Reference, shifts: readonly TSESTree.CallExpression[]): boolean {
      let child: TSESTree.Node = shift;
      for (let current: TSESTree.Node | undefined = shift.parent; current; child = current, current = current.parent) {
        if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.ArrowFunctionExpression) {
          return false;
        }
        let region: TSESTree.Node | null = null;
        if ((current.type === AST_NODE_TYPES.WhileStatement || current.type === AST_NODE_TYPES.ForStatement) && child === current.body) {
          region = current.test && impliesNotEmpty(current.test, reference) ? current.body : null;
          if (!region) return false; // another loop around the shift: it may run twice per check
        } else if ((current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) && child === current.consequent) {
          region = impliesNotEmpty(current.test, reference) ? current.consequent : null;
        } else if (current.type === AST_NODE_TYPES.LogicalExpression && current.operator === '&&' && child === current.right) {
          region = impliesNotEmpty(current.left, reference) ? current.right : null;
        } else if (current.type === AST_NODE_TYPES.ForOfStatement || current.type === AST_NODE_TYPES.ForInStatement || current.type === AST_NODE_TYPES.DoWhileStatement) {
          return false;
        }
        if (region) {
          const [start, end] = region.range;
          return shifts.filter((other) => other.range[0] >= start && other.range[1] <= end).length === 1;
        }
      }
      return false;
    }

    function impliesNotEmpty(test: TSESTree.Node, reference: Reference): boolean {
      const inner = unwrapExpression(test);
      if (isLengthOf(inner, reference)) return true;
      if (inner.type === AST_NODE_TYPES.LogicalExpression) {
        return inner.operator === '&&' && (impliesNotEmpty(inner.left, reference) || impliesNotEmpty(inner.right, reference));
      }
      if (inner.type !== AST_NODE_TYPES.BinaryExpression) return false;
      const left = isLengthOf(inner.left, reference);
      const right = isLengthOf(inner.right, reference);
      if (left === right) return false;
      const value = numericValue(left ? inner.right : inner.left);
      if (value === null) return false;
      const operator = left ? inner.operator : mirror(inner.operator);
      return (
        (operator === '>' && value >= 0) ||
        (operator === '>=' && value >= 1) ||
        ((operator === '!==' || operator === '!=') && value === 0)
      );
    }

    function freeName(base: string): string {
      for (let suffix = 1; ; suffix++) {
        const candidate = suffix === 1 ? base : `${base}${suffix}`;
        if (!new RegExp(`(?<![\\w$])${candidate.replace(/\$/g, '\\$')}(?![\\w$])`).test(sourceCode.text)) return candidate;
      }
    }

    /** `let qHead = 0;` on its own line after the declaration, or after it on the same line. */
    function insertAfter(statement: TSESTree.Node, text: string): Edit {
      const end = statement.range[1];
      const line = sourceCode.lines[statement.loc.end.line - 1] ?? '';
      const rest = line.slice(statement.loc.end.column);
      if (rest.trim() === '') {
        const startLine = sourceCode.lines[statement.loc.start.line - 1] ?? '';
        const indent = /^\s*/.exec(startLine)?.[0] ?? '';
        return { range: [end, end], text: `\n${indent}${text}` };
      }
      return { range: [end, end], text: ` ${text}` };
    }
  },
});

interface Fix {
  head: string;
  edits: Edit[];
}

function mirror(operator: string): string {
  return operator === '<' ? '>' : operator === '<=' ? '>=' : operator === '>' ? '<' : operator === '>=' ? '<=' : operator;
}

function isStatementInBlock(declaration: TSESTree.VariableDeclaration): boolean {
  const parent = declaration.parent;
  return parent?.type === AST_NODE_TYPES.BlockStatement || parent?.type === AST_NODE_TYPES.Program || parent?.type === AST_NODE_TYPES.SwitchCase;
}

/** A push whose return value (the new length) nobody reads. */
function isStatementCall(call: TSESTree.CallExpression): boolean {
  const parent = call.parent;
  if (parent?.type === AST_NODE_TYPES.ExpressionStatement) return true;
  // `children.forEach((c) => queue.push(c))`: forEach ignores what its callback returns.
  if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === call) {
    const owner = parent.parent;
    return owner?.type === AST_NODE_TYPES.CallExpression && owner.callee.type === AST_NODE_TYPES.MemberExpression && getStaticKey(owner.callee) === 'forEach';
  }
  return false;
}

function isWritten(member: TSESTree.Node): boolean {
  const parent = member.parent;
  return (
    (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) ||
    parent?.type === AST_NODE_TYPES.UpdateExpression ||
    (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete')
  );
}

function sameFunction(node: TSESTree.Node, fn: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.FunctionDeclaration ||
      current.type === AST_NODE_TYPES.FunctionExpression ||
      current.type === AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      return current === fn;
    }
  }
  return false;
}

/** Whether `q.length - head` must be parenthesised where `q.length` stood. */
function needsParentheses(member: TSESTree.Node): boolean {
  const parent = member.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.BinaryExpression:
      if (RELATIONAL.has(parent.operator)) return false;
      return !(parent.left === member && (parent.operator === '+' || parent.operator === '-'));
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.VariableDeclarator:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ForStatement:
      return false;
    case AST_NODE_TYPES.Property:
      return parent.value !== member;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return !parent.arguments.includes(member as TSESTree.CallExpressionArgument);
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right !== member || parent.operator !== '=';
    default:
      return true;
  }
}
