import { describe, expect, it } from 'vitest';
import transform, { codemod } from '../../codemods/spread-to-mutation';
import { CodemodParseError, codemodMayChange } from '../../src/analysis/codemod';
import { cases } from '../rules/no-accumulating-spread.cases';
import { fixtureCases, runTransform } from './harness';

const fixtures = fixtureCases('spread-to-mutation');

describe('spread-to-mutation fixtures', () => {
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

describe('spread-to-mutation parity with the rule', () => {
  // Fresh accumulators: the codemod writes the rule's autofix, which is its first suggestion.
  // Shared ones (a parameter, a field, an initial value from elsewhere) stay as they are, reported.
  const single = cases.invalid.filter((testCase) => testCase.errors.length === 1);
  const mutated = single.filter((testCase) => testCase.errors[0]!.suggestions?.[0]?.messageId === 'accumulatingSpreadFixMutate');
  const others = single.filter((testCase) => testCase.errors[0]!.suggestions?.[0]?.messageId !== 'accumulatingSpreadFixMutate');

  it('covers mutated and left-alone cases', () => {
    expect(mutated.length).toBeGreaterThanOrEqual(6);
    expect(others.length).toBeGreaterThanOrEqual(6);
  });

  mutated.forEach((testCase, index) => {
    it(`mutated case ${index}: matches the suggestion and the autofix for ${testCase.code.slice(0, 60)}`, () => {
      const output = runTransform(transform, testCase.code, testCase.filename ?? 'case.ts');
      expect(output).toBe(testCase.errors[0]!.suggestions![0]!.output);
      expect(output).toBe(testCase.output);
    });
  });

  others.forEach((testCase, index) => {
    it(`left-alone case ${index}: reports and keeps ${testCase.code.slice(0, 60)}`, () => {
      const reports: string[] = [];
      expect(runTransform(transform, testCase.code, testCase.filename ?? 'case.ts', {}, {}, reports)).toBe(testCase.code);
      // Reported where the file holds text the codemod rewrites, so it parses it; otherwise never parsed.
      const parsed = codemodMayChange(codemod, testCase.code, { ruleOptions: {}, settings: {} });
      expect(reports).toHaveLength(parsed ? 1 : 0);
      if (parsed) expect(reports[0]).toMatch(/left alone: /);
    });
  });

  it('reports left-alone findings in files it parses', () => {
    const parsed = others.filter((testCase) => codemodMayChange(codemod, testCase.code, { ruleOptions: {}, settings: (testCase.settings ?? {}) as Record<string, unknown> }));
    expect(parsed.length).toBeGreaterThanOrEqual(2);
  });
});

describe('spread-to-mutation leaves code without findings byte-identical', () => {
  for (const testCase of cases.valid) {
    const code = typeof testCase === 'string' ? testCase : testCase.code;
    const file = typeof testCase === 'string' ? 'case.ts' : (testCase.filename ?? 'case.ts');
    it(`${file}: ${code.slice(0, 80)}`, () => {
      expect(runTransform(transform, code, file)).toBe(code);
    });
  }
});

describe('spread-to-mutation on bad input', () => {
  it('throws a parse error naming the file and position', () => {
    expect(() => runTransform(transform, 'export const f = (xs) => xs.reduce((a, x) => ({ ...a, x }, {});', 'broken.ts')).toThrow(
      CodemodParseError,
    );
  });
});
