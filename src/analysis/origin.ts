import { ASTUtils, AST_NODE_TYPES as NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { mentionPatternOf, type Catalog, type CallSpec, type ClientEntry, type ConstructorSpec } from './catalog';
import { calleeName, getStaticKey, isFunctionNode, unwrapExpression } from './ast';

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

/**
 * Optional reach beyond one file's syntax. Both are off unless a rule asks, so existing rules keep
 * their answers.
 */
export interface OriginOptions {
  /**
   * Follow an import of the user's own module (relative, or through a tsconfig path alias:
   * `import { prisma } from './db'`, `class User extends BaseModel` from `@/models/base`) and
   * resolve its export there. Returns null for a package it does not map.
   */
  peek?: ((specifier: string, name: string) => Origin | null) | undefined;
  /**
   * With `parserOptions.projectService`: what syntax cannot resolve is resolved by the declared
   * type, whose package decides the library.
   */
  byType?: ((node: TSESTree.Node) => Origin | null) | undefined;
}

// Read once: each `AST_NODE_TYPES.X` of the CommonJS build goes through two re-export getters, and
// resolution tests node types at every step.
const AST_NODE_TYPES = NODE_TYPES;

type Scope = TSESLint.Scope.Scope;
/** One way a class field gets its value: an expression, or only a declared type. */
type MemberWrite = { value: TSESTree.Node } | { type: TSESTree.TSTypeAnnotation | undefined };
type Variable = TSESLint.Scope.Variable;

const MAX_DEPTH = 12;
const PROMISIFY_SOURCES = new Set(['util', 'node:util']);

export function createOriginResolver(
  sourceCode: Readonly<TSESLint.SourceCode>,
  catalog: Catalog,
  options: OriginOptions = {},
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
        return resolveIdentifier(node, depth) ?? typed(node);
      case AST_NODE_TYPES.MemberExpression:
        return resolveMember(node, depth) ?? typed(node);
      case AST_NODE_TYPES.Decorator:
        return resolveInjection(node, depth);
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
    if (entry) return defaultOf(entry);
    return peekSource(node.arguments[0]!, 'default');
  }

  /** A relative module of the user's own, looked into when the rule allows it. */
  function peekSource(source: TSESTree.Node, name: string): Origin | null {
    if (!options.peek || source.type !== AST_NODE_TYPES.Literal || typeof source.value !== 'string') return null;
    // Relative modules, and aliases the project maps onto its own folders (`@/lib/db`).
    return options.peek(source.value, name);
  }

  function typed(node: TSESTree.Node): Origin | null {
    return options.byType ? options.byType(node) : null;
  }

  /** A NestJS injection decorator (`@InjectRepository(User)`): the instance type it hands out. */
  function resolveInjection(node: TSESTree.Decorator, depth: number): Origin | null {
    const call = node.expression;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier) return null;
    const def = findVariableOf(call.callee, depth)?.defs[0];
    if (def?.type !== 'ImportBinding' || def.node.type !== AST_NODE_TYPES.ImportSpecifier) return null;
    const source = (def.node.parent as TSESTree.ImportDeclaration).source.value;
    const imported = importedName(def.node);
    for (const entry of catalog.entries) {
      const instance = entry.injections?.sources.includes(source) ? entry.injections.decorators[imported] : undefined;
      if (instance) return { kind: 'instance', entry, instance, construction: null };
    }
    return null;
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
      const instanceSpec = callee.entry.instances?.[callee.instance];
      const returned = instanceSpec?.returns?.[callee.member];
      if (returned) return { kind: 'instance', entry: callee.entry, instance: returned, construction: null };
      // A fluent builder: `knex('t').where(...)` is the same builder, until a method that runs it.
      if (
        instanceSpec?.chain &&
        !instanceSpec.queueOnly?.includes(callee.member) &&
        !instanceSpec.calls?.[callee.member]?.roundTrip
      ) {
        return { kind: 'instance', entry: callee.entry, instance: callee.instance, construction: null };
      }
      return null;
    }
    if (callee.kind === 'instance') {
      // The instance called as a function (`knex('users')`) or as a class (`new UserModel(doc)`).
      const returned = callee.entry.instances?.[callee.instance]?.returns?.[''];
      if (returned) return { kind: 'instance', entry: callee.entry, instance: returned, construction: null };
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
      if (base.path.length === 1 && base.path[0] === key) return base;
      // A class whose statics are queries (`User.findAll()`, `R.find()`).
      const statics = base.path.length === 1 ? base.entry.statics?.[base.path[0]!] : undefined;
      return statics ? memberOf({ kind: 'instance', entry: base.entry, instance: statics, construction: null }, key) : null;
    }
    return base.member === undefined ? memberOf(base, key) : null;
  }

  /** `instance.key`: a method to call, or a property holding another instance (`prisma.user`). */
  function memberOf(base: Extract<Origin, { kind: 'instance' }>, key: string): Origin {
    const spec = base.entry.instances?.[base.instance];
    const property = spec?.properties?.[key];
    if (property) return { kind: 'instance', entry: base.entry, instance: property, construction: null };
    const known =
      spec?.calls?.[key] !== undefined || spec?.returns?.[key] !== undefined || spec?.queueOnly?.includes(key) || spec?.chain;
    const any = spec?.properties?.['*'];
    if (!known && any) return { kind: 'instance', entry: base.entry, instance: any, construction: null };
    return { ...base, member: key };
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
        return (
          injectedParameter(def.name, depth) ??
          resolveTypeAnnotation(typeAnnotationOf(def.name), depth) ??
          callbackParameter(def.name, def.node, depth)
        );
      case 'ClassName':
        return resolveClass(def.node as TSESTree.ClassDeclaration, depth);
      default:
        return null;
    }
  }

  /** `class PrismaService extends PrismaClient`, `class User extends Model`: the subclass is the class. */
  function resolveClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, depth: number): Origin | null {
    if (!node.superClass) return null;
    const base = resolve(node.superClass, depth);
    if (base?.kind !== 'module' || base.path.length !== 1) return null;
    const name = base.path[0]!;
    return base.entry.constructors?.[name] || base.entry.statics?.[name] ? base : null;
  }

  function injectedParameter(name: TSESTree.Node, depth: number): Origin | null {
    const decorators = name.type === AST_NODE_TYPES.Identifier ? name.decorators : undefined;
    for (const decorator of decorators ?? []) {
      const origin = resolve(decorator, depth);
      if (origin) return origin;
    }
    return null;
  }

  /** `prisma.$transaction(async (tx) => ...)`: `tx` is what the library passes to the callback. */
  function callbackParameter(name: TSESTree.Node, fn: TSESTree.Node, depth: number): Origin | null {
    if (!isFunctionNode(fn) || fn.params[0] !== name) return null;
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((argument) => argument === fn)) return null;
    const callee = resolve(call.callee, depth);
    if (callee?.kind !== 'instance' || callee.member === undefined) return null;
    const instance = callee.entry.instances?.[callee.instance]?.callbackParams?.[callee.member];
    return instance ? { kind: 'instance', entry: callee.entry, instance, construction: null } : null;
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
    if (!entry) return peekSource(declaration.source, importedName(node));
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
            // `@InjectRepository(User) private repo: Repository<User>`: the decorator says what is injected.
            const injection = param.decorators.find((decorator) => resolveInjection(decorator, 0) !== null);
            if (injection) add(param.parameter.name, { value: injection });
            else add(param.parameter.name, { type: param.parameter.typeAnnotation });
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

  // By syntax alone, every origin starts at a string literal naming a catalog module or at one of its
  // globals: in a file that names neither, nothing resolves, so no call is looked up at all (most
  // files of a repository; the lookups were most of require-timeout's and prefer-promise-all's time).
  let reachable: boolean | undefined = options.peek || options.byType ? true : undefined;
  const canResolve = (): boolean => (reachable ??= mentionPatternOf(catalog).test(sourceCode.text));
  return {
    resolve: (node) => (canResolve() ? resolve(node) : null),
    resolveCall: (node) => (canResolve() ? resolveCall(node) : null),
  };
}

function importedName(node: TSESTree.Node): string {
  if (node.type === AST_NODE_TYPES.ImportSpecifier) {
    return node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : String(node.imported.value);
  }
  return node.type === AST_NODE_TYPES.ImportNamespaceSpecifier ? '*' : 'default';
}

/** What a default import of `entry`'s module is (also read by module-peek's syntax-only answers). */
export function defaultOf(entry: ClientEntry): Origin {
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
