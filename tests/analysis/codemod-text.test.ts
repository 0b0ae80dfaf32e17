import { describe, expect, it } from 'vitest';
import { codemods } from '../../codemods';
import { getCatalog } from '../../src/analysis/catalog';
import { codemodMayChange, type CodemodContext } from '../../src/analysis/codemod';
import { catalogMention, mentionsCatalog } from '../../src/analysis/codemod-text';

const none: CodemodContext = { ruleOptions: {}, settings: {} };
const mayChange = (name: string, source: string, context = none) => codemodMayChange(codemods[name]!.codemod, source, context);

describe('catalogMention / mentionsCatalog', () => {
  const catalog = getCatalog();
  it('sees a quoted module specifier and a global used as a value', () => {
    expect(catalogMention(catalog).test(`import { Pool } from 'pg';`)).toBe(true);
    expect(catalogMention(catalog).test(`const http = require("node:http");`)).toBe(true);
    expect(catalogMention(catalog).test(`const res = await fetch(url);`)).toBe(true);
    expect(catalogMention(catalog).test(`const res = await window.fetch(url);`)).toBe(true);
    expect(catalogMention(catalog).test(`const res = await globalThis?.fetch(url);`)).toBe(true);
  });

  it('does not take a method, a longer name, a JSX attribute or an unquoted word for a client', () => {
    expect(catalogMention(catalog).test(`await store.fetch(id); fetchUsers(); <List fetch={load} />; // pg and http`)).toBe(false);
  });

  it('reads a global the file imports under its own name as the import, except through window', () => {
    expect(mentionsCatalog(`import fetch from './fetch';\nawait fetch(url);`, catalog)).toBe(false);
    expect(mentionsCatalog(`import { fetch } from './http';\nawait fetch(url);`, catalog)).toBe(false);
    expect(mentionsCatalog(`import fetch from './fetch';\nawait window.fetch(url);`, catalog)).toBe(true);
    expect(mentionsCatalog(`import fetch from './fetch';\nimport got from 'got';`, catalog)).toBe(true);
    expect(mentionsCatalog(`const f = await fetch(url);`, catalog)).toBe(true);
  });
});

describe('each codemod’s text test', () => {
  it('add-timeout: a client with a deadline to set, from settings too; not an ORM without one', () => {
    expect(mayChange('add-timeout', `import axios from 'axios';\naxios.get('/x');`)).toBe(true);
    expect(mayChange('add-timeout', `import { Model } from 'sequelize';\nawait Model.findAll();`)).toBe(false);
    const settings = {
      hotpath: {
        clients: [
          {
            name: 'rpc',
            category: 'http',
            sources: ['@acme/rpc'],
            calls: { call: { options: { index: 1 }, deadline: { keys: ['ms'], default: null, fix: { key: 'ms', value: '{ms}' } } } },
          },
        ],
      },
    };
    expect(mayChange('add-timeout', `import { call } from '@acme/rpc';\ncall('/x');`)).toBe(false);
    expect(mayChange('add-timeout', `import { call } from '@acme/rpc';\ncall('/x');`, { ruleOptions: {}, settings })).toBe(true);
  });

  it('batch-db-calls: the two shapes it rewrites with a method it batches, whatever the client is called', () => {
    expect(mayChange('batch-db-calls', `for (const id of ids) {\n  // one by one\n  rows.push(await users.findOne({ _id: id }));\n}`)).toBe(true);
    expect(mayChange('batch-db-calls', `for (const line of lines) await Line.create(line);`)).toBe(true);
    // Sequelize's findByPk has no batched form this codemod writes (it needs an Op.in import).
    expect(mayChange('batch-db-calls', `for (const id of ids) {\n  rows.push(await User.findByPk(id));\n}`)).toBe(false);
    expect(mayChange('batch-db-calls', `await Promise.all(\n  ids.map((id: string) => repo.findOne({ where: { id } })),\n);`)).toBe(true);
    // Two statements per item, and a fan-out whose callback does more than one thing: nothing to rewrite.
    expect(mayChange('batch-db-calls', `for (const id of ids) {\n  await a(id);\n  await b(id);\n}`)).toBe(false);
    expect(mayChange('batch-db-calls', `await Promise.all(ids.map(async (id) => {\n  const x = await a(id);\n  await b(x);\n}));`)).toBe(false);
  });

  it('parallelize-awaits: two consecutive awaited reads, even with an object argument holding statements', () => {
    expect(mayChange('parallelize-awaits', `const a = await getA({ where: { id } });\nconst b = await loadB(id);`)).toBe(true);
    expect(mayChange('parallelize-awaits', `const a = await getA(() => { x(); return y; });\nconst b = await loadB(id);`)).toBe(true);
    expect(mayChange('parallelize-awaits', `const a = await getA();\nconsole.log(a);\nconst b = await saveB(a);`)).toBe(false);
  });

  it('preallocate: an empty array right before a loop, through a type with semicolons', () => {
    expect(mayChange('preallocate', `declare const es: E[];\nconst out: { id: number; x: number }[] = [];\nfor (const e of es) out.push(e);`)).toBe(true);
    expect(mayChange('preallocate', `const items = load().split(',');\nconst out = [];\n// fill it\nitems.forEach((i) => out.push(i));`)).toBe(true);
    expect(mayChange('preallocate', `const out = [];\nlog('start');\nfor (const e of es) other.push(e);`)).toBe(false);
  });

  it('spread-to-mutation: an accumulator spread into itself', () => {
    expect(mayChange('spread-to-mutation', `xs.reduce((acc, x) => ({ ...acc, [x.id]: x }), {});`)).toBe(true);
    expect(mayChange('spread-to-mutation', `let all = [];\nfor (const x of xs) all = [...all, x];`)).toBe(true);
    expect(mayChange('spread-to-mutation', `const merged = { ...defaults, ...options };`)).toBe(false);
  });

  it('add-cleanup: only where a cleanup can go', () => {
    expect(mayChange('add-cleanup', `useEffect(() => { setInterval(tick, 1000); }, []);`)).toBe(true);
    expect(mayChange('add-cleanup', `class Room {\n  start() { this.t = setInterval(tick, 50); }\n  dispose() {}\n}`)).toBe(true);
    expect(mayChange('add-cleanup', `export function poll() {\n  setInterval(tick, 1000);\n}`)).toBe(false);
  });

  it('hoist-invariants and bound-concurrency: their constructions and fan-outs, not the words alone', () => {
    expect(mayChange('hoist-invariants', `export function f(ws: string[]) {\n  for (const w of ws) new RegExp('^a').test(w);\n}`)).toBe(true);
    expect(mayChange('hoist-invariants', `function f(r: RegExp) { return r; }`)).toBe(false);
    expect(mayChange('bound-concurrency', `await Promise.all(users.map((u) => { await send(u); await log(u); }));`)).toBe(true);
    expect(mayChange('bound-concurrency', `await Promise.all([a(), b()]);\nconst names = xs.map((x) => x.name);`)).toBe(false);
  });

  it('skips a test file or a script its rule skips, unless the rule is told to check them', () => {
    const code = `import axios from 'axios';\nexport const get = () => axios.get('/x');`;
    expect(mayChange('add-timeout', code, { ...none, filePath: 'src/api.ts' })).toBe(true);
    expect(mayChange('add-timeout', code, { ...none, filePath: 'src/api.test.ts' })).toBe(false);
    expect(mayChange('add-timeout', code, { ...none, filePath: 'scripts/seed.ts' })).toBe(false);
    expect(mayChange('add-timeout', code, { ruleOptions: { checkTestFiles: true }, settings: {}, filePath: 'src/api.test.ts' })).toBe(true);
    expect(mayChange('add-timeout', code, { ruleOptions: { checkScripts: true }, settings: {}, filePath: 'scripts/seed.ts' })).toBe(true);
  });

  it('asks the syntax tree next: what text alone cannot tell', () => {
    const at = { ...none, filePath: 'src/a.ts' };
    // A push behind a condition is not a statement of the loop's body.
    expect(mayChange('preallocate', `const out = [];\nfor (const e of es) { if (e) out.push(e); }`, at)).toBe(false);
    expect(mayChange('preallocate', `function f(es: E[]) {\n  const out = [];\n  for (const e of es) { log(e); out.push(e); }\n}`, at)).toBe(true);
    // Other statements may sit between the array and its loop (outline's HeadingPrefix.ts).
    expect(mayChange('preallocate', `const levels = Object.keys(byLevel);\nconst labels: string[] = [];\nconst stack: { n: number }[] = [];\nfor (const l of levels) {\n  stack.pop();\n  labels.push(f(l));\n}`, at)).toBe(true);
    // A timer at module scope runs once, even in a file with an effect.
    expect(mayChange('add-cleanup', `export function C() { useEffect(() => {}, []); }\nsetInterval(tick, 1000);`, at)).toBe(false);
    expect(mayChange('add-cleanup', `export function C() { useEffect(() => { setInterval(tick, 1000); }, []); }`, at)).toBe(true);
    // One unclassified call per element is not reported; outbound I/O is.
    expect(mayChange('bound-concurrency', `await Promise.all(users.map((u) => u.save()));`, at)).toBe(false);
    expect(mayChange('bound-concurrency', `await Promise.all(urls.map((u) => fetch(u)));`, at)).toBe(true);
    // Through a name the rule reports without a rewrite.
    expect(mayChange('bound-concurrency', `const jobs = urls.map((u) => fetch(u));\nawait Promise.all(jobs);`, at)).toBe(false);
    // Made once at module scope, not per iteration; per item or in a hot function it is.
    expect(mayChange('hoist-invariants', `const re = new RegExp('^a');`, at)).toBe(false);
    expect(mayChange('hoist-invariants', `export function f(ws: string[]) {\n  for (const w of ws) new RegExp('^a').test(w);\n}`, at)).toBe(true);
    expect(mayChange('hoist-invariants', `class Room {\n  update() { return new Intl.NumberFormat('en').format(1); }\n}`, at)).toBe(true);
    expect(mayChange('hoist-invariants', `/** @hot */\nfunction draw() { return new TextEncoder(); }`, at)).toBe(true);
    // A file that does not parse goes on to ESLint, which reports it.
    expect(mayChange('preallocate', `const out = [];\nfor (const e of es) out.push(e`, at)).toBe(true);
  });
});

