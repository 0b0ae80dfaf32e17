import { describe, expect, it } from 'vitest';
import transform from '../../codemods/share-inflight';
import { CodemodParseError } from '../../src/analysis/codemod';
import { cases } from '../rules/no-cache-stampede.cases';
import { fixtureCases, runTransform } from './harness';

const fixtures = fixtureCases('share-inflight');

describe('share-inflight fixtures', () => {
  it('has fixtures, including one that must not change', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    expect(fixtures.some((fixture) => fixture.expected === fixture.input)).toBe(true);
    expect(fixtures.some((fixture) => fixture.expected !== fixture.input)).toBe(true);
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

describe('share-inflight parity with the rule suggestion', () => {
  // Every RuleTester case with one finding and a suggestion: the codemod writes exactly its output.
  const single = cases.invalid.filter((testCase) => testCase.errors.length === 1 && testCase.errors[0]!.suggestions?.length);
  it('covers the single-finding RuleTester cases', () => {
    expect(single.length).toBeGreaterThanOrEqual(3);
  });
  single.forEach((testCase, index) => {
    it(`case ${index}: matches the suggestion for ${testCase.code.split('\n')[0]}`, () => {
      const options = (testCase.options?.[0] ?? {}) as Record<string, unknown>;
      const file = testCase.filename ?? 'case.ts';
      expect(runTransform(transform, testCase.code, file, options)).toBe(testCase.errors[0]!.suggestions![0]!.output);
    });
  });
});

describe('share-inflight leaves code without findings byte-identical', () => {
  for (const testCase of cases.valid) {
    const code = typeof testCase === 'string' ? testCase : testCase.code;
    const file = typeof testCase === 'string' ? 'case.ts' : (testCase.filename ?? 'case.ts');
    it(`${file}: ${code.slice(0, 80)}`, () => {
      expect(runTransform(transform, code, file)).toBe(code);
    });
  }

  it('reports findings it leaves alone, with their position', () => {
    const left = cases.invalid.find((testCase) => testCase.errors.every((error) => error.suggestions && error.suggestions.length === 0));
    expect(left).toBeDefined();
    const reports: string[] = [];
    expect(runTransform(transform, left!.code, 'left.ts', {}, {}, reports)).toBe(left!.code);
    expect(reports[0]).toMatch(/^left\.ts:\d+:\d+: left alone: /);
  });
});

describe('share-inflight on bad input', () => {
  it('throws a parse error naming the file and position', () => {
    const source = 'const cache = new Map();\nexport async function f(k) {\n  if (!cache.get(k)) cache.set(k, await load(k)\n';
    expect(() => runTransform(transform, source, 'broken.ts')).toThrow(CodemodParseError);
  });
});
