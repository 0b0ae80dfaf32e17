import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BROKEN, CLEAN, FIXED, FLAGGED, fixture, projectConfig } from './helpers';

// These run the published entry point against the compiled dist/ (`npm test` builds first).
const repo = path.join(__dirname, '../..');
const bin = path.join(repo, 'bin/hotpath.js');

function hotpath(cwd: string, ...args: string[]) {
  const child = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

beforeAll(() => {
  if (!existsSync(path.join(repo, 'dist/src/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
});

describe('bin/hotpath.js', () => {
  it('scans to SARIF and sets the exit code', () => {
    const dir = fixture({ 'src/a.ts': FLAGGED, 'src/b.ts': CLEAN });
    const result = hotpath(dir, 'scan', '--format', 'sarif');
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map((entry: { ruleId: string }) => entry.ruleId)).toEqual(['hotpath/require-timeout']);
  });

  it('exits 2 on a usage error, 0 on a clean tree', () => {
    const dir = fixture({ 'a.ts': CLEAN });
    expect(hotpath(dir, 'scan', '--preset', 'nope').code).toBe(2);
    expect(hotpath(dir, 'scan').code).toBe(0);
  });

  it('lints on ESLint worker threads with --concurrency, with the same findings', () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, index) => [`f${index}.ts`, FLAGGED]));
    const dir = fixture(files);
    const threaded = hotpath(dir, 'scan', '--format', 'json', '--concurrency', '2');
    expect(threaded.code).toBe(1);
    expect(JSON.parse(threaded.stdout).totals).toMatchObject({ files: 6, findings: 6 });
    const single = hotpath(dir, 'scan', '--format', 'json', '--concurrency', 'off');
    expect(JSON.parse(single.stdout).findings).toEqual(JSON.parse(threaded.stdout).findings);
  });

  it('--use-config lints with the project config and still builds the scorecard', () => {
    const dir = fixture({
      'src/a.ts': FLAGGED,
      'eslint.config.mjs': projectConfig('hotpath.configs.recommended', "{ rules: { 'no-debugger': 'error' } }"),
    });
    const result = hotpath(dir, 'scan', '--use-config', '--format', 'json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.preset).toBeNull();
    expect(report.techniques.map((row: { technique: string }) => row.technique)).toContain('Context timeouts');
    expect(report.findings).toHaveLength(1);
  });

  it('a codemod worker thread returns what this thread returns, and writes the same bytes', () => {
    const dir = fixture({ 'a.ts': FLAGGED, 'b.ts': FLAGGED, 'broken.ts': BROKEN });
    const pool = path.join(repo, 'dist/src/cli/codemod-pool.js');
    const script = `
      const { startWorkerPool, runInThisThread } = require(${JSON.stringify(pool)});
      const task = (file, write) => ({ file: require('path').join(${JSON.stringify(dir)}, file), display: file,
        codemods: ['add-timeout'], options: {}, write, diff: true, source: false });
      (async () => {
        const pool = await startWorkerPool(1);
        const worker = [await pool.run(task('a.ts', false)), await pool.run(task('broken.ts', false)), await pool.run(task('b.ts', true))];
        await pool.close();
        const main = [await runInThisThread(task('a.ts', false)), await runInThisThread(task('broken.ts', false))];
        process.stdout.write(JSON.stringify({ worker, main }));
      })();`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(child.status, child.stderr).toBe(0);
    const { worker, main } = JSON.parse(child.stdout);
    expect(worker[0]).toMatchObject({ status: 'changed', path: 'a.ts' });
    expect(worker[1]).toMatchObject({ status: 'parse-error' });
    expect(worker.slice(0, 2)).toEqual(main);
    expect(readFileSync(path.join(dir, 'b.ts'), 'utf8')).toBe(FIXED);
  });

  it('codemod --jobs 2 rewrites on worker threads with the same per-file results as in this thread', () => {
    const files: Record<string, string> = { 'broken.ts': BROKEN, 'clean.ts': CLEAN, 'mentions.ts': 'export const f = fetch;\n' };
    for (let index = 0; index < 6; index++) files[`src/f${index}.ts`] = FLAGGED;
    const dir = fixture(files);
    const threaded = hotpath(dir, 'codemod', 'all', '--dry-run', '--json', '--jobs', '2');
    const single = hotpath(dir, 'codemod', 'all', '--dry-run', '--json', '--jobs', '1');
    expect(threaded.code, threaded.stderr).toBe(1); // broken.ts
    const [a, b] = [JSON.parse(threaded.stdout), JSON.parse(single.stdout)];
    expect(a.jobs).toBe(2);
    expect(b.jobs).toBe(1);
    expect(a.files).toEqual(b.files);
    expect(a.summary).toMatchObject({ total: 9, changed: 6, unchanged: 1, skipped: 1, parseErrors: 1 });

    const written = hotpath(dir, 'codemod', 'all', '--jobs', '2', '--allow-dirty');
    expect(written.code).toBe(1);
    for (let index = 0; index < 6; index++) expect(readFileSync(path.join(dir, `src/f${index}.ts`), 'utf8')).toBe(FIXED);
    expect(readFileSync(path.join(dir, 'broken.ts'), 'utf8')).toBe(BROKEN);
  });

  it('on a large tree, worker threads parse while this thread still filters, with the same results as one thread', () => {
    // 1,200 files: enough for the pool to start before reading (a tenth of the files is the guess at
    // what passes the prefilter). Flagged files are spread through the walk, so some pass while
    // others are still being read, and the last ones pass after the workers have run out of work.
    const files: Record<string, string> = {};
    for (let index = 0; index < 1200; index++) {
      files[`src/d${Math.floor(index / 100)}/f${index}.ts`] = index % 37 === 0 ? FLAGGED : index % 101 === 0 ? BROKEN : CLEAN;
    }
    const dir = fixture(files);
    const threaded = hotpath(dir, 'codemod', 'add-timeout', '--dry-run', '--json', '--jobs', '2');
    const single = hotpath(dir, 'codemod', 'add-timeout', '--dry-run', '--json', '--jobs', '1');
    const [a, b] = [JSON.parse(threaded.stdout), JSON.parse(single.stdout)];
    expect(a.jobs).toBe(2);
    expect(b.jobs).toBe(1);
    expect(a.files).toEqual(b.files);
    const flagged = Object.values(files).filter((text) => text === FLAGGED).length;
    const broken = Object.values(files).filter((text) => text === BROKEN).length;
    expect(a.summary).toMatchObject({ total: 1200, changed: flagged, parseErrors: broken });
    expect(threaded.code).toBe(1);
  });

  it.each([
    ['scan --format json', ['scan', '--format', 'json'], 1],
    ['codemod --dry-run', ['codemod', 'add-timeout', '--dry-run'], 0],
  ])('%s piped into `head` ends quietly with its own exit code', (_label, args, expected) => {
    // Far more output than a pipe buffers (64 KiB), so most of it is written after head has exited.
    const calls = Array.from({ length: 1500 }, (_, index) => `export async function f${index}(u: string) { return fetch(u); }`);
    const dir = fixture({ 'many.ts': `${calls.join('\n')}\n` });
    const command = `"${process.execPath}" "${bin}" ${args.join(' ')} | head -c 200 > /dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`;
    const child = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
    const stderr = child.stderr.replace(/^(changed|unchanged|skipped)\s.*\n|^\d+ changed.*\n/gm, '');
    expect(stderr).toBe(`exit=${expected}\n`);
  });

  it('prints the version', () => {
    const result = hotpath(repo, '--version');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
