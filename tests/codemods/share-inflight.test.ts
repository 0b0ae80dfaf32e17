import { describe, expect, it } from 'vitest';
import transform, { codemod } from '../../codemods/share-inflight';
import { CodemodParseError } from '../../src/analysis/codemod';
import { cases } from '../rules/no-cache-stampede.cases';
import { fixtureCases, runTransform, prefilterPairTests, type PrefilterPair } from './harness';

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
    // Two awaits between the miss and the store have no rewrite: the prefilter skips a file holding
    // only such fills, so this one also holds a fill it rewrites.
    const left = cases.invalid.find((testCase) => testCase.errors.every((error) => error.suggestions && error.suggestions.length === 0));
    expect(left).toBeDefined();
    const code = `${left!.code}\n${mapFill('  const row = await loadUser(id);')}`;
    const reports: string[] = [];
    expect(runTransform(transform, code, 'left.ts', {}, {}, reports)).not.toBe(code);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(new RegExp(`^left\\.ts:${left!.errors[0]!.line}:\\d+: left alone: `));
  });
});

/** A fill of a module-level Map: a miss check on `id`, then `load`, then a store. */
function mapFill(load: string, { check = 'users.get(id)', store = 'users.set(id, row)' } = {}): string {
  return `const users = new Map<string, unknown>();\nexport async function user(id: string) {\n  const hit = ${check};\n  if (hit) return hit;\n${load}\n  ${store};\n  return row;\n}\n`;
}

describe('share-inflight prefilter: a file is parsed only where a rewrite can be', () => {
  const one = '  const row = await loadUser(id);';

  // Each pair: a fill the rule leaves without a rewrite (not parsed), and its nearest shape with one
  // (parsed, and the codemod does rewrite it).
  const pairs: PrefilterPair[] = [
    {
      name: 'two awaits between the miss check and the store',
      skipped: mapFill('  const res = await fetchUser(id);\n  const row = await res.json();'),
      rewritten: mapFill(one),
    },
    {
      name: 'a store under another key than the one checked',
      skipped: mapFill(one, { store: 'users.set(String(row), row)' }),
      rewritten: mapFill(one, { store: 'users.set( id , row)' }),
    },
    {
      name: 'a check on another cache',
      skipped: mapFill(one, { check: 'others.get(id)' }),
      rewritten: mapFill(one, { check: 'users\n    .get( id )' }),
    },
    {
      name: 'an await on a value, not a call',
      skipped: mapFill('  const row = await pending;'),
      rewritten: mapFill('  const row = await pending(id);'),
    },
    {
      name: 'the check in another function than the store',
      skipped: mapFill(one, { check: '(() => users.get(id))()' }),
      rewritten: mapFill(one, { check: '(users.get(id))' }),
    },
  ];

  prefilterPairTests(codemod, transform, 'service.ts', pairs);
});

describe('share-inflight on bad input', () => {
  it('throws a parse error naming the file and position', () => {
    const source = 'const cache = new Map();\nexport async function f(k) {\n  if (!cache.get(k)) cache.set(k, await load(k)\n';
    expect(() => runTransform(transform, source, 'broken.ts')).toThrow(CodemodParseError);
  });
});
