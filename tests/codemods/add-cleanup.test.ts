import { describe, expect, it } from 'vitest';
import transform, { codemod } from '../../codemods/add-cleanup';
import { CodemodParseError, codemodMayChange } from '../../src/analysis/codemod';
import { cases as listenerCases } from '../rules/no-leaked-listener.cases';
import { cases as timerCases } from '../rules/no-leaked-timer.cases';
import { fixtureCases, runTransform, prefilterPairTests, type PrefilterPair } from './harness';

const fixtures = fixtureCases('add-cleanup');

describe('add-cleanup fixtures', () => {
  it('has fixtures, including ones that must not change', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
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
});

describe('add-cleanup parity with the rules’ suggestions', () => {
  // Every RuleTester case with one finding and a suggestion: the codemod writes exactly the first one.
  for (const [rule, table] of [
    ['no-leaked-timer', timerCases],
    ['no-leaked-listener', listenerCases],
  ] as const) {
    const single = table.invalid.filter((testCase) => testCase.errors.length === 1 && (testCase.errors[0]!.suggestions?.length ?? 0) > 0);
    it(`${rule}: covers its single-finding cases that have a suggestion`, () => {
      expect(single.length).toBeGreaterThanOrEqual(8);
    });
    single.forEach((testCase, index) => {
      it(`${rule} case ${index}: matches the suggestion for ${testCase.code.split('\n')[1] ?? testCase.code}`, () => {
        const options = (testCase.options?.[0] ?? {}) as Record<string, unknown>;
        const file = testCase.filename ?? 'case.tsx';
        expect(runTransform(transform, testCase.code, file, options)).toBe(testCase.errors[0]!.suggestions![0]!.output);
      });
    });
  }
});

describe('add-cleanup leaves code without findings byte-identical', () => {
  for (const testCase of [...timerCases.valid, ...listenerCases.valid]) {
    const code = typeof testCase === 'string' ? testCase : testCase.code;
    const file = typeof testCase === 'string' ? 'case.tsx' : (testCase.filename ?? 'case.tsx');
    const options = typeof testCase === 'string' ? {} : ((testCase.options?.[0] ?? {}) as Record<string, unknown>);
    it(`${file}: ${code.slice(0, 80)}`, () => {
      expect(runTransform(transform, code, file, options)).toBe(code);
    });
  }
});

describe('add-cleanup on shapes it does not rewrite', () => {
  it('reports each finding it leaves alone, with the rule’s message as the reason', () => {
    const fixture = fixtures.find((candidate) => candidate.name === 'left-alone')!;
    const reports: string[] = [];
    expect(runTransform(transform, fixture.input, fixture.file, {}, {}, reports)).toBe(fixture.input);
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatch(/^left-alone\.mjs:5:3: left alone: `bus\.on\('tick', …\)` adds an inline listener/);
    expect(reports[1]).toMatch(/^left-alone\.mjs:9:3: left alone: `setInterval\(\.\.\.\)` starts an interval on every call/);
  });

  it('throws a parse error naming the file and position, and changes nothing', () => {
    let error: unknown;
    try {
      runTransform(transform, 'export function f() {\n  useEffect(() => { setInterval(() => {\n}\n', 'broken.ts');
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

  it('passes the rules’ options on: start-up names, test files', () => {
    // The signal in `watch` gives the codemod a place where cleanups can go, so it parses the file.
    const code = `export function poll() {\n  setInterval(report, 1000);\n}\nexport function watch(target, signal) {\n  target.addEventListener('change', report);\n  signal.throwIfAborted();\n}`;
    const reports: string[] = [];
    runTransform(transform, code, 'test/poll.test.ts', { checkTestFiles: 'true' }, {}, reports);
    expect(reports).toHaveLength(1);
    const quiet: string[] = [];
    runTransform(transform, code, 'poll.ts', { startupFunctions: ['poll'] }, {}, quiet);
    expect(quiet).toEqual([]);
  });
});

describe('add-cleanup prefilter: a file is parsed only where a rewrite can be', () => {
  const parses = (code: string) => codemodMayChange(codemod, code, { ruleOptions: {}, settings: {}, filePath: 'component.tsx' });
  const effect = (body: string) => `import { useEffect } from 'react';\nexport function View({ go, refresh }) {\n  useEffect(() => {\n${body}\n  }, [go]);\n  return null;\n}\n`;

  // Each pair: a shape the rules leave without a rewrite (not parsed), and its nearest shape with one
  // (parsed, and the codemod does rewrite it).
  const pairs: PrefilterPair[] = [
    {
      name: 'a short timeout in an effect is a deferral',
      skipped: effect('    setTimeout(() => go(), 100);'),
      rewritten: effect('    setTimeout(() => go(), 5000);'),
    },
    {
      name: 'an interval the returned cleanup already clears',
      skipped: effect('    const id = setInterval(refresh, 1000);\n    return () => clearInterval(id);'),
      rewritten: effect('    const id = setInterval(refresh, 1000);\n    return () => go();'),
    },
    {
      name: 'a listener the returned cleanup already removes',
      skipped: effect("    window.addEventListener('resize', refresh);\n    return () => window.removeEventListener('resize', refresh);"),
      rewritten: effect("    window.addEventListener('resize', refresh);\n    return () => window.removeEventListener('scroll', refresh);"),
    },
    {
      name: 'a listener with { once: true }',
      skipped: effect("    window.addEventListener('resize', refresh, { once: true });"),
      rewritten: effect("    window.addEventListener('resize', refresh, { passive: true });"),
    },
    {
      name: 'a timer started in a nested callback of the effect, not in its setup',
      skipped: effect('    const later = () => {\n      setInterval(refresh, 1000);\n    };\n    go(later);'),
      rewritten: effect('    setInterval(refresh, 1000);\n    go();'),
    },
    {
      name: 'a listener its class already removes in its dispose-like method',
      skipped:
        "export class Widget {\n  attach() {\n    document.addEventListener('click', this.onClick);\n  }\n  onClick() {}\n  destroy() {\n    document.removeEventListener('click', this.onClick);\n  }\n}\n",
      rewritten:
        "export class Widget {\n  attach() {\n    document.addEventListener('click', this.onClick);\n  }\n  onClick() {}\n  destroy() {\n    document.removeEventListener('keydown', this.onClick);\n  }\n}\n",
    },
    {
      name: 'a dropped interval in a class without a dispose-like method',
      skipped: 'export class Poller {\n  start() {\n    setInterval(() => this.poll(), 1000);\n  }\n  poll() {}\n}\n',
      rewritten: 'export class Poller {\n  start() {\n    setInterval(() => this.poll(), 1000);\n  }\n  poll() {}\n  stop() {}\n}\n',
    },
  ];

  prefilterPairTests(codemod, transform, 'component.tsx', pairs);

  it('a kept disposer (`const off = bus.on(...)`) is its holder\'s to call: not parsed', () => {
    const code = 'export class Feed {\n  watch(bus) {\n    const off = bus.on("tick", this.onTick);\n    return off;\n  }\n  onTick() {}\n  dispose() {}\n}\n';
    expect(parses(code)).toBe(false);
    expect(parses(code.replace('const off = bus.on', 'bus.on').replace('return off;', 'return;'))).toBe(true);
  });
});
