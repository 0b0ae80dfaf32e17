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

  it('parses every case in which the rule offers the mutation without asking', () => {
    const offered = cases.invalid.filter((testCase) => testCase.errors.some((error) => error.suggestions?.some((suggestion) => suggestion.messageId === 'accumulatingSpreadFixMutate')));
    expect(offered.length).toBeGreaterThanOrEqual(6);
    for (const testCase of offered) {
      expect(codemodMayChange(codemod, testCase.code, { ruleOptions: {}, settings: {}, filePath: testCase.filename ?? 'case.ts' }), testCase.code).toBe(true);
    }
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

describe('spread-to-mutation prefilter: skips what the rule cannot rewrite, parses the near miss', () => {
  const parses = (code: string) => codemodMayChange(codemod, code, { ruleOptions: {}, settings: {}, filePath: 'src/a.ts' });
  // Each pair: the first is skipped unparsed, the second differs by the one condition and is rewritten.
  const pairs: { why: string; skipped: string; rewritten: string }[] = [
    {
      why: 'a reduce whose start is not a fresh literal of the copy’s kind',
      skipped: `export const f = (xs: X[], base: object) => xs.reduce((acc, x) => ({ ...acc, [x.id]: x }), base);\nexport const g = (xs: X[]) => xs.reduce((acc, x) => ({ ...acc, [x.id]: x }), []);`,
      rewritten: `export const f = (xs: X[]) => xs.reduce((acc, x) => ({ ...acc, [x.id]: x }), {});`,
    },
    {
      why: 'the accumulator spread after other keys, or alone',
      skipped: `export const f = (xs: X[]) => xs.reduce((acc, x) => ({ [x.id]: x, ...acc }), {});\nexport const g = (xs: X[]) => xs.reduce((acc) => [...acc], []);`,
      rewritten: `export const f = (xs: X[]) => xs.reduce((acc, x) => ({ ...acc, [x.id]: x }), {});`,
    },
    {
      why: 'a copy returned on one branch, under a cast, or from a function inside the callback',
      skipped: `export const f = (xs: X[]) => xs.reduce((acc, x) => (x.skip ? acc : { ...acc, [x.id]: x }), {});\nexport const g = (xs: X[]) => xs.reduce((acc, x) => { return { ...acc, [x.id]: x } as Acc; }, {});\nexport const h = (xs: X[]) => xs.reduce((acc, x) => { later(() => { return { ...acc, k: x }; }); return acc; }, {});`,
      rewritten: `export const f = (xs: X[]) => xs.reduce((acc, x) => { if (x.skip) return acc; return { ...acc, [x.id]: x }; }, {});`,
    },
    {
      why: 'a reduce over a literal of eight items or fewer',
      skipped: `export const f = ['a', 'b', 'c'].reduce((acc, k) => ({ ...acc, [k]: true }), {});`,
      rewritten: `export const f = (keys: string[]) => keys.reduce((acc, k) => ({ ...acc, [k]: true }), {});`,
    },
    {
      why: 'an accumulator reassigned in a callback, or declared with var or as a parameter',
      skipped: `export function f(xs: X[], all: X[]) { let b: X[] = []; xs.forEach((x) => { b = [...b, x]; }); var c = []; for (const x of xs) { all = [...all, x]; c = [...c, x]; } return [all, b, c]; }`,
      rewritten: `export function f(xs: X[]) { let all: X[] = []; for (const x of xs) { all = [...all, x]; } return all; }`,
    },
    {
      why: 'an accumulator declared inside the loop, or not in a loop at all',
      skipped: `export function f(xs: X[]) { for (const x of xs) { let row: X[] = []; row = [...row, x]; use(row); } let once = {}; once = { ...once, a: 1 }; return once; }`,
      rewritten: `export function f(xs: X[]) { let row: X[] = []; for (const x of xs) { row = [...row, x]; } return row; }`,
    },
    {
      why: 'a concat of something that may be an array (it would be flattened)',
      skipped: `export function f(xs: X[][]) { let all: X[] = []; for (const x of xs) all = all.concat(x); return all; }`,
      rewritten: `export function f(xs: X[]) { let all: X[] = []; for (const x of xs) all = all.concat([x]); return all; }`,
    },
  ];

  for (const pair of pairs) {
    it(pair.why, () => {
      expect(parses(pair.skipped)).toBe(false);
      expect(parses(pair.rewritten)).toBe(true);
      // The prefilter's answer agrees with the rule: nothing rewritten in the skipped file, a rewrite in the other.
      expect(runTransform(transform, pair.skipped, 'src/a.ts')).toBe(pair.skipped);
      expect(runTransform(transform, pair.rewritten, 'src/a.ts')).not.toBe(pair.rewritten);
    });
  }
});
