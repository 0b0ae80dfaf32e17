import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { Catalog, CallSpec, ClientEntry, ConstructorSpec } from './catalog';
import { calleeName, getStaticKey, unwrapExpression } from './ast';

/**
 * Origin resolution: which library an expression comes from, through scope analysis only.
 *
 * - `module`: the library itself or one of its exports; `path` is [] for the namespace (or a callable
 *   default such as axios) and [name] for an export (`Pool`, `request`, `create`).
 * - `instance`: something a constructor or factory of the library made. `construction` is the
 *   `new`/factory call when it is visible in this file, or null when only a type annotation says so.
 *   `member` is set for a property read on it (`api.get`).
 *
 * Syntax decides, conservatively: when a binding is reassigned, destructured in a shape we do not
 * follow, or comes from a parameter without a known type, the answer is null and rules stay silent.
 */
export type Origin =
  | { kind: 'module'; entry: ClientEntry; path: readonly string[] }
  | {
      kind: 'instance';
      entry: ClientEntry;
      instance: string;
      construction: TSESTree.CallExpression | TSESTree.NewExpression | null;
      member?: string;
    };

export type ResolvedCall =
  | {
      kind: 'call';
      entry: ClientEntry;
      /** The method name, or '' when the module or instance is itself called. */
      name: string;
      spec: CallSpec;
      receiver: Origin;
    }
  | { kind: 'construction'; entry: ClientEntry; name: string; spec: ConstructorSpec };

export interface OriginResolver {
  resolve(node: TSESTree.Node): Origin | null;
  resolveCall(node: TSESTree.CallExpression | TSESTree.NewExpression): ResolvedCall | null;
}

type Scope = TSESLint.Scope.Scope;
/** One way a class field gets its value: an expression, or only a declared type. */
type MemberWrite = { value: TSESTree.Node } | { type: TSESTree.TSTypeAnnotation | undefined };
type Variable = TSESLint.Scope.Variable;

const MAX_DEPTH = 12;
const PROMISIFY_SOURCES = new Set(['util', 'node:util']);

export function createOriginResolver(
  sourceCode: Readonly<TSESLint.SourceCode>,
  catalog: Catalog,
): OriginResolver {
  const memo = new WeakMap<TSESTree.Node, Origin | null>();
  // The same binding is read at many call sites (`axios.get`, `axios.post`): resolve it once.
  const variableMemo = new WeakMap<Variable, Origin | null>();
  const classMembers = new WeakMap<TSESTree.ClassBody, Map<string, MemberWrite[]>>();

  function resolve(node: TSESTree.Node, depth = 0): Origin | null {
    if (depth > MAX_DEPTH) return null;
    if (memo.has(node)) return memo.get(node) ?? null;
    memo.set(node, null); // cycle guard: a binding that refers to itself resolves to nothing
    const result = resolveUncached(node, depth + 1);
    memo.set(node, result);
    return result;
  }

  function resolveUncached(node: TSESTree.Node, depth: number): Origin | null {
    const inner = unwrapExpression(node);
    if (inner !== node) return resolve(inner, depth);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return resolveIdentifier(node, depth);
      case AST_NODE_TYPES.MemberExpression:
        return resolveMember(node, depth);
      case AST_NODE_TYPES.AwaitExpression:
        return resolve(node.argument, depth);
      case AST_NODE_TYPES.ImportExpression: {
        const entry = entryForSource(node.source);
        return entry ? { kind: 'module', entry, path: [] } : null;
      }
      case AST_NODE_TYPES.NewExpression:
        return resolveMade(node, depth);
      case AST_NODE_TYPES.CallExpression: {
        const required = requiredModule(node);
        if (required) return required;
        if (isPromisify(node, depth) && node.arguments[0]) return resolve(node.arguments[0], depth);
        return resolveMade(node, depth);
      }
      default:
        return null;
    }
  }

  function entryForSource(source: TSESTree.Node): ClientEntry | undefined {
    return source.type === AST_NODE_TYPES.Literal && typeof source.value === 'string'
      ? catalog.bySource.get(source.value)
      : undefined;
  }

  /** `require('x')`: CommonJS yields what a default import yields. */
  function requiredModule(node: TSESTree.CallExpression): Origin | null {
    if (
      node.callee.type !== AST_NODE_TYPES.Identifier ||
      node.callee.name !== 'require' ||
      node.arguments.length !== 1 ||
      !isGlobal(node.callee)
    ) {
      return null;
    }
    const entry = entryForSource(node.arguments[0]!);
    return entry ? defaultOf(entry) : null;
  }

  function isPromisify(node: TSESTree.CallExpression, depth: number): boolean {
    const callee = node.callee;
    if (calleeName(callee) !== 'promisify') return false;
    // `promisify(x)` or `util.promisify(x)`: the binding that must come from node:util.
    const base = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee;
    if (base.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariableOf(base, depth);
    const def = variable?.defs[0];
    if (def?.type === 'ImportBinding') {
      const source = (def.parent as TSESTree.ImportDeclaration).source?.value;
      return typeof source === 'string' && PROMISIFY_SOURCES.has(source);
    }
    if (def?.type === 'Variable') {
      const init = (def.node as TSESTree.VariableDeclarator).init;
      return (
        init?.type === AST_NODE_TYPES.CallExpression &&
        init.callee.type === AST_NODE_TYPES.Identifier &&
        init.callee.name === 'require' &&
        init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
        PROMISIFY_SOURCES.has(String(init.arguments[0].value))
      );
    }
    return false;
  }

  /** `new X()`, `X()`, `x.create()`, `pool.connect()`: an instance when the callee is a known maker. */
  function resolveMade(node: TSESTree.CallExpression | TSESTree.NewExpression, depth: number): Origin | null {
    const callee = resolve(node.callee, depth);
    if (!callee) return null;
    if (callee.kind === 'module' && callee.path.length === 1) {
      const spec = callee.entry.constructors?.[callee.path[0]!];
      return spec ? { kind: 'instance', entry: callee.entry, instance: spec.instance, construction: node } : null;
    }
    if (callee.kind === 'instance' && callee.member !== undefined) {
      const returned = callee.entry.instances?.[callee.instance]?.returns?.[callee.member];
      return returned ? { kind: 'instance', entry: callee.entry, instance: returned, construction: null } : null;
    }
    return null;
  }

  function resolveMember(node: TSESTree.MemberExpression, depth: number): Origin | null {
    const key = getStaticKey(node);
    if (key === null) return null;
    if (node.object.type === AST_NODE_TYPES.ThisExpression) return resolveThisMember(node, key, depth);
    if (
      node.object.type === AST_NODE_TYPES.Identifier &&
      (node.object.name === 'globalThis' || node.object.name === 'window' || node.object.name === 'self') &&
      isGlobal(node.object)
    ) {
      const entry = catalog.byGlobal.get(key);
      return entry ? { kind: 'module', entry, path: [key] } : null;
    }
    const base = resolve(node.object, depth);
    if (!base) return null;
    if (base.kind === 'module') {
      if (base.path.length === 0) {
        return key === 'default' ? defaultOf(base.entry) : { kind: 'module', entry: base.entry, path: [key] };
      }
      // `require('ioredis').Redis` and `Redis.Redis` are the same class.
      return base.path.length === 1 && base.path[0] === key ? base : null;
    }
    return base.member === undefined ? { ...base, member: key } : null;
  }

  function resolveIdentifier(node: TSESTree.Identifier, depth: number): Origin | null {
    const variable = findVariableOf(node, depth);
    if (variable && variableMemo.has(variable)) return variableMemo.get(variable) ?? null;
    const result = resolveBinding(node, variable, depth);
    if (variable) variableMemo.set(variable, result);
    return result;
  }

  function resolveBinding(node: TSESTree.Identifier, variable: Variable | null, depth: number): Origin | null {
    if (!variable || variable.defs.length === 0) {
      // An implicit global: `fetch`.
      const entry = catalog.byGlobal.get(node.name);
      return entry && (!variable || variable.scope.type === 'global')
        ? { kind: 'module', entry, path: [node.name] }
        : null;
    }
    if (variable.defs.length !== 1) return null;
    const def = variable.defs[0]!;
    switch (def.type) {
      case 'ImportBinding':
        return resolveImport(def.node);
      case 'Variable':
        return resolveVariable(variable, def.node as TSESTree.VariableDeclarator, depth);
      case 'Parameter':
        return resolveTypeAnnotation(typeAnnotationOf(def.name), depth);
      default:
        return null;
    }
  }

  function resolveImport(node: TSESTree.Node): Origin | null {
    if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const ref = node.moduleReference;
      if (ref.type !== AST_NODE_TYPES.TSExternalModuleReference) return null;
      const entry = entryForSource(ref.expression);
      return entry ? defaultOf(entry) : null;
    }
    const declaration = node.parent as TSESTree.ImportDeclaration;
    const entry = entryForSource(declaration.source);
    if (!entry) return null;
    switch (node.type) {
      case AST_NODE_TYPES.ImportDefaultSpecifier:
        return defaultOf(entry);
      case AST_NODE_TYPES.ImportNamespaceSpecifier:
        return { kind: 'module', entry, path: [] };
      case AST_NODE_TYPES.ImportSpecifier: {
        const imported =
          node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : String(node.imported.value);
        return imported === 'default' ? defaultOf(entry) : { kind: 'module', entry, path: [imported] };
      }
      default:
        return null;
    }
  }

  function resolveVariable(variable: Variable, declarator: TSESTree.VariableDeclarator, depth: number): Origin | null {
    const writes = variable.references.filter((ref) => ref.isWrite());
    let value: TSESTree.Node | null = declarator.init;
    if (writes.length > 1 || (writes.length === 1 && value === null)) {
      // `let x; x = make()`: a single later assignment is as good as an initialiser.
      const only = writes.length === 1 ? writes[0]!.identifier.parent : null;
      if (only?.type !== AST_NODE_TYPES.AssignmentExpression || only.operator !== '=') return null;
      value = only.right;
    }
    if (declarator.id.type === AST_NODE_TYPES.Identifier) {
      return value ? resolve(value, depth) : resolveTypeAnnotation(declarator.id.typeAnnotation, depth);
    }
    if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && value) {
      // `const { exec } = require('child_process')`: one level of destructuring.
      const key = patternKeyOf(declarator.id, variable.name);
      if (key === null) return null;
      const base = resolve(value, depth);
      if (base?.kind !== 'module' || base.path.length !== 0) return null;
      return key === 'default' ? defaultOf(base.entry) : { kind: 'module', entry: base.entry, path: [key] };
    }
    return null;
  }

  /** A type annotation naming a known type (`pool: Pool`, `http: AxiosInstance`): an instance of unknown make. */
  function resolveTypeAnnotation(annotation: TSESTree.TSTypeAnnotation | undefined, depth: number): Origin | null {
    const type = annotation?.typeAnnotation;
    if (type?.type !== AST_NODE_TYPES.TSTypeReference) return null;
    let base: Origin | null = null;
    let name: string;
    if (type.typeName.type === AST_NODE_TYPES.Identifier) {
      name = type.typeName.name;
      base = resolve(type.typeName, depth);
      if (base?.kind === 'module' && base.path.length === 1) name = base.path[0]!;
    } else if (type.typeName.type === AST_NODE_TYPES.TSQualifiedName) {
      name = type.typeName.right.name;
      base = resolve(type.typeName.left as TSESTree.Node, depth);
      if (base?.kind !== 'module' || base.path.length !== 0) return null;
    } else {
      return null;
    }
    if (base?.kind !== 'module') return null;
    const instance = base.entry.types?.[name];
    return instance ? { kind: 'instance', entry: base.entry, instance, construction: null } : null;
  }

  /** `this.x` inside a class: its field initialiser, constructor assignment or parameter property. */
  function resolveThisMember(node: TSESTree.MemberExpression, key: string, depth: number): Origin | null {
    const body = enclosingClassBody(node);
    if (!body) return null;
    const writes = membersOf(body).get(key);
    if (!writes || writes.length === 0) return null;
    let result: Origin | null = null;
    for (const write of writes) {
      const origin = 'value' in write ? resolve(write.value, depth) : resolveTypeAnnotation(write.type, depth);
      if (!origin) return null;
      if (result && (result.entry !== origin.entry || result.kind !== origin.kind)) return null;
      // Prefer a visible construction over a bare type annotation.
      if (!result || (result.kind === 'instance' && result.construction === null)) result = origin;
    }
    return result;
  }

  /** Per class: each field's values (initialisers, `this.x = v` in methods, typed declarations). */
  function membersOf(body: TSESTree.ClassBody): Map<string, MemberWrite[]> {
    let members = classMembers.get(body);
    if (members) return members;
    const found = new Map<string, MemberWrite[]>();
    members = found;
    const add = (name: string, value: MemberWrite) => {
      const list = found.get(name);
      if (list) list.push(value);
      else found.set(name, [value]);
    };
    for (const element of body.body) {
      if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed) {
        const name = getStaticKey(element);
        if (name === null) continue;
        if (element.value) add(name, { value: element.value });
        else if (element.typeAnnotation) add(name, { type: element.typeAnnotation });
        continue;
      }
      if (element.type !== AST_NODE_TYPES.MethodDefinition || !element.value.body) continue;
      if (element.kind === 'constructor') {
        for (const param of element.value.params) {
          if (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier) {
            add(param.parameter.name, { type: param.parameter.typeAnnotation });
          }
        }
      }
      // Top-level `this.x = v` statements of every method (a `connect()` that makes the pool).
      for (const statement of element.value.body.body) {
        if (
          statement.type === AST_NODE_TYPES.ExpressionStatement &&
          statement.expression.type === AST_NODE_TYPES.AssignmentExpression &&
          statement.expression.left.type === AST_NODE_TYPES.MemberExpression &&
          statement.expression.left.object.type === AST_NODE_TYPES.ThisExpression
        ) {
          const name = getStaticKey(statement.expression.left);
          if (name !== null) add(name, { value: statement.expression.right });
        }
      }
    }
    classMembers.set(body, members);
    return members;
  }

  function resolveCall(node: TSESTree.CallExpression | TSESTree.NewExpression): ResolvedCall | null {
    const callee = resolve(node.callee);
    if (!callee) return null;
    if (callee.kind === 'module') {
      const name = callee.path[0] ?? '';
      const constructorSpec = callee.path.length === 1 ? callee.entry.constructors?.[name] : undefined;
      if (constructorSpec) return { kind: 'construction', entry: callee.entry, name, spec: constructorSpec };
      if (node.type === AST_NODE_TYPES.NewExpression) return null;
      const spec = callee.entry.calls?.[name];
      return spec ? { kind: 'call', entry: callee.entry, name, spec, receiver: callee } : null;
    }
    if (node.type === AST_NODE_TYPES.NewExpression) return null;
    const name = callee.member ?? '';
    const spec = callee.entry.instances?.[callee.instance]?.calls?.[name];
    return spec ? { kind: 'call', entry: callee.entry, name, spec, receiver: callee } : null;
  }

  function findVariableOf(node: TSESTree.Identifier, _depth: number): Variable | null {
    return ASTUtils.findVariable(sourceCode.getScope(node) as Scope, node);
  }

  function isGlobal(node: TSESTree.Identifier): boolean {
    const variable = ASTUtils.findVariable(sourceCode.getScope(node) as Scope, node);
    return !variable || variable.defs.length === 0;
  }

  return { resolve: (node) => resolve(node), resolveCall };
}

function defaultOf(entry: ClientEntry): Origin {
  return { kind: 'module', entry, path: entry.defaultExport ? [entry.defaultExport] : [] };
}

function typeAnnotationOf(name: TSESTree.Node): TSESTree.TSTypeAnnotation | undefined {
  if (name.type === AST_NODE_TYPES.Identifier) return name.typeAnnotation;
  return undefined;
}

/** The property key under which `name` is bound in `{ key: name }` / `{ name }` / `{ name = d }`. */
function patternKeyOf(pattern: TSESTree.ObjectPattern, name: string): string | null {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value.type === AST_NODE_TYPES.Identifier && value.name === name) return getStaticKey(property);
  }
  return null;
}

function enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | null {
  // `this` is the class instance inside methods and field initialisers; arrows keep the outer `this`,
  // other functions rebind it.
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
      const parent = current.parent;
      if (parent?.type !== AST_NODE_TYPES.MethodDefinition) return null;
    }
    current = current.parent;
  }
  return null;
}
