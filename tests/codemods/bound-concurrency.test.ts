import { describe, expect, it } from 'vitest';
import transform, { codemod } from '../../codemods/bound-concurrency';
import { CodemodParseError } from '../../src/analysis/codemod';
import { cases } from '../rules/no-unbounded-concurrency.cases';
import { fixtureCases, runTransform, prefilterPairTests, type PrefilterPair } from './harness';

const fixtures = fixtureCases('bound-concurrency');

describe('bound-concurrency fixtures', () => {
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

describe('bound-concurrency parity with the rule suggestion', () => {
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

describe('bound-concurrency leaves code without findings byte-identical', () => {
  for (const testCase of cases.valid) {
    const code = typeof testCase === 'string' ? testCase : testCase.code;
    const file = typeof testCase === 'string' ? 'case.ts' : (testCase.filename ?? 'case.ts');
    it(`${file}: ${code.slice(0, 80)}`, () => {
      expect(runTransform(transform, code, file)).toBe(code);
    });
  }

  it('reports findings it leaves alone, with their position', () => {
    // Promises built first and awaited later have no rewrite: the prefilter skips a file holding
    // only those, so this one also holds a fan-out it rewrites.
    const left = cases.invalid.find((testCase) => testCase.errors.every((error) => error.suggestions && error.suggestions.length === 0));
    expect(left).toBeDefined();
    const code = `${left!.code}\nexport async function g(users: User[]) {\n  await Promise.all(users.map(async (user) => { const html = await render(user); await mailer.send(user.email, html); }));\n}\n`;
    const reports: string[] = [];
    expect(runTransform(transform, code, 'left.ts', {}, {}, reports)).not.toBe(code);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(new RegExp(`^left\\.ts:${left!.errors[0]!.line}:\\d+: left alone: `));
  });
});

describe('bound-concurrency prefilter: a file is parsed only where a rewrite can be', () => {
  const fanOut = (all: string) => `export async function notify(users: User[]) {\n  await ${all};\n}\n`;
  const work = 'async (user) => { const html = await render(user); await mailer.send(user.email, html); }';

  // Each pair: a fan-out the rule leaves without a rewrite (not parsed), and its nearest shape with
  // one (parsed, and the codemod does rewrite it).
  const pairs: PrefilterPair[] = [
    {
      name: 'promises built first and awaited later',
      skipped: `export async function notify(users: User[]) {\n  const sends = users.map(${work});\n  await Promise.all(sends);\n}\n`,
      rewritten: fanOut(`Promise.all(users.map(${work}))`),
    },
    {
      name: 'a literal array is bounded',
      skipped: fanOut(`Promise.all([admin, owner].map(${work}))`),
      rewritten: fanOut(`Promise.all([admin, ...users].map(${work}))`),
    },
    {
      name: 'a collection named for a chunk',
      skipped: fanOut(`Promise.all(userBatch.map(${work}))`),
      rewritten: fanOut(`Promise.all(userList.map(${work}))`),
    },
    {
      name: 'inside the handler of a chunking call',
      skipped: `export async function notify(users: User[]) {\n  await inChunks(users, async (members: User[]) => {\n    await Promise.all(members.map(${work}));\n  });\n}\n`,
      rewritten: `export async function notify(users: User[]) {\n  await inOrder(users, async (members: User[]) => {\n    await Promise.all(members.map(${work}));\n  });\n}\n`,
    },
    {
      name: 'the work goes through a limiter',
      skipped: fanOut('Promise.all(users.map(async (user) => { await limit(() => render(user)); await audit(user); }))'),
      rewritten: fanOut('Promise.all(users.map(async (user) => { await wrap(() => render(user)); await audit(user); }))'),
    },
    {
      name: 'one unclassified call per element where the file reaches no outbound I/O',
      skipped: fanOut('Promise.all(users.map(async (user) => { await mailer.send(user.email, render(user)); }))'),
      rewritten: `import axios from 'axios';\n${fanOut("Promise.all(users.map(async (user) => { await axios.post('/mail', user, { timeout: 1000 }); }))")}`,
    },
    {
      name: 'a named callback this file does not declare',
      skipped: `import { send } from './mail';\n${fanOut('Promise.all(users.map(send))')}`,
      rewritten: `${fanOut('Promise.all(users.map(send))')}async function send(user: User) {\n  const html = await render(user);\n  await mailer.send(user.email, html);\n}\n`,
    },
    {
      name: 'calls the callback neither awaits nor returns',
      skipped: fanOut('Promise.all(users.map(async (user) => { log(user); audit(user); }))'),
      rewritten: fanOut('Promise.all(users.map(async (user) => { await log(user); await audit(user); }))'),
    },
  ];

  prefilterPairTests(codemod, transform, 'service.ts', pairs);
});

describe('bound-concurrency on bad input', () => {
  it('throws a parse error naming the file and position', () => {
    const source = 'export async function f() {\n  await Promise.all(xs.map(async (x) => { const a = await getA(); cache.set(x, a)\n';
    expect(() => runTransform(transform, source, 'broken.ts')).toThrow(CodemodParseError);
  });
});
