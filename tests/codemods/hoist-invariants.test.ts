import { describe, expect, it } from 'vitest';
import transform, { codemod } from '../../codemods/hoist-invariants';
import { CodemodParseError, codemodMayChange } from '../../src/analysis/codemod';
import { cases } from '../rules/no-alloc-in-hot-loop.cases';
import { fixtureCases, runTransform, prefilterPairTests, type PrefilterPair } from './harness';

const fixtures = fixtureCases('hoist-invariants');

describe('hoist-invariants fixtures', () => {
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

describe('hoist-invariants parity with the rule', () => {
  // Every single-finding RuleTester case: the codemod writes the rule's autofix (which is its
  // allocFixHoist suggestion), and leaves every other finding as it was.
  const single = cases.invalid.filter((testCase) => testCase.errors.length === 1);
  const hoisted = single.filter((testCase) => testCase.errors[0]!.suggestions?.[0]?.messageId === 'allocFixHoist');
  const others = single.filter((testCase) => testCase.errors[0]!.suggestions?.[0]?.messageId !== 'allocFixHoist');

  it('covers hoisted and left-alone cases', () => {
    expect(hoisted.length).toBeGreaterThanOrEqual(6);
    expect(others.length).toBeGreaterThanOrEqual(6);
  });

  hoisted.forEach((testCase, index) => {
    it(`hoisted case ${index}: matches the suggestion and the autofix for ${testCase.code.split('\n')[0]!.slice(0, 60)}`, () => {
      const settings = (testCase.settings ?? {}) as Record<string, unknown>;
      const output = runTransform(transform, testCase.code, testCase.filename ?? 'case.ts', {}, settings);
      expect(output).toBe(testCase.errors[0]!.suggestions![0]!.output);
      expect(output).toBe(testCase.output);
    });
  });

  others.forEach((testCase, index) => {
    it(`left-alone case ${index}: reports and keeps ${testCase.code.split('\n')[0]!.slice(0, 60)}`, () => {
      const reports: string[] = [];
      const settings = (testCase.settings ?? {}) as Record<string, unknown>;
      expect(runTransform(transform, testCase.code, testCase.filename ?? 'case.ts', {}, settings, reports)).toBe(testCase.code);
      // Reported where the file holds text the codemod rewrites, so it parses it; otherwise never parsed.
      const parsed = codemodMayChange(codemod, testCase.code, { ruleOptions: {}, settings: settings });
      expect(reports).toHaveLength(parsed ? 1 : 0);
      if (parsed) expect(reports[0]).toMatch(/left alone: /);
    });
  });

  it('parses every case in which the rule hoists by itself, whatever its settings', () => {
    const offered = cases.invalid.filter((testCase) => testCase.errors.some((error) => error.suggestions?.some((suggestion) => suggestion.messageId === 'allocFixHoist')));
    expect(offered.length).toBeGreaterThanOrEqual(4);
    for (const testCase of offered) {
      const settings = (testCase.settings ?? {}) as Record<string, unknown>;
      expect(codemodMayChange(codemod, testCase.code, { ruleOptions: {}, settings, filePath: testCase.filename ?? 'case.ts' }), testCase.code).toBe(true);
    }
  });

  it('reports left-alone findings in files it parses', () => {
    const parsed = others.filter((testCase) => codemodMayChange(codemod, testCase.code, { ruleOptions: {}, settings: (testCase.settings ?? {}) as Record<string, unknown> }));
    expect(parsed.length).toBeGreaterThanOrEqual(2);
  });
});

describe('hoist-invariants leaves code without findings byte-identical', () => {
  for (const testCase of cases.valid) {
    const code = typeof testCase === 'string' ? testCase : testCase.code;
    const file = typeof testCase === 'string' ? 'case.ts' : (testCase.filename ?? 'case.ts');
    it(`${file}: ${code.slice(0, 80)}`, () => {
      expect(runTransform(transform, code, file)).toBe(code);
    });
  }
});

describe('hoist-invariants on bad input', () => {
  it('throws a parse error naming the file and position', () => {
    const source = 'export function f(xs) {\n  for (const x of xs) new RegExp("a").test(x\n}\n';
    expect(() => runTransform(transform, source, 'broken.ts')).toThrow(CodemodParseError);
  });

  it('sees the top-level names of a CommonJS script, where they live in the module wrapper scope', () => {
    const source = `const textDecoder = require('./decoder');\nfunction decodeAll(parts) {\n  return parts.map((p) => new TextDecoder().decode(p) + textDecoder.name);\n}\nmodule.exports = { decodeAll };\n`;
    expect(runTransform(transform, source, 'decode.cjs')).toBe(
      `const textDecoder = require('./decoder');\nconst textDecoder2 = new TextDecoder();\n\nfunction decodeAll(parts) {\n  return parts.map((p) => textDecoder2.decode(p) + textDecoder.name);\n}\nmodule.exports = { decodeAll };\n`,
    );
  });

  it('reads hot function names from --settings', () => {
    const source = `export function simulate(s: string) { return new RegExp('^go$').test(s); }`;
    expect(runTransform(transform, source, 'a.ts')).toBe(source);
    expect(runTransform(transform, source, 'a.ts', {}, { hotpath: { hotFunctions: ['simulate'] } })).toBe(
      `const pattern = new RegExp('^go$');\n\nexport function simulate(s: string) { return pattern.test(s); }`,
    );
  });
});

describe('hoist-invariants prefilter: skips what the rule cannot hoist by itself, parses the near miss', () => {
  const inLoop = (construction: string, after = '') => `export function count(ws: string[]) {\n  let n = 0;\n  for (const w of ws) {\n    if (${construction}.test(w)) n++;\n    ${after}\n  }\n  return n;\n}\n`;
  // Each pair: the first is skipped unparsed, the second differs by the one condition and is rewritten.
  const pairs: PrefilterPair[] = [
    {
      name: 'arguments that are not constants (a parameter, a call)',
      skipped: `export function count(ws: string[], p: string) {\n  let n = 0;\n  for (const w of ws) if (new RegExp(p).test(w) || new RegExp(prefix()).test(w)) n++;\n  return n;\n}\n`,
      rewritten: `const P = '^a' + 'b';\nexport function count(ws: string[]) {\n  let n = 0;\n  for (const w of ws) if (new RegExp(P).test(w)) n++;\n  return n;\n}\n`,
    },
    {
      name: 'a RegExp with a g or y flag, which keeps state',
      skipped: inLoop(`new RegExp('^a', 'g')`),
      rewritten: inLoop(`new RegExp('^a', 'i')`),
    },
    {
      name: 'a loop at module scope, which runs once',
      skipped: `let n = 0;\nfor (const w of words) if (new RegExp('^a').test(w)) n++;\nexport { n };\n`,
      rewritten: inLoop(`new RegExp('^a')`),
    },
    {
      name: 'a loop body that returns after the construction, so it runs once',
      skipped: inLoop(`new RegExp('^a')`, 'return n;'),
      rewritten: inLoop(`new RegExp('^a')`, 'log(n);'),
    },
    {
      name: 'a callback that is neither an iteration nor a tick',
      skipped: `export function later(p: Promise<number>) {\n  return p.then((x) => new Intl.NumberFormat('en', { style: 'percent' }).format(x));\n}\n`,
      rewritten: `export function all(xs: number[]) {\n  return xs.map((x) => new Intl.NumberFormat('en', { style: 'percent' }).format(x));\n}\n`,
    },
    {
      name: 'a function that is not named hot, unless settings name it',
      skipped: `export function render(bytes: Uint8Array) {\n  return new TextDecoder('utf-8').decode(bytes).length;\n}\n`,
      rewritten: `export function render(bytes: Uint8Array) {\n  return new TextDecoder('utf-8').decode(bytes).length;\n}\n`,
      settings: { hotpath: { hotFunctions: ['render'] } },
    },
  ];

  prefilterPairTests(codemod, transform, 'src/a.ts', pairs);
});
