import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index';

// Shapes of real code that made a rule throw during a corpus sweep (npm run sweep). Each is linted with
// every rule from a real directory, since some rules read the files a module imports.
const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'hotpath-sweep-regressions-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lintFile(relative: string, files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const linter = new Linter({ configType: 'flat', cwd: dir });
  const rules = Object.fromEntries(Object.keys(plugin.rules).map((rule) => [`hotpath/${rule}`, 'error' as const]));
  return linter.verify(
    files[relative]!,
    [{ files: ['**/*.{js,ts}'], languageOptions: { parser: tsParser as Linter.Parser }, plugins: { hotpath: plugin as never }, rules }],
    { filename: path.join(dir, relative) },
  );
}

describe('inputs that made a rule throw in a sweep', () => {
  // NodeBB public/src/client/flags/list.js and pokemon-showdown lib/process-manager.ts: no-n-plus-one
  // looked the name `*` up in the imported module with an unescaped RegExp ("Nothing to repeat").
  it('a namespace import used inside a loop', () => {
    const messages = lintFile('client/list.js', {
      'modules/filter.js': "export const filter = { db: null };\nexport function get(id) { return id; }\n",
      'client/list.js': [
        "import * as categoryFilter from '../modules/filter';",
        'export async function apply(filters) {',
        '  for (const [name, value] of Object.entries(filters)) {',
        '    await categoryFilter.get(name, value);',
        '  }',
        '  return fetch(`/api/flags`);',
        '}',
        '',
      ].join('\n'),
    });
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    // The rules ran on the file: the fetch without a deadline is reported.
    expect(messages.map((message) => message.ruleId)).toContain('hotpath/require-timeout');
  });
});
