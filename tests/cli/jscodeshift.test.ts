import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { codemods } from '../../codemods';
import { fixtureCases } from '../codemods/harness';
import { fixture, listFiles } from './helpers';

// Every codemod is also a plain jscodeshift transform at dist/codemods/<name>.js (`npm test` builds
// first). These run jscodeshift's own CLI from node_modules over the codemods' fixtures.
const repo = path.join(__dirname, '../..');
const jscodeshift = path.join(repo, 'node_modules/jscodeshift/bin/jscodeshift.js');
const EXTENSIONS = '--extensions=ts,tsx,mts,cts,js,jsx,mjs,cjs';

function runJscodeshift(cwd: string, args: string[], timeout: number) {
  const child = spawnSync(process.execPath, [jscodeshift, ...args], {
    cwd,
    encoding: 'utf8',
    timeout,
    // Babel's compile cache for the run with `--babel` (the default): kept out of the home directory.
    env: { ...process.env, BABEL_CACHE_PATH: path.join(os.tmpdir(), 'hotpath-test-babel-cache.json'), NO_COLOR: '1' },
  });
  return { code: child.status, out: `${child.stdout}${child.stderr}`, error: child.error };
}

/** jscodeshift's closing counts: `0 errors`, `2 unmodified`, `0 skipped`, `3 ok`. */
function counts(output: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const match of output.matchAll(/^(\d+) (errors|unmodified|skipped|ok)\s*$/gm)) result[match[2]!] = Number(match[1]);
  return result;
}

/** A directory holding each fixture's input as `<case>.<ext>`, the names the fixture tests use. */
function fixtureDir(name: string) {
  const cases = fixtureCases(name);
  const dir = fixture({});
  for (const entry of cases) {
    const input = path.join(repo, 'tests/codemods/__testfixtures__', name, entry.file.replace(/\.(?=[^.]+$)/, '.input.'));
    copyFileSync(input, path.join(dir, entry.file));
  }
  return { dir, cases };
}

beforeAll(() => {
  if (!existsSync(path.join(repo, 'dist/codemods/index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
});

describe('codemods under plain jscodeshift', () => {
  it('add-timeout: `jscodeshift -t dist/codemods/add-timeout.js <dir>`, no flags, rewrites the files', () => {
    const { dir, cases } = fixtureDir('add-timeout');
    // jscodeshift's default extensions leave out .mts and .cts.
    const handled = cases.filter((entry) => !/\.[cm]ts$/.test(entry.file));
    const result = runJscodeshift(dir, ['-t', path.join(repo, 'dist/codemods/add-timeout.js'), '.'], 280_000);
    expect(result.error, result.out).toBeUndefined();
    expect(result.code, result.out).toBe(0);
    const changed = handled.filter((entry) => entry.expected !== entry.input).length;
    expect(counts(result.out)).toEqual({ errors: 0, unmodified: handled.length - changed, skipped: 0, ok: changed });
    expect(changed).toBeGreaterThan(0);
    for (const entry of cases) {
      const want = handled.includes(entry) ? entry.expected : entry.input;
      expect(readFileSync(path.join(dir, entry.file), 'utf8'), entry.file).toBe(want);
    }
    expect(readFileSync(path.join(dir, 'service.ts'), 'utf8')).toContain('signal: AbortSignal.timeout(10000)');
  }, 300_000);

  for (const name of Object.keys(codemods)) {
    it(`${name}: with --no-babel, every fixture comes out as its .output file`, () => {
      const transform = path.join(repo, 'dist/codemods', `${name}.js`);
      expect(existsSync(transform), `${transform} is missing: run \`npm run build\``).toBe(true);
      const { dir, cases } = fixtureDir(name);
      const result = runJscodeshift(dir, ['--no-babel', EXTENSIONS, '-t', transform, '.'], 120_000);
      expect(result.code, result.out).toBe(0);
      const changed = cases.filter((entry) => entry.expected !== entry.input).length;
      expect(counts(result.out)).toEqual({ errors: 0, unmodified: cases.length - changed, skipped: 0, ok: changed });
      for (const entry of cases) expect(readFileSync(path.join(dir, entry.file), 'utf8'), entry.file).toBe(entry.expected);
      // jscodeshift wrote in place and left nothing beside the files.
      expect(listFiles(dir).sort()).toEqual(cases.map((entry) => entry.file).sort());
    }, 150_000);
  }
});
