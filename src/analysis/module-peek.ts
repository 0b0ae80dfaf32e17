import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import type { Catalog } from './catalog';
import { getStaticKey } from './ast';
import { createOriginResolver, defaultOf, type Origin } from './origin';

/**
 * A look into the user's own modules: `import { prisma } from '../lib/db'`, a NestJS
 * `PrismaService` that extends PrismaClient in `./prisma.service`, a model class that extends a
 * library base class in `./models/user`. The imported file is read once per process (per catalog,
 * path and modification time), parsed only when its text can hold the answer, and then without the
 * function and class bodies no export depends on; its export is resolved there with the same
 * origin resolution, syntax only, and remembered. Answers from another file carry no construction
 * node (it belongs to another tree).
 */

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const MAX_BYTES = 512 * 1024;
/** How many files deep one lookup may go (`User` -> `ParanoidModel` -> `IdModel` -> library). */
const MAX_HOPS = 6;

interface ParsedModule {
  resolveExport: (name: string) => Origin | null;
}

const inProgress = new Set<string>();

/** The `peek` option of `createOriginResolver` for a file at `filename`. */
export function createModulePeek(
  filename: string,
  catalog: Catalog,
  hops = 0,
): ((specifier: string, name: string) => Origin | null) | undefined {
  if (!path.isAbsolute(filename) || hops >= MAX_HOPS) return undefined;
  const directory = path.dirname(filename);
  return (specifier, name) => {
    const base = specifier.startsWith('.') ? path.resolve(directory, specifier) : aliasTarget(directory, specifier);
    const file = base === null ? null : resolveFile(base);
    if (!file || inProgress.has(file)) return null;
    inProgress.add(file);
    try {
      return lookup(file, name, catalog, hops + 1);
    } finally {
      inProgress.delete(file);
    }
  };
}

interface Aliases {
  /** `@/*` -> [`/abs/src/*`]: tsconfig `paths`, resolved against `baseUrl` or the tsconfig's folder. */
  paths: { prefix: string; suffix: string; targets: string[] }[];
  /** Where a text names one of the aliases as a specifier (`'@server/`), or null when none maps. */
  mention: RegExp | null;
}

const aliasesByDirectory = new Map<string, Aliases | null>();

/** Whether `text` names a specifier of a path alias that applies to the file (`'@/lib/db'`, `"@server/models"`). */
export function mentionsAlias(filename: string, text: string): boolean {
  if (!path.isAbsolute(filename)) return false;
  return aliasesFor(path.dirname(filename))?.mention?.test(text) ?? false;
}

/** A non-relative specifier mapped through the nearest tsconfig's `paths` (`@/lib/db` -> src/lib/db). */
function aliasTarget(directory: string, specifier: string): string | null {
  const aliases = aliasesFor(directory);
  for (const alias of aliases?.paths ?? []) {
    if (!specifier.startsWith(alias.prefix) || !specifier.endsWith(alias.suffix)) continue;
    const middle = specifier.slice(alias.prefix.length, specifier.length - alias.suffix.length);
    for (const target of alias.targets) {
      const candidate = target.replace('*', middle);
      if (resolveFile(candidate)) return candidate;
    }
  }
  return null;
}

function aliasesFor(directory: string): Aliases | null {
  if (aliasesByDirectory.has(directory)) return aliasesByDirectory.get(directory)!;
  let found: Aliases | null = null;
  const config = path.join(directory, 'tsconfig.json');
  const jsconfig = path.join(directory, 'jsconfig.json');
  const file = existsSync(config) ? config : existsSync(jsconfig) ? jsconfig : null;
  if (file) found = readAliases(file, 0);
  else {
    const parent = path.dirname(directory);
    found = parent !== directory && !directory.endsWith(`${path.sep}node_modules`) ? aliasesFor(parent) : null;
  }
  aliasesByDirectory.set(directory, found);
  return found;
}

function readAliases(file: string, depth: number): Aliases | null {
  let config: { extends?: unknown; compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } };
  try {
    // tsconfig is JSON with comments and trailing commas.
    const text = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\/|("(?:\\.|[^"\\])*")|\/\/[^\n]*/g, (match, string: string | undefined) => string ?? '')
      .replace(/,(\s*[}\]])/g, '$1');
    config = JSON.parse(text) as typeof config;
  } catch {
    return null;
  }
  const options = config.compilerOptions;
  if (!options?.paths) {
    // `extends: "./tsconfig.base.json"`: follow a relative parent config one step at a time.
    if (typeof config.extends === 'string' && config.extends.startsWith('.') && depth < 3) {
      const parent = path.resolve(path.dirname(file), config.extends);
      return readAliases(parent.endsWith('.json') ? parent : `${parent}.json`, depth + 1);
    }
    return null;
  }
  const root = path.resolve(path.dirname(file), options.baseUrl ?? '.');
  const paths = Object.entries(options.paths).flatMap(([pattern, targets]) => {
    const star = pattern.indexOf('*');
    const prefix = star === -1 ? pattern : pattern.slice(0, star);
    const suffix = star === -1 ? '' : pattern.slice(star + 1);
    return star === -1 && pattern.includes('*') ? [] : [{ prefix, suffix, targets: targets.map((target) => path.resolve(root, target)) }];
  });
  const prefixes = paths.map((alias) => alias.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).filter((prefix) => prefix.length > 0);
  return { paths, mention: prefixes.length > 0 ? new RegExp(`['"](?:${prefixes.join('|')})`) : null };
}

const resolved = new Map<string, string | null>();

function resolveFile(base: string): string | null {
  if (resolved.has(base)) return resolved.get(base)!;
  const file = findFile(base);
  resolved.set(base, file);
  return file;
}

function findFile(base: string): string | null {
  const candidates: string[] = [];
  const extension = path.extname(base);
  if (EXTENSIONS.includes(extension)) {
    candidates.push(base);
    // ESM TypeScript imports name the emitted `.js` file.
    const stem = base.slice(0, -extension.length);
    if (extension === '.js' || extension === '.jsx') candidates.push(`${stem}.ts`, `${stem}.tsx`);
    if (extension === '.mjs') candidates.push(`${stem}.mts`);
    if (extension === '.cjs') candidates.push(`${stem}.cts`);
  }
  for (const ext of EXTENSIONS) candidates.push(`${base}${ext}`);
  for (const ext of EXTENSIONS) candidates.push(path.join(base, `index${ext}`));
  for (const candidate of candidates) {
    try {
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    } catch {
      // unreadable: treat as absent
    }
  }
  return null;
}

interface LoadedModule {
  file: string;
  mtimeMs: number;
  /** The module's text; like the trees, kept only while the module is among the recent ones. */
  text?: string;
  /**
   * The depth at which the module was first asked for an export that its text can hold: its own
   * imports are followed from there, as they were when its tree was kept for the whole run.
   */
  hops?: number;
  /** TypeScript's syntax tree of the text; kept only while the module is among the recent ones. */
  syntax?: ts.SourceFile;
  /** ESTree and scopes of the skeleton; kept only while the module is among the recent ones. */
  parsed?: ParsedModule | null;
  /** Whether the text names a catalog library, asked for every export of the module. */
  namesLibrary?: boolean;
  /** Whether the text re-exports from another module (a barrel), asked for every export. */
  reExports?: boolean;
  /** Whether the text assigns CommonJS exports, asked for every export it does not declare. */
  assignsExports?: boolean;
  /** Each export's answer: a module is asked for the same export from many files. */
  answers: Map<string, Origin | null>;
}

/** Per catalog (a rule's `clients` option makes another), per file. */
const loadedByCatalog = new WeakMap<Catalog, Map<string, LoadedModule | null>>();

function lookup(file: string, name: string, catalog: Catalog, hops: number): Origin | null {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return null;
  }
  let loaded = loadedByCatalog.get(catalog);
  if (!loaded) loadedByCatalog.set(catalog, (loaded = new Map()));
  let module = loaded.get(file);
  if (module === undefined || (module !== null && module.mtimeMs !== stat.mtimeMs)) {
    if (module) forget(module);
    module = stat.size > MAX_BYTES ? null : { file, mtimeMs: stat.mtimeMs, answers: new Map() };
    loaded.set(file, module);
  }
  if (!module) return null;
  const known = module.answers.get(name);
  if (known !== undefined) return known;
  const text = textOf(module);
  if (text === null) return null;
  let answer: Origin | null = null;
  if (exportMayHoldClient(module, text, name, catalog)) {
    module.hops ??= hops;
    const bySyntax = answerBySyntax(module, text, name, catalog);
    answer = bySyntax !== undefined ? bySyntax : answerByParse(module, text, name, catalog);
  }
  // Answers from another file carry no construction node, so none keeps a tree alive.
  answer = answer?.kind === 'instance' ? { ...answer, construction: null, member: undefined } : answer;
  module.answers.set(name, answer);
  return answer;
}

/**
 * Texts and trees are the memory of a peek, and a module is asked for a new export rarely after its
 * first few: only the most recently used modules keep theirs, and an older one is read again if
 * asked. What a module's answers and text facts take stays for the whole lint; its text does not, so
 * that what the lint keeps does not grow with the number of modules a project has (every megabyte
 * kept raises the heap V8 lets grow between full collections by several).
 */
const RECENT_MODULES = 8;
const recent = new Set<LoadedModule>();

function touch(module: LoadedModule): void {
  recent.delete(module);
  recent.add(module);
  if (recent.size <= RECENT_MODULES) return;
  const oldest = recent.values().next().value as LoadedModule;
  forget(oldest);
}

function forget(module: LoadedModule): void {
  recent.delete(module);
  module.text = undefined;
  module.syntax = undefined;
  module.parsed = undefined;
}

/** The module's text, read again if it was forgotten; null when the file can no longer be read. */
function textOf(module: LoadedModule): string | null {
  if (module.text === undefined) {
    try {
      module.text = readFileSync(module.file, 'utf8');
    } catch {
      return null;
    }
  }
  touch(module);
  return module.text;
}

function answerByParse(module: LoadedModule, text: string, name: string, catalog: Catalog): Origin | null {
  if (module.parsed === undefined) {
    try {
      module.parsed = parse(module, text, catalog);
    } catch {
      module.parsed = null; // a file that does not parse resolves nothing
    }
  }
  touch(module);
  return module.parsed ? module.parsed.resolveExport(name) : null;
}

/** `text` is the module's text as its caller read it: a peek it made meanwhile may have forgotten it. */
function syntaxOf(module: LoadedModule, text: string): ts.SourceFile {
  if (module.syntax) return module.syntax;
  const parts = getParserParts();
  const ts = parts.ts;
  module.syntax = ts.createSourceFile(
    module.file,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    parts.getScriptKind(module.file, /\.[jt]sx$/.test(module.file)),
  );
  touch(module);
  return module.syntax;
}

function hasParseErrors(source: ts.SourceFile): boolean {
  return ((source as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length ?? 0) > 0;
}

/** The answer is decided elsewhere: parse the module into ESTree and scopes and ask there. */
const UNDECIDED = undefined;

/**
 * The export's answer read from TypeScript's syntax tree alone, for the shapes that make up most
 * peeks: a class whose `extends` names an import (`export default User` where `class User extends
 * ParanoidModel`), a re-export (`export { default as User } from './User'`, `export * from`), and a
 * function (`export const sendMail = async () => ...`), which has no origin. It reads the module's
 * statements in the order the parsed lookup does and gives what the origin resolution would give
 * there; any other shape, a name declared twice, or a syntax error leaves the answer undecided
 * (undefined) for that lookup. Converting to ESTree and analysing scopes were two thirds of a peek.
 */
function answerBySyntax(module: LoadedModule, text: string, name: string, catalog: Catalog): Origin | null | undefined {
  const ts = getParserParts().ts;
  const source = syntaxOf(module, text);
  if (hasParseErrors(source)) return UNDECIDED;
  const peekHere = createModulePeek(module.file, catalog, module.hops);
  const declarations = declarationsOf(ts, source);
  const has = (node: ts.Node, kind: ts.SyntaxKind) => ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false);

  /** An identifier's binding at module scope, as `resolve(identifier)` gives it. */
  function local(id: string, depth: number): Origin | null | undefined {
    const found = declarations.get(id);
    if (found === undefined) {
      // No declaration: a global, which origin resolution looks up in the catalog.
      return catalog.byGlobal.has(id) || declarations.ambient ? UNDECIDED : null;
    }
    if (found.length !== 1 || depth > 3) return UNDECIDED;
    const node = found[0]!;
    if (ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isImportSpecifier(node)) return imported(node);
    if (ts.isClassDeclaration(node)) return ofClass(node, depth);
    if (ts.isFunctionDeclaration(node)) return null;
    if (ts.isVariableDeclaration(node)) return isFunctionValue(node.initializer) ? null : UNDECIDED;
    return UNDECIDED;
  }

  function imported(node: ts.ImportClause | ts.NamespaceImport | ts.ImportSpecifier): Origin | null | undefined {
    const declaration = declarations.imports.get(node);
    if (!declaration || !ts.isStringLiteral(declaration.moduleSpecifier)) return UNDECIDED;
    const specifier = declaration.moduleSpecifier.text;
    const importedName = ts.isImportClause(node) ? 'default' : ts.isNamespaceImport(node) ? '*' : (node.propertyName ?? node.name).text;
    const entry = catalog.bySource.get(specifier);
    if (!entry) return peekHere ? peekHere(specifier, importedName) : null;
    if (importedName === '*') return { kind: 'module', entry, path: [] };
    return importedName === 'default' ? defaultOf(entry) : { kind: 'module', entry, path: [importedName] };
  }

  /** `class X extends Base`: the class is the library's class when Base is one (origin's resolveClass). */
  function ofClass(node: ts.ClassDeclaration, depth: number): Origin | null | undefined {
    const heritage = node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
    const superClass = heritage?.types[0]?.expression;
    if (!superClass) return null;
    if (!ts.isIdentifier(superClass)) return UNDECIDED;
    // The class's own name and type parameters are bound inside it, before module scope.
    if (node.name?.text === superClass.text || node.typeParameters?.some((parameter) => parameter.name.text === superClass.text)) {
      return UNDECIDED;
    }
    const base = local(superClass.text, depth + 1);
    if (base === UNDECIDED) return UNDECIDED;
    if (base?.kind !== 'module' || base.path.length !== 1) return null;
    const className = base.path[0]!;
    return base.entry.constructors?.[className] || base.entry.statics?.[className] ? base : null;
  }

  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const from = statement.moduleSpecifier;
      if (from !== undefined && !ts.isStringLiteral(from)) return UNDECIDED;
      const clause = statement.exportClause;
      if (!clause) {
        // `export * from './x'`: followed for every name but the default.
        if (name === 'default' || !from) continue;
        const found = peekHere ? peekHere(from.text, name) : null;
        if (found) return found;
        continue;
      }
      if (ts.isNamespaceExport(clause)) continue; // `export * as ns from`: never followed
      for (const element of clause.elements) {
        if (element.name.text !== name) continue;
        const localName = (element.propertyName ?? element.name).text;
        if (from) return peekHere ? peekHere(from.text, localName) : null;
        return ts.isIdentifier(element.propertyName ?? element.name) ? local(localName, 0) : null;
      }
      continue;
    }
    if (ts.isExportAssignment(statement)) {
      if (statement.isExportEquals || name !== 'default') continue;
      return ts.isIdentifier(statement.expression) ? local(statement.expression.text, 0) : UNDECIDED;
    }
    if (ts.isExpressionStatement(statement)) {
      // `module.exports = ...`, `exports.x = ...`: CommonJS, read by the parsed lookup.
      const expression = withoutParentheses(ts, statement.expression);
      if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = withoutParentheses(ts, expression.left);
        if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) return UNDECIDED;
      }
      continue;
    }
    if (!has(statement, ts.SyntaxKind.ExportKeyword)) continue;
    const isDefault = has(statement, ts.SyntaxKind.DefaultKeyword);
    if (ts.isClassDeclaration(statement)) {
      if (isDefault ? name !== 'default' : statement.name?.text !== name) continue;
      if (!statement.name) return null;
      return local(statement.name.text, 0);
    }
    if (ts.isFunctionDeclaration(statement)) {
      if (isDefault && name === 'default') return null;
      continue;
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name) {
          return isFunctionValue(declaration.initializer) ? null : UNDECIDED;
        }
      }
      continue;
    }
    if (isDefault) return UNDECIDED;
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) {
      continue;
    }
    return UNDECIDED;
  }
  return null;

  function isFunctionValue(node: ts.Expression | undefined): boolean {
    return node !== undefined && (ts.isArrowFunction(node) || ts.isFunctionExpression(node));
  }
}

type Declarations = Map<string, ts.Node[]> & {
  ambient?: boolean;
  /** The declaration of each import binding (the tree is made without parent links). */
  imports: Map<ts.Node, ts.ImportDeclaration>;
};

function withoutParentheses(ts: ParserParts['ts'], node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

const declarationsBySource = new WeakMap<ts.SourceFile, Declarations>();

/** `topLevelDeclarations` once per tree: a barrel is read for every name it is asked for. */
function declarationsOf(ts: ParserParts['ts'], source: ts.SourceFile): Declarations {
  let found = declarationsBySource.get(source);
  if (!found) declarationsBySource.set(source, (found = topLevelDeclarations(ts, source)));
  return found;
}

/**
 * Every name bound at module scope and what binds it: imports, declarations, and `var`s hoisted out
 * of top-level blocks. `ambient` when a `declare global`/namespace could bind names besides.
 */
function topLevelDeclarations(ts: ParserParts['ts'], source: ts.SourceFile): Declarations {
  const found: Declarations = Object.assign(new Map<string, ts.Node[]>(), { imports: new Map<ts.Node, ts.ImportDeclaration>() });
  const add = (name: string, node: ts.Node) => {
    const list = found.get(name);
    if (list) list.push(node);
    else found.set(name, [node]);
  };
  const addBinding = (name: ts.BindingName, node: ts.Node) => {
    if (ts.isIdentifier(name)) add(name.text, node);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name, node);
  };
  const hoisted = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.BlockScoped) === 0) {
      for (const declaration of node.declarations) addBinding(declaration.name, declaration);
    }
    ts.forEachChild(node, hoisted);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const bind = (name: string, node: ts.Node) => {
        add(name, node);
        found.imports.set(node, statement);
      };
      if (clause?.name) bind(clause.name.text, clause);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) bind(bindings.name.text, bindings);
      else if (bindings) for (const element of bindings.elements) bind(element.name.text, element);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addBinding(declaration.name, declaration);
    } else if (
      ts.isClassDeclaration(statement) ||
      ts.isFunctionDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isEnumDeclaration(statement) ||
      ts.isImportEqualsDeclaration(statement)
    ) {
      if (statement.name) add(statement.name.text, statement);
    } else if (ts.isModuleDeclaration(statement)) {
      found.ambient = true;
      if (ts.isIdentifier(statement.name)) add(statement.name.text, statement);
    } else {
      ts.forEachChild(statement, hoisted);
    }
  }
  return found;
}

const catalogWords = new WeakMap<Catalog, { sources: string[]; classes: Set<string> }>();

/**
 * Parsing is the cost of a peek, so a module is parsed only when its text can hold the answer for
 * `name`: a re-export, a class that extends a library class or a class imported from the project,
 * or a binding in a module that names a library. Service classes, DTOs and helpers are skipped
 * unparsed (measured: on a 680-file NestJS code base, parsing every imported module doubled the lint
 * time).
 */
function exportMayHoldClient(module: LoadedModule, text: string, name: string, catalog: Catalog): boolean {
  let words = catalogWords.get(catalog);
  if (!words) {
    const classes = new Set<string>();
    for (const entry of catalog.entries) {
      for (const key of [...Object.keys(entry.constructors ?? {}), ...Object.keys(entry.statics ?? {})]) classes.add(key);
    }
    words = {
      sources: catalog.entries.flatMap((entry) => [...entry.sources, ...(entry.injections?.sources ?? [])]).map((source) => `'${source}'`),
      classes,
    };
    catalogWords.set(catalog, words);
  }
  const sources = words.sources;
  const namesLibrary = () => (module.namesLibrary ??= namesAny(text, sources));
  // A module is asked for many names (a barrel's every `export *` source is asked for each name the
  // barrel is asked for): what depends on the text alone is found once per module.
  if ((module.reExports ??= /export\s*(?:\*|\{[^}]*\})\s*from\s*['"]/.test(text))) return true; // a barrel: follow it
  if (name !== 'default') {
    const declared = declarationOf(text, name);
    if (!declared) return (module.assignsExports ??= /module\.exports|exports\./.test(text)) && namesLibrary();
    if (declared[1] === 'class') {
      // A class is a client only through what it extends.
      const superClass = /\bextends\s+([\w$]+)/.exec(declared[2] ?? '')?.[1];
      return superClass !== undefined && (words.classes.has(superClass) || importedFromProject(text, superClass));
    }
    return namesLibrary();
  } else if (!/export\s+default|module\.exports\s*=/.test(text) || defaultIsObjectLiteral(text)) {
    return false;
  }
  return namesLibrary() || /\bextends\s+[\w$]+/.test(text);
}

/**
 * The first `(class|const|let|var)\s+name\b([^{=;]*)` in the text. That regex has no literal to
 * look for first and was most of the text test's time on large modules; the name is searched for
 * instead, and the regex tried only where a keyword and spaces end right before it.
 */
function declarationOf(text: string, name: string): RegExpExecArray | null {
  let at: RegExp | undefined;
  for (let index = text.indexOf(name, 1); index !== -1; index = text.indexOf(name, index + 1)) {
    let start = index;
    while (start > 0 && isSpace(text.charCodeAt(start - 1))) start--;
    if (start === index) continue;
    for (const keyword of DECLARATION_KEYWORDS) {
      if (!text.startsWith(keyword, start - keyword.length)) continue;
      // `*` for a namespace import (`import * as api from './api'`): every metacharacter must be escaped.
      at ??= new RegExp(`(class|const|let|var)\\s+${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b([^{=;]*)`, 'y');
      at.lastIndex = start - keyword.length;
      const found = at.exec(text);
      if (found) return found;
    }
  }
  return null;
}

const DECLARATION_KEYWORDS = ['class', 'const', 'let', 'var'];

/** `/\s/.test(character)` for the character at a code unit, without making the one-character string. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * `module.exports = { a, b }` is the only way the module gives a default: an expression that starts
 * with an object literal has no origin (a destructured `require` is followed only into a library's
 * namespace), so the CommonJS modules that export their functions this way are not parsed for it.
 * Every other spelling of a default (`export default`, `as default`, `exports.default`, `exports[`,
 * `module.exports = x`) is, and so is a text with unicode escapes, which can spell any of them.
 */
function defaultIsObjectLiteral(text: string): boolean {
  return (
    !text.includes('\\u') &&
    !/export\s+default\b|\bas\s+['"]?default\b|\bexports\s*(?:\.\s*default\b|\[)|module\.exports\s*=(?!=|\s*\{)/.test(text)
  );
}

function namesAny(text: string, sources: string[]): boolean {
  const quoted = text.replaceAll('"', "'").replaceAll('`', "'");
  return sources.some((source) => quoted.includes(source));
}

/** `import { Base } from './base'` or from an alias such as `@/models`: a class of the project. */
function importedFromProject(text: string, name: string): boolean {
  const pattern = new RegExp(`\\b${name.replace(/[$]/g, '\\$')}\\b[^;]*?(?:from\\s*|require\\(\\s*)['"]([^'"]+)['"]`);
  const source = pattern.exec(text)?.[1];
  return source !== undefined && (source.startsWith('.') || source.startsWith('@/') || source.startsWith('~/') || /^@[\w-]+\//.test(source));
}

interface ParserParts {
  ts: typeof ts;
  getScriptKind(file: string, jsx: boolean): ts.ScriptKind;
  parse(code: string, options: object): TSESTree.Program;
  analyze(tree: TSESTree.Node, options: { sourceType: 'module' }): TSESLint.Scope.ScopeManager;
  visitorKeys: Record<string, readonly string[]>;
  SourceCode: new (config: object) => TSESLint.SourceCode;
}

let parserParts: ParserParts | undefined;

/**
 * The parser's own typescript-estree and scope-manager, so a peek reads a module exactly as the
 * parser would. `parseForESLint` always converts tokens and comments, which a peek never reads:
 * without them a module parses in half the time (measured on Outline's Sequelize models).
 */
function getParserParts(): ParserParts {
  if (parserParts) return parserParts;
  const fromParser = createRequire(require.resolve('@typescript-eslint/parser'));
  const estreePath = fromParser.resolve('@typescript-eslint/typescript-estree');
  const estree = fromParser(estreePath) as Pick<ParserParts, 'parse' | 'getScriptKind'>;
  /* eslint-disable @typescript-eslint/no-require-imports -- eslint is a peer dependency and is loaded whenever rules run */
  parserParts = {
    ts: createRequire(estreePath)('typescript') as typeof ts,
    getScriptKind: estree.getScriptKind,
    parse: estree.parse,
    analyze: (fromParser('@typescript-eslint/scope-manager') as Pick<ParserParts, 'analyze'>).analyze,
    visitorKeys: (fromParser('@typescript-eslint/visitor-keys') as Pick<ParserParts, 'visitorKeys'>).visitorKeys,
    SourceCode: (require('eslint') as Pick<ParserParts, 'SourceCode'>).SourceCode,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return parserParts;
}

function parse(module: LoadedModule, moduleText: string, catalog: Catalog): ParsedModule {
  const parts = getParserParts();
  const { file, hops = 0 } = module;
  const jsx = /\.[jt]sx$/.test(file);
  const text = skeleton(parts, syntaxOf(module, moduleText), moduleText);
  // The options parseForESLint gives typescript-estree and scope-manager, less tokens and comments.
  const program = parts.parse(text, {
    filePath: file,
    jsx,
    range: true,
    loc: true,
    tokens: false,
    comment: false,
    errorOnTypeScriptSyntacticAndSemanticIssues: false,
  });
  program.sourceType = 'module';
  // Only scopes are read from this SourceCode (origin resolution): it has no tokens to give.
  program.tokens = [];
  program.comments = [];
  const scopeManager = parts.analyze(program, { sourceType: 'module' });
  setParents(program, parts.visitorKeys);
  const sourceCode = new parts.SourceCode({
    text,
    ast: program,
    scopeManager,
    visitorKeys: parts.visitorKeys,
  });
  const resolver = createOriginResolver(sourceCode, catalog, { peek: createModulePeek(file, catalog, hops) });
  const peekHere = createModulePeek(file, catalog, hops);
  const memo = new Map<string, Origin | null>();

  function resolveExport(name: string): Origin | null {
    if (memo.has(name)) return memo.get(name)!;
    memo.set(name, null);
    const found = find(name);
    memo.set(name, found);
    return found;
  }

  function find(name: string): Origin | null {
    for (const statement of program.body) {
      if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === 'default') {
        const declaration = statement.declaration;
        if (declaration.type === AST_NODE_TYPES.ClassDeclaration || declaration.type === AST_NODE_TYPES.FunctionDeclaration) {
          return declaration.id ? resolver.resolve(declaration.id) : null;
        }
        return resolver.resolve(declaration);
      }
      if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
        const found = fromNamedExport(statement, name);
        if (found !== undefined) return found;
      }
      if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && !statement.exported && name !== 'default' && peekHere) {
        const found = peekHere(statement.source.value, name);
        if (found) return found;
      }
      if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
        const found = fromCommonJs(statement.expression, name);
        if (found !== undefined) return found;
      }
    }
    return null;
  }

  /** undefined when the statement does not export `name`. */
  function fromNamedExport(statement: TSESTree.ExportNamedDeclaration, name: string): Origin | null | undefined {
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name) return resolver.resolve(declarator.id);
      }
    } else if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.id?.name === name) {
      return resolver.resolve(declaration.id);
    }
    for (const specifier of statement.specifiers) {
      const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
      if (exported !== name) continue;
      const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : specifier.local.value;
      if (statement.source) return peekHere ? peekHere(statement.source.value, local) : null;
      return specifier.local.type === AST_NODE_TYPES.Identifier ? resolver.resolve(specifier.local) : null;
    }
    return undefined;
  }

  /** `module.exports = x`, `module.exports.name = x`, `exports.name = x`, `module.exports = { name }`. */
  function fromCommonJs(expression: TSESTree.Expression, name: string): Origin | null | undefined {
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return undefined;
    const left = expression.left;
    if (left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const isModuleExports = (node: TSESTree.Node) =>
      node.type === AST_NODE_TYPES.MemberExpression &&
      node.object.type === AST_NODE_TYPES.Identifier &&
      node.object.name === 'module' &&
      getStaticKey(node) === 'exports';
    if (isModuleExports(left)) {
      if (name === 'default') return resolver.resolve(expression.right);
      if (expression.right.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of expression.right.properties) {
          if (property.type === AST_NODE_TYPES.Property && getStaticKey(property) === name) return resolver.resolve(property.value);
        }
      }
      return undefined;
    }
    const holder = left.object;
    const isExports =
      isModuleExports(holder) || (holder.type === AST_NODE_TYPES.Identifier && holder.name === 'exports');
    return isExports && getStaticKey(left) === name ? resolver.resolve(expression.right) : undefined;
  }

  return { resolveExport };
}

/**
 * The module's text with the bodies of its functions and classes blanked (spaces, lines kept) where
 * no export's origin can depend on them. An export is resolved from module-level statements:
 * bindings, their initialisers and type annotations, super classes, and the write sites of the
 * variables it reads (`let pool; function init() { pool = new Pool(); }`). So a body stays when it
 * may write a variable declared outside it; any other body only costs conversion and scope
 * analysis, which is most of a parse: Outline's Sequelize models are class bodies of hundreds of
 * lines whose exports are decided by their `extends` clauses. TypeScript's own parse of the full
 * text (no ESTree, no scopes) finds the bodies; a text that does not parse cleanly is kept whole.
 */
function skeleton(parts: ParserParts, source: ts.SourceFile, text: string): string {
  const ts = parts.ts;
  if (hasParseErrors(source)) return text;
  const bodies: { node: ts.Node; start: number; end: number }[] = [];
  // Every variable declared outside the bodies, at any depth: the ones a body could write.
  const outside = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node)) bindingNames(ts, node.name, outside);
    const list = ts.isClassLike(node)
      ? node.members
      : ts.isFunctionLike(node) && 'body' in node && node.body && ts.isBlock(node.body)
        ? node.body.statements
        : undefined;
    if (list) {
      if (list.end > list.pos) bodies.push({ node, start: list.pos, end: list.end });
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(source, visit);
  if (bodies.length === 0) return text;
  bodies.sort((a, b) => a.start - b.start);
  // A body that never names an outside variable cannot write one; the syntax walk is for the rest.
  // (`\u0061` spells `a` where no text search sees it.)
  const mentions =
    outside.size === 0 || text.includes('\\u')
      ? null
      : new RegExp(`(?<![\\w$])(?:${[...outside].map((name) => name.replace(/\$/g, '\\$')).join('|')})(?![\\w$])`);
  const chunks: string[] = [];
  let last = 0;
  for (const { node, start, end } of bodies) {
    const body = text.slice(start, end);
    if (outside.size > 0 && (!mentions || mentions.test(body)) && writesAny(ts, node, outside)) continue;
    chunks.push(text.slice(last, start), body.replace(/[^\r\n\u2028\u2029]/g, ' '));
    last = end;
  }
  chunks.push(text.slice(last));
  return chunks.join('');
}

function bindingNames(ts: ParserParts['ts'], name: ts.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) {
    into.add(name.text);
    return;
  }
  for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(ts, element.name, into);
}

/**
 * Whether `root` may write one of `names`: an identifier of that name anywhere in an assignment's
 * target, an increment's operand or a `for…in/of` head that is not a declaration (shadowing
 * ignored, so a local of the same name keeps the body too).
 */
function writesAny(ts: ParserParts['ts'], root: ts.Node, names: ReadonlySet<string>): boolean {
  const named = (node: ts.Node): boolean =>
    (ts.isIdentifier(node) && names.has(node.text)) || ts.forEachChild(node, named) === true;
  const visit = (node: ts.Node): boolean => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      named(node.left)
    ) {
      return true;
    }
    if (
      (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) &&
      named(node.operand)
    ) {
      return true;
    }
    if ((ts.isForInStatement(node) || ts.isForOfStatement(node)) && !ts.isVariableDeclarationList(node.initializer) && named(node.initializer)) {
      return true;
    }
    return ts.forEachChild(node, visit) === true;
  };
  return ts.forEachChild(root, visit) === true;
}

function setParents(root: TSESTree.Node, visitorKeys: Record<string, readonly string[]>): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child && typeof child === 'object' && typeof (child as TSESTree.Node).type === 'string') {
          (child as { parent?: TSESTree.Node }).parent = node;
          stack.push(child as TSESTree.Node);
        }
      }
    }
  }
}
