import { describe, expect, it } from 'vitest';
import transform, { codemod } from '../../codemods/parallelize-awaits';
import { CodemodParseError, codemodMayChange } from '../../src/analysis/codemod';
import { codeText } from '../../src/analysis/code-text';
import { cases } from '../rules/prefer-promise-all.cases';
import { fixtureCases, runTransform, prefilterPairTests, type PrefilterPair } from './harness';

const fixtures = fixtureCases('parallelize-awaits');

describe('parallelize-awaits fixtures', () => {
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

describe('parallelize-awaits parity with the rule suggestion', () => {
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

describe('parallelize-awaits leaves code without findings byte-identical', () => {
  for (const testCase of cases.valid) {
    const code = typeof testCase === 'string' ? testCase : testCase.code;
    const file = typeof testCase === 'string' ? 'case.ts' : (testCase.filename ?? 'case.ts');
    it(`${file}: ${code.slice(0, 80)}`, () => {
      expect(runTransform(transform, code, file)).toBe(code);
    });
  }

  it('reports findings it leaves alone, with their position', () => {
    // A comment inside the run: the rule offers no rewrite, and the prefilter, which sees no comment
    // just before a punctuation token (here the closing parenthesis), still parses the file.
    const code = 'async function f() {\n  const a = await getA();\n  const b = await getB(\n    1, // the first\n  );\n  return [a, b];\n}\n';
    const reports: string[] = [];
    expect(runTransform(transform, code, 'left.ts', {}, {}, reports)).toBe(code);
    expect(reports[0]).toMatch(/^left\.ts:3:\d+: left alone: /);
  });
});

describe('parallelize-awaits prefilter: a file is parsed only where a rewrite can be', () => {
  const parses = (code: string) => codemodMayChange(codemod, code, { ruleOptions: {}, settings: {}, filePath: 'service.ts' });
  const body = (lines: string) => `export async function load(id: string, trx: unknown) {\n${lines}\n  return [a, b];\n}\n`;

  // Each pair: two awaited declarations the rule leaves without a rewrite (not parsed), and its
  // nearest shape with one (parsed, and the codemod does rewrite it).
  const pairs: PrefilterPair[] = [
    {
      name: 'the second read uses what the first declares',
      skipped: body('  const a = await getUser(id);\n  const b = await getTeam(a.teamId);'),
      rewritten: body('  const a = await getUser(id);\n  const b = await getTeam(id);'),
    },
    {
      name: 'the first result inside the second read\'s arguments (a callback parameter of its name is not it)',
      skipped: body('  const a = await getUser(id);\n  const b = await getTeams([a].map((x) => x.id));'),
      rewritten: body('  const a = await getUser(id);\n  const b = await getTeams([id].map((a) => a));'),
    },
    {
      name: 'a call not named like a read',
      skipped: body('  const a = await getUser(id);\n  const b = await sendInvite(id);'),
      rewritten: body('  const a = await getUser(id);\n  const b = await findInvite(id);'),
    },
    {
      name: 'a read named like a write or a lock',
      skipped: body('  const a = await getUser(id);\n  const b = await getOrCreateTeam(id);'),
      rewritten: body('  const a = await getUser(id);\n  const b = await getTeam(id);'),
    },
    {
      name: 'a read on a transaction',
      skipped: body('  const a = await trx.getUser(id);\n  const b = await trx.getTeam(id);'),
      rewritten: body('  const a = await db.getUser(id);\n  const b = await db.getTeam(id);'),
    },
    {
      name: 'a read given the transaction',
      skipped: body('  const a = await getUser(id, { transaction: trx });\n  const b = await getTeam(id, { transaction: trx });'),
      rewritten: body('  const a = await getUser(id, { timeout: 5 });\n  const b = await getTeam(id, { timeout: 5 });'),
    },
    {
      name: 'a comment between the reads',
      skipped: body('  const a = await getUser(id);\n  // the team\n  const b = await getTeam(id);'),
      rewritten: body('  // the user\n  const a = await getUser(id);\n  const b = await getTeam(id);'),
    },
    {
      name: 'a comment inside one of the reads',
      skipped: body('  const a = await getUser(id /* the owner */);\n  const b = await getTeam(id);'),
      rewritten: body('  const a = await getUser(id);\n  const b = await getTeam(id);\n  // the owner'),
    },
    {
      name: 'a dynamic import (no call in ESTree)',
      skipped: body("  const a = await import('./users');\n  const b = await getTeam(id);"),
      rewritten: body("  const a = await loadUsers('./users');\n  const b = await getTeam(id);"),
    },
    {
      name: 'another statement between the reads',
      skipped: body('  const a = await getUser(id);\n  log(id);\n  const b = await getTeam(id);'),
      rewritten: body('  log(id);\n  const a = await getUser(id);\n  const b = await getTeam(id);'),
    },
    {
      name: 'another statement between the reads, without semicolons',
      skipped: body('  const a = await getUser(id)\n  log(id)\n  const b = await getTeam(id)'),
      rewritten: body('  log(id)\n  const a = await getUser(id)\n  const b = await getTeam(id)'),
    },
    {
      name: 'the second read in a block of its own',
      skipped: body('  const a = await getUser(id);\n  if (id) {\n    const b = await getTeam(id);\n  }'),
      rewritten: body('  if (id) {\n    const a = await getUser(id);\n    const b = await getTeam(id);\n  }'),
    },
    {
      name: 'only one of the reads annotated',
      skipped: body('  const a: unknown = await getUser(id);\n  const b = await getTeam(id);'),
      rewritten: body('  const a: unknown = await getUser(id);\n  const b: unknown = await getTeam(id);'),
    },
  ];

  prefilterPairTests(codemod, transform, 'service.ts', pairs);

  it('parses reads whose arguments nest four braces deep (a text test of adjacency once skipped them)', () => {
    const code = body(
      '  const a = await db.user.findFirst({ where: { team: { some: { id: { equals: id } } } } });\n  const b = await db.team.findFirst({ where: { id } });',
    );
    expect(parses(code)).toBe(true);
    expect(runTransform(transform, code, 'service.ts')).toContain('await Promise.all([');
  });

  // Without semicolons the text cannot tell where the first statement ends: the tree test decides.
  it.each(pairs.filter((pair) => /another statement between the reads$|block of its own/.test(pair.name)))('$name: decided by the text test, before any parse', ({ skipped, rewritten }) => {
    const byText = (code: string) => codemod.mayChange!(codeText(code), { ruleOptions: {}, settings: {}, filePath: 'service.ts' });
    expect(byText(skipped)).toBe(false);
    expect(byText(rewritten)).toBe(true);
  });

  // The text test follows the first read's statement by bracket depth to the next one; brackets in
  // strings, templates, type literals or JSX must not throw it off.
  it.each([
    ['strings and a template holding brackets', 'service.ts', body("  const a = await getUser(`${id}/x(`, 'a(b', { k: [1] });\n  const b = await getTeam(id);")],
    ['type literals with semicolons', 'service.ts', body('  const a: { a: string; b: number } = await getUser(id);\n  const b: Map<string, () => void> = await getTeam(id);')],
    ['type arguments with semicolons', 'service.ts', body('  const a = await getUser<{ a: string; b: number }>(id);\n  const b = await getTeam<{ c: 1 }>(id);')],
    ['no semicolons', 'service.ts', body('  const a = await getUser(id)\n  const b = await getTeam(id)')],
    ['a division in an argument', 'service.ts', body('  const a = await getUser(id / 2);\n  const b = await getTeam(id);')],
    ['a switch case', 'service.ts', 'export async function f(k: number) {\n  switch (k) {\n    case 1:\n      const a = await getUser(k);\n      const b = await getTeam(k);\n      return [a, b];\n  }\n}\n'],
    ['JSX in the file and generic calls', 'page.tsx', "export async function Page({ id }: { id: string }) {\n  const a = await getUser<{ x: ')' }>(`/u/${id}`);\n  const b = await getTeam(id);\n  return <div>{a}{b}</div>;\n}\n"],
  ])('parses adjacent reads through %s', (_label, file, code) => {
    expect(codemodMayChange(codemod, code, { ruleOptions: {}, settings: {}, filePath: file })).toBe(true);
    expect(runTransform(transform, code, file)).toContain('await Promise.all([');
  });

  it.each([
    ['an import', "import { fetch as undiciFetch } from 'undici';\n"],
    ['a destructured require', "const { fetch: undiciFetch } = require('undici');\n"],
  ])('parses reads of a library called under another name, bound by %s', (_label, binding) => {
    const code = `${binding}${body("  const a = await undiciFetch(id);\n  const b = await undiciFetch(`${id}/b`);")}`;
    expect(parses(code)).toBe(true);
    expect(runTransform(transform, code, 'service.ts')).toContain('await Promise.all([');
    // The same calls under a name that is neither a read's nor bound to one: nothing to parse.
    const unrelated = code.replaceAll('undiciFetch', 'notify').replace(/fetch as notify|fetch: notify/, 'send');
    expect(parses(unrelated)).toBe(false);
  });
});

describe('parallelize-awaits on bad input', () => {
  it('throws a parse error naming the file and position', () => {
    const source = 'export async function f() {\n  const a = await getA();\n  const b = await getB(;\n';
    expect(() => runTransform(transform, source, 'broken.ts')).toThrow(CodemodParseError);
  });
});
