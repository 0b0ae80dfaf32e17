/**
 * The fuzzer shared by the CI test (fuzz.test.ts, on the TypeScript sources) and the long run
 * (fuzz.mjs, on dist/): random valid programs, each linted with every rule and passed through every
 * codemod. A program fails when a rule throws, a fix, suggestion or codemod output does not parse, a
 * codemod changes a file where its rule found nothing, or a second codemod run changes its own output.
 *
 * Programs come from eslump (the generator ESLint's own fuzzer uses), made to reach the rules: their
 * random identifiers and strings are renamed to words the rules look for, and random statements are
 * spliced into the code of the rule docs' examples and codemod fixtures. Those seeds are read at run
 * time, so a rule or codemod that lands with its docs and fixtures is fuzzed with its own vocabulary.
 *
 * Program `index` of seed `seed` depends on nothing but the seed and the seed snippets, that is the
 * docs, fixtures and rule tests of the same commit: `npm run fuzz -- --seed S --from I --count 1`
 * replays it there. Failures print the program itself, which replays anywhere.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { mulberry32 } from '../sweep/random.mjs';

const require = createRequire(import.meta.url);
const { generateRandomJS } = require('eslump');
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// Never used as replacement names: keywords, contextual keywords and names strict code cannot bind.
const NOT_NAMES = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await as async of get set from type ' +
    'declare readonly abstract namespace module any number string boolean symbol unknown never object keyof infer is ' +
    'asserts satisfies accessor out override constructor undefined arguments eval require global bigint unique using'
  ).split(' '),
);

/** Code of the rule docs' examples and of the codemod fixtures' inputs, with the names and module specifiers they use. */
export function loadSeeds(repo = REPO) {
  const snippets = [];
  const docs = ['docs/rules', 'docs/codemods'].map((dir) => path.join(repo, dir)).filter((dir) => existsSync(dir));
  for (const dir of docs) {
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.md')).sort()) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      for (const match of text.matchAll(/```(ts|tsx|js|jsx|javascript|typescript)\n([\s\S]*?)```/g)) {
        const extension = { javascript: 'js', typescript: 'ts' }[match[1]] ?? match[1];
        snippets.push({ origin: `${path.basename(dir)}/${file}`, extension, code: match[2] });
      }
    }
  }
  const fixtures = path.join(repo, 'tests/codemods/__testfixtures__');
  if (existsSync(fixtures)) {
    for (const codemod of readdirSync(fixtures).sort()) {
      for (const file of readdirSync(path.join(fixtures, codemod)).filter((name) => name.includes('.input.')).sort()) {
        const extension = file.split('.input.')[1];
        snippets.push({ origin: `fixture ${codemod}/${file}`, extension, code: readFileSync(path.join(fixtures, codemod, file), 'utf8') });
      }
    }
  }
  // RuleTester cases: every `code` of a test object (a plain string or a template without
  // expressions), with the extension of its `filename` when it has one.
  const ruleTests = path.join(repo, 'tests/rules');
  if (existsSync(ruleTests)) {
    for (const file of readdirSync(ruleTests).filter((name) => /\.(cases|test)\.ts$/.test(name)).sort()) {
      const ast = parse(readFileSync(path.join(ruleTests, file), 'utf8'), file);
      if (!ast) continue;
      walk(ast, (node) => {
        if (node.type !== 'ObjectExpression') return;
        const value = (key) => literalText(node.properties.find((p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === key)?.value);
        const code = value('code');
        if (code === undefined) return;
        const extension = path.extname(value('filename') ?? '').slice(1) || 'ts';
        snippets.push({ origin: `tests/rules/${file}`, extension: EXTENSIONS.has(extension) ? extension : 'ts', code });
      });
    }
  }
  const names = new Set();
  const modules = new Set();
  for (const snippet of snippets) {
    const ast = parse(snippet.code, `x.${snippet.extension}`);
    if (!ast) continue;
    for (const token of ast.tokens) {
      if (token.type === 'Identifier' && token.value.length > 1 && !NOT_NAMES.has(token.value)) names.add(token.value);
    }
    walk(ast, (node) => {
      if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration') modules.add(node.source.value);
      if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
        modules.add(String(node.arguments[0].value));
      }
    });
  }
  return { snippets, names: [...names].sort(), modules: [...modules].sort() };
}

const EXTENSIONS = new Set(['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs']);

function literalText(node) {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

function parse(code, filePath) {
  try {
    return tsParser.parse(code, {
      filePath,
      sourceType: filePath.endsWith('.cjs') ? 'script' : 'module',
      ecmaFeatures: { jsx: true },
      range: true,
      loc: true,
      tokens: true,
    });
  } catch {
    return null;
  }
}

/** The parser's complaint about `code`, or null when it parses. */
export function parseError(code, filePath) {
  try {
    tsParser.parse(code, { filePath, sourceType: filePath.endsWith('.cjs') ? 'script' : 'module', ecmaFeatures: { jsx: true } });
    return null;
  } catch (error) {
    return `${error.lineNumber ?? '?'}:${error.column ?? '?'} ${error.message}`;
  }
}

function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key of Object.keys(node)) {
    if (key === 'parent' || key === 'tokens' || key === 'comments') continue;
    const value = node[key];
    if (Array.isArray(value)) for (const child of value) walk(child, visit);
    else if (value && typeof value === 'object') walk(value, visit);
  }
}

/** Program `index` of seed `seed`: its own PRNG stream, so it can be replayed alone. */
export function programRandom(seed, index) {
  return mulberry32((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
}

/** eslump reads Math.random throughout; it is swapped for the seeded stream while it generates. */
function randomJS(random, options) {
  const original = Math.random;
  Math.random = random;
  try {
    return generateRandomJS(options);
  } finally {
    Math.random = original;
  }
}

const pick = (random, items) => items[Math.floor(random() * items.length)];

/**
 * Renames identifiers (consistently, so bindings stay bound) to words the rules look for, and turns
 * some string literals into module specifiers the rules know (`require('pg')`, `import x from 'axios'`).
 */
function rename(code, filePath, random, seeds, { nameRate, stringRate }) {
  const ast = parse(code, filePath);
  if (!ast) return code;
  const mapping = new Map();
  const edits = [];
  for (const token of ast.tokens) {
    if (token.type === 'Identifier' && !NOT_NAMES.has(token.value)) {
      if (!mapping.has(token.value)) mapping.set(token.value, random() < nameRate && seeds.names.length > 0 ? pick(random, seeds.names) : token.value);
      const name = mapping.get(token.value);
      if (name !== token.value) edits.push([token.range[0], token.range[1], name]);
    } else if (token.type === 'String' && seeds.modules.length > 0 && random() < stringRate) {
      const quote = token.value[0];
      const specifier = pick(random, seeds.modules);
      if (!specifier.includes(quote) && !specifier.includes('\\')) edits.push([token.range[0], token.range[1], `${quote}${specifier}${quote}`]);
    }
  }
  return applyEdits(code, edits);
}

function applyEdits(code, edits) {
  let result = code;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) result = result.slice(0, start) + text + result.slice(end);
  return result;
}

/**
 * The same imports in other shapes that origin resolution must follow: a namespace import
 * (`import * as ns from 'pg'` and `ns.Pool`), or `require` with destructuring, sometimes from one of
 * the project's own modules (`./db`) instead of the library. References are
 * rewritten by token, so a shadowed name may come out wrong; the program is still valid, which is
 * all a crash check needs.
 */
function reshapeImports(code, filePath, random, seeds) {
  const ast = parse(code, filePath);
  if (!ast) return code;
  const edits = [];
  const renamed = new Map();
  const local = seeds.modules.filter((module) => module.startsWith('./'));
  for (const [index, node] of ast.body.entries()) {
    if (node.type !== 'ImportDeclaration' || node.importKind === 'type' || random() < 0.3) continue;
    const named = node.specifiers.filter((specifier) => specifier.type === 'ImportSpecifier' && specifier.importKind !== 'type');
    if (named.length === 0 || named.length !== node.specifiers.length) continue;
    // Sometimes the project's own module instead, whose file (written by makeProject) rules may read.
    const source = JSON.stringify(local.length > 0 && random() < 0.4 ? pick(random, local) : node.source.value);
    const importedName = (specifier) => (specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value);
    if (random() < 0.5) {
      const namespace = `ns${index}`;
      edits.push([node.range[0], node.range[1], `import * as ${namespace} from ${source};`]);
      for (const specifier of named) renamed.set(specifier.local.name, `${namespace}.${importedName(specifier)}`);
    } else {
      const pattern = named.map((specifier) => (importedName(specifier) === specifier.local.name ? specifier.local.name : `${importedName(specifier)}: ${specifier.local.name}`));
      edits.push([node.range[0], node.range[1], `const { ${pattern.join(', ')} } = require(${source});`]);
    }
  }
  if (renamed.size > 0) {
    const tokens = ast.tokens;
    for (const [position, token] of tokens.entries()) {
      const replacement = token.type === 'Identifier' ? renamed.get(token.value) : undefined;
      if (!replacement || tokens[position - 1]?.value === '.' || tokens[position + 1]?.value === ':') continue;
      if (edits.some(([start, end]) => token.range[0] >= start && token.range[1] <= end)) continue;
      edits.push([token.range[0], token.range[1], replacement]);
    }
  }
  return applyEdits(code, edits);
}

/** Places where a statement may go: just inside each block's `{`, and after each statement of a block or the program. */
function statementSlots(ast) {
  const slots = [];
  walk(ast, (node) => {
    if (node.type === 'BlockStatement' || node.type === 'StaticBlock') slots.push(node.range[0] + 1);
    if (node.type === 'BlockStatement' || node.type === 'Program' || node.type === 'StaticBlock') {
      for (const statement of node.body) slots.push(statement.range[1]);
    }
  });
  return slots;
}

const RANDOM_EXTENSIONS = ['js', 'js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx'];

/**
 * One random program: `{ kind, filename, code }`. Kinds: `random` (an eslump module or script with
 * names and strings renamed), `splice` (a seed snippet with random statements inserted at statement
 * boundaries), `rename` (a seed snippet with some of its own names swapped for other seed names),
 * `reshape` (a seed snippet whose imports become namespace imports or `require`), `combine` (two seed
 * snippets one after the other).
 */
export function makeProgram(seed, index, seeds) {
  const random = programRandom(seed, index);
  const roll = random();
  const haveSnippets = seeds.snippets.length > 0;
  const eslump = (sourceType) =>
    randomJS(random, {
      sourceType,
      maxDepth: 2 + Math.floor(random() * 4),
      comments: random() < 0.3,
      whitespace: random() < 0.3,
    });
  if (roll < 0.3 || !haveSnippets) {
    const extension = pick(random, RANDOM_EXTENSIONS);
    const filename = `src/fuzz-${index}.${extension}`;
    const code = eslump(extension === 'cjs' || random() < 0.3 ? 'script' : 'module');
    return { kind: 'random', filename, code: rename(code, filename, random, seeds, { nameRate: 0.6, stringRate: 0.3 }) };
  }
  const snippet = pick(random, seeds.snippets);
  const filename = `src/fuzz-${index}.${snippet.extension}`;
  if (roll < 0.6) {
    const ast = parse(snippet.code, filename);
    const slots = ast ? statementSlots(ast) : [];
    if (slots.length === 0) return { kind: 'splice', filename, code: snippet.code, origin: snippet.origin };
    const edits = [];
    const inserts = 1 + Math.floor(random() * 3);
    for (let count = 0; count < inserts; count++) {
      const inserted = rename(eslump('script'), 'x.js', random, seeds, { nameRate: 0.7, stringRate: 0.2 });
      edits.push([pick(random, slots), undefined, `\n${inserted}\n`]);
    }
    const code = applyEdits(
      snippet.code,
      edits.map(([at, , text]) => [at, at, text]),
    );
    return { kind: 'splice', filename, code, origin: snippet.origin };
  }
  if (roll < 0.75) {
    return { kind: 'rename', filename, code: rename(snippet.code, filename, random, seeds, { nameRate: 0.25, stringRate: 0.15 }), origin: snippet.origin };
  }
  if (roll < 0.9) {
    return { kind: 'reshape', filename, code: reshapeImports(snippet.code, filename, random, seeds), origin: snippet.origin };
  }
  const other = pick(random, seeds.snippets);
  return { kind: 'combine', filename, code: `${snippet.code}\n${other.code}`, origin: `${snippet.origin} + ${other.origin}` };
}

/**
 * Lints `program` with every rule and runs every codemod on it. Returns the failures (empty when
 * the program passes) and what was exercised.
 */
export function checkProgram(program, { plugin, codemods, project }) {
  const failures = [];
  const exercised = { findings: 0, rulesWithFindings: new Set(), suggestions: 0, codemodChanges: 0 };
  // Inside a project directory the file has an absolute path, so rules that read the modules it
  // imports (no-n-plus-one follows `./db`) read the neighbours written there.
  const linter = new Linter({ configType: 'flat', ...(project ? { cwd: project } : {}) });
  const rules = Object.keys(plugin.rules);
  const config = [
    {
      files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
      languageOptions: { parser: tsParser, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: { hotpath: plugin },
      rules: Object.fromEntries(rules.map((rule) => [`hotpath/${rule}`, 'error'])),
    },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  ];
  const { code } = program;
  const filename = project ? path.join(project, program.filename) : program.filename;
  let messages = [];
  try {
    messages = linter.verify(code, config, { filename });
  } catch (error) {
    failures.push({ check: 'rule threw', detail: String(error?.stack ?? error) });
  }
  const fatal = messages.find((message) => message.fatal);
  if (fatal) failures.push({ check: 'lint parse error on a program the parser accepts', detail: fatal.message });
  const rulesWithFindings = new Set();
  for (const message of messages) {
    if (!message.ruleId?.startsWith('hotpath/')) continue;
    const rule = message.ruleId.slice('hotpath/'.length);
    rulesWithFindings.add(rule);
    exercised.findings++;
    exercised.rulesWithFindings.add(rule);
    const fixes = [...(message.fix ? [['fix', message.fix]] : []), ...(message.suggestions ?? []).map((s) => [`suggestion "${s.desc}"`, s.fix])];
    for (const [what, fix] of fixes) {
      exercised.suggestions++;
      const output = code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
      const broken = parseError(output, filename);
      if (broken) failures.push({ check: `${rule} ${what} output does not parse`, detail: `${broken}\n--- output ---\n${output}` });
    }
  }
  const api = { j: undefined, jscodeshift: undefined, stats: () => {}, report: () => {} };
  const run = (info, source) => info.transform({ path: filename, source }, api, {});
  for (const [name, info] of Object.entries(codemods)) {
    let first;
    try {
      first = run(info, code);
    } catch (error) {
      failures.push({ check: `codemod ${name} threw`, detail: String(error?.stack ?? error) });
      continue;
    }
    if (first === code) continue;
    exercised.codemodChanges++;
    const applied = info.rules ?? [info.rule];
    if (!applied.some((rule) => rulesWithFindings.has(rule))) {
      failures.push({ check: `codemod ${name} changed a file where ${applied.join(' and ')} found nothing`, detail: first });
    }
    const broken = parseError(first, filename);
    if (broken) {
      failures.push({ check: `codemod ${name} output does not parse`, detail: `${broken}\n--- output ---\n${first}` });
      continue;
    }
    let second;
    try {
      second = run(info, first);
    } catch (error) {
      failures.push({ check: `codemod ${name} threw on its own output`, detail: String(error?.stack ?? error) });
      continue;
    }
    if (second !== first) failures.push({ check: `codemod ${name}: a second run changed its output`, detail: `--- first ---\n${first}\n--- second ---\n${second}` });
  }
  return { failures, exercised };
}

/**
 * Generates programs `from` .. `from + count - 1` of `seed`, keeps those the parser accepts, and checks
 * each. `onProgram` sees every checked program and its result.
 */
export function fuzz({ seed, count, from = 0, plugin, codemods, seeds = loadSeeds(), onProgram }) {
  const summary = { seed, from, count, generated: 0, invalid: 0, checked: 0, failed: [], kinds: {}, findings: 0, rulesWithFindings: new Set(), suggestions: 0, codemodChanges: 0 };
  const project = makeProject(seed, seeds);
  try {
    runPrograms(summary, { seed, count, from, plugin, codemods, seeds, onProgram, project });
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
  summary.rulesWithFindings = [...summary.rulesWithFindings].sort();
  return summary;
}

/**
 * A directory holding, for each relative module the seed snippets import (`./db`, `./models/cat`),
 * a seed snippet of the seed's choosing, so that imports in the programs lead somewhere.
 */
function makeProject(seed, seeds) {
  const project = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'hotpath-fuzz-')));
  const random = mulberry32(seed ^ 0x5bd1e995);
  for (const specifier of seeds.modules.filter((module) => module.startsWith('./'))) {
    const snippet = pick(random, seeds.snippets);
    if (!snippet) break;
    const file = path.join(project, 'src', `${specifier.slice(2)}.${snippet.extension}`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, snippet.code);
  }
  return project;
}

function runPrograms(summary, { seed, count, from, plugin, codemods, seeds, onProgram, project }) {
  for (let index = from; index < from + count; index++) {
    const program = makeProgram(seed, index, seeds);
    summary.generated++;
    if (parseError(program.code, program.filename)) {
      summary.invalid++;
      continue;
    }
    summary.checked++;
    summary.kinds[program.kind] = (summary.kinds[program.kind] ?? 0) + 1;
    const { failures, exercised } = checkProgram(program, { plugin, codemods, project });
    summary.findings += exercised.findings;
    summary.suggestions += exercised.suggestions;
    summary.codemodChanges += exercised.codemodChanges;
    for (const rule of exercised.rulesWithFindings) summary.rulesWithFindings.add(rule);
    if (failures.length > 0) summary.failed.push({ index, program, failures });
    onProgram?.(index, program, failures);
  }
}

/** A failure as printed by the test and the script: seed, index, how to replay, the checks, the program. */
export function describeFailure(seed, { index, program, failures }) {
  return [
    `seed ${seed}, program ${index} (${program.kind}${program.origin ? ` from ${program.origin}` : ''}), file ${program.filename}`,
    `replay: npm run fuzz -- --seed ${seed} --from ${index} --count 1 --print`,
    ...failures.map((failure) => `✗ ${failure.check}\n${indent(failure.detail.slice(0, 4000))}`),
    '--- program ---',
    program.code,
    '--- end ---',
  ].join('\n');
}

const indent = (text) => text.split('\n').map((line) => `    ${line}`).join('\n');
