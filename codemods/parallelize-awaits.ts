import type { API, FileInfo, Options } from 'jscodeshift';
import rule from '../rules/prefer-promise-all';
import { readSettings, ruleOptionsFrom, runRuleAsCodemod, type CodemodRule } from '../src/analysis/codemod';
import { catalogOf, GAP } from '../src/analysis/codemod-text';
import { isBlankedCode } from '../src/analysis/code-text';
import type { Catalog, CallSpec } from '../src/analysis/catalog';
import { someNode, statementsOf, unwrap } from '../src/analysis/codemod-tree';
import type * as TS from 'typescript';

const runs = new WeakMap<Catalog, RegExp>();

/**
 * An initialiser awaiting a call named like a read (SPEC's prefixes, or a `read` call of the
 * catalog). Two of them anywhere in the file: the tree test decides whether they are adjacent (a
 * text pattern for "the rest of the first statement" missed reads nested four braces deep).
 */
function readPattern(catalog: Catalog): RegExp {
  let pattern = runs.get(catalog);
  if (pattern) return pattern;
  const names = new Set(['get', 'load', 'fetch', 'find', 'list', 'count', 'read']);
  const addReads = (calls: Record<string, CallSpec> | undefined) => {
    for (const [name, spec] of Object.entries(calls ?? {})) if (spec.read) names.add(name.replace(/[^\w$]/g, ''));
  };
  for (const entry of catalog.entries) {
    addReads(entry.calls);
    for (const instance of Object.values(entry.instances ?? {})) addReads(instance.calls);
  }
  pattern = new RegExp(String.raw`=${GAP}\(*${GAP}await\b[^;]*?(?<![\w$])(?:${[...names].filter(Boolean).join('|')})`, 'g');
  runs.set(catalog, pattern);
  return pattern;
}

function twoReads(source: string, catalog: Catalog): boolean {
  const pattern = readPattern(catalog);
  pattern.lastIndex = 0;
  const found = pattern.test(source) && pattern.test(source);
  pattern.lastIndex = 0;
  return found && adjacentReads(source, pattern);
}

const stickyPatterns = new WeakMap<RegExp, RegExp>();
const PASS = 1;
const FAIL = 0;

/**
 * Whether some awaited read's initialiser is followed, as the very next statement, by a `const` or
 * `let` whose initialiser is an awaited read too: the rule only reports reads in consecutive
 * statements, and most files with two reads have other statements between them. From each `= await
 * read` this follows the rest of its statement by bracket depth to the next statement at the same
 * depth. Brackets can only be counted where they are code: on text whose comments and strings are
 * blanked (`isBlankedCode`), or, on the unblanked text of a file with JSX, where no `/`, `<` or
 * backtick comes first; wherever it cannot tell it answers yes.
 */
function adjacentReads(code: string, pattern: RegExp): boolean {
  const blanked = isBlankedCode(code);
  let found = false;
  pattern.lastIndex = 0;
  // Matches may overlap (`= await f(x = await g())`): each `=` is tried.
  for (let match = pattern.exec(code); match !== null; match = pattern.exec(code)) {
    if (nextIsRead(code, match.index + 1, blanked, pattern) === PASS) {
      found = true;
      break;
    }
    pattern.lastIndex = match.index + 1;
  }
  pattern.lastIndex = 0;
  return found;
}

/** From just after a read's `=`: PASS when the next statement may be another read, FAIL when it cannot. */
function nextIsRead(code: string, from: number, blanked: boolean, pattern: RegExp): number {
  let depth = 0;
  let afterSemicolon = false;
  let lastWord = '';
  for (let i = from; i < code.length; ) {
    const c = code.charCodeAt(i);
    const skipped = opaque(code, i, c, blanked);
    if (skipped === -1) return PASS;
    if (skipped > i) {
      i = skipped;
      continue;
    }
    // After the statement's `;` only the next statement's `const`/`let` may come.
    if (depth === 0 && afterSemicolon && !isSpace(c) && !isWordChar(c)) return FAIL;
    if (isWordChar(c)) {
      let end = i + 1;
      while (end < code.length && isWordChar(code.charCodeAt(end))) end++;
      const word = code.slice(i, end);
      if (depth === 0 && (word === 'const' || word === 'let') && lastWord !== 'as' && code.charCodeAt(i - 1) !== DOT && bindsNext(code, end)) {
        return initialiserIsRead(code, end, blanked, pattern);
      }
      if (depth === 0 && afterSemicolon) return FAIL;
      lastWord = word;
      i = end;
      continue;
    }
    if (c === OPEN_PAREN || c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
    else if (c === CLOSE_PAREN || c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      if (--depth < 0) return FAIL;
    } else if (depth === 0 && c === SEMICOLON) afterSemicolon = true;
    if (!isSpace(c)) lastWord = '';
    i++;
  }
  return FAIL;
}

/** From after `const`/`let`: PASS when the declaration's initialiser is an awaited read. */
function initialiserIsRead(code: string, from: number, blanked: boolean, pattern: RegExp): number {
  let depth = 0;
  for (let i = from; i < code.length; ) {
    const c = code.charCodeAt(i);
    const skipped = opaque(code, i, c, blanked);
    if (skipped === -1) return PASS;
    if (skipped > i) {
      i = skipped;
      continue;
    }
    if (c === OPEN_PAREN || c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
    else if (c === CLOSE_PAREN || c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      if (--depth < 0) return FAIL;
    } else if (depth === 0 && c === SEMICOLON) return FAIL;
    else if (depth === 0 && c === EQUALS && code.charCodeAt(i + 1) !== GREATER && code.charCodeAt(i + 1) !== EQUALS) {
      let sticky = stickyPatterns.get(pattern);
      if (!sticky) stickyPatterns.set(pattern, (sticky = new RegExp(pattern.source, 'y')));
      sticky.lastIndex = i;
      return sticky.test(code) ? PASS : FAIL;
    }
    i++;
  }
  return FAIL;
}

/**
 * Where the character at `i` starts something whose brackets are not code: the index after it (a
 * string), -1 where it cannot be followed (a `/`: division, regular expression or comment; and in
 * unblanked text a template or `<`, which may open JSX), or `i` for an ordinary character.
 */
function opaque(code: string, i: number, c: number, blanked: boolean): number {
  if (c === SLASH) return -1;
  if (c === QUOTE || c === DOUBLE_QUOTE) {
    for (let j = i + 1; j < code.length; j++) {
      const d = code.charCodeAt(j);
      if (d === BACKSLASH) j++;
      else if (d === c) return j + 1;
      else if (d === NEWLINE) return -1;
    }
    return -1;
  }
  if (!blanked && (c === BACKTICK || c === LESS)) return -1;
  // In blanked text a template is its backticks, blanks and `${...}`: its braces are code.
  return i;
}

/** Whether a binding follows `const`/`let` (a name or a pattern), not an expression of a variable named `let`. */
function bindsNext(code: string, from: number): boolean {
  let i = from;
  while (i < code.length && isSpace(code.charCodeAt(i))) i++;
  const c = code.charCodeAt(i);
  return i > from ? isWordChar(c) || c === OPEN_BRACE || c === OPEN_BRACKET : c === OPEN_BRACE || c === OPEN_BRACKET;
}

const char = (c: string): number => c.charCodeAt(0);
const DOT = char('.');
const OPEN_PAREN = char('(');
const CLOSE_PAREN = char(')');
const OPEN_BRACKET = char('[');
const CLOSE_BRACKET = char(']');
const OPEN_BRACE = char('{');
const CLOSE_BRACE = char('}');
const SEMICOLON = char(';');
const EQUALS = char('=');
const GREATER = char('>');
const LESS = char('<');
const SLASH = char('/');
const QUOTE = char("'");
const DOUBLE_QUOTE = char('"');
const BACKTICK = char('`');
const BACKSLASH = char('\\');
const NEWLINE = char('\n');

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || (c > 127 && !isSpace(c));
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

/**
 * parallelize-awaits: every run of independent awaited reads that `prefer-promise-all` reports
 * becomes one `const [a, b] = await Promise.all([f(), g()])`. Takes `--checkTestFiles=true` and
 * `--settings=<json>` (extra clients whose `read` calls count as reads).
 */
export const codemod: CodemodRule = {
  name: 'prefer-promise-all',
  rule,
  triggers: ['await'],
  // Two initialisers `= await call(...)` whose calls are named like reads.
  mayChange: (source, context) =>
    source.includes('await') && (twoReads(source, catalogOf(context)) || (renamesRead(source, catalogOf(context)) && TWO_AWAITED_INITS.test(source))),
  // Two consecutive statements of one block, each `const x = await read(...)` with one declarator,
  // the second not using what the first declares, with no comment between them: the rule's run of
  // independent reads, and what its suggestion needs (it offers none across a comment or where only
  // one of the two is annotated).
  mayChangeTree: (tree, ts, context) => {
    const catalog = catalogOf(context);
    const names = renamesRead(tree.text, catalog) ? withRenamedReads(ts, tree, readNames(catalog)) : readNames(catalog);
    const text = tree.text;
    return someNode(ts, tree, (node) => {
      const statements = statementsOf(ts, node);
      if (!statements) return false;
      for (let index = 0; index + 1 < statements.length; index++) {
        const first = readOf(ts, statements[index]!, names);
        if (!first) continue;
        const second = readOf(ts, statements[index + 1]!, names);
        if (!second) continue;
        if ((first.type === undefined) !== (second.type === undefined)) continue;
        if (hasComment(ts, text, first.statement, second.statement)) continue;
        if (usesAny(ts, second.statement, boundNames(ts, first.name))) continue;
        return true;
      }
      return false;
    });
  },
};

// The rule's naming test for calls it cannot resolve to a catalog client, and what makes a call not a read.
const READ_NAME = /^(?:get|load|fetch|find|list|count|read)(?![a-z])/;
const NOT_ONLY_READ = /(?:Or|And)[A-Z]|Lock|Next|Create|Insert|Update|Upsert|Delete|Remove|Save|Connection|Client|Session|Transaction|Token|Lease|Increment|Port|Random|Unique/;
const SERIAL_RECEIVERS = /^(?:tx|trx|transaction|session|transactionalEntityManager|ctx|step)$/i;
const TRANSACTION_KEYS = new Set(['transaction', 'session', 'lock', 'tx', 'trx']);

const catalogReads = new WeakMap<Catalog, ReadonlySet<string>>();

/** The names of the catalog's `read` calls: a call by one of these may resolve to a read whatever its name says. */
function readNames(catalog: Catalog): ReadonlySet<string> {
  let names = catalogReads.get(catalog);
  if (!names) {
    const found = new Set<string>();
    const add = (calls: Record<string, CallSpec> | undefined) => {
      for (const [name, spec] of Object.entries(calls ?? {})) if (spec.read) found.add(name);
    };
    for (const entry of catalog.entries) {
      add(entry.calls);
      for (const instance of Object.values(entry.instances ?? {})) add(instance.calls);
    }
    catalogReads.set(catalog, (names = found));
  }
  return names;
}

const renames = new WeakMap<Catalog, RegExp>();
const TWO_AWAITED_INITS = new RegExp(String.raw`=${GAP}\(*${GAP}await\b[\s\S]*=${GAP}\(*${GAP}await\b`);

/**
 * A read imported under another name (`import { fetch as undiciFetch } from 'undici'`, `const { get:
 * httpGet } = require('http')`): the rule resolves the call to the library's read, but neither the
 * name patterns above nor the tree test's names see it.
 */
function renamesRead(source: string, catalog: Catalog): boolean {
  let pattern = renames.get(catalog);
  if (!pattern) {
    const names = [...readNames(catalog)].map((name) => name.replace(/[^\w$]/g, '')).filter(Boolean);
    const read = String.raw`(?<![\w$])(?:(?:get|load|fetch|find|list|count|read)(?![a-z])[\w$]*|${names.join('|')})`;
    pattern = new RegExp(
      String.raw`${read}${GAP}\bas\b${GAP}[\w$]|${read}${GAP}:${GAP}[\w$][^;]*?\}${GAP}=${GAP}(?:require\b|await${GAP}import\b)`,
    );
    renames.set(catalog, pattern);
  }
  return pattern.test(source);
}

/** `names` plus the local names of reads imported or required under another name (see `renamesRead`). */
function withRenamedReads(ts: typeof TS, tree: TS.SourceFile, names: ReadonlySet<string>): ReadonlySet<string> {
  let extended: Set<string> | null = null;
  const isReadName = (name: string) => names.has(name) || (READ_NAME.test(name) && !NOT_ONLY_READ.test(name));
  const add = (imported: string, local: string) => {
    if (imported !== local && isReadName(imported)) (extended ??= new Set(names)).add(local);
  };
  someNode(ts, tree, (node) => {
    if (ts.isImportSpecifier(node) && node.propertyName) add(node.propertyName.text, node.name.text);
    else if (ts.isBindingElement(node) && node.propertyName && ts.isIdentifier(node.name)) {
      const key = node.propertyName;
      if (ts.isIdentifier(key) || ts.isStringLiteral(key)) add(key.text, node.name.text);
    }
    return false;
  });
  return extended ?? names;
}

interface TreeRead {
  statement: TS.VariableStatement;
  name: TS.BindingName;
  type: TS.TypeNode | undefined;
}

/**
 * `const x = await call(...)` whose call may be a read: the rule's `readOf` without the origin
 * resolution (a call named like a read, or like a catalog read), so wider than the rule.
 */
function readOf(ts: typeof TS, statement: TS.Statement, names: ReadonlySet<string>): TreeRead | null {
  if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return null;
  if (!(statement.declarationList.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let))) return null;
  const declaration = statement.declarationList.declarations[0]!;
  const init = declaration.initializer && unwrap(ts, declaration.initializer);
  if (!init || !ts.isAwaitExpression(init)) return null;
  const call = unwrap(ts, init.expression);
  if (!ts.isCallExpression(call) || !mayRead(ts, call, names)) return null;
  return { statement, name: declaration.name, type: declaration.type };
}

function mayRead(ts: typeof TS, call: TS.CallExpression, names: ReadonlySet<string>): boolean {
  const callee = unwrap(ts, call.expression);
  if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
    const receiver = unwrap(ts, callee.expression);
    if (ts.isIdentifier(receiver) && SERIAL_RECEIVERS.test(receiver.text)) return false;
  }
  if (call.arguments.some((argument) => inTransaction(ts, argument))) return false;
  // `await import(...)` is no call in ESTree (an ImportExpression), so never a read.
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return false;
  const name = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)
        ? callee.argumentExpression.text
        : null;
  // A callee this cannot name (`(await x)()`, `a[key]()`) may still resolve to a catalog read.
  if (name === null) return true;
  return names.has(name) || (READ_NAME.test(name) && !NOT_ONLY_READ.test(name));
}

/** `trx`, `{ transaction }`, `{ lock: ... }`: the rule's test for a call inside a transaction. */
function inTransaction(ts: typeof TS, argument: TS.Expression): boolean {
  const value = unwrap(ts, argument);
  if (ts.isIdentifier(value)) return TRANSACTION_KEYS.has(value.text);
  if (!ts.isObjectLiteralExpression(value)) return false;
  return value.properties.some(
    (property) =>
      (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property) || ts.isMethodDeclaration(property)) &&
      (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) &&
      TRANSACTION_KEYS.has(property.name.text),
  );
}

/**
 * Whether a comment sits between the start of `first` and the end of `second` (the rule's suggestion
 * keeps none): the comments before and after every node of the two, which is every comment except
 * one just before a punctuation token. Across JSX, whose text can read like a comment, it answers no.
 */
function hasComment(ts: typeof TS, text: string, first: TS.Statement, second: TS.Statement): boolean {
  const start = first.getStart();
  const end = second.end;
  let jsx = false;
  let found = false;
  const inside = (ranges: TS.CommentRange[] | undefined) => ranges?.some((range) => range.pos >= start && range.end <= end) ?? false;
  const walk = (node: TS.Node): boolean => {
    if (node.kind >= ts.SyntaxKind.JsxElement && node.kind <= ts.SyntaxKind.JsxExpression) jsx = true;
    if (jsx) return true;
    if (!found && (inside(ts.getLeadingCommentRanges(text, node.pos)) || inside(ts.getTrailingCommentRanges(text, node.end)))) found = true;
    return ts.forEachChild(node, walk) ?? false;
  };
  walk(first);
  walk(second);
  return found && !jsx;
}

function boundNames(ts: typeof TS, name: TS.BindingName, into = new Set<string>()): Set<string> {
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) boundNames(ts, element.name, into);
  return into;
}

/**
 * Whether `statement` certainly reads one of `names`: an identifier in a place that can only be a
 * reference, outside any function or class it holds (where a parameter could shadow it). A place
 * this does not know counts as no use, so a dependent read is at worst parsed.
 */
function usesAny(ts: typeof TS, statement: TS.Node, names: ReadonlySet<string>): boolean {
  const walk = (node: TS.Node): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isTypeNode(node)) return false;
    if (ts.isIdentifier(node)) return names.has(node.text) && isReference(ts, node);
    return ts.forEachChild(node, walk) ?? false;
  };
  return names.size > 0 && walk(statement);
}

function isReference(ts: typeof TS, identifier: TS.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.expression === identifier;
  if (ts.isShorthandPropertyAssignment(parent)) return parent.name === identifier;
  if (ts.isPropertyAssignment(parent)) return parent.initializer === identifier;
  return (
    ts.isCallExpression(parent) ||
    ts.isNewExpression(parent) ||
    ts.isElementAccessExpression(parent) ||
    ts.isBinaryExpression(parent) ||
    ts.isArrayLiteralExpression(parent) ||
    ts.isSpreadElement(parent) ||
    ts.isSpreadAssignment(parent) ||
    ts.isTemplateSpan(parent) ||
    ts.isConditionalExpression(parent) ||
    ts.isParenthesizedExpression(parent) ||
    ts.isAwaitExpression(parent) ||
    ts.isPrefixUnaryExpression(parent) ||
    ts.isNonNullExpression(parent)
  );
}

export const parser = 'tsx';

export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = runRuleAsCodemod(file.source, file.path, codemod, ruleOptionsFrom(codemod, options), readSettings(options['settings']));
  for (const skip of result.skipped) api.report(`${file.path}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
  return result.output;
}
