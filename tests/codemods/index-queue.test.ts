import { describe, expect, it } from 'vitest';
import transform, { codemod } from '../../codemods/index-queue';
import { CodemodParseError, codemodMayChange } from '../../src/analysis/codemod';
import { cases } from '../rules/no-shift-queue.cases';
import { fixtureCases, runTransform, prefilterPairTests, type PrefilterPair } from './harness';

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

  it('reports why a field queue is left alone in a file it parses for a local queue, and skips a file with only the field', () => {
    const fixture = fixtures.find((f) => f.name === 'field-queue')!;
    expect(codemodMayChange(codemod, fixture.input, { ruleOptions: {}, settings: {}, filePath: fixture.file })).toBe(false);
    const local = `\nexport function walk(root: Tree) {\n  const todo = [root];\n  while (todo.length) {\n    const node = todo.shift()!;\n    for (const child of node.children) todo.push(child);\n  }\n}\ninterface Tree {\n  children: Tree[];\n}\n`;
    const reports: string[] = [];
    const output = runTransform(transform, fixture.input + local, fixture.file, {}, {}, reports);
    expect(output).toContain('todo[todoHead++]');
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

  it('parses every case in which the rule offers a rewrite, whatever its options and settings', () => {
    const offered = cases.invalid.filter((testCase) => testCase.errors.some((error) => error.suggestions?.length));
    expect(offered.length).toBeGreaterThanOrEqual(5);
    for (const testCase of offered) {
      const ruleOptions = (testCase.options?.[0] ?? {}) as Record<string, unknown>;
      const settings = (testCase.settings ?? {}) as Record<string, unknown>;
      expect(codemodMayChange(codemod, testCase.code, { ruleOptions, settings, filePath: testCase.filename ?? 'case.ts' }), testCase.code).toBe(true);
    }
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

describe('index-queue prefilter: skips what the rule cannot rewrite, parses the near miss', () => {
  const loop = (declare: string, body: string, after = '') => `export function drain(start: Item[]) {\n  ${declare}\n  while (q.length) {\n    ${body}\n  }\n  ${after}\n}\n`;
  // Each pair: the first is skipped unparsed, the second differs by the one condition and is rewritten.
  const pairs: PrefilterPair[] = [
    {
      name: 'a queue that is a parameter or a field (it outlives the call)',
      skipped: `export function drain(q: Item[]) { while (q.length) { const x = q.shift()!; if (x.next) q.push(x.next); } }`,
      rewritten: loop('const q = [...start];', 'const x = q.shift()!; if (x.next) q.push(x.next);'),
    },
    {
      name: 'a queue declared at module scope',
      skipped: `const q: Item[] = [];\nexport function drain() { while (q.length) { const x = q.shift()!; if (x.next) q.push(x.next); } }`,
      rewritten: `export function drain() { const q: Item[] = []; while (q.length) { const x = q.shift()!; if (x.next) q.push(x.next); } }`,
    },
    {
      name: 'a shift that runs once per call, not in a loop, a tick or an event (unless the function is named hot)',
      skipped: `export function drainFrame(start: Item) { const q = [start]; const x = q.shift(); q.push(start); return x; }`,
      rewritten: `export function drainFrame(start: Item) { const q = [start]; const x = q.shift(); q.push(start); return x; }`,
      settings: { hotpath: { hotFunctions: ['drainFrame'] } },
    },
    {
      name: 'a shift under a cap on the length (a bounded log), where a test for an empty queue is not a cap',
      skipped: `export function log(lines: string[]) { const recent = []; for (const l of lines) { recent.push(l); if (recent.length > 100) recent.shift(); } return recent.length; }`,
      rewritten: `export function log(lines: string[]) { const recent = []; for (const l of lines) { recent.push(l); if (recent.length > 0) recent.shift(); } return recent.length; }`,
    },
    {
      name: 'a queue used in another way than shift, push and length',
      skipped: loop('const q = [...start];', 'const x = q.shift()!; if (x.next) q.push(x.next);', 'return q;'),
      rewritten: loop('const q = [...start];', 'const x = q.shift()!; if (x.next) q.push(x.next);', 'return q.length;'),
    },
    {
      name: 'a queue nothing grows, or that only rotates',
      skipped: loop('const q = [...start];', 'const x = q.shift()!; q.push(q.shift()!); use(x);'),
      rewritten: loop('const q = [...start];', 'const x = q.shift()!; q.push(...x.children); use(x);'),
    },
  ];

  prefilterPairTests(codemod, transform, 'src/a.ts', pairs);
});
