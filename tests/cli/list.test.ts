import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, run } from './helpers';

const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string };

describe('hotpath list', () => {
  it('--json lists every rule with its handbook metadata and every codemod with its rule', async () => {
    const result = await run(['list', '--json'], fixture({}));
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout) as {
      rules: { name: string; id: string; priority: string; technique: string; presets: string[]; hasSuggestions: boolean; fixable: boolean; url: string }[];
      codemods: { name: string; rule: string; description: string }[];
    };
    expect(list.rules.find((rule) => rule.name === 'require-timeout')).toMatchObject({
      id: 'hotpath/require-timeout',
      priority: 'P0',
      technique: 'Context timeouts',
      presets: ['recommended', 'game', 'strict'],
      hasSuggestions: true,
      fixable: false,
    });
    expect(list.codemods.find((codemod) => codemod.name === 'add-timeout')).toMatchObject({ rule: 'require-timeout' });
    const ruleNames = new Set(list.rules.map((rule) => rule.name));
    for (const codemod of list.codemods) expect(ruleNames.has(codemod.rule)).toBe(true);
    for (const rule of list.rules) expect(rule.presets).toContain('strict');
  });

  it('prints a readable table', async () => {
    const result = await run(['list'], fixture({}));
    expect(result.stdout).toMatch(/require-timeout\s+P0\s+Context timeouts\s+recommended, game, strict\s+suggestion/);
    expect(result.stdout).toMatch(/add-timeout\s+require-timeout\s+Add deadlines/);
  });
});

describe('hotpath main', () => {
  it('--version prints the package version', async () => {
    const result = await run(['--version'], fixture({}));
    expect(result).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it.each([['--help'], ['help'], ['help', 'scan'], ['scan', '--help'], ['codemod', '-h'], ['list', '--help']])(
    '%j prints help and exits 0',
    async (...argv) => {
      const result = await run(argv, fixture({}));
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Usage:/);
    },
  );

  it('command help names the command', async () => {
    const dir = fixture({});
    expect((await run(['scan', '--help'], dir)).stdout).toContain('--fail-on');
    expect((await run(['codemod', '--help'], dir)).stdout).toContain('--allow-dirty');
  });

  it.each([[[]], [['frobnicate']], [['--frob']], [['help', 'frobnicate']], [['list', 'extra']]])(
    '%j is a usage error: exit 2, message on stderr',
    async (argv) => {
      const result = await run(argv, fixture({}));
      expect(result.code).toBe(2);
      expect(result.stderr).not.toBe('');
      expect(result.stdout).toBe('');
    },
  );
});
