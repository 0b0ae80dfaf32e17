import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/require-timeout';
import { getCatalog, type Catalog } from '../src/analysis/catalog';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import { catalogOf, mentionsCatalog } from '../src/analysis/codemod-text';
import { someNode, unwrap } from '../src/analysis/codemod-tree';
import type * as TS from 'typescript';

/**
 * add-timeout: gives every outbound call and client that `require-timeout` reports the deadline its
 * suggestion proposes (`signal: AbortSignal.timeout(ms)`, axios `timeout`, got `timeout.request`,
 * exec `timeout`, client deadline keys). Takes the rule's options (`--timeoutMs=<ms>`, default 10000;
 * `--checkTestFiles=true`, `--checkScripts=true`) and `--settings=<json>`.
 */
function hasDeadline(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (!Array.isArray(value) && ('deadline' in value || 'deadlines' in value)) return true;
  return Object.values(value).some(hasDeadline);
}

export const codemod: CodemodRule = {
  name: 'require-timeout',
  rule,
  triggers: getCatalog().triggerWords,
  // Every finding is on a client with a deadline to set that the file imports by a literal specifier
  // or uses as a global (`fetch`): require-timeout follows no import into another module.
  mayChange: (source, context) => mentionsCatalog(source, catalogOf(context), hasDeadline),
  // The rule resolves a call to a client through a value the file holds: a binding a value import
  // of the library makes, a `require()` or `import()` of it, or the global (`fetch`, `window.fetch`)
  // where no local binding of that name hides it. A file that only names the library in types
  // (`import { IncomingMessage } from 'http'`), or whose `fetch` is its own (`props.fetch`, a
  // parameter, a method), has nothing it could report.
  mayChangeTree: (tree, ts, context) => {
    const { sources, globals } = clientNames(catalogOf(context));
    const bound = new Set<string>();
    for (const statement of tree.statements) {
      if (ts.isImportEqualsDeclaration(statement)) {
        const reference = statement.moduleReference;
        if (ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression) && sources.has(reference.expression.text)) return true;
      }
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !sources.has(statement.moduleSpecifier.text)) continue;
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly) continue;
      if (clause.name) bound.add(clause.name.text);
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) bound.add(named.name.text);
      else if (named) for (const element of named.elements) if (!element.isTypeOnly) bound.add(element.name.text);
    }
    return someNode(ts, tree, (node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const loads = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
        const specifier = node.arguments[0];
        return loads && specifier !== undefined && ts.isStringLiteralLike(specifier) && sources.has(specifier.text);
      }
      if (!ts.isIdentifier(node)) return false;
      const isBound = bound.has(node.text);
      if (!isBound && !globals.has(node.text)) return false;
      if (!isValueReference(ts, node, globals)) return false;
      return isBound ? mayLeadToCall(ts, node, catalogOf(context)) : !hiddenGlobal(ts, node);
    });
  },
};

const names = new WeakMap<Catalog, { sources: ReadonlySet<string>; globals: ReadonlySet<string> }>();

/** The specifiers and globals of the catalog's clients that have a deadline to set. */
function clientNames(catalog: Catalog): { sources: ReadonlySet<string>; globals: ReadonlySet<string> } {
  let found = names.get(catalog);
  if (!found) {
    const entries = catalog.entries.filter(hasDeadline);
    found = {
      sources: new Set(entries.flatMap((entry) => [...entry.sources, ...(entry.injections?.sources ?? [])])),
      globals: new Set(entries.flatMap((entry) => entry.globals ?? [])),
    };
    names.set(catalog, found);
  }
  return found;
}

/**
 * Whether a reference to a library's binding can reach a call the rule resolves: not as the class
 * of an `instanceof` (`err instanceof FetchError`), and not through a property no catalog entry
 * names (`http.STATUS_CODES`): the resolver finds no call, construction or instance behind those.
 */
function mayLeadToCall(ts: typeof TS, identifier: TS.Identifier, catalog: Catalog): boolean {
  const parent = identifier.parent;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword && parent.right === identifier) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === identifier) return catalog.memberNames.has(parent.name.text);
  return true;
}

const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);

/**
 * Whether an identifier may read the value of its name: not a property or member name (but
 * `window.fetch` is the global), not a name in a type (but `typeof x` is the value's), not a
 * declaration's own name.
 */
function isValueReference(ts: typeof TS, identifier: TS.Identifier, globals: ReadonlySet<string>): boolean {
  const parent = identifier.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === identifier) {
    const object = unwrap(ts, parent.expression);
    return globals.has(identifier.text) && ts.isIdentifier(object) && GLOBAL_OBJECTS.has(object.text);
  }
  if (
    (ts.isPropertyAssignment(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isMethodSignature(parent) ||
      ts.isGetAccessorDeclaration(parent) ||
      ts.isSetAccessorDeclaration(parent) ||
      ts.isEnumMember(parent) ||
      ts.isJsxAttribute(parent) ||
      ts.isParameter(parent) ||
      ts.isVariableDeclaration(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isClassDeclaration(parent) ||
      ts.isImportClause(parent) ||
      ts.isImportSpecifier(parent) ||
      ts.isNamespaceImport(parent)) &&
    (parent as TS.NamedDeclaration).name === identifier
  ) {
    return false;
  }
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return parent.label !== identifier;
  if (ts.isBindingElement(parent) && (parent.propertyName === identifier || parent.name === identifier)) return false;
  for (let current: TS.Node = parent; !ts.isSourceFile(current); current = current.parent) {
    if (ts.isTypeQueryNode(current)) return true;
    if (ts.isTypeNode(current) && !ts.isExpressionWithTypeArguments(current)) return false;
  }
  return true;
}

/**
 * Whether a local binding certainly hides the global of this name where it is used: a parameter of
 * an enclosing function, or a declaration or import among the statements of an enclosing block or
 * of the module. Other declarations (a `var` in a nested block, a loop's or a catch clause's
 * binding) are not looked for: the global is then taken as used.
 */
function hiddenGlobal(ts: typeof TS, identifier: TS.Identifier): boolean {
  const name = identifier.text;
  for (let current: TS.Node = identifier.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current) && current.parameters.some((parameter) => binds(ts, parameter.name, name))) return true;
    if (ts.isBlock(current) || ts.isSourceFile(current) || ts.isModuleBlock(current)) {
      for (const statement of current.statements) if (declares(ts, statement, name)) return true;
    }
    if (ts.isSourceFile(current)) return false;
  }
  return false;
}

function declares(ts: typeof TS, statement: TS.Statement, name: string): boolean {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.some((declaration) => binds(ts, declaration.name, name));
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) return statement.name?.text === name;
  if (!ts.isImportDeclaration(statement) || !statement.importClause) return false;
  const clause = statement.importClause;
  if (clause.name?.text === name) return true;
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) return named.name.text === name;
  return named?.elements.some((element) => element.name.text === name) ?? false;
}

function binds(ts: typeof TS, pattern: TS.BindingName, name: string): boolean {
  if (ts.isIdentifier(pattern)) return pattern.text === name;
  return pattern.elements.some((element) => !ts.isOmittedExpression(element) && binds(ts, element.name, name));
}

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
