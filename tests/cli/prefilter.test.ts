import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codemods } from '../../codemods';
import { createPrefilter } from '../../src/cli/prefilter';
import { fixtureCases } from '../codemods/harness';

const addTimeout = createPrefilter(['add-timeout'], {});

describe('the codemod prefilter', () => {
  it.each([
    ['a URL in a comment', '// see https://example.com/docs and http://x\nexport const a = 1;'],
    ['a word that contains a module name', 'export function forgot(pages: string[]) { return pages; }'],
    ['an identifier that starts with a global', 'export const users = await fetchUsers(); const $fetch = 1;'],
    ['a module name outside quotes', 'const pg = 1; // pg, redis and got are mentioned here'],
  ])('skips %s', (_label, text) => {
    expect(addTimeout(text)).toEqual([]);
  });

  it.each([
    ["an import of 'pg'", "import { Pool } from 'pg';"],
    ['a require of "node:http"', 'const http = require("node:http");'],
    ['a template-literal require', 'const got = require(`got`);'],
    ['a subpath import', "import Client from 'pg/lib/client';"],
    ['a type import', "let c: import('ioredis').Redis;"],
    ['the global fetch', 'export const load = (u: string) => fetch(u);'],
    ['fetch reached through globalThis', "const f = globalThis['fetch'];"],
  ])('keeps %s', (_label, text) => {
    expect(addTimeout(text)).toEqual(['add-timeout']);
  });

  it('keeps a file naming a client described in --settings, and only then', () => {
    const text = "import { httpGet } from '@acme/transport';\nhttpGet('/users');";
    expect(addTimeout(text)).toEqual([]);
    const settings = JSON.stringify({ hotpath: { clients: [{ name: 'acme', category: 'http', sources: ['@acme/transport'] }] } });
    expect(createPrefilter(['add-timeout'], { settings })(text)).toEqual(['add-timeout']);
    const clients = JSON.stringify([{ name: 'acme', category: 'http', sources: ['@acme/transport'] }]);
    expect(createPrefilter(['add-timeout'], { clients })(text)).toEqual(['add-timeout']);
  });

  it('rejects --settings that is not JSON instead of guessing', () => {
    expect(() => createPrefilter(['add-timeout'], { settings: '{hotpath' })).toThrow(/--settings is not valid JSON/);
  });
});

// What the prefilter skips is never parsed: it must keep every file a codemod would change.
describe('the prefilter keeps every input its codemod changes', () => {
  for (const [name, info] of Object.entries(codemods)) {
    const prefilter = createPrefilter([name], {});
    it(`${name}: every fixture that changes`, () => {
      const changing = fixtureCases(name).filter((entry) => entry.expected !== entry.input);
      expect(changing.length).toBeGreaterThan(0);
      for (const entry of changing) expect(prefilter(entry.input), entry.name).toEqual([name]);
    });

    const casesFile = path.join(__dirname, '../rules', `${info.rule}.cases.ts`);
    if (!existsSync(casesFile)) continue;
    it(`${name}: every invalid case of ${info.rule}`, async () => {
      const { cases } = (await import(casesFile)) as {
        cases: { invalid: { code: string; settings?: unknown; options?: readonly unknown[] }[] };
      };
      expect(cases.invalid.length).toBeGreaterThan(0);
      for (const testCase of cases.invalid) {
        const options: Record<string, string> = {};
        if (testCase.settings) options['settings'] = JSON.stringify(testCase.settings);
        const clients = (testCase.options?.[0] as { clients?: unknown } | undefined)?.clients;
        if (clients) options['clients'] = JSON.stringify(clients);
        expect(createPrefilter([name], options)(testCase.code), testCase.code).toEqual([name]);
      }
    });
  }
});
