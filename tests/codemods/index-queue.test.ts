import { describe, expect, it } from 'vitest';
import transform from '../../codemods/index-queue';
import { CodemodParseError } from '../../src/analysis/codemod';
import { cases } from '../rules/no-shift-queue.cases';
import { fixtureCases, runTransform } from './harness';

const fixtures = fixtureCases('index-queue');

describe('index-queue fixtures', () => {
  it('has fixtures, including ones that must not change', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    expect(fixtures.filter((fixture) => fixture.expected === fixture.input).length).toBeGreaterThanOrEqual(2);
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

  it('reports why a field queue is left alone', () => {
    const fixture = fixtures.find((f) => f.name === 'field-queue')!;
    const reports: string[] = [];
    runTransform(transform, fixture.input, fixture.file, {}, {}, reports);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^field-queue\.ts:11:\d+: left alone: .*outlives the call/);
  });

  it('reports why a local queue used in another way is left alone, and rewrites its neighbour', () => {
    const fixture = fixtures.find((f) => f.name === 'two-queues')!;
    const reports: string[] = [];
    const output = runTransform(transform, fixture.input, fixture.file, {}, {}, reports);
    expect(output).toContain('todo[todoHead++]');
    expect(output).toContain('rest.shift()');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/left alone: .*`rest` is also used as `\{ out, rest \}`/);
  });
});

describe('index-queue parity with the rule suggestion', () => {
  // Every RuleTester case whose findings all carry the same suggestion: the codemod writes it.
  const withSuggestion = cases.invalid.filter((testCase) => testCase.errors.every((error) => error.suggestions && error.suggestions.length > 0));
  it('covers the RuleTester cases that have a suggestion', () => {
    expect(withSuggestion.length).toBeGreaterThanOrEqual(5);
  });
  withSuggestion.forEach((testCase, index) => {
    const expected = testCase.errors[0]!.suggestions![0]!.output;
    it(`case ${index}: matches the suggestion for ${testCase.code.split('\n')[0]}`, () => {
      const options = (testCase.options?.[0] ?? {}) as Record<string, unknown>;
      const settings = (testCase.settings ?? {}) as Record<string, unknown>;
      expect(runTransform(transform, testCase.code, testCase.filename ?? 'case.ts', options, settings)).toBe(expected);
    });
  });

  it('leaves every finding without a suggestion untouched', () => {
    const without = cases.invalid.filter((testCase) => testCase.errors.every((error) => error.suggestions === null));
    expect(without.length).toBeGreaterThanOrEqual(4);
    for (const testCase of without) {
      const settings = (testCase.settings ?? {}) as Record<string, unknown>;
      expect(runTransform(transform, testCase.code, testCase.filename ?? 'case.ts', {}, settings)).toBe(testCase.code);
    }
  });
});

describe('index-queue leaves code without findings byte-identical', () => {
  for (const testCase of cases.valid) {
    const code = typeof testCase === 'string' ? testCase : testCase.code;
    const file = typeof testCase === 'string' ? 'case.ts' : (testCase.filename ?? 'case.ts');
    const options = typeof testCase === 'string' ? {} : ((testCase.options?.[0] ?? {}) as Record<string, unknown>);
    it(`${file}: ${code.slice(0, 80)}`, () => {
      expect(runTransform(transform, code, file, options)).toBe(code);
    });
  }
});

describe('index-queue on bad input', () => {
  it('throws a parse error naming the file and position', () => {
    let error: unknown;
    try {
      runTransform(transform, 'function f() { const q = []; while (q.length) q.shift(\n', 'broken.ts');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CodemodParseError);
    expect((error as CodemodParseError).message).toMatch(/^broken\.ts:\d+:\d+: cannot parse/);
  });

  it('returns a file without `shift(` unparsed and unchanged', () => {
    const source = 'not code at all {{{';
    expect(runTransform(transform, source, 'notes.ts')).toBe(source);
  });

  it('reads hotFunctions from --settings', () => {
    const code = `function drainFrame(start: number) { const q = [start]; const next = q.shift(); q.push(1); return next; }`;
    expect(runTransform(transform, code, 'a.ts')).toBe(code);
    expect(runTransform(transform, code, 'a.ts', {}, { hotpath: { hotFunctions: ['drainFrame'] } })).toBe(
      `function drainFrame(start: number) { const q = [start]; let qHead = 0; const next = (qHead < q.length ? q[qHead++] : undefined); q.push(1); return next; }`,
    );
  });
});
