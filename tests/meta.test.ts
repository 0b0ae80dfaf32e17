import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index';
import { codemods } from '../codemods';

const root = path.join(__dirname, '..');
const ruleNames = Object.keys(plugin.rules) as (keyof typeof plugin.rules)[];

/** The fenced ts/js blocks under a doc's `### ❌ Incorrect` or `### ✅ Correct` heading. */
function examples(doc: string, heading: string): string[] {
  const start = doc.indexOf(heading);
  if (start === -1) return [];
  const rest = doc.slice(start + heading.length);
  const end = rest.search(/\n#{1,3} /);
  const section = end === -1 ? rest : rest.slice(0, end);
  return [...section.matchAll(/```(?:ts|tsx|js|javascript|typescript)\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

function lint(ruleName: string, code: string) {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as Linter.Parser },
        plugins: { hotpath: plugin as never },
        rules: { [`hotpath/${ruleName}`]: 'error' },
      },
    ],
    { filename: 'example.ts' },
  );
}

describe('every rule', () => {
  for (const name of ruleNames) {
    const rule = plugin.rules[name];
    const docPath = path.join(root, 'docs', 'rules', `${name}.md`);

    it(`${name}: has docs with the required sections and a technique and priority`, () => {
      expect(existsSync(docPath)).toBe(true);
      const doc = readFileSync(docPath, 'utf8');
      for (const section of ['## Handbook technique', '## Examples', '## Measured cost', '## Options', '## When Not To Use It', '## Related codemod']) {
        expect(doc).toContain(section);
      }
      expect(doc).not.toMatch(/<!-- bench:/); // measured numbers are filled in, not left as markers
      expect(rule.meta.docs!.technique).toBeTruthy();
      expect(['P0', 'P1', 'P2']).toContain(rule.meta.docs!.priority);
      expect(rule.meta.docs!.url).toContain(`docs/rules/${name}.md`);
      expect(rule.meta.docs!.description).toMatch(/^(Enforce|Require|Disallow)/);
    });

    it(`${name}: every ❌ example in its doc reports and every ✅ example does not`, () => {
      const doc = readFileSync(docPath, 'utf8');
      const incorrect = examples(doc, '### ❌ Incorrect');
      const correct = examples(doc, '### ✅ Correct');
      expect(incorrect.length).toBeGreaterThan(0);
      expect(correct.length).toBeGreaterThan(0);
      for (const code of incorrect) {
        const messages = lint(name, code);
        expect(messages.filter((m) => m.fatal)).toEqual([]);
        expect(messages.filter((m) => m.ruleId === `hotpath/${name}`).length, code).toBeGreaterThan(0);
      }
      for (const code of correct) {
        expect(lint(name, code), code).toEqual([]);
      }
    });

    it(`${name}: has a test file`, () => {
      expect(existsSync(path.join(root, 'tests', 'rules', `${name}.test.ts`))).toBe(true);
    });
  }
});

describe('presets', () => {
  const byPreset = (preset: 'recommended' | 'game' | 'strict') => Object.keys(plugin.configs[preset].rules ?? {}).sort();

  it('are derived from meta.docs.presets: strict holds every rule, game holds recommended', () => {
    expect(byPreset('strict')).toEqual(ruleNames.map((name) => `hotpath/${name}`).sort());
    const game = new Set(byPreset('game'));
    for (const rule of byPreset('recommended')) expect(game.has(rule)).toBe(true);
    for (const name of ruleNames) {
      const listed = plugin.rules[name].meta.docs!.presets;
      expect(byPreset('recommended').includes(`hotpath/${name}`)).toBe(listed.includes('recommended'));
    }
  });

  it('have eslintrc twins with the same rules', () => {
    for (const preset of ['recommended', 'game', 'strict'] as const) {
      expect(plugin.configs[`legacy-${preset}`].rules).toEqual(plugin.configs[preset].rules);
      expect(plugin.configs[`legacy-${preset}`].plugins).toEqual(['hotpath']);
    }
  });

  it('carry the plugin meta from package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(plugin.meta).toMatchObject({ name: pkg.name, version: pkg.version });
  });
});

describe('every codemod', () => {
  for (const [name, info] of Object.entries(codemods)) {
    it(`${name}: has docs, fixtures, a test, and applies an existing rule`, () => {
      expect(existsSync(path.join(root, 'docs', 'codemods', `${name}.md`))).toBe(true);
      expect(existsSync(path.join(root, 'tests', 'codemods', '__testfixtures__', name))).toBe(true);
      expect(existsSync(path.join(root, 'tests', 'codemods', `${name}.test.ts`))).toBe(true);
      expect(ruleNames).toContain(info.rule);
    });
  }
});
