import { describe, expect, it } from 'vitest';
import transform from '../../codemods/batch-db-calls';
import { cases } from '../rules/no-n-plus-one.cases';
import { fixtureCases, runTransform } from './harness';

const fixtures = fixtureCases('batch-db-calls');

describe('batch-db-calls fixtures', () => {
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

  it('reports the shapes it leaves alone, with the reason', () => {
    const fixture = fixtures.find((candidate) => candidate.name === 'prisma-writes')!;
    const reports: string[] = [];
    runTransform(transform, fixture.input, fixture.file, {}, {}, reports);
    expect(reports).toEqual([expect.stringMatching(/^prisma-writes\.ts:16:24: left alone: `prisma\.post\.findFirst\(\)` makes one prisma round trip/)]);
  });
});

describe('batch-db-calls parity with the rule suggestion', () => {
  // Every RuleTester case whose one finding has a suggestion: the codemod writes exactly its output.
  const withSuggestion = cases.invalid.filter((testCase) => testCase.errors.length === 1 && testCase.errors[0]!.suggestions?.length);
  it('covers the canonical shapes', () => {
    expect(withSuggestion.length).toBeGreaterThanOrEqual(10);
  });
  withSuggestion.forEach((testCase, index) => {
    it(`case ${index}: matches the suggestion`, () => {
      const options = (testCase.options?.[0] ?? {}) as Record<string, unknown>;
      const file = testCase.filename ?? 'case.ts';
      const expected = testCase.errors[0]!.suggestions![0]!.output;
      expect(runTransform(transform, testCase.code, file, options)).toBe(expected);
    });
  });
});

describe('batch-db-calls leaves code without findings byte-identical', () => {
  for (const testCase of cases.valid) {
    const code = typeof testCase === 'string' ? testCase : testCase.code;
    const file = typeof testCase === 'string' ? 'case.ts' : (testCase.filename ?? 'case.ts');
    const options = typeof testCase === 'string' ? {} : ((testCase.options?.[0] ?? {}) as Record<string, unknown>);
    it(`${file}: ${code.slice(0, 80)}`, () => {
      expect(runTransform(transform, code, file, options)).toBe(code);
    });
  }
});

describe('batch-db-calls options', () => {
  it('writes --chunkSize into the chunked IN query', () => {
    const source = `import { Pool } from 'pg';\nconst pool = new Pool();\nexport const f = (ids: number[]) => Promise.all(ids.map(async (id) => (await pool.query('SELECT * FROM t WHERE id = $1', [id])).rows[0]));\n`;
    const output = runTransform(transform, source, 'a.ts', { chunkSize: '500' });
    expect(output).toContain('i += 500');
    expect(output).toContain('ids.slice(i, i + 500)');
    expect(output).toContain("'SELECT * FROM t WHERE id = ANY($1)', [chunk]");
  });
});
