import { describe, expect, it } from 'vitest';
import transform, { codemod } from '../../codemods/preallocate';
import { CodemodParseError, codemodMayChange } from '../../src/analysis/codemod';
import { cases } from '../rules/prefer-preallocation.cases';
import { fixtureCases, runTransform } from './harness';

const fixtures = fixtureCases('preallocate');

describe('preallocate fixtures', () => {
  it('has fixtures, including one that must not change', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
    expect(fixtures.some((fixture) => fixture.expected === fixture.input)).toBe(true);
  });

  for (const fixture of fixtures) {
    it(`${fixture.name}: rewrites to the expected output`, () => {
      expect(runTransform(transform, fixture.input, fixture.file)).toBe(fixture.expected);
    });

    it(`${fixture.name}: is idempotent`, () => {
      const once = runTransform(transform, fixture.input, fixture.file);
      expect(runTransform(transform, once, fixture.file)).toBe(once);
    });
  }
});

describe('preallocate parity with the rule', () => {
  // Every finding with a suggestion: the codemod writes exactly the suggestion's output. Findings
  // without one (a push that is not the last statement) stay as they are, reported.
  const single = cases.invalid.filter((testCase) => testCase.errors.length === 1);
  const rewritten = single.filter((testCase) => testCase.errors[0]!.suggestions?.length);
  const others = single.filter((testCase) => !testCase.errors[0]!.suggestions?.length);

  it('covers rewritten and left-alone cases', () => {
    expect(rewritten.length).toBeGreaterThanOrEqual(8);
    expect(others.length).toBeGreaterThanOrEqual(1);
  });

  rewritten.forEach((testCase, index) => {
    it(`rewritten case ${index}: matches the suggestion for ${testCase.code.slice(0, 60)}`, () => {
      const options = (testCase.options?.[0] ?? {}) as Record<string, unknown>;
      expect(runTransform(transform, testCase.code, testCase.filename ?? 'case.ts', options)).toBe(testCase.errors[0]!.suggestions![0]!.output);
    });
  });

  others.forEach((testCase, index) => {
    it(`left-alone case ${index}: keeps ${testCase.code.slice(0, 60)}`, () => {
      const reports: string[] = [];
      expect(runTransform(transform, testCase.code, testCase.filename ?? 'case.ts', {}, {}, reports)).toBe(testCase.code);
      // Reported where the file holds a shape the codemod rewrites, so it parses it; otherwise never parsed.
      const parsed = codemodMayChange(codemod, testCase.code, { ruleOptions: {}, settings: {}, filePath: testCase.filename ?? 'case.ts' });
      expect(reports).toHaveLength(parsed ? 1 : 0);
      if (parsed) expect(reports[0]).toMatch(/left alone: /);
    });
  });

  it('parses every case in which the rule offers a rewrite, whatever its options and file name', () => {
    const offered = cases.invalid.filter((testCase) => testCase.errors.some((error) => error.suggestions?.length));
    expect(offered.length).toBeGreaterThanOrEqual(8);
    for (const testCase of offered) {
      const ruleOptions = (testCase.options?.[0] ?? {}) as Record<string, unknown>;
      expect(codemodMayChange(codemod, testCase.code, { ruleOptions, settings: {}, filePath: testCase.filename ?? 'case.ts' }), testCase.code).toBe(true);
    }
  });

  it('reports left-alone findings in files it parses for a loop it rewrites', () => {
    // None of the left-alone cases alone is parsed: the prefilter sees that the rule offers nothing there.
    expect(others.filter((testCase) => codemodMayChange(codemod, testCase.code, { ruleOptions: {}, settings: {}, filePath: testCase.filename ?? 'case.ts' }))).toEqual([]);
    const code = `export function f(rows: Row[]) {\n  const a = [];\n  for (const r of rows) a.push(r.id);\n  const b = [];\n  for (const r of rows) {\n    b.push(r.id);\n    log(r);\n  }\n  return [a, b];\n}\n`;
    const reports: string[] = [];
    expect(runTransform(transform, code, 'src/a.ts', {}, {}, reports)).toContain('const a = rows.map((r) => r.id);');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^src\/a\.ts:\d+:\d+: left alone: `b` grows/);
  });

  it('edits a file that starts with a byte-order mark at the right offsets, and keeps the mark', () => {
    const body = `export function ids(es: { id: number }[]) {\n  const out: number[] = [];\n  for (const e of es) {\n    out.push(e.id);\n  }\n  return out;\n}\n`;
    const output = runTransform(transform, `\uFEFF${body}`, 'bom.ts');
    expect(output).toBe(`\uFEFFexport function ids(es: { id: number }[]) {\n  const out: number[] = es.map((e) => e.id);\n  return out;\n}\n`);
  });

  it('passes --minLength to the rule', () => {
    const source = `export function quad(src: number[]) { const out = []; for (let i = 0; i < 4; i++) out.push(src[i]! * 2); return out[0]; }`;
    expect(runTransform(transform, source, 'a.ts')).toBe(source);
    expect(runTransform(transform, source, 'a.ts', { minLength: '2' })).toContain('new Float64Array(4)');
  });
});

describe('preallocate leaves code without findings byte-identical', () => {
  for (const testCase of cases.valid) {
    const code = typeof testCase === 'string' ? testCase : testCase.code;
    const file = typeof testCase === 'string' ? 'case.ts' : (testCase.filename ?? 'case.ts');
    it(`${file}: ${code.slice(0, 80)}`, () => {
      expect(runTransform(transform, code, file)).toBe(code);
    });
  }
});

describe('preallocate on bad input', () => {
  it('throws a parse error naming the file and position', () => {
    expect(() => runTransform(transform, 'export function f(xs) { const o = []; for (const x of xs) o.push(x; }', 'broken.ts')).toThrow(
      CodemodParseError,
    );
  });
});

describe('preallocate prefilter: skips what the rule cannot rewrite, parses the near miss', () => {
  const parses = (code: string, ruleOptions: Record<string, unknown> = {}) => codemodMayChange(codemod, code, { ruleOptions, settings: {}, filePath: 'src/a.ts' });
  // Each pair: the first is skipped unparsed, the second differs by the one condition and is rewritten.
  const pairs: { why: string; skipped: string; rewritten: string; options?: Record<string, unknown> }[] = [
    {
      why: 'a source that syntax does not show to be an array (a Map, a ProseMirror fragment)',
      skipped: `export function ids(node: { content: Fragment }) { const out = []; node.content.forEach((c) => out.push(c.id)); return out; }`,
      rewritten: `export function ids(node: { content: Child[] }, cs: Child[]) { const out = []; cs.forEach((c) => out.push(c.id)); return out; }`,
    },
    {
      why: 'a name bound to something other than an array, where another binding of it is one',
      skipped: `export function ids(rows: Set<Row>) { const out = []; for (const r of rows) out.push(r.id); return out; }`,
      rewritten: `export function ids({ rows }: { rows: Row[] }) { const out = []; for (const r of rows) out.push(r.id); return out; }`,
    },
    {
      why: 'the array read inside the loop',
      skipped: `export function ids(rows: Row[]) { const out = []; for (const r of rows) { if (out.length > 9) log(r); out.push(r.id); } return out; }`,
      rewritten: `export function ids(rows: Row[]) { const out = []; for (const r of rows) { if (r) log(r); out.push(r.id); } log(out.length); return out; }`,
    },
    {
      why: 'the array used between its declaration and the loop',
      skipped: `export function ids(rows: Row[]) { const out = []; register(out); for (const r of rows) out.push(r.id); return out; }`,
      rewritten: `export function ids(rows: Row[]) { const out = []; register(rows); for (const r of rows) out.push(r.id); return out; }`,
    },
    {
      why: 'an await in the body: each iteration waits for the last',
      skipped: `export async function ids(rows: Row[]) { const out = []; for (const r of rows) out.push(await load(r)); return out; }`,
      rewritten: `export async function ids(rows: Row[]) { const out = []; for (const r of rows) out.push(load(r)); return Promise.all(out); }`,
    },
    {
      why: 'the push not last in the body (no .map form) in a loop that is not an index loop of numbers',
      skipped: `export function ids(rows: Row[]) { const out = []; for (const r of rows) { out.push(r.id); log(r); } return out; }`,
      rewritten: `export function ids(rows: Row[]) { const out = []; for (const r of rows) { log(r); out.push(r.id); } return out; }`,
    },
    {
      why: 'an index loop that is not counted up by one, or a statement between the array and a loop of numbers',
      skipped: `export function f(n: number) { const out = []; for (let i = 0; i <= n; i++) out.push(i * 2); const t = []; log(t); for (let i = 0; i < n; i++) t.push(i * 2); return [out, t]; }`,
      rewritten: `export function f(n: number) { const out = []; for (let i = 0; i < n; i++) out.push(i * 2); return out.reduce((a, b) => a + b, 0); }`,
    },
    {
      why: 'a literal trip count under minLength, unless minLength is lowered',
      skipped: `export function f() { const out = []; for (let i = 0; i < 4; i++) out.push(i * 2); return out[3]; }`,
      rewritten: `export function f() { const out = []; for (let i = 0; i < 4; i++) out.push(i * 2); return out[3]; }`,
      options: { minLength: 2 },
    },
    {
      why: 'an async forEach callback, or a break in the loop',
      skipped: `export function f(rows: Row[]) { const out = []; rows.forEach(async (r) => out.push(r.id)); const o2 = []; for (const r of rows) { o2.push(r.id); if (r.last) break; } return [out, o2]; }`,
      rewritten: `export function f(rows: Row[]) { const out = []; rows.forEach((r) => out.push(r.id)); return out; }`,
    },
    {
      why: 'a field of this that the class does not declare as an array',
      skipped: `export class A { rows = new Set<Row>(); ids() { const out = []; for (const r of this.rows) out.push(r.id); return out; } }`,
      rewritten: `export class A { rows: Row[] = load(); ids() { const out = []; for (const r of this.rows) out.push(r.id); return out; } }`,
    },
    {
      why: 'a field of this walked while the body calls a method of this (it may grow the field)',
      skipped: `export class A { rows: Row[] = []; ids() { const out = []; for (const r of this.rows) out.push(this.label(r)); return out; } label(r: Row) { return r.id; } }`,
      rewritten: `export class A { rows: Row[] = []; ids() { const out = []; for (const r of this.rows) out.push(label(r)); return out; } }`,
    },
    {
      why: 'a TypeScript loop reading a property narrowed by an if around it (the .map callback would lose the narrowing)',
      skipped: `export function f(rows: Row[], o: { egg?: string }) { if (o.egg) { const out = []; for (const r of rows) out.push(r.x ? o.egg : r.id); return out; } return []; }`,
      rewritten: `export function f(rows: Row[], o: { egg?: string }) { if (o.egg) { const out = []; for (const r of rows) out.push(r.x ? r.egg : r.id); return out; } return []; }`,
    },
    {
      why: 'numbers filled in an index loop but then used as an array a Float64Array would not serve (outline\'s dataUrlToBlob)',
      skipped: `export function bytes(s: string) { const out = []; for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i)); return new Uint8Array(out); }`,
      rewritten: `export function sum(s: string) { const out = []; for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i)); return out.reduce((a, b) => a + b, 0) + (out)[0]!; }`,
    },
    {
      why: 'a name that is an array only in another function (documenso\'s renderTables destructures it from options)',
      skipped: `function group(): Row[][] { const groups: Row[][] = [[]]; return groups; }\nexport function render(options: Options) { const { groups } = options; const out = []; for (const g of groups) out.push(draw(g)); return out; }`,
      rewritten: `export function render(options: Options) { const groups: Row[][] = options.groups; const out = []; for (const g of groups) out.push(draw(g)); return out; }`,
    },
  ];

  it('reads a narrowed property only in TypeScript files as the rule does', () => {
    const code = `export function f(rows, o) { if (o.egg) { const out = []; for (const r of Array.from(rows)) out.push(r.x ? o.egg : r.id); return out; } return []; }`;
    expect(codemodMayChange(codemod, code, { ruleOptions: {}, settings: {}, filePath: 'src/a.js' })).toBe(true);
    expect(runTransform(transform, code, 'src/a.js')).toContain('Array.from(rows).map(');
    expect(codemodMayChange(codemod, code, { ruleOptions: {}, settings: {}, filePath: 'src/a.ts' })).toBe(false);
  });

  for (const pair of pairs) {
    it(pair.why, () => {
      expect(parses(pair.skipped)).toBe(false);
      expect(parses(pair.rewritten, pair.options)).toBe(true);
      // The prefilter's answer agrees with the rule: nothing rewritten in the skipped file, a rewrite in the other.
      const options = Object.fromEntries(Object.entries(pair.options ?? {}).map(([key, value]) => [key, String(value)]));
      expect(runTransform(transform, pair.skipped, 'src/a.ts')).toBe(pair.skipped);
      expect(runTransform(transform, pair.rewritten, 'src/a.ts', options)).not.toBe(pair.rewritten);
    });
  }
});
