import { describe, expect, it } from 'vitest';
import transform from '../../codemods/preallocate';
import { CodemodParseError } from '../../src/analysis/codemod';
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
    it(`left-alone case ${index}: reports and keeps ${testCase.code.slice(0, 60)}`, () => {
      const reports: string[] = [];
      expect(runTransform(transform, testCase.code, testCase.filename ?? 'case.ts', {}, {}, reports)).toBe(testCase.code);
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatch(/left alone: /);
    });
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
