import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, getStaticKey, unwrapExpression } from '../src/analysis/ast';
import { iterationContextsOf, type IterationContext } from '../src/analysis/context';
import { createReferenceResolver } from '../src/analysis/references';
import { createRule } from '../src/util/create-rule';

export type Options = [{ spatialNames?: string[] }];
export type MessageId = 'quadraticProximity';

/** Measured by tests/bench/cases/no-quadratic-proximity.mjs (Node 20.20, 2 vCPU AMD EPYC). */
const MEASURED = '10,000 moving entities: 215 ms of CPU per tick with nested loops, 11.8 ms with a spatial hash grid';

/** Calls that measure a distance: `distance(a, b)`, `a.distanceTo(b)`, `Vec2.dist(a, b)`, `distSq`. */
const DISTANCE_CALL = /^(?:get|calc|compute)?(?:dist|distance|dst)(?:To|Sq|Sqr|Squared|2|Between|From)?$|^(?:euclidean|manhattan|chebyshev)\w*(?:Dist|Distance)$/i;
/** A spatial index and its queries: the inner collection already holds only nearby elements. */
const DEFAULT_SPATIAL = ['grid', 'cell', 'bucket', 'tree', 'quad', 'octree', 'kdtree', 'bvh', 'zone', 'chunk', 'sector', 'tile', 'partition', 'spatial', 'neighbo', 'nearby', 'near', 'query', 'search', 'retrieve', 'within', 'inRange', 'inRadius'];
const RELATIONAL = new Set(['<', '<=', '>', '>=']);
/** Cheap whole-text test: a file without any of these (or a square, see `mentionsSquare`) has no distance to compare. */
const TRIGGER = /hypot|sqrt|dist|dst|\*\*\s*2|Math\.pow|Math\.abs/;
/** `x * x` / `d.x*d.x`: what `mentionsSquare` answers for, without running it over the whole file. */
export const SQUARE = /([\w$.]+)\s*\*\s*\1\b/;
const SPACE = /\s/;
const MAX_DEPTH = 5;

type Variable = TSESLint.Scope.Variable;

export default createRule<Options, MessageId>({
  name: 'no-quadratic-proximity',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow nested loops that compare the distance of every pair of elements',
      technique: 'Spatial partitioning',
      priority: 'P0',
      presets: ['game'],
    },
    defaultOptions: [{ spatialNames: [] }],
    schema: [
      {
        type: 'object',
        properties: {
          spatialNames: {
            type: 'array',
            items: { type: 'string' },
            description: 'Extra name fragments of spatial indexes and their queries (`sweep`, `broadphase`).',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      quadraticProximity:
        'This loop over `{{inner}}`, nested in a loop over `{{outer}}`, compares the distance of every pair: O(n²) per pass ({{measured}}); look neighbours up in a spatial hash grid instead.',
    },
  },
  defaultOptions: [{ spatialNames: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (!TRIGGER.test(sourceCode.text) && !mentionsSquare(sourceCode.text)) return {};
    const spatial = [...DEFAULT_SPATIAL, ...(options.spatialNames ?? [])].map((name) => name.toLowerCase());
    const references = createReferenceResolver(sourceCode);
    const reported = new Set<TSESTree.Node>();
    const loopInfo = new Map<TSESTree.Node, LoopInfo | null>();

    return {
      BinaryExpression(node) {
        if (!RELATIONAL.has(node.operator)) return;
        const contexts = iterationContextsOf(node);
        if (contexts.length < 2) return;
        const pairs = distancePairs(node.left) ?? distancePairs(node.right);
        if (!pairs) return;
        for (let i = 0; i < contexts.length - 1; i++) {
          const inner = info(contexts[i]!);
          if (!inner) continue;
          for (let j = i + 1; j < contexts.length; j++) {
            const outer = info(contexts[j]!);
            if (!outer || !pairs.some(([a, b]) => (touches(outer, a) && touches(inner, b)) || (touches(outer, b) && touches(inner, a)))) continue;
            if (!isQuadraticPair(outer, inner)) continue;
            if (reported.has(inner.node)) return;
            reported.add(inner.node);
            context.report({
              node: inner.node,
              loc: inner.head,
              messageId: 'quadraticProximity',
              data: { inner: inner.label, outer: outer.label, measured: MEASURED },
            });
            return;
          }
        }
      },
    };

    function info(iteration: IterationContext): LoopInfo | null {
      const node = iteration.kind === 'loop' ? iteration.loop : iteration.call;
      if (!loopInfo.has(node)) loopInfo.set(node, describeLoop(iteration));
      return loopInfo.get(node) ?? null;
    }

    function describeLoop(iteration: IterationContext): LoopInfo | null {
      if (iteration.kind === 'callback') {
        const callee = iteration.call.callee as TSESTree.MemberExpression;
        const parameters = sourceCode.getDeclaredVariables(iteration.callback).filter((v) => v.defs.some((d) => d.type === 'Parameter'));
        return loop(iteration.call, callee.property.loc, callee.object, parameters);
      }
      const statement = iteration.loop;
      const head = { start: statement.loc.start, end: statement.body.loc.start };
      switch (statement.type) {
        case AST_NODE_TYPES.ForOfStatement:
        case AST_NODE_TYPES.ForInStatement:
          return loop(statement, head, collectionOf(statement.right), declaredBy(statement.left));
        case AST_NODE_TYPES.ForStatement: {
          const indexes = statement.init ? declaredBy(statement.init) : [];
          if (indexes.length === 0) return null;
          const bound = boundOf(statement.test);
          if (bound === 'small') return null;
          return loop(statement, head, bound, indexes);
        }
        default:
          return null;
      }
    }

    function loop(node: TSESTree.Node, head: TSESTree.SourceLocation, collection: TSESTree.Node | null, elements: Variable[]): LoopInfo | null {
      if (collection && isSmallLiteral(collection)) return null;
      return {
        node,
        head,
        collection,
        key: collection ? (references.referenceOf(collection)?.key ?? sourceCode.getText(collection)) : null,
        label: collection ? shorten(sourceCode.getText(collection)) : 'a counter',
        elements: new Set(elements),
      };
    }

    function declaredBy(node: TSESTree.Node): Variable[] {
      if (node.type === AST_NODE_TYPES.VariableDeclaration) return [...sourceCode.getDeclaredVariables(node)];
      const variable = node.type === AST_NODE_TYPES.Identifier ? ASTUtils.findVariable(sourceCode.getScope(node), node) : null;
      return variable ? [variable] : [];
    }

    /** `xs`, `map.values()`, `Object.values(xs)`: the collection a for-of walks. */
    function collectionOf(node: TSESTree.Node): TSESTree.Node {
      const inner = unwrapExpression(node);
      if (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = getStaticKey(inner.callee);
        if ((method === 'values' || method === 'entries' || method === 'keys') && inner.arguments.length === 0) return inner.callee.object;
        if (
          (method === 'values' || method === 'entries' || method === 'keys') &&
          inner.callee.object.type === AST_NODE_TYPES.Identifier &&
          inner.callee.object.name === 'Object' &&
          inner.arguments[0]
        ) {
          return inner.arguments[0];
        }
      }
      return inner;
    }

    /** `i < xs.length` gives `xs`; `k < 8` is small; any other bound is an unknown collection. */
    function boundOf(test: TSESTree.Node | null): TSESTree.Node | 'small' | null {
      const inner = test ? unwrapExpression(test) : null;
      if (inner?.type !== AST_NODE_TYPES.BinaryExpression || !RELATIONAL.has(inner.operator)) return null;
      let bound: TSESTree.Node = unwrapExpression(inner.operator.startsWith('<') ? inner.right : inner.left);
      if (bound.type === AST_NODE_TYPES.Literal) return typeof bound.value === 'number' && bound.value <= 64 ? 'small' : null;
      if (bound.type === AST_NODE_TYPES.BinaryExpression && bound.operator === '-') bound = unwrapExpression(bound.left);
      if (bound.type === AST_NODE_TYPES.Identifier) {
        // `const n = xs.length` before the loop.
        const def = ASTUtils.findVariable(sourceCode.getScope(bound), bound)?.defs[0];
        if (def?.type === 'Variable' && def.node.init) bound = unwrapExpression(def.node.init);
      }
      if (bound.type === AST_NODE_TYPES.MemberExpression && (getStaticKey(bound) === 'length' || getStaticKey(bound) === 'size')) {
        return bound.object;
      }
      return null;
    }

    function isQuadraticPair(outer: LoopInfo, inner: LoopInfo): boolean {
      if (inner.collection && (isSpatial(inner.collection) || mentions(inner.collection, outer.elements))) return false;
      if (outer.collection && isSpatial(outer.collection)) return false;
      // The same collection, or two that nothing bounds.
      return outer.key === null || inner.key === null || outer.key === inner.key || (outer.collection !== null && inner.collection !== null);
    }

    function isSpatial(collection: TSESTree.Node): boolean {
      const inner = unwrapExpression(collection);
      if (namesSpatial(sourceCode.getText(inner))) return true;
      if (inner.type !== AST_NODE_TYPES.Identifier) return false;
      const def = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0];
      return def?.type === 'Variable' && def.node.init !== null && namesSpatial(sourceCode.getText(def.node.init));
    }

    /** Whether a word of the text (camelCase and snake_case split) starts with a spatial fragment. */
    function namesSpatial(text: string): boolean {
      const words = text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/);
      return words.some((word) => word !== '' && spatial.some((fragment) => word.toLowerCase().startsWith(fragment)));
    }

    /**
     * The two sides of every difference a distance is computed from (`b.x - a.x`, through the locals
     * that hold it), and of every distance call (`a.distanceTo(b)`), as the variables each side
     * reads; null when the expression is not a distance. A pair of elements is compared when one
     * side reads the outer loop's element and the other the inner loop's: `Math.hypot(x - cx, ...)`
     * over a grid of cells measures from a fixed centre, not between elements.
     */
    function distancePairs(node: TSESTree.Node): [Set<Variable>, Set<Variable>][] | null {
      const expression = resolveLocal(unwrapExpression(node), 0);
      if (!expression || !isDistance(expression, 0)) return null;
      const pairs: [Set<Variable>, Set<Variable>][] = [];
      const seen = new Set<TSESTree.Node>();
      const visit = (n: TSESTree.Node, depth: number): void => {
        if (seen.has(n) || depth > MAX_DEPTH) return;
        seen.add(n);
        if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '-') {
          pairs.push([dependencies(n.left), dependencies(n.right)]);
        } else if (n.type === AST_NODE_TYPES.CallExpression && DISTANCE_CALL.test(calleeName(n.callee) ?? '')) {
          const operands = [...(n.callee.type === AST_NODE_TYPES.MemberExpression ? [n.callee.object] : []), ...n.arguments].map(dependencies);
          for (let i = 0; i < operands.length; i++) for (let j = i + 1; j < operands.length; j++) pairs.push([operands[i]!, operands[j]!]);
        }
        if (n.type === AST_NODE_TYPES.Identifier) {
          const variable = ASTUtils.findVariable(sourceCode.getScope(n), n);
          if (variable?.defs[0]?.type !== 'Variable') return;
          for (const ref of variable.references) if (ref.writeExpr) visit(ref.writeExpr, depth + 1);
          return;
        }
        if (n.type === AST_NODE_TYPES.ArrowFunctionExpression || n.type === AST_NODE_TYPES.FunctionExpression) return;
        for (const child of childNodes(n)) {
          if (n.type === AST_NODE_TYPES.MemberExpression && child === n.property && !n.computed) continue;
          visit(child, depth);
        }
      };
      visit(expression, 0);
      return pairs.length > 0 ? pairs : null;
    }

    function dependencies(node: TSESTree.Node): Set<Variable> {
      const deps = new Set<Variable>();
      collectDependencies(node, deps, 0);
      return deps;
    }

    /** An identifier stands for its `const`/`let` initialiser (`const d2 = dx * dx + dy * dy`). */
    function resolveLocal(node: TSESTree.Node, depth: number): TSESTree.Node | null {
      if (node.type !== AST_NODE_TYPES.Identifier || depth > MAX_DEPTH) return node;
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
      const def = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return null;
      const writes = variable.references.filter((ref) => ref.isWrite());
      const value = writes.length === 1 ? writes[0]!.writeExpr : null;
      return value ? resolveLocal(unwrapExpression(value), depth + 1) : null;
    }

    function isDistance(node: TSESTree.Node, depth: number): boolean {
      if (depth > MAX_DEPTH) return false;
      const inner = unwrapExpression(node);
      if (inner.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeName(inner.callee);
        if (name === null) return false;
        if (isMath(inner.callee, 'hypot')) return inner.arguments.length >= 2 || inner.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement);
        if (isMath(inner.callee, 'sqrt')) return inner.arguments[0] !== undefined && isSumOfSquares(inner.arguments[0], depth + 1);
        if (isMath(inner.callee, 'max')) return inner.arguments.length >= 2 && inner.arguments.every((a) => isAbsOfDifference(a, depth + 1));
        return DISTANCE_CALL.test(name) && (inner.arguments.length >= 1 || inner.callee.type === AST_NODE_TYPES.MemberExpression);
      }
      return isSumOfSquares(inner, depth);
    }

    /** `dx * dx + dy * dy`, `(a.x - b.x) ** 2 + ...`, `Math.abs(dx) + Math.abs(dy)`: two terms or more. */
    function isSumOfSquares(node: TSESTree.Node, depth: number): boolean {
      const terms: TSESTree.Node[] = [];
      const flatten = (n: TSESTree.Node) => {
        const inner = unwrapExpression(n);
        if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === '+') {
          flatten(inner.left);
          flatten(inner.right);
        } else terms.push(inner);
      };
      flatten(resolveLocal(unwrapExpression(node), depth) ?? node);
      if (terms.length < 2) return false;
      return terms.every((term) => isSquare(term) || isAbsOfDifference(term, depth + 1));
    }

    function isSquare(node: TSESTree.Node): boolean {
      if (node.type === AST_NODE_TYPES.BinaryExpression) {
        if (node.operator === '*') return sourceCode.getText(node.left) === sourceCode.getText(node.right);
        if (node.operator === '**') return node.right.type === AST_NODE_TYPES.Literal && node.right.value === 2;
      }
      if (node.type === AST_NODE_TYPES.CallExpression && isMath(node.callee, 'pow')) {
        const exponent = node.arguments[1];
        return exponent?.type === AST_NODE_TYPES.Literal && exponent.value === 2;
      }
      return false;
    }

    function isAbsOfDifference(node: TSESTree.Node, depth: number): boolean {
      const inner = unwrapExpression(node);
      if (inner.type !== AST_NODE_TYPES.CallExpression || !isMath(inner.callee, 'abs') || !inner.arguments[0]) return false;
      const argument = resolveLocal(unwrapExpression(inner.arguments[0]), depth);
      return argument?.type === AST_NODE_TYPES.BinaryExpression && argument.operator === '-';
    }

    /** Every variable an expression reads, and (for locals) what their values read, a few levels deep. */
    function collectDependencies(node: TSESTree.Node, deps: Set<Variable>, depth: number): void {
      const visit = (n: TSESTree.Node): void => {
        switch (n.type) {
          case AST_NODE_TYPES.Identifier: {
            const variable = ASTUtils.findVariable(sourceCode.getScope(n), n);
            if (!variable || deps.has(variable)) return;
            deps.add(variable);
            if (depth >= MAX_DEPTH || variable.defs[0]?.type !== 'Variable') return;
            for (const ref of variable.references) {
              if (ref.writeExpr) collectDependencies(ref.writeExpr, deps, depth + 1);
            }
            return;
          }
          case AST_NODE_TYPES.MemberExpression:
            visit(n.object);
            if (n.computed) visit(n.property);
            return;
          case AST_NODE_TYPES.Property:
            if (n.computed) visit(n.key);
            visit(n.value);
            return;
          case AST_NODE_TYPES.ArrowFunctionExpression:
          case AST_NODE_TYPES.FunctionExpression:
            return;
          default:
            for (const child of childNodes(n)) visit(child);
        }
      };
      visit(node);
    }

    function mentions(node: TSESTree.Node, variables: Set<Variable>): boolean {
      for (const variable of dependencies(node)) if (variables.has(variable)) return true;
      return false;
    }
  },
});

interface LoopInfo {
  node: TSESTree.Node;
  /** Where to report: the loop's head, not its whole body. */
  head: TSESTree.SourceLocation;
  collection: TSESTree.Node | null;
  key: string | null;
  label: string;
  /** The element, key or index variables of one iteration. */
  elements: Set<Variable>;
}

function touches(loop: LoopInfo, deps: Set<Variable>): boolean {
  for (const variable of loop.elements) if (deps.has(variable)) return true;
  return false;
}

function isSmallLiteral(node: TSESTree.Node): boolean {
  const inner = unwrapExpression(node);
  return inner.type === AST_NODE_TYPES.ArrayExpression && !inner.elements.some((e) => e?.type === AST_NODE_TYPES.SpreadElement);
}

function isMath(callee: TSESTree.Node, method: string): boolean {
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Math' &&
    getStaticKey(callee) === method
  );
}

function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'typeAnnotation' || key === 'typeArguments') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item.type === 'string') children.push(item as TSESTree.Node);
    } else if (value && typeof value === 'object' && typeof (value as TSESTree.Node).type === 'string') {
      children.push(value as TSESTree.Node);
    }
  }
  return children;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

/**
 * Whether `text` matches `/([\w$.]+)\s*\*\s*\1\b/` anywhere (`SQUARE`), tried only where a match can
 * be: around each `*`. The group must end where the run of operand characters before the `*` (and
 * its spaces) ends, and `\1` must start at the first non-space after it, so each candidate start in
 * that run is a comparison of characters, not a regex attempt. The plain regex tries every identifier
 * character of the file and backtracks through the whole identifier each time (about 1 s over 4,300
 * files of four repositories); a sticky regex per candidate start still cost a regex call per
 * character of every word before a `*`, which JSDoc comments (` * text`) have on every line.
 */
export function mentionsSquare(text: string): boolean {
  const length = text.length;
  for (let star = text.indexOf('*'); star !== -1; star = text.indexOf('*', star + 1)) {
    let after = star + 1;
    while (after < length && isSpace(text.charCodeAt(after))) after++;
    if (after >= length || !isOperand(text.charCodeAt(after))) continue;
    let end = star;
    while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
    let start = end;
    while (start > 0 && isOperand(text.charCodeAt(start - 1))) start--;
    for (let at = start; at < end; at++) {
      const size = end - at;
      const close = after + size;
      if (close > length) continue;
      let same = true;
      for (let k = 0; k < size; k++) {
        if (text.charCodeAt(at + k) !== text.charCodeAt(after + k)) {
          same = false;
          break;
        }
      }
      // `\b` after `\1`: a word character on exactly one side.
      if (same && isWord(text.charCodeAt(close - 1)) !== (close < length && isWord(text.charCodeAt(close)))) return true;
    }
  }
  return false;
}

/** `\w` without the `u` flag: ASCII letters, digits and `_`. */
function isWord(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** `[\w$.]`. */
function isOperand(code: number): boolean {
  return isWord(code) || code === 36 || code === 46;
}

/** `\s`: ASCII white space and line ends, then the Unicode spaces, asked of the regex itself. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return SPACE.test(String.fromCharCode(code));
}
