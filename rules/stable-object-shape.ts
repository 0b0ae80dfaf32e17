import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getStaticKey, unwrapExpression } from '../src/analysis/ast';
import { toFix, type Edit } from '../src/analysis/edits';
import { isTestFile, relativePathOf } from '../src/analysis/files';
import { enclosingFunction, functionName, iterationCallOf } from '../src/analysis/context';
import { createReferenceResolver, thisClassOf } from '../src/analysis/references';
import { createRule } from '../src/util/create-rule';

export type Options = [{ checkClassFields?: boolean; ignore?: string[]; checkTestFiles?: boolean }];
export type MessageId = 'deleteProperty' | 'lateField' | 'deletePropertyFixUndefined' | 'lateFieldFixDeclare';

/** Measured by tests/bench/cases/stable-object-shape.mjs (Node 20.20, 2 vCPU AMD EPYC). */
const MEASURED_DELETE = 'reads measured 10x slower than after `= undefined`';
const MEASURED_LATE = 'a read site that sees more than four shapes goes megamorphic, measured 6.5x slower';

/** Objects that are dictionaries already, or are meant to be used as maps. */
const ALWAYS_IGNORED = ['process.env', 'globalThis', 'global', 'window', 'self', 'require.cache', 'module.exports', 'exports'];
const MAP_TYPES = new Set(['Record', 'AnyObject', 'Object', 'Dictionary', 'Dict', 'NodeJS.Dict', 'NodeJS.ProcessEnv', 'ProcessEnv', 'ParsedUrlQuery', 'IncomingHttpHeaders', 'OutgoingHttpHeaders']);
const KEY_ENUMERATORS = new Set(['keys', 'values', 'entries', 'getOwnPropertyNames']);
const JS_FILE = /\.[cm]?jsx?$/;
const TEARDOWN = /^(?:destroy|dispose|teardown|cleanup|deallocate)/i;

type Variable = TSESLint.Scope.Variable;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

export default createRule<Options, MessageId>({
  name: 'stable-object-shape',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow `delete` of fixed properties and fields first assigned outside the constructor, which change an object\'s hidden class',
      technique: 'Struct alignment',
      priority: 'P1',
      presets: ['game'],
    },
    hasSuggestions: true,
    defaultOptions: [{ checkClassFields: true, ignore: [], checkTestFiles: false }],
    schema: [
      {
        type: 'object',
        properties: {
          checkClassFields: {
            type: 'boolean',
            description: 'Also report JavaScript class fields first assigned outside the constructor (default true).',
          },
          ignore: {
            type: 'array',
            items: { type: 'string' },
            description: 'Objects whose properties may be deleted, as written (`config`, `this.cache`).',
          },
          checkTestFiles: { type: 'boolean', description: 'Also check test files (default false).' },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      deleteProperty:
        '`delete {{target}}` can turn `{{object}}` into a dictionary-mode object ({{measured}}); assign `undefined` instead, or give it a type where the field always exists.',
      lateField:
        '`this.{{field}}` is first assigned in `{{method}}()`, not in the constructor, so instances change hidden class after they are built ({{measured}}); initialise it in the constructor.',
      deletePropertyFixUndefined: 'Assign `undefined` instead (`in` and `Object.keys` will still see the key).',
      lateFieldFixDeclare: 'Initialise `this.{{field}}` in the constructor.',
    },
  },
  defaultOptions: [{ checkClassFields: true, ignore: [], checkTestFiles: false }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.text;
    if (!options.checkTestFiles && isTestFile(relativePathOf(context))) return {};
    const isJs = JS_FILE.test(context.filename);
    const checkClasses = options.checkClassFields !== false && isJs && text.includes('class');
    if (!text.includes('delete ') && !checkClasses) return {};
    const ignored = [...ALWAYS_IGNORED, ...(options.ignore ?? [])];
    const references = createReferenceResolver(sourceCode);
    const deletes: TSESTree.UnaryExpression[] = [];
    /** Storage read or written with a computed key, enumerated, or iterated with for-in: a map. */
    const mapLike = new Set<string>();
    const classes: ClassNode[] = [];

    const markMapLike = (node: TSESTree.Node) => {
      const reference = references.referenceOf(node);
      if (reference) mapLike.add(reference.key);
    };

    return {
      'UnaryExpression[operator="delete"]'(node: TSESTree.UnaryExpression) {
        const target = unwrapExpression(node.argument);
        if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed && target.property.type === AST_NODE_TYPES.Identifier) {
          deletes.push(node);
        }
      },
      'MemberExpression[computed=true]'(node: TSESTree.MemberExpression) {
        const key = unwrapExpression(node.property);
        if (key.type === AST_NODE_TYPES.Literal) return;
        markMapLike(node.object);
      },
      ForInStatement(node) {
        markMapLike(node.right);
      },
      'CallExpression[callee.type="MemberExpression"][callee.object.name="Object"]'(node: TSESTree.CallExpression) {
        const method = getStaticKey(node.callee as TSESTree.MemberExpression);
        if (method && KEY_ENUMERATORS.has(method) && node.arguments[0]) markMapLike(node.arguments[0]);
      },
      'BinaryExpression[operator="in"]'(node: TSESTree.BinaryExpression) {
        if (node.left.type !== AST_NODE_TYPES.Literal && node.left.type !== AST_NODE_TYPES.PrivateIdentifier) markMapLike(node.right);
      },
      ClassDeclaration: collectClass,
      ClassExpression: collectClass,
      'Program:exit'() {
        for (const node of deletes) checkDelete(node);
        if (checkClasses) for (const classNode of classes) checkClass(classNode);
      },
    };

    function collectClass(node: ClassNode): void {
      if (checkClasses) classes.push(node);
    }

    function checkDelete(node: TSESTree.UnaryExpression): void {
      const target = unwrapExpression(node.argument) as TSESTree.MemberExpression;
      const objectText = sourceCode.getText(target.object).replace(/\s+/g, '');
      if (ignored.some((name) => objectText === name || objectText.startsWith(`${name}.`))) return;
      const reference = references.referenceOf(target.object);
      if (reference && (mapLike.has(reference.key) || hasMapType(reference.variable, reference.classNode, reference.path))) return;
      if (reference?.path.length === 0 && isFreshCopy(reference.variable, node)) return;
      if (isUnknownReceiver(target.object) || isTeardown(node) || isCastToBag(target.object)) return;
      const checker = typeChecker();
      if (checker ? hasMapTypeByChecker(checker, target.object) : isUndescribedNested(target.object)) return;
      const targetText = sourceCode.getText(target);
      const fixable = node.parent.type === AST_NODE_TYPES.ExpressionStatement && !target.optional;
      context.report({
        node,
        messageId: 'deleteProperty',
        data: { target: targetText, object: objectText, measured: MEASURED_DELETE },
        suggest: fixable
          ? [{ messageId: 'deletePropertyFixUndefined', fix: toFix([{ range: node.range, text: `${targetText} = undefined` }]) }]
          : [],
      });
    }

    /**
     * `const user = { ...row }; delete user.password; res.json(user)`: an object built, copied or
     * awaited in this function, with a field dropped before it is sent on. It is read once, by the
     * serialiser; the shape it loses was never on a hot path.
     */
    function isFreshCopy(variable: Variable | null, at: TSESTree.Node): boolean {
      if (!variable) return false;
      // The value it holds when the delete runs: the last write before it (`config = { ...config }`),
      // or its initialiser.
      let value: TSESTree.Node | null = null;
      for (const ref of variable.references) {
        if (ref.writeExpr && ref.identifier.range[1] <= at.range[0] && (!value || ref.writeExpr.range[0] > value.range[0])) value = ref.writeExpr;
      }
      if (!value) return false;
      const init = unwrapExpression(value);
      // `const row = await db.getUser(id)`: an I/O result, trimmed before it is sent on.
      if (init.type === AST_NODE_TYPES.ObjectExpression || init.type === AST_NODE_TYPES.AwaitExpression) return true;
      if (init.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = init.callee;
      if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'structuredClone';
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return false;
      const method = `${callee.object.name}.${getStaticKey(callee) ?? ''}`;
      if (method === 'Object.assign') return init.arguments[0]?.type === AST_NODE_TYPES.ObjectExpression;
      return method === 'JSON.parse' || method === 'Object.fromEntries' || method === '_.clone' || method === '_.cloneDeep';
    }

    /** In `destroy()`/`dispose()` the objects are on their way out: their shape no longer matters. */
    function isTeardown(node: TSESTree.Node): boolean {
      const fn = enclosingFunction(node);
      const name = fn ? functionName(fn) : null;
      return name !== null && TEARDOWN.test(name);
    }

    /**
     * With type information (`parserOptions.projectService`): the object's declared type says "map"
     * — `any`, an index signature (`{ [key: string]: any }`, `Record<string, T>`) — even when it is
     * declared in another file. Asked only after syntax found nothing, and never without a program.
     */
    function typeChecker() {
      const services = sourceCode.parserServices;
      return services?.program && services.esTreeNodeToTSNodeMap ? { checker: services.program.getTypeChecker(), map: services.esTreeNodeToTSNodeMap } : null;
    }

    function hasMapTypeByChecker({ checker, map }: NonNullable<ReturnType<typeof typeChecker>>, object: TSESTree.Node): boolean {
      const type = checker.getNonNullableType(checker.getTypeAtLocation(map.get(object)));
      const parts = type.isUnion() ? type.types : [type];
      // TypeFlags.Any = 1, TypeFlags.Unknown = 2: read as numbers so typescript stays an optional peer.
      return parts.some((part) => (part.flags & 3) !== 0 || checker.getIndexInfosOfType(part).length > 0);
    }

    /**
     * Nothing says what the object is: `this` outside a class (an object-literal method, a plain
     * function), or a parameter without a type annotation. Such objects are as often bags of
     * optional keys (state records, sparse tables) as structs: stay silent. The element parameter of
     * an iteration callback (`entities.forEach((e) => ...)`) is an element of a collection, like a
     * for-of variable, and is checked.
     */
    function isUnknownReceiver(object: TSESTree.Node): boolean {
      let root = unwrapExpression(object);
      while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrapExpression(root.object);
      if (root.type === AST_NODE_TYPES.ThisExpression) return thisClassOf(root) === null;
      if (root.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(root), root);
      const def = variable?.defs[0];
      if (def?.type === 'Variable' && def.parent.parent?.type === AST_NODE_TYPES.ForOfStatement && def.parent.parent.left === def.parent) {
        return isOpaqueList(def.parent.parent.right);
      }
      if (def?.type !== 'Parameter') return false;
      const annotation = (def.name as TSESTree.Identifier).typeAnnotation?.typeAnnotation;
      if (annotation) return isOpaqueType(annotation);
      const fn = def.node;
      const isElement =
        (fn.type === AST_NODE_TYPES.ArrowFunctionExpression || fn.type === AST_NODE_TYPES.FunctionExpression) &&
        fn.params[0] === def.name &&
        iterationCallOf(fn) !== null;
      return !isElement;
    }

    /**
     * `for (const rating of [p1rating, p2rating])` with the listed values typed `AnyObject`, or
     * `for (const e of xs as AnyObject[])`: the element has their type.
     */
    function isOpaqueList(list: TSESTree.Node): boolean {
      if ((list.type === AST_NODE_TYPES.TSAsExpression || list.type === AST_NODE_TYPES.TSTypeAssertion) && list.typeAnnotation.type === AST_NODE_TYPES.TSArrayType) {
        const element = list.typeAnnotation.elementType;
        return isOpaqueType(element) || isMapType(element, 0);
      }
      if (list.type !== AST_NODE_TYPES.ArrayExpression) return false;
      return list.elements.some((element) => {
        if (element?.type !== AST_NODE_TYPES.Identifier) return false;
        const annotation = (ASTUtils.findVariable(sourceCode.getScope(element), element)?.defs[0]?.name as TSESTree.Identifier | undefined)?.typeAnnotation?.typeAnnotation;
        return annotation !== undefined && (isOpaqueType(annotation) || isMapType(annotation, 0));
      });
    }

    /**
     * Without type information, `a.b.prop` deletes from an object whose type this file does not show:
     * `a.b` may be a struct (`room.settings`) or a bag of optional keys hung off one (`pokemon.m`,
     * an effect-state record). Syntax stays silent; with `parserOptions.projectService` the checker
     * decides. `this.field.prop` counts as described when the class declares `field` with a value
     * or a type.
     */
    function isUndescribedNested(object: TSESTree.Node): boolean {
      const inner = unwrapExpression(object);
      if (inner.type !== AST_NODE_TYPES.MemberExpression) return false;
      const holder = unwrapExpression(inner.object);
      if (holder.type !== AST_NODE_TYPES.ThisExpression || inner.computed) return true;
      const classNode = thisClassOf(holder);
      const field = getStaticKey(inner);
      return !classNode?.body.body.some(
        (member) => member.type === AST_NODE_TYPES.PropertyDefinition && getStaticKey(member) === field && (member.typeAnnotation || member.value),
      );
    }

    /** `(settings as any).legacy`: the code itself says the object's type does not describe it. */
    function isCastToBag(object: TSESTree.Node): boolean {
      let current = object;
      while (current.type === AST_NODE_TYPES.TSNonNullExpression) current = current.expression;
      return (
        (current.type === AST_NODE_TYPES.TSAsExpression || current.type === AST_NODE_TYPES.TSTypeAssertion) &&
        (isOpaqueType(current.typeAnnotation) || isMapType(current.typeAnnotation, 0))
      );
    }

    /** A declared type that says "map": `Record<K, V>`, an index signature, a mapped type. */
    function hasMapType(variable: Variable | null, classNode: ClassNode | null, keys: readonly string[]): boolean {
      let annotation: TSESTree.TypeNode | undefined;
      if (variable && keys.length === 0) {
        annotation = (variable.defs[0]?.name as TSESTree.Identifier | undefined)?.typeAnnotation?.typeAnnotation;
      } else if (classNode && keys.length === 1) {
        for (const member of classNode.body.body) {
          if (member.type === AST_NODE_TYPES.PropertyDefinition && getStaticKey(member) === keys[0]) annotation = member.typeAnnotation?.typeAnnotation;
        }
      }
      return annotation !== undefined && isMapType(annotation, 0);
    }

    function isMapType(type: TSESTree.TypeNode, depth: number): boolean {
      if (depth > 4) return false;
      switch (type.type) {
        case AST_NODE_TYPES.TSTypeLiteral:
          return type.members.some((member) => member.type === AST_NODE_TYPES.TSIndexSignature);
        case AST_NODE_TYPES.TSMappedType:
          return true;
        case AST_NODE_TYPES.TSAnyKeyword:
        case AST_NODE_TYPES.TSUnknownKeyword:
        case AST_NODE_TYPES.TSObjectKeyword:
          return true;
        case AST_NODE_TYPES.TSUnionType:
        case AST_NODE_TYPES.TSIntersectionType:
          return type.types.some((t) => isMapType(t, depth + 1));
        case AST_NODE_TYPES.TSTypeReference: {
          const name = sourceCode.getText(type.typeName);
          if (MAP_TYPES.has(name)) return true;
          if ((name === 'Partial' || name === 'Readonly' || name === 'Required') && type.typeArguments?.params[0]) {
            return isMapType(type.typeArguments.params[0], depth + 1);
          }
          if (type.typeName.type !== AST_NODE_TYPES.Identifier) return false;
          // An interface or alias declared in this file with an index signature.
          const variable = ASTUtils.findVariable(sourceCode.getScope(type), type.typeName.name);
          const def = variable?.defs[0]?.node;
          if (def?.type === AST_NODE_TYPES.TSInterfaceDeclaration) {
            return def.body.body.some((member) => member.type === AST_NODE_TYPES.TSIndexSignature);
          }
          if (def?.type === AST_NODE_TYPES.TSTypeAliasDeclaration) return isMapType(def.typeAnnotation, depth + 1);
          return false;
        }
        default:
          return false;
      }
    }

    /**
     * JavaScript classes (TypeScript makes a class declare its fields): a field first assigned in a
     * method leaves instances built without it, so the same class yields several hidden classes.
     */
    function checkClass(classNode: ClassNode): void {
      const declared = declaredFields(classNode, 0);
      if (!declared) return;
      const constructor = constructorOf(classNode);
      const reported = new Set<string>();
      for (const member of classNode.body.body) {
        if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
        if (member.static || member === constructor) continue;
        let body: TSESTree.Node | null = null;
        if (member.type === AST_NODE_TYPES.MethodDefinition) body = member.value.body ?? null;
        else if (member.value && isFunction(member.value)) body = member.value.body;
        if (!body) continue;
        const method = getStaticKey(member) ?? 'method';
        for (const assignment of thisAssignments(body, true)) {
          const field = getStaticKey(assignment.left as TSESTree.MemberExpression);
          if (field === null || declared.has(field) || reported.has(field)) continue;
          reported.add(field);
          const edits = declareEdits(classNode, constructor, field);
          context.report({
            node: assignment.left,
            messageId: 'lateField',
            data: { field, method, measured: MEASURED_LATE },
            suggest: edits ? [{ messageId: 'lateFieldFixDeclare', data: { field }, fix: toFix(edits) }] : [],
          });
        }
      }
    }

    /**
     * Fields every instance gets while it is built: class fields, `this.x =` in the constructor and
     * in the methods it calls, and the superclass's when it is in this file. Null when the
     * superclass is elsewhere (its constructor may declare anything).
     */
    function declaredFields(classNode: ClassNode, depth: number): Set<string> | null {
      const fields = new Set<string>();
      if (classNode.superClass) {
        const parent = depth < 4 ? classInFile(classNode.superClass) : null;
        const inherited = parent ? declaredFields(parent, depth + 1) : null;
        if (!inherited) return null;
        for (const field of inherited) fields.add(field);
      }
      for (const member of classNode.body.body) {
        if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static) {
          const key = getStaticKey(member);
          if (key !== null) fields.add(key);
        }
        // Accessors and methods are on the prototype: assigning through a setter adds no field.
        if (member.type === AST_NODE_TYPES.MethodDefinition && !member.static && member.kind === 'set') {
          const key = getStaticKey(member);
          if (key !== null) fields.add(key);
        }
      }
      const constructor = constructorOf(classNode);
      if (!constructor?.value.body) return fields;
      const methods = new Map<string, TSESTree.BlockStatement>();
      for (const member of classNode.body.body) {
        if (member.type === AST_NODE_TYPES.MethodDefinition && !member.static && member.kind === 'method' && member.value.body) {
          const key = getStaticKey(member);
          if (key !== null) methods.set(key, member.value.body);
        }
      }
      // The constructor, and what it calls on `this` (`this.reset()`), a few calls deep.
      const pending: TSESTree.Node[] = [constructor.value.body];
      const visited = new Set<TSESTree.Node>();
      while (pending.length > 0) {
        const body = pending.pop()!;
        if (visited.has(body) || visited.size > 16) continue;
        visited.add(body);
        for (const assignment of thisAssignments(body, false)) {
          const key = getStaticKey(assignment.left as TSESTree.MemberExpression);
          if (key !== null) fields.add(key);
        }
        for (const name of thisCalls(body)) {
          const method = methods.get(name);
          if (method) pending.push(method);
        }
        // `Object.assign(this, options)` or `Object.defineProperty(this, ...)`: fields we cannot list.
        if (assignsUnknownFields(body)) return null;
      }
      return fields;
    }

    function classInFile(node: TSESTree.Node): ClassNode | null {
      const inner = unwrapExpression(node);
      if (inner.type === AST_NODE_TYPES.ClassExpression) return inner;
      if (inner.type !== AST_NODE_TYPES.Identifier) return null;
      const def = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0];
      if (def?.type === 'ClassName') return def.node as ClassNode;
      if (def?.type === 'Variable' && def.node.init?.type === AST_NODE_TYPES.ClassExpression) return def.node.init;
      return null;
    }

    /** `this.x = ...` (and `this.x ??= ...`) in a body, through arrows (same `this`) when asked. */
    function thisAssignments(body: TSESTree.Node, throughArrows: boolean): TSESTree.AssignmentExpression[] {
      const found: TSESTree.AssignmentExpression[] = [];
      walk(body, (node) => {
        if (isFunction(node) && (node.type !== AST_NODE_TYPES.ArrowFunctionExpression || !throughArrows)) return false;
        if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return false;
        if (
          node.type === AST_NODE_TYPES.AssignmentExpression &&
          node.left.type === AST_NODE_TYPES.MemberExpression &&
          node.left.object.type === AST_NODE_TYPES.ThisExpression &&
          !node.left.computed &&
          node.left.property.type === AST_NODE_TYPES.Identifier
        ) {
          found.push(node);
        }
        return true;
      });
      return found;
    }

    function thisCalls(body: TSESTree.Node): string[] {
      const names: string[] = [];
      walk(body, (node) => {
        if (isFunction(node) && node.type !== AST_NODE_TYPES.ArrowFunctionExpression) return false;
        if (
          node.type === AST_NODE_TYPES.CallExpression &&
          node.callee.type === AST_NODE_TYPES.MemberExpression &&
          node.callee.object.type === AST_NODE_TYPES.ThisExpression
        ) {
          const name = getStaticKey(node.callee);
          if (name !== null) names.push(name);
        }
        return true;
      });
      return names;
    }

    function assignsUnknownFields(body: TSESTree.Node): boolean {
      let unknown = false;
      walk(body, (node) => {
        if (unknown || (isFunction(node) && node.type !== AST_NODE_TYPES.ArrowFunctionExpression)) return false;
        if (
          node.type === AST_NODE_TYPES.CallExpression &&
          node.callee.type === AST_NODE_TYPES.MemberExpression &&
          node.callee.object.type === AST_NODE_TYPES.Identifier &&
          node.callee.object.name === 'Object' &&
          node.arguments[0]?.type === AST_NODE_TYPES.ThisExpression
        ) {
          unknown = true;
        }
        if (node.type === AST_NODE_TYPES.MemberExpression && node.computed && node.object.type === AST_NODE_TYPES.ThisExpression) {
          const parent = node.parent;
          if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) unknown = true;
        }
        return true;
      });
      return unknown;
    }

    /** `this.field = undefined;` first in the constructor (after `super()`), or a new constructor. */
    function declareEdits(classNode: ClassNode, constructor: TSESTree.MethodDefinition | null, field: string): Edit[] | null {
      const statement = `this.${field} = undefined;`;
      if (constructor?.value.body) {
        const body = constructor.value.body;
        // `this` exists only after super(): insert after it, and give up when it is not a plain statement.
        const superCall = body.body.find(isSuperCall) ?? null;
        if (classNode.superClass && !superCall) return null;
        const at = superCall ? superCall.range[1] : body.range[0] + 1;
        if (body.loc.start.line === body.loc.end.line) return [{ range: [at, at], text: ` ${statement}` }];
        const first = body.body[0];
        const inner = first ? indentOf(first) : `${indentOf(constructor)}  `;
        return [{ range: [at, at], text: `\n${inner}${statement}` }];
      }
      const open = sourceCode.getFirstToken(classNode.body)!;
      const memberIndent = classNode.body.body[0] ? indentOf(classNode.body.body[0]) : `${indentOf(classNode)}  `;
      const text = classNode.superClass
        ? `constructor(...args) {\n${memberIndent}  super(...args);\n${memberIndent}  ${statement}\n${memberIndent}}`
        : `constructor() {\n${memberIndent}  ${statement}\n${memberIndent}}`;
      return [{ range: [open.range[1], open.range[1]], text: `\n${memberIndent}${text}\n` }];
    }

    function indentOf(node: TSESTree.Node): string {
      return /^\s*/.exec(sourceCode.lines[node.loc.start.line - 1] ?? '')?.[0] ?? '';
    }
  },
});

/** `any`, `unknown`, `object`: an annotation that says nothing about the object's fields. */
function isOpaqueType(type: TSESTree.TypeNode): boolean {
  if (type.type === AST_NODE_TYPES.TSUnionType) return type.types.some(isOpaqueType);
  return type.type === AST_NODE_TYPES.TSAnyKeyword || type.type === AST_NODE_TYPES.TSUnknownKeyword || type.type === AST_NODE_TYPES.TSObjectKeyword;
}

function constructorOf(classNode: ClassNode): TSESTree.MethodDefinition | null {
  for (const member of classNode.body.body) {
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') return member;
  }
  return null;
}

function isSuperCall(statement: TSESTree.Statement): boolean {
  return (
    statement.type === AST_NODE_TYPES.ExpressionStatement &&
    statement.expression.type === AST_NODE_TYPES.CallExpression &&
    statement.expression.callee.type === AST_NODE_TYPES.Super
  );
}

function isFunction(node: TSESTree.Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** Depth-first walk of one class member's subtree; `visit` returns false to skip a node's children. */
function walk(node: TSESTree.Node, visit: (node: TSESTree.Node) => boolean): void {
  if (!visit(node)) return;
  // for...in, not Object.entries: no array of [key, value] pairs for every node walked (6 MB of garbage
  // in a strict lint of uptime-kuma, the most of any function in the plugin). A syntax node is a plain
  // object, so both see the same keys in the same order.
  for (const key in node) {
    if (key === 'parent') continue;
    const value: unknown = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item.type === 'string') walk(item as TSESTree.Node, visit);
    } else if (value && typeof value === 'object' && typeof (value as TSESTree.Node).type === 'string') {
      walk(value as TSESTree.Node, visit);
    }
  }
}
