import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getStaticKey, isFunctionNode, unwrapExpression } from '../src/analysis/ast';
import { enclosingFunction, iterationContextOf, type IterationContext } from '../src/analysis/context';
import { toFix, type Edit } from '../src/analysis/edits';
import { findEscape } from '../src/analysis/escape';
import { isScriptFile, isTestFile, relativePathOf } from '../src/analysis/files';
import { staticNumber } from '../src/analysis/static-value';
import { createRule } from '../src/util/create-rule';

export type Options = [{ checkTestFiles?: boolean; checkScripts?: boolean }];
export type MessageId =
  | 'accumulatingSpread'
  | 'accumulatingConcat'
  | 'accumulatingSpreadFixMutate'
  | 'accumulatingSpreadFixMutateShared';

/** Inputs this small cost microseconds however they are built (measured: 2.6 µs for 8 items). */
const SMALL_LITERAL = 8;
/** Methods that add items or keys to the value they are called on. */
const GROWING_METHODS = new Set(['push', 'unshift', 'splice', 'fill', 'copyWithin', 'set', 'add', 'assign']);

/** What copies the accumulator: a spread in a new literal, or `acc.concat(...)`. */
type Copy =
  | { kind: 'spread'; spread: TSESTree.SpreadElement; container: TSESTree.ObjectExpression | TSESTree.ArrayExpression }
  | { kind: 'concat'; call: TSESTree.CallExpression };

/** Where the copy replaces the accumulator: returned from a reduce callback, or assigned back in a loop. */
type Accumulation =
  | { kind: 'reduce'; call: TSESTree.CallExpression; callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression; param: TSESTree.Identifier }
  | { kind: 'loop'; assignment: TSESTree.AssignmentExpression; iteration: IterationContext };

export default createRule<Options, MessageId>({
  name: 'no-accumulating-spread',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow copying an accumulator on every step of a reduce or a loop',
      technique: 'Memory pooling',
      priority: 'P1',
      // Reviewed on 11 repositories: 67 of 67 findings right (69 of 71 before item paths were told
      // apart from accumulators), with an autofix that cannot change behaviour.
      presets: ['recommended', 'game'],
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
      accumulatingSpread:
        'Spreading `{{name}}` into a new {{shape}} copies the accumulator on every step, which is O(n²) (measured {{ratio}} slower than {{cheaper}} at n = 1,000); {{fix}} instead.',
      accumulatingConcat:
        '`{{name}}.concat(...)` copies the accumulator on every step, which is O(n²) (measured 486x slower than push at n = 1,000); push onto it instead.',
      accumulatingSpreadFixMutate: 'Mutate `{{name}}` instead of copying it.',
      accumulatingSpreadFixMutateShared: 'Mutate `{{name}}` instead of copying it (first check that nothing else holds it).',
    },
  },
  defaultOptions: [{ checkTestFiles: false, checkScripts: false }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.text;
    const relativePath = relativePathOf(context);
    if (!options.checkTestFiles && isTestFile(relativePath)) return {};
    if (!options.checkScripts && isScriptFile(relativePath)) return {};
    if (!text.includes('...') && !text.includes('concat')) return {};

    return {
      SpreadElement(node) {
        // Only a variable or a property path can be an accumulator: `...f(x)`, `...[a]` never are.
        if (node.argument.type !== AST_NODE_TYPES.Identifier && node.argument.type !== AST_NODE_TYPES.MemberExpression) return;
        const container = node.parent;
        if (container?.type !== AST_NODE_TYPES.ObjectExpression && container?.type !== AST_NODE_TYPES.ArrayExpression) return;
        check(node, node.argument, container);
      },
      // The selector keeps ESLint from calling this for every call of the file: only `x.concat(...)`.
      'CallExpression[callee.property.name="concat"]'(node: TSESTree.CallExpression) {
        const callee = node.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'concat') return;
        check(node, callee.object, node);
      },
    };

    /** `at` is the spread element or the concat call; `result` the new literal or the call. */
    function check(at: TSESTree.SpreadElement | TSESTree.CallExpression, source: TSESTree.Node, result: TSESTree.Node): void {
      // Nothing is allocated until the copy is known to replace an accumulator: this runs for every
      // spread in a file, and garbage made here is collected on the rule's time.
      const accumulation = accumulationOf(source, result);
      if (!accumulation) return;
      const copy: Copy =
        at.type === AST_NODE_TYPES.SpreadElement
          ? { kind: 'spread', spread: at, container: result as TSESTree.ObjectExpression | TSESTree.ArrayExpression }
          : { kind: 'concat', call: at };
      if (isSmallInput(accumulation)) return;
      const name = sourceCode.getText(source);
      const edits = mutationEdits(copy, accumulation, name);
      const safe = edits !== null && isUnobservable(accumulation, copy, source) && !typedByTypeParameter(accumulation);
      const fixId: MessageId = safe ? 'accumulatingSpreadFixMutate' : 'accumulatingSpreadFixMutateShared';
      const isObject = copy.kind === 'spread' && copy.container.type === AST_NODE_TYPES.ObjectExpression;
      context.report({
        node: copy.kind === 'spread' ? copy.spread : copy.call,
        messageId: copy.kind === 'spread' ? 'accumulatingSpread' : 'accumulatingConcat',
        data: {
          name,
          shape: isObject ? 'object' : 'array',
          ratio: isObject ? '453x' : '159x',
          cheaper: isObject ? 'assigning keys' : 'push',
          fix: isObject ? 'assign its new keys' : 'push onto it',
        },
        fix: edits && safe ? toFix(edits) : null,
        suggest: edits ? [{ messageId: fixId, data: { name }, fix: toFix(edits) }] : [],
      });
    }

    /**
     * Whether `source` is the accumulator and `result` (the copy) replaces it: returned from the
     * callback whose first parameter `source` is, or assigned back to `source` inside a loop that
     * it outlives.
     */
    function accumulationOf(source: TSESTree.Node, result: TSESTree.Node): Accumulation | null {
      const returned = returnedFrom(result);
      if (returned && source.type === AST_NODE_TYPES.Identifier) {
        const [first] = returned.params;
        const call = returned.parent;
        if (
          first?.type === AST_NODE_TYPES.Identifier &&
          first.name === source.name &&
          resolve(source)?.defs[0]?.name === first &&
          call?.type === AST_NODE_TYPES.CallExpression &&
          call.arguments[0] === returned &&
          call.callee.type === AST_NODE_TYPES.MemberExpression &&
          ['reduce', 'reduceRight'].includes(getStaticKey(call.callee) ?? '')
        ) {
          return { kind: 'reduce', call, callback: returned, param: first };
        }
        return null;
      }
      const assignment = skipWrappers(result).parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || skipWrappers(result).parent !== assignment) return null;
      if (assignment.right !== skipWrappers(result) || !sameTarget(assignment.left, source)) return null;
      const iteration = iterationContextOf(assignment);
      if (!iteration) return null;
      // The accumulator must outlive one iteration: a variable declared in the loop starts afresh,
      // and `item.list = item.list.concat(x)` over the loop's items grows a different list each time.
      const root = rootOf(source);
      if (root?.type === AST_NODE_TYPES.Identifier) {
        const def = resolve(root)?.defs[0];
        if (!def) return null;
        const region = iteration.kind === 'loop' ? iteration.loop : iteration.callback;
        if (def.name.range[0] >= region.range[0] && def.name.range[1] <= region.range[1]) return null;
      }
      return { kind: 'loop', assignment, iteration };
    }

    /** Literal inputs of at most eight items: `[a, b, c].reduce(...)`, `for (const k of ['x', 'y'])`. */
    function isSmallInput(accumulation: Accumulation): boolean {
      if (accumulation.kind === 'reduce') {
        const callee = accumulation.call.callee as TSESTree.MemberExpression;
        return isSmallLiteral(callee.object, accumulation.call);
      }
      const iteration = accumulation.iteration;
      if (iteration.kind === 'callback') {
        const callee = iteration.call.callee as TSESTree.MemberExpression;
        return isSmallLiteral(callee.object, iteration.call);
      }
      const loop = iteration.loop;
      if (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) return isSmallLiteral(loop.right, loop);
      if (loop.type === AST_NODE_TYPES.ForStatement && loop.test?.type === AST_NODE_TYPES.BinaryExpression) {
        const bound = staticNumber(sourceCode, loop.test.right);
        const start = loop.init?.type === AST_NODE_TYPES.VariableDeclaration ? loop.init.declarations[0]?.init : null;
        const from = start ? staticNumber(sourceCode, start) : null;
        return bound !== null && from !== null && bound - from <= SMALL_LITERAL;
      }
      return false;
    }

    /** `region` is the loop or the iterating call; a name counts when it is bound to a small literal there. */
    function isSmallLiteral(node: TSESTree.Node, region: TSESTree.Node | null): boolean {
      const inner = unwrapExpression(node);
      if (inner.type === AST_NODE_TYPES.Identifier && region) return isSmallLiteralName(inner, region);
      if (inner.type === AST_NODE_TYPES.ArrayExpression) {
        return inner.elements.length <= SMALL_LITERAL && inner.elements.every((element) => element?.type !== AST_NODE_TYPES.SpreadElement);
      }
      if (inner.type === AST_NODE_TYPES.ObjectExpression) {
        return inner.properties.length <= SMALL_LITERAL && inner.properties.every((property) => property.type === AST_NODE_TYPES.Property);
      }
      // Object.keys({ ... }), Object.entries({ ... })
      if (
        inner.type === AST_NODE_TYPES.CallExpression &&
        inner.callee.type === AST_NODE_TYPES.MemberExpression &&
        inner.callee.object.type === AST_NODE_TYPES.Identifier &&
        inner.callee.object.name === 'Object' &&
        inner.arguments[0]
      ) {
        return isSmallLiteral(inner.arguments[0], region);
      }
      return false;
    }

    /**
     * `const environments = ['production', 'test']; for (const env of environments)`: a name whose one
     * definition is a small literal that nothing grows before the loop starts, nor inside it (a
     * for...of would walk the new items). Reassigning the name inside the loop does not change what
     * the loop walks.
     */
    function isSmallLiteralName(identifier: TSESTree.Identifier, region: TSESTree.Node): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || def?.type !== 'Variable' || !def.node.init || !isSmallLiteral(def.node.init, null)) return false;
      const [start, end] = region.range;
      return variable.references.every((ref) => {
        if (ref.init) return true;
        const at = ref.identifier.range[0];
        if (at >= end) return true; // after the loop: it has already run
        if (ref.isWrite()) return at >= start; // a new value inside the loop is not walked
        return !mayGrow(ref.identifier as TSESTree.Identifier);
      });
    }

    /** A use that may add items: a mutating method, an element or length write, or a hand-off to a call. */
    function mayGrow(identifier: TSESTree.Identifier): boolean {
      const parent = identifier.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && isObjectReader(parent.callee)) return false;
      if (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) return parent.callee !== identifier;
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return false;
      const grand = parent.parent;
      if ((grand?.type === AST_NODE_TYPES.AssignmentExpression && grand.left === parent) || grand?.type === AST_NODE_TYPES.UpdateExpression) return true;
      if (grand?.type !== AST_NODE_TYPES.CallExpression || grand.callee !== parent) return false;
      const key = getStaticKey(parent);
      return key === null || GROWING_METHODS.has(key);
    }

    /**
     * Whether mutating the accumulator is invisible: it starts as a fresh literal that nothing else
     * can hold, and inside the reduce or loop it is only read, never handed out.
     */
    function isUnobservable(accumulation: Accumulation, copy: Copy, source: TSESTree.Node): boolean {
      if (source.type !== AST_NODE_TYPES.Identifier) return false; // a field or a property may be shared
      const variable = resolve(source);
      if (!variable) return false;
      const wantArray = copy.kind === 'concat' || copy.container.type === AST_NODE_TYPES.ArrayExpression;
      const fresh = (node: TSESTree.Node | null | undefined) => {
        const inner = node ? unwrapExpression(node) : null;
        return inner?.type === (wantArray ? AST_NODE_TYPES.ArrayExpression : AST_NODE_TYPES.ObjectExpression);
      };
      if (accumulation.kind === 'reduce') {
        if (!fresh(accumulation.call.arguments[1])) return false;
        if (!returnsOnlyAccumulator(accumulation.callback, variable)) return false;
        return variable.references.every((ref) => !ref.isWrite() && isHarmlessRead(ref.identifier as TSESTree.Identifier, accumulation.callback));
      }
      const def = variable.defs[0];
      if (variable.defs.length !== 1 || def?.type !== 'Variable' || def.parent?.kind === 'var' || !fresh(def.node.init)) return false;
      if (enclosingFunction(def.node) !== enclosingFunction(accumulation.assignment)) return false;
      const region = accumulation.iteration.kind === 'loop' ? accumulation.iteration.loop : accumulation.iteration.call;
      return variable.references.every((ref) => {
        if (ref.init) return true;
        if (ref.isWrite()) return isSelfCopyAssignment(ref.identifier as TSESTree.Identifier);
        // After the loop it holds the final value whatever happened inside.
        if (ref.identifier.range[0] >= region.range[1]) return true;
        return isHarmlessRead(ref.identifier as TSESTree.Identifier, region);
      });
    }

    /**
     * Whether every value the callback returns is the accumulator or a copy of it: a branch that
     * returns another object (`x.reset ? DEFAULTS : { ...acc, ... }`) would make the next step
     * mutate that object.
     */
    function returnsOnlyAccumulator(callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression, variable: TSESLint.Scope.Variable): boolean {
      const isAccumulator = (node: TSESTree.Node | null | undefined): boolean => {
        if (!node) return false;
        const inner = unwrapExpression(node);
        if (inner.type === AST_NODE_TYPES.Identifier) return resolve(inner) === variable;
        if (inner.type === AST_NODE_TYPES.ConditionalExpression) return isAccumulator(inner.consequent) && isAccumulator(inner.alternate);
        if (inner.type === AST_NODE_TYPES.ObjectExpression || inner.type === AST_NODE_TYPES.ArrayExpression) {
          const first: TSESTree.Node | null | undefined = inner.type === AST_NODE_TYPES.ObjectExpression ? inner.properties[0] : inner.elements[0];
          return first?.type === AST_NODE_TYPES.SpreadElement && isAccumulator(first.argument);
        }
        if (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression) {
          return getStaticKey(inner.callee) === 'concat' && isAccumulator(inner.callee.object);
        }
        return false;
      };
      if (callback.body.type !== AST_NODE_TYPES.BlockStatement) return isAccumulator(callback.body);
      let only = true;
      const visit = (node: TSESTree.Node): void => {
        if (!only || isFunctionNode(node)) return;
        if (node.type === AST_NODE_TYPES.ReturnStatement) {
          if (!isAccumulator(node.argument)) only = false;
          return;
        }
        for (const [key, value] of Object.entries(node)) {
          if (key === 'parent') continue;
          if (Array.isArray(value)) {
            for (const child of value) if (child && typeof child.type === 'string') visit(child as TSESTree.Node);
          } else if (value && typeof (value as { type?: unknown }).type === 'string') {
            visit(value as TSESTree.Node);
          }
        }
      };
      for (const statement of callback.body.body) visit(statement);
      return only;
    }

    /** A read that neither hands the accumulator out nor keeps it: a key lookup, a length, a test. */
    function isHarmlessRead(identifier: TSESTree.Identifier, region: TSESTree.Node): boolean {
      const parent = identifier.parent;
      if (parent?.type === AST_NODE_TYPES.SpreadElement) return true; // the copy itself, being fixed
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier && getStaticKey(parent) === 'concat') return true;
      if (parent?.type === AST_NODE_TYPES.ReturnStatement || (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === identifier)) {
        return true; // `return acc`: the next step gets it, as before
      }
      return findEscape(sourceCode, identifier, region) === null;
    }

    /** `x = [...x, y]` / `x = { ...x, k }` / `x = x.concat(y)`: the writes this rule itself rewrites. */
    function isSelfCopyAssignment(identifier: TSESTree.Identifier): boolean {
      const assignment = identifier.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== identifier) return false;
      const right = skipWrappers(assignment.right);
      if (right.type === AST_NODE_TYPES.ArrayExpression || right.type === AST_NODE_TYPES.ObjectExpression) {
        const elements: (TSESTree.Node | null)[] = right.type === AST_NODE_TYPES.ArrayExpression ? right.elements : right.properties;
        const first = elements[0];
        return first?.type === AST_NODE_TYPES.SpreadElement && first.argument.type === AST_NODE_TYPES.Identifier && first.argument.name === identifier.name;
      }
      return (
        right.type === AST_NODE_TYPES.CallExpression &&
        right.callee.type === AST_NODE_TYPES.MemberExpression &&
        getStaticKey(right.callee) === 'concat' &&
        right.callee.object.type === AST_NODE_TYPES.Identifier &&
        right.callee.object.name === identifier.name
      );
    }

    /**
     * The statements that mutate the accumulator instead of copying it, in the same order, so the
     * same keys win: `{ ...acc, a, ...b, [k]: v }` -> `acc.a = a; Object.assign(acc, b); acc[k] = v;`.
     * Null when the copy is not a shape this fully recognises.
     */
    function mutationEdits(copy: Copy, accumulation: Accumulation, name: string): Edit[] | null {
      const statements = mutationStatements(copy, name);
      if (!statements) return null;
      if (accumulation.kind === 'loop') {
        const statement = accumulation.assignment.parent;
        if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
        return [replaceWithStatements(statement, statements)];
      }
      if (accumulation.kind === 'reduce' && !accumulation.call.arguments[1]) return null; // acc is the input's first element
      const result = copy.kind === 'spread' ? copy.container : copy.call;
      const callback = accumulation.callback;
      const returnText = `return ${name};`;
      if (callback.body === result) {
        const range = parenthesisedRange(result);
        const indent = indentOf(callback);
        const multiline = result.loc.start.line !== result.loc.end.line;
        const body = multiline
          ? `{\n${[...statements, returnText].map((s) => `${indent}  ${s}`).join('\n')}\n${indent}}`
          : `{ ${[...statements, returnText].join(' ')} }`;
        return [{ range, text: body }];
      }
      const statement = result.parent;
      if (statement?.type !== AST_NODE_TYPES.ReturnStatement || statement.argument !== result) return null;
      return [replaceWithStatements(statement, [...statements, returnText])];
    }

    function mutationStatements(copy: Copy, name: string): string[] | null {
      const text = (node: TSESTree.Node) => {
        const value = sourceCode.getText(node);
        return node.type === AST_NODE_TYPES.SequenceExpression ? `(${value})` : value;
      };
      if (copy.kind === 'concat') {
        const items: string[] = [];
        for (const arg of copy.call.arguments) {
          const inner = unwrapExpression(arg);
          if (inner.type === AST_NODE_TYPES.ArrayExpression) {
            if (inner.elements.some((element) => !element || element.type === AST_NODE_TYPES.SpreadElement)) return null;
            items.push(...inner.elements.map((element) => text(element!)));
          } else if (isNeverArray(inner)) {
            items.push(text(arg));
          } else {
            return null; // an array argument would be flattened: only literals tell
          }
        }
        return items.length > 0 ? [`${name}.push(${items.join(', ')});`] : null;
      }
      const { container, spread } = copy;
      const rest = container.type === AST_NODE_TYPES.ArrayExpression ? container.elements : container.properties;
      if (rest[0] !== spread) return null; // keys before the spread lose to it: not a plain assignment
      const after = rest.slice(1);
      if (container.type === AST_NODE_TYPES.ArrayExpression) {
        if (after.length === 0 || after.some((element) => !element || element.type === AST_NODE_TYPES.SpreadElement)) return null;
        return [`${name}.push(${after.map((element) => text(element!)).join(', ')});`];
      }
      const properties = after as TSESTree.ObjectLiteralElement[];
      if (properties.length === 0) return null;
      for (const property of properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) continue;
        if (property.kind !== 'init' || property.method) return null;
        if (!property.computed && getStaticKey(property) === '__proto__') return null;
      }
      // Values that read the accumulator must see it before any key changes: one Object.assign of
      // the rest evaluates them all first, as the literal did.
      const readsAccumulator = properties.some((property) => sourceCode.getText(property).match(new RegExp(`\\b${escapeRegExp(name)}\\b`)));
      if (readsAccumulator && properties.length > 1) {
        const inside = sourceCode.text.slice(properties[0]!.range[0], properties.at(-1)!.range[1]);
        return [`Object.assign(${name}, { ${inside} });`];
      }
      return properties.map((property) => {
        if (property.type === AST_NODE_TYPES.SpreadElement) return `Object.assign(${name}, ${text(property.argument)});`;
        return `${name}${memberText(property)} = ${text(property.value)};`;
      });
    }

    function memberText(property: TSESTree.Property): string {
      if (property.computed) return `[${sourceCode.getText(property.key)}]`;
      if (property.key.type === AST_NODE_TYPES.Identifier) return `.${property.key.name}`;
      const key = getStaticKey(property)!;
      return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${sourceCode.getText(property.key)}]`;
    }

    /** Replaces a statement by several, wrapping them in a block where one statement is expected. */
    function replaceWithStatements(statement: TSESTree.Node, statements: string[]): Edit {
      const parent = statement.parent;
      const inList =
        parent?.type === AST_NODE_TYPES.BlockStatement ||
        parent?.type === AST_NODE_TYPES.Program ||
        parent?.type === AST_NODE_TYPES.SwitchCase ||
        parent?.type === AST_NODE_TYPES.StaticBlock;
      const indent = indentOf(statement);
      if (statements.length === 1) return { range: statement.range, text: statements[0]! };
      if (inList) return { range: statement.range, text: statements.join(`\n${indent}`) };
      return { range: statement.range, text: `{ ${statements.join(' ')} }` };
    }

    function indentOf(node: TSESTree.Node): string {
      const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
      return /^\s*/.exec(line)?.[0] ?? '';
    }

    /** The range of `node` including the parentheses around it (`=> ({ ... })`). */
    function parenthesisedRange(node: TSESTree.Node): [number, number] {
      let range: [number, number] = [node.range[0], node.range[1]];
      let before = sourceCode.getTokenBefore(node);
      let after = sourceCode.getTokenAfter(node);
      // An arrow body is preceded by `=>`; any `(` before it is the body's own parenthesis.
      while (before?.value === '(' && after?.value === ')') {
        range = [before.range[0], after.range[1]];
        before = sourceCode.getTokenBefore(before);
        after = sourceCode.getTokenAfter(after);
      }
      return range;
    }

    function resolve(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
      return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
    }

    /** Whether two assignment targets name the same place: one variable, or the same `this.a.b` path. */
    function sameTarget(left: TSESTree.Node, source: TSESTree.Node): boolean {
      if (left.type === AST_NODE_TYPES.Identifier && source.type === AST_NODE_TYPES.Identifier) {
        return left.name === source.name && resolve(left) === resolve(source);
      }
      if (left.type === AST_NODE_TYPES.MemberExpression && source.type === AST_NODE_TYPES.MemberExpression) {
        return isPlainPath(left) && sourceCode.getText(left).replace(/\s+/g, '') === sourceCode.getText(source).replace(/\s+/g, '');
      }
      return false;
    }
  },
});

/** The function that returns `node` (as its arrow body or from a `return`), if any. */
function returnedFrom(node: TSESTree.Node): TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | null {
  let outer = skipWrappers(node);
  // `cond ? acc : { ...acc, k }` returns the copy on one branch.
  while (outer.parent?.type === AST_NODE_TYPES.ConditionalExpression && outer.parent.test !== outer) outer = skipWrappers(outer.parent);
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === outer) return parent;
  if (parent?.type !== AST_NODE_TYPES.ReturnStatement) return null;
  for (let current: TSESTree.Node | undefined = parent.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionExpression) return current;
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return null;
  }
  return null;
}

function skipWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSTypeAssertion)
  ) {
    current = current.parent;
  }
  return current;
}

/** The variable (or `this`) a path of property reads starts from. */
function rootOf(node: TSESTree.Node): TSESTree.Node | null {
  let current = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
  return current.type === AST_NODE_TYPES.Identifier || current.type === AST_NODE_TYPES.ThisExpression ? current : null;
}

/** `this.items`, `state.list.rows`: a path of plain property reads, no calls or computed keys. */
function isPlainPath(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && isPlainPath(node.object);
}

/** `Object.keys`, `Object.values`, `Object.entries`: read their argument, never grow it. */
function isObjectReader(callee: TSESTree.Node): boolean {
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'Object') return false;
  const key = getStaticKey(callee);
  return key === 'keys' || key === 'values' || key === 'entries';
}

/** Values `concat` appends as one element: literals that are never arrays. */
function isNeverArray(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.Literal ||
    node.type === AST_NODE_TYPES.TemplateLiteral ||
    node.type === AST_NODE_TYPES.ObjectExpression ||
    node.type === AST_NODE_TYPES.BinaryExpression
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `reduce((acc, [k, v]) => ({ ...acc, [k]: v }), {} as Nullable<T>)`: an accumulator typed through a
 * type parameter is generic, and TypeScript accepts the spread but rejects `acc[k] = v` (TS2862,
 * medusa's form helpers in the sweep). Mutation is then not applied without asking.
 */
function typedByTypeParameter(accumulation: Accumulation): boolean {
  if (accumulation.kind !== 'reduce') return false;
  const types: TSESTree.Node[] = [...(accumulation.call.typeArguments?.params ?? [])];
  const initial = accumulation.call.arguments[1];
  if (initial?.type === AST_NODE_TYPES.TSAsExpression || initial?.type === AST_NODE_TYPES.TSTypeAssertion || initial?.type === AST_NODE_TYPES.TSSatisfiesExpression) {
    types.push(initial.typeAnnotation);
  }
  if (types.length === 0) return false;
  const parameters = new Set<string>();
  for (let node: TSESTree.Node | undefined = accumulation.call; node; node = node.parent) {
    const declared = (node as { typeParameters?: TSESTree.TSTypeParameterDeclaration }).typeParameters;
    for (const parameter of declared?.params ?? []) parameters.add(parameter.name.name);
  }
  if (parameters.size === 0) return false;
  const stack = types;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.TSTypeReference && node.typeName.type === AST_NODE_TYPES.Identifier && parameters.has(node.typeName.name)) return true;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item === 'object' && item !== null && typeof (item as { type?: unknown }).type === 'string') stack.push(item as TSESTree.Node);
      }
    }
  }
  return false;
}
