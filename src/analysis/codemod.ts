import path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';
import type { Linter as LinterType } from 'eslint';
import type * as TS from 'typescript';
import { codeText } from './code-text';
import { treeTest } from './codemod-tree';
import { isScriptFile, isTestFile } from './files';

/**
 * Runs one rule over a file and applies its suggestions: this is how every codemod writes, so a
 * codemod and the editor quick fix for the same finding produce the same bytes by construction.
 * Recast never reprints anything; only the rule's own edits change the text.
 */
export interface CodemodRun {
  /** The new text, identical to the input when nothing applied. */
  output: string;
  /** How many findings were fixed. */
  applied: number;
  /** Findings left alone, with the rule's message as the reason (no safe rewrite exists). */
  skipped: { line: number; column: number; reason: string }[];
}

export class CodemodParseError extends Error {
  constructor(
    readonly filePath: string,
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(`${filePath}:${line}:${column}: cannot parse: ${message}`);
    this.name = 'CodemodParseError';
  }
}

export interface CodemodRule {
  name: string;
  rule: TSESLint.RuleModule<string, readonly unknown[]>;
  /** Words one of which every file with a finding contains; other files are returned untouched unparsed. */
  triggers: readonly string[];
  /**
   * A stricter test of the text (comments and string contents blanked, module specifiers kept: see
   * `codeText`), run instead of the trigger words when present: false proves that no
   * finding in `source` has a suggestion this codemod applies (the shapes it rewrites cannot be
   * written without this text), so the file is returned untouched without being parsed. Parsing is
   * nearly all of a codemod run's cost and most files mention `await` or `.push(`; this is what makes
   * `hotpath codemod all` cheaper than a parse of every file. It must never be false where the rule
   * offers such a suggestion: every codemod's parity test runs each of its rule's cases through it.
   */
  mayChange?: (source: string, context: CodemodContext) => boolean;
  /**
   * The second stage, for files that pass `mayChange`: a question about TypeScript's syntax tree of
   * the file (see codemod-tree.ts), as sound as `mayChange` and far sharper than text.
   */
  mayChangeTree?: (tree: TS.SourceFile, ts: typeof TS, context: CodemodContext & { source: string }) => boolean;
}

/** What a codemod run is configured with: the rule's options and the ESLint settings. */
export interface CodemodContext {
  ruleOptions: Record<string, unknown>;
  settings: Record<string, unknown>;
  /** The path the transform is given: a test file or a script its rule skips is not parsed either. */
  filePath?: string;
}

/** The text prefilter shared by the transforms and the CLI: false means nothing to change here. */
export function codemodMayChange(codemod: CodemodRule, source: string, context: CodemodContext): boolean {
  if (prefilterPassed) return true;
  if (context.filePath !== undefined && skipsFile(codemod, context.filePath, context.ruleOptions)) return false;
  // Comments and strings blanked: `// fetch the rows` or "Failed to fetch" is nothing a rule can find.
  // The shape tests scan ahead lazily from each candidate, which grows with the square of a file's
  // size: pokemon-showdown's 268 kB config/formats.ts held spread-to-mutation's for minutes. A file
  // that large skips the text test (trigger words are not a sound substitute: batch-db-calls' rule
  // follows imports, so a file can hold a finding without naming a library) and goes on to the tree.
  if (codemod.mayChange) {
    if (source.length <= SHAPE_TEST_MAX_LENGTH && !codemod.mayChange(codeText(source), context)) return false;
  } else if (!hasTrigger(source, codemod.triggers)) {
    return false;
  }
  const tree = codemod.mayChangeTree;
  return tree ? treeTest(source, context.filePath ?? 'file.tsx', (sourceFile, ts) => tree(sourceFile, ts, { ...context, source })) : true;
}

let prefilterPassed = false;
const SHAPE_TEST_MAX_LENGTH = 100_000;

/**
 * Runs `run` (synchronous) with the prefilter taken as passed: for a caller that has just asked it
 * about this very text, so that the tree is not parsed again.
 */
export function afterPrefilter<T>(run: () => T): T {
  prefilterPassed = true;
  try {
    return run();
  } finally {
    prefilterPassed = false;
  }
}

/**
 * Whether the rule ignores this file unless told otherwise: every rule with a `checkTestFiles`
 * (`checkScripts`) option returns no listeners for a test file (a script) while it is not set.
 */
function skipsFile(codemod: CodemodRule, filePath: string, ruleOptions: Record<string, unknown>): boolean {
  const schema = codemod.rule.meta.schema;
  const properties = (Array.isArray(schema) ? (schema[0] as { properties?: Record<string, unknown> } | undefined) : undefined)?.properties ?? {};
  const relative = path.relative(process.cwd(), ruleFilename(filePath));
  if ('checkTestFiles' in properties && ruleOptions['checkTestFiles'] !== true && isTestFile(relative)) return true;
  return 'checkScripts' in properties && ruleOptions['checkScripts'] !== true && isScriptFile(relative);
}

export const PARSABLE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

// At most this many passes: each fixes what does not overlap, the next sees the result.
const MAX_PASSES = 10;

let linter: LinterType | undefined;

function getLinter(): LinterType {
  // eslint is a peer dependency; load it only when a codemod actually runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Linter } = require('eslint') as { Linter: typeof LinterType };
  return (linter ??= new Linter({ configType: 'flat' }));
}

/**
 * ESLint `settings` for a codemod run: an object, or JSON text (`--settings='{"hotpath":{...}}'` on
 * the jscodeshift command line). Bad JSON is an error, not silently ignored.
 */
export function readSettings(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value === 'string') {
    try {
      return readSettings(JSON.parse(value));
    } catch (error) {
      throw new Error(`--settings is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error('--settings must be a JSON object');
  return value as Record<string, unknown>;
}

/**
 * The rule options a codemod run passes on: every key of the rule's option schema that the
 * transform was given (`--timeoutMs=5000`, `--checkTestFiles=true`), with command-line strings read
 * as numbers and booleans.
 */
export function ruleOptionsFrom(codemod: CodemodRule, options: Record<string, unknown>): Record<string, unknown> {
  const schema = codemod.rule.meta.schema;
  const first = Array.isArray(schema) ? (schema[0] as { properties?: Record<string, unknown> } | undefined) : undefined;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(first?.properties ?? {})) {
    const value = options[key];
    if (value === undefined) continue;
    result[key] = value === 'true' ? true : value === 'false' ? false : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  }
  return result;
}

/**
 * Loads ESLint and the parser and runs every given codemod's rule once on a few lines, so that a
 * worker thread pays for loading and compiling them while the files are still being read.
 */
export function warmUpCodemods(entries: readonly CodemodRule[]): void {
  const sample = 'export async function f(xs) {\n  const out = [];\n  for (const x of xs) out.push(await g(x));\n  return out;\n}\n';
  codemodsWithFindings(sample, 'warm-up.ts', entries.map((codemod) => ({ codemod, ruleOptions: {} })));
}

export function hasTrigger(source: string, triggers: readonly string[]): boolean {
  return triggers.some((word) => source.includes(word));
}

/**
 * Applies `rule`'s first suggestion for each finding until none is left. Throws CodemodParseError
 * when the file does not parse (callers report it and leave the file as it was).
 */
export function runRuleAsCodemod(
  source: string,
  filePath: string,
  codemod: CodemodRule,
  ruleOptions: Record<string, unknown> = {},
  settings: Record<string, unknown> = {},
): CodemodRun {
  if (!codemodMayChange(codemod, source, { ruleOptions, settings, filePath })) return { output: source, applied: 0, skipped: [] };
  const { filename, config } = lintSetup(filePath, [{ codemod, ruleOptions }], settings);
  const ruleId = `hotpath/${codemod.name}`;
  // ESLint strips a byte-order mark before parsing, so its fix ranges count from after it: apply
  // them to the text without the mark and put it back (found on a real repository's UTF-8 BOM file).
  const bom = source.startsWith('\uFEFF') ? '\uFEFF' : '';
  let output = source.slice(bom.length);
  let applied = 0;
  let skipped: CodemodRun['skipped'] = [];
  let previousFixable = Infinity;
  const known = knownFindings?.source === source && knownFindings.rule === codemod.name ? knownFindings.messages : null;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const messages = pass === 0 && known ? known : getLinter().verify(output, config, { filename });
    const fatal = messages.find((message) => message.fatal);
    if (fatal) {
      if (pass === 0) throw new CodemodParseError(filePath, fatal.line, fatal.column, fatal.message);
      // A pass produced code that does not parse: never write it.
      throw new Error(`${filePath}: the ${codemod.name} rewrite produced unparsable code: ${fatal.message}`);
    }
    const findings = messages.filter((message) => message.ruleId === ruleId);
    skipped = findings
      .filter((message) => !message.suggestions?.length)
      .map((message) => ({ line: message.line, column: message.column, reason: message.message }));
    const fixes = findings
      .map((message) => message.suggestions?.[0]?.fix)
      .filter((fix): fix is NonNullable<typeof fix> => fix !== undefined)
      .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
    // Each pass must leave fewer fixable findings than the last; a suggestion that does not remove its
    // own finding is applied once, never stacked.
    if (fixes.length === 0 || fixes.length >= previousFixable) break;
    previousFixable = fixes.length;
    let next = '';
    let cursor = 0;
    let appliedThisPass = 0;
    for (const fix of fixes) {
      if (fix.range[0] < cursor) continue; // overlaps an earlier fix: next pass
      next += output.slice(cursor, fix.range[0]) + fix.text;
      cursor = fix.range[1];
      appliedThisPass++;
    }
    output = next + output.slice(cursor);
    applied += appliedThisPass;
  }
  return { output: bom + output, applied, skipped };
}

/** What one codemod's rule reports in a file: whether any finding has a suggestion, and the ones without. */
export interface CodemodFindings {
  fixable: boolean;
  skipped: CodemodRun['skipped'];
  /** The rule's messages, as a run of the rule alone on the same text and options gives them. */
  messages: LinterType.LintMessage[];
}

let knownFindings: { source: string; rule: string; messages: LinterType.LintMessage[] } | undefined;

/**
 * Runs `run` (synchronous) with the findings of `rule` in `source` known from `codemodsWithFindings`,
 * so that a codemod run on that very text starts from them instead of linting it again (the first of
 * its passes). Rules do not see each other, so a rule's messages from a run with others are its own.
 */
export function withKnownFindings<T>(source: string, rule: string, findings: CodemodFindings, run: () => T): T {
  knownFindings = { source, rule, messages: findings.messages };
  try {
    return run();
  } finally {
    knownFindings = undefined;
  }
}

/**
 * The codemods (their rules) that report something in `source`, from one parse for all of them. A
 * codemod whose rule reports nothing returns the file unchanged, and one whose findings have no
 * suggestion only reports them, so a runner applying several codemods to a file parses it once to
 * learn which ones need their own run, instead of once per codemod. Throws CodemodParseError when the
 * file does not parse, as `runRuleAsCodemod` does.
 */
export function codemodsWithFindings(
  source: string,
  filePath: string,
  entries: readonly { codemod: CodemodRule; ruleOptions: Record<string, unknown> }[],
  settings: Record<string, unknown> = {},
): Map<string, CodemodFindings> {
  const { filename, config } = lintSetup(filePath, entries, settings);
  const messages = getLinter().verify(source, config, { filename });
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new CodemodParseError(filePath, fatal.line, fatal.column, fatal.message);
  const found = new Map<string, CodemodFindings>();
  for (const message of messages) {
    if (!message.ruleId?.startsWith('hotpath/')) continue;
    const name = message.ruleId.slice('hotpath/'.length);
    let findings = found.get(name);
    if (!findings) found.set(name, (findings = { fixable: false, skipped: [], messages: [] }));
    findings.messages.push(message);
    if (message.suggestions?.length) findings.fixable = true;
    else findings.skipped.push({ line: message.line, column: message.column, reason: message.message });
  }
  return found;
}

/**
 * The file name rules see. The parser picks JSX handling from the extension; rules see the path
 * relative to the working directory (test files are told apart by it), as they do under `eslint`.
 */
function ruleFilename(filePath: string): string {
  const extension = path.extname(filePath).toLowerCase();
  const relative = path.isAbsolute(filePath) ? path.relative(process.cwd(), filePath) : filePath;
  return !PARSABLE_EXTENSIONS.includes(extension) ? `${relative}.tsx` : relative.startsWith('..') ? path.basename(filePath) : relative;
}

/** The file name rules see and the flat config that runs the given codemods' rules, shared by both runs above. */
function lintSetup(
  filePath: string,
  entries: readonly { codemod: CodemodRule; ruleOptions: Record<string, unknown> }[],
  settings: Record<string, unknown>,
): { filename: string; config: LinterType.Config[] } {
  const filename = ruleFilename(filePath);
  const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {};
  const levels: Record<string, LinterType.RuleEntry> = {};
  for (const { codemod, ruleOptions } of entries) {
    rules[codemod.name] = codemod.rule;
    levels[`hotpath/${codemod.name}`] = ['error', ruleOptions];
  }
  const config: LinterType.Config[] = [
    {
      files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
      languageOptions: {
        parser: tsParser as LinterType.Parser,
        sourceType: 'module',
        // No rule reads TypeScript's JSDoc nodes (`@hot` is read from ESLint's comments): not building
        // them is a cheaper parse.
        parserOptions: { ecmaFeatures: { jsx: true }, jsDocParsingMode: 'none' },
      },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: { hotpath: { rules: rules as never } },
      rules: levels,
      settings,
    },
    // As `hotpath scan` and an editor read them: a .cjs file is a script, where `await` may be a name
    // and `with` is allowed; parsed as a module, valid CommonJS was refused (found by tests/fuzz).
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  ];
  return { filename, config };
}
