import { describe, expect, it } from 'vitest';
import transform from '../../codemods/add-timeout';
import { CodemodParseError } from '../../src/analysis/codemod';
import { cases } from '../rules/require-timeout.cases';
import { fixtureCases, runTransform } from './harness';

const fixtures = fixtureCases('add-timeout');

describe('add-timeout fixtures', () => {
  it('has fixtures, including one that must not change', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
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

describe('add-timeout parity with the rule suggestion', () => {
  // Every RuleTester case with one finding: the codemod writes exactly the suggestion's output.
  const single = cases.invalid.filter((testCase) => testCase.errors.length === 1);
  it('covers every single-finding RuleTester case', () => {
    expect(single.length).toBeGreaterThanOrEqual(8);
  });
  single.forEach((testCase, index) => {
    const expected = testCase.errors[0]!.suggestions;
    if (!expected || expected.length === 0) return;
    it(`case ${index}: matches the suggestion for ${testCase.code.split('\n').at(-1)}`, () => {
      const options = (testCase.options?.[0] ?? {}) as Record<string, unknown>;
      const settings = (testCase.settings ?? {}) as Record<string, unknown>;
      const file = testCase.filename ?? 'case.ts';
      expect(runTransform(transform, testCase.code, file, options, settings)).toBe(expected[0]!.output);
    });
  });
});

describe('add-timeout leaves code without findings byte-identical', () => {
  for (const testCase of cases.valid) {
    const code = typeof testCase === 'string' ? testCase : testCase.code;
    const file = typeof testCase === 'string' ? 'case.ts' : (testCase.filename ?? 'case.ts');
    it(`${file}: ${code.slice(0, 80)}`, () => {
      expect(runTransform(transform, code, file)).toBe(code);
    });
  }
});

describe('add-timeout on bad input', () => {
  it('throws a parse error naming the file and position, and changes nothing', () => {
    const source = 'export async function f() {\n  await fetch("/x", {\n}\n';
    let error: unknown;
    try {
      runTransform(transform, source, 'broken.ts');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CodemodParseError);
    expect((error as CodemodParseError).message).toMatch(/^broken\.ts:\d+:\d+: cannot parse/);
  });

  it('returns a file without trigger words unparsed and unchanged, even if it would not parse', () => {
    const source = 'this is not code {{{';
    expect(runTransform(transform, source, 'notes.ts')).toBe(source);
  });

  it('writes the --timeoutMs option into new deadlines', () => {
    expect(runTransform(transform, `fetch('/x');`, 'a.ts', { timeoutMs: '1500' })).toBe(
      `fetch('/x', { signal: AbortSignal.timeout(1500) });`,
    );
  });
});
