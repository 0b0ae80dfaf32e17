import { describe, expect, it } from 'vitest';
import transform, { codemod } from '../../codemods/add-timeout';
import { CodemodParseError, codemodMayChange } from '../../src/analysis/codemod';
import { cases } from '../rules/require-timeout.cases';
import { fixtureCases, runTransform, prefilterPairTests, type PrefilterPair } from './harness';

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

describe('add-timeout prefilter: a file is parsed only where a rewrite can be', () => {
  const parses = (code: string) => codemodMayChange(codemod, code, { ruleOptions: {}, settings: {}, filePath: 'client.ts' });

  // Each pair: a file that names a client the rule cannot reach (not parsed), and its nearest shape
  // that calls it (parsed, and the codemod does rewrite it).
  const pairs: PrefilterPair[] = [
    {
      name: 'a parameter named fetch hides the global',
      skipped: "export async function load(fetch: (url: string) => Promise<unknown>) {\n  return fetch('/api');\n}\n",
      rewritten: "export async function load(url: string) {\n  return fetch(url);\n}\n",
    },
    {
      name: 'a destructured fetch of its own',
      skipped: "export async function load({ fetch }: { fetch: (url: string) => Promise<unknown> }) {\n  const fetched = await fetch('/api');\n  return fetched;\n}\n",
      rewritten: "export async function load({ get }: { get: (url: string) => Promise<unknown> }) {\n  const fetched = await fetch('/api');\n  return [fetched, get];\n}\n",
    },
    {
      name: 'a method named fetch',
      skipped: "export class Store {\n  async fetch(id: string) {\n    return id;\n  }\n}\n",
      rewritten: "export class Store {\n  async load(id: string) {\n    return fetch(id);\n  }\n}\n",
    },
    {
      name: 'another object\'s fetch',
      skipped: "export async function load(api: { fetch(url: string): Promise<unknown> }) {\n  return api.fetch('/api');\n}\n",
      rewritten: "export async function load(api: { fetch(url: string): Promise<unknown> }) {\n  return window.fetch('/api');\n}\n",
    },
    {
      name: 'a library named only in types',
      skipped: "import { AxiosResponse } from 'axios';\nexport const body = (response: AxiosResponse) => response.data;\n",
      rewritten: "import axios, { AxiosResponse } from 'axios';\nexport const body = (response: AxiosResponse) => axios.get(response.data);\n",
    },
    {
      name: 'a library\'s class only tested with instanceof',
      skipped: "import { AxiosError } from 'axios';\nexport const failed = (e: unknown) => e instanceof AxiosError;\n",
      rewritten: "import axios, { AxiosError } from 'axios';\nexport const retry = (e: unknown) => (e instanceof AxiosError ? axios.get('/x') : null);\n",
    },
    {
      name: 'a property of the library no client call is made through',
      skipped: "import axios from 'axios';\nexport const version = () => axios.VERSION;\n",
      rewritten: "import axios from 'axios';\nexport const load = () => axios.get('/x');\n",
    },
    {
      name: 'a type-only import',
      skipped: "import type { AxiosInstance } from 'axios';\nexport const load = (client: AxiosInstance) => client.get('/api');\n",
      rewritten: "import axios from 'axios';\nexport const load = () => axios.get('/api');\n",
    },
  ];

  prefilterPairTests(codemod, transform, 'client.ts', pairs);

  it('a require or a dynamic import of a client is parsed', () => {
    expect(parses("const axios = require('axios');\nexports.load = () => axios.get('/api');\n")).toBe(true);
    expect(parses("export const load = async () => (await import('axios')).default.get('/api');\n")).toBe(true);
  });
});
