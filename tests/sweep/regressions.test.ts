import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index';
import { CHUNK_HELPER, chunkHelperText } from '../../rules/no-unbounded-concurrency';
import { codemods } from '../../codemods';

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

/** TypeScript diagnostics of one module, checked strictly against the ES2022 library. */
function typeCheck(code: string): string[] {
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], types: [] };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) =>
    name === 'main.ts' ? ts.createSourceFile(name, code, version) : getSourceFile(name, version, onError);
  const program = ts.createProgram(['main.ts'], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

describe('codemod output that TypeScript rejected in a sweep', () => {
  // Checkmate server/src/domain/diagnostics/diagnostic.service.ts: bound-concurrency's helper turned a
  // list typed `any` (mongodb's types not installed) into `unknown` items: 3 new errors (TS18046).
  it('the chunking helper leaves the items of an untyped list untyped', () => {
    const code = `declare const rows: any;\nexport const names = ${CHUNK_HELPER}(rows, 10, async (row) => row.name);\n${chunkHelperText(CHUNK_HELPER, true)}`;
    expect(typeCheck(code)).toEqual([]);
  });

  it('the chunking helper still types the items of a typed list', () => {
    const code = `declare const rows: { name: string }[];\nexport const names: Promise<number[]> = ${CHUNK_HELPER}(rows, 10, async (row) => row.name);\n${chunkHelperText(CHUNK_HELPER, true)}`;
    expect(typeCheck(code)).toEqual([expect.stringContaining('TS2322')]);
  });
});

describe('inputs that made a codemod hang in the fuzzer', () => {
  // npm run fuzz -- --seed 20261125 --from 49 --count 1: a run of block comments between two tokens
  // gave the text test of spread-to-mutation 2^n ways to read them (30 comments: minutes).
  // pokemon-showdown config/formats.ts (268 kB): the shape test scans ahead from every `reduce(`, so its
  // time grows with the square of the file (172 kB: 3.5 s; this 600 kB file: about 45 s). Files
  // over 100 kB are tested by their trigger words only.
  it('a large file with many reductions and no accumulating spread', () => {
    const source = `${'export const total = xs.reduce((sum, x) => sum + x, 0);\n'.repeat(14000)}export const copy = [...zs];\n`;
    const transform = codemods['spread-to-mutation']!.transform;
    expect(transform({ path: 'src/big.ts', source }, { j: undefined, jscodeshift: undefined, stats: () => {}, report: () => {} } as never, {})).toBe(source);
  });

  it('a run of comments where an accumulating spread almost matches', () => {
    // `</b>` looks like JSX, so the comments are not blanked before the text test (as in the fuzzed program).
    const source = `let x = ${'/* c */ '.repeat(30)}y; // concat </b>\n`;
    const transform = codemods['spread-to-mutation']!.transform;
    expect(transform({ path: 'src/a.ts', source }, { j: undefined, jscodeshift: undefined, stats: () => {}, report: () => {} } as never, {})).toBe(source);
  });
});

describe('the TypeScript comparison of a sweep', () => {
  // outline and pokemon-showdown set `incremental`: the run after the codemods read the build info the
  // run before had written next to the config, rechecked part of the program, and printed unions in
  // another order (lib/net.ts, DocumentLink.tsx), so unchanged files showed "new" errors.
  it.each([false, true])('leaves no build info for the next run of an incremental project (skipMissingDeps %s)', async (skipMissingDeps) => {
    const { runTsc } = await import('./lib.mjs');
    const project = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'hotpath-sweep-tsc-')));
    try {
      writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { incremental: true, strict: true, noEmit: true, types: [] }, files: ['a.ts'] }));
      writeFileSync(path.join(project, 'a.ts'), "export const type = (headers: { [name: string]: string } | readonly string[]) => headers['Content-Type'];\n");
      const first = runTsc(project, { tsconfig: 'tsconfig.json' }, 120_000, skipMissingDeps);
      expect(first.skipped).toBeUndefined();
      expect(first.errors!.map((error) => error.code)).toEqual([7053]);
      const leftovers = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
          entry.isDirectory() ? leftovers(path.join(dir, entry.name)) : entry.name.endsWith('.tsbuildinfo') ? [entry.name] : [],
        );
      expect(leftovers(project)).toEqual([]);
      expect(runTsc(project, { tsconfig: 'tsconfig.json' }, 120_000, skipMissingDeps).errors).toEqual(first.errors);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 240_000);
});
