import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mayImport } from '../../src/cli/compile-cache';
import { FLAGGED, fixture, projectConfig } from './helpers';

// The binary compiles its modules from a V8 code cache kept between runs (src/cli/compile-cache.ts).
const repo = path.join(__dirname, '../..');
const bin = path.join(repo, 'bin/hotpath.js');
const compileCache = path.join(repo, 'dist/src/cli/compile-cache.js');

function run(cwd: string, env: Record<string, string>, ...args: string[]) {
  const child = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', HOTPATH_NO_COMPILE_CACHE: '', ...env },
    timeout: 60_000,
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

function entries(dir: string): Map<string, number> {
  return new Map(readdirSync(dir).map((name) => [name, statSync(path.join(dir, name)).mtimeMs]));
}

describe('compile cache', () => {
  it('a second run compiles from the first run\'s cache (nothing rewritten), with the same output, dynamic import() included', () => {
    // --use-config makes ESLint, a cached CommonJS module, load the project's config with import().
    const dir = fixture({ 'src/a.ts': FLAGGED, 'eslint.config.mjs': projectConfig('hotpath.configs.recommended') });
    const cache = mkdtempSync(path.join(os.tmpdir(), 'hotpath-cache-test-'));
    const env = { HOTPATH_COMPILE_CACHE_DIR: cache };
    const first = run(dir, env, 'scan', '--use-config', '--format', 'json');
    expect(first.code, first.stderr).toBe(1);
    const written = entries(cache);
    // TypeScript, ESLint, the parser, the rules: hundreds of modules.
    expect(written.size).toBeGreaterThan(100);

    const second = run(dir, env, 'scan', '--use-config', '--format', 'json');
    expect(second.code, second.stderr).toBe(1);
    expect(JSON.parse(second.stdout).findings).toEqual(JSON.parse(first.stdout).findings);
    expect(JSON.parse(second.stdout).findings).toHaveLength(1);
    // An entry is written again only when it was missing or V8 refused it.
    expect(entries(cache)).toEqual(written);
  });

  it('never compiles a module from an entry made for other text of the same file', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'hotpath-cache-root-'));
    const cache = path.join(root, 'cache');
    mkdirSync(path.join(root, 'lib'));
    const module = path.join(root, 'lib/answer.js');
    const script = `require(${JSON.stringify(compileCache)}).enableCompileCache(${JSON.stringify(root)}); process.stdout.write(String(require(${JSON.stringify(module)})));`;
    const load = () => spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, HOTPATH_NO_COMPILE_CACHE: '', HOTPATH_COMPILE_CACHE_DIR: cache } });
    writeFileSync(module, 'module.exports = 41 + 1;\n');
    expect(load().stdout).toBe('42');
    expect(readdirSync(cache)).toHaveLength(1);
    // Same length, other code: V8's own check of a code cache looks at the length only.
    writeFileSync(module, 'module.exports = 41 - 1;\n');
    expect(load().stdout).toBe('40');
    expect(load().stdout).toBe('40');
  });

  it.each([
    ['a dynamic import', 'exports.load = async (url) => (await import(url)).default;\n', true],
    ['one spaced out', 'exports.load = (url) => import (url);\n', true],
    ['import() only in messages and comments', 'const m = "use \'import()\' instead";\n// import(x)\n/** @type {import("x").T} */\nexports.m = m;\n', false],
    ['a method named import', 'exports.load = (jiti, url) => jiti.import(url);\n', false],
    ['text the scanner cannot read', 'const s = "import(x);\n', true],
  ])('counts %s as a module that may call import(): %s', (_label, source, expected) => {
    expect(mayImport(source)).toBe(expected);
  });

  it('runs as usual when the cache cannot be written', () => {
    const dir = fixture({ 'src/a.ts': FLAGGED });
    const blocked = path.join(mkdtempSync(path.join(os.tmpdir(), 'hotpath-cache-file-')), 'not-a-directory');
    writeFileSync(blocked, '');
    const result = run(dir, { HOTPATH_COMPILE_CACHE_DIR: path.join(blocked, 'cache') }, 'scan', '--format', 'json');
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).findings).toHaveLength(1);
  });

  it('never uses a cache directory that others can write to', () => {
    const dir = fixture({ 'src/a.ts': FLAGGED });
    const shared = mkdtempSync(path.join(os.tmpdir(), 'hotpath-cache-shared-'));
    chmodSync(shared, 0o777);
    const result = run(dir, { HOTPATH_COMPILE_CACHE_DIR: shared }, 'scan', '--format', 'json');
    expect(result.code, result.stderr).toBe(1);
    expect(readdirSync(shared)).toEqual([]);
  });

  it('HOTPATH_NO_COMPILE_CACHE=1 leaves it off', () => {
    const dir = fixture({ 'src/a.ts': FLAGGED });
    const cache = path.join(mkdtempSync(path.join(os.tmpdir(), 'hotpath-cache-off-')), 'cache');
    const result = run(dir, { HOTPATH_COMPILE_CACHE_DIR: cache, HOTPATH_NO_COMPILE_CACHE: '1' }, 'scan');
    expect(result.code).toBe(1);
    expect(existsSync(cache)).toBe(false);
  });
});
