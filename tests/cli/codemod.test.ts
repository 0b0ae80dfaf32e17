import { chmodSync, lstatSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it, vi } from 'vitest';
import { codemods } from '../../codemods';
import { runFileTask, type FileTask } from '../../src/cli/codemod-runner';
import { fixtureCases, runTransform } from '../codemods/harness';
import { BROKEN, CLEAN, commitAll, FIXED, FLAGGED, fixture, listFiles, read, run, writeFiles } from './helpers';

interface JsonReport {
  codemods: string[];
  jobs: number;
  files: { path: string; status: string; reason?: string; reports?: string[]; diff?: string }[];
  summary: { total: number; changed: number; unchanged: number; skipped: number; parseErrors: number; errors: number; written: boolean };
}

describe('hotpath codemod', () => {
  it('rewrites flagged files in a clean work tree, leaves the rest byte-identical, and prints a summary', async () => {
    const dir = fixture({ 'src/a.ts': FLAGGED, 'src/b.ts': CLEAN });
    commitAll(dir);
    const result = await run(['codemod', 'add-timeout', 'src'], dir);
    expect(result.code).toBe(0);
    expect(read(dir, 'src/a.ts')).toBe(FIXED);
    expect(read(dir, 'src/b.ts')).toBe(CLEAN);
    expect(result.stdout).toMatch(/changed\s+src\/a\.ts/);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('1 changed, 0 unchanged, 1 skipped, 0 parse errors');
    // Atomic write: the temp file was renamed over the original, nothing left beside it.
    expect(listFiles(dir).sort()).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('keeps the file mode across the atomic write', async () => {
    const dir = fixture({ 'tool.js': "#!/usr/bin/env node\nfetch('https://x');\n" });
    chmodSync(path.join(dir, 'tool.js'), 0o755);
    const result = await run(['codemod', 'add-timeout'], dir);
    expect(result.code).toBe(0);
    expect(read(dir, 'tool.js')).toContain('AbortSignal.timeout(10000)');
    expect(statSync(path.join(dir, 'tool.js')).mode & 0o777).toBe(0o755);
  });

  it('--dry-run prints a unified diff and writes nothing', async () => {
    const dir = fixture({ 'src/a.ts': FLAGGED, 'src/b.ts': CLEAN });
    const result = await run(['codemod', 'add-timeout', '--dry-run', 'src'], dir);
    expect(result.code).toBe(0);
    expect(read(dir, 'src/a.ts')).toBe(FLAGGED);
    expect(listFiles(dir).sort()).toEqual(['src/a.ts', 'src/b.ts']);
    expect(result.stdout).toBe(
      ['--- a/src/a.ts', '+++ b/src/a.ts', '@@ -1,1 +1,1 @@', `-${FLAGGED.trimEnd()}`, `+${FIXED.trimEnd()}`, ''].join('\n'),
    );
    // Statuses go to stderr so stdout can be piped to `git apply`.
    expect(result.stderr).toContain('1 changed, 0 unchanged, 1 skipped, 0 parse errors (nothing written)');
  });

  it('--print prints the transformed source and writes nothing', async () => {
    const dir = fixture({ 'a.ts': FLAGGED });
    const result = await run(['codemod', 'add-timeout', '--print', 'a.ts'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(FIXED);
    expect(read(dir, 'a.ts')).toBe(FLAGGED);
  });

  it('passes --key=value options through to the transform', async () => {
    const dir = fixture({ 'a.ts': FLAGGED });
    const result = await run(['codemod', 'add-timeout', '--print', '--timeoutMs=2500'], dir);
    expect(result.stdout).toContain('AbortSignal.timeout(2500)');
  });

  it('reports a parse error, leaves that file byte-identical, still changes the others, and exits 1', async () => {
    const dir = fixture({ 'a.ts': FLAGGED, 'broken.ts': BROKEN, 'z.ts': FLAGGED });
    const result = await run(['codemod', 'add-timeout', '--json', '--allow-dirty'], dir);
    expect(result.code).toBe(1);
    expect(read(dir, 'broken.ts')).toBe(BROKEN);
    expect(read(dir, 'a.ts')).toBe(FIXED);
    expect(read(dir, 'z.ts')).toBe(FIXED);
    const report = JSON.parse(result.stdout) as JsonReport;
    const broken = report.files.find((file) => file.path === 'broken.ts');
    expect(broken?.status).toBe('parse-error');
    expect(broken?.reason).toMatch(/cannot parse/);
    expect(report.summary).toEqual({ total: 3, changed: 2, unchanged: 0, skipped: 0, parseErrors: 1, errors: 0, written: true });
  });

  it('--json gives every file a status, with the reason for skips', async () => {
    const dir = fixture({ 'a.ts': FLAGGED, 'b.ts': CLEAN, 'c.ts': 'export const fetched = fetch;\n' });
    const result = await run(['codemod', 'all', '--json', '--dry-run'], dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.codemods).toContain('add-timeout');
    const byPath = Object.fromEntries(report.files.map((file) => [file.path, file]));
    expect(byPath['a.ts']).toMatchObject({ status: 'changed' });
    expect(byPath['a.ts']?.diff).toContain('+++ b/a.ts');
    expect(byPath['b.ts']).toEqual({ path: 'b.ts', status: 'skipped', reason: `no trigger text for ${report.codemods.join(', ')}` });
    // Mentions `fetch` (so it is parsed) but holds no call to fix.
    expect(byPath['c.ts']).toEqual({ path: 'c.ts', status: 'unchanged' });
    expect(report.summary).toMatchObject({ total: 3, changed: 1, unchanged: 1, skipped: 1, written: false });
    expect(read(dir, 'a.ts')).toBe(FLAGGED);
  });

  it('never follows a symlink out of the root, and never writes through one', async () => {
    const outside = fixture({ 'victim.ts': FLAGGED, 'lib/other.ts': FLAGGED });
    const dir = fixture({ 'src/a.ts': FLAGGED });
    symlinkSync(path.join(outside, 'victim.ts'), path.join(dir, 'src/victim.ts'));
    symlinkSync(path.join(outside, 'lib'), path.join(dir, 'src/lib'));
    const result = await run(['codemod', 'add-timeout', '--json'], dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.files.map((file) => file.path)).toEqual(['src/a.ts']);
    expect(read(outside, 'victim.ts')).toBe(FLAGGED);
    expect(read(outside, 'lib/other.ts')).toBe(FLAGGED);
  });
});

describe('hotpath codemod output', () => {
  // picocolors: green 32, red 31, cyan 36, bold 1.
  const ESCAPE = /\x1b\[/;

  it('--dry-run colours the diff on a terminal, and only there', async () => {
    const dir = fixture({ 'a.ts': FLAGGED });
    const tty = await run(['codemod', 'add-timeout', '--dry-run'], dir, { stdoutTTY: true });
    expect(tty.stdout).toContain(`\x1b[31m-${FLAGGED.trimEnd()}\x1b[39m`);
    expect(tty.stdout).toContain(`\x1b[32m+${FIXED.trimEnd()}\x1b[39m`);
    expect(tty.stdout).toContain('\x1b[36m@@ -1,1 +1,1 @@\x1b[39m');
    const piped = await run(['codemod', 'add-timeout', '--dry-run'], dir);
    expect(piped.stdout).not.toMatch(ESCAPE);
    // The colours are decoration only: without them the text is the same patch.
    expect(tty.stdout.replace(/\x1b\[\d+m/g, '')).toBe(piped.stdout);
    const noColor = await run(['codemod', 'add-timeout', '--dry-run'], dir, { stdoutTTY: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).toBe(piped.stdout);
  });

  it('runs in this thread for a small run, and says so in the JSON report', async () => {
    const dir = fixture({ 'a.ts': FLAGGED });
    const report = JSON.parse((await run(['codemod', 'add-timeout', '--json', '--dry-run'], dir)).stdout) as JsonReport;
    expect(report.jobs).toBe(1);
  });

  it('prints diffs in file order, each before its status line', async () => {
    const dir = fixture({ 'b.ts': FLAGGED, 'a.ts': FLAGGED, 'c/d.ts': FLAGGED });
    const result = await run(['codemod', 'add-timeout', '--dry-run'], dir);
    expect([...result.stdout.matchAll(/^\+\+\+ b\/(\S+)$/gm)].map((match) => match[1])).toEqual(['a.ts', 'b.ts', 'c/d.ts']);
    expect([...result.stderr.matchAll(/^changed\s+(\S+)$/gm)].map((match) => match[1])).toEqual(['a.ts', 'b.ts', 'c/d.ts']);
  });
});

describe('hotpath codemod --ignore', () => {
  const files = {
    'src/a.ts': FLAGGED,
    'src/a.test.ts': FLAGGED,
    'src/legacy/old.ts': FLAGGED,
    'src/lib/x.ts': FLAGGED,
    'lib/b.ts': FLAGGED,
  };

  async function selected(dir: string, ...args: string[]): Promise<string[]> {
    const result = await run(['codemod', 'add-timeout', '--json', '--dry-run', ...args], dir);
    expect(result.code).toBe(0);
    return (JSON.parse(result.stdout) as JsonReport).files.map((file) => file.path);
  }

  it('leaves out files and directories matching .gitignore-style patterns, relative to the working directory', async () => {
    const dir = fixture(files);
    expect(await selected(dir, '--ignore', 'legacy/', '--ignore=*.test.ts')).toEqual(['lib/b.ts', 'src/a.ts', 'src/lib/x.ts']);
    // A leading slash anchors the pattern at the working directory: src/lib stays.
    expect(await selected(dir, '--ignore', '/lib')).toEqual(['src/a.test.ts', 'src/a.ts', 'src/legacy/old.ts', 'src/lib/x.ts']);
    expect(await selected(dir, 'src', '--ignore', 'src/**/*.ts', '--ignore', '!src/a.ts')).toEqual(['src/a.ts']);
  });

  it('applies to files named explicitly, and writes nothing to an ignored file', async () => {
    const dir = fixture(files);
    expect(await selected(dir, 'src/a.test.ts', 'src/a.ts', '--ignore', '*.test.ts')).toEqual(['src/a.ts']);
    const write = await run(['codemod', 'add-timeout', 'src', '--ignore', 'src/legacy'], dir);
    expect(write.code).toBe(0);
    expect(read(dir, 'src/legacy/old.ts')).toBe(FLAGGED);
    expect(read(dir, 'src/a.ts')).toBe(FIXED);
  });
});

describe('hotpath codemod --jobs', () => {
  it.each([['0'], ['-1'], ['two'], ['1.5']])('--jobs %s is a usage error', async (value) => {
    const dir = fixture({ 'a.ts': FLAGGED });
    const result = await run(['codemod', 'add-timeout', `--jobs=${value}`], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--jobs must be a positive integer/);
    expect(read(dir, 'a.ts')).toBe(FLAGGED);
  });
});

describe('a file that turns into a symlink out of the root between the walk and the rewrite', () => {
  function task(dir: string, file: string, extra: Partial<FileTask> = {}): FileTask {
    return {
      file: path.join(dir, file),
      display: file,
      codemods: ['add-timeout'],
      options: {},
      write: true,
      diff: false,
      source: false,
      root: realpathSync(dir),
      ...extra,
    };
  }

  it('is neither read through nor written through', async () => {
    const outside = fixture({ 'victim.ts': FLAGGED });
    const dir = fixture({});
    symlinkSync(path.join(outside, 'victim.ts'), path.join(dir, 'a.ts'));
    expect(await runFileTask(task(dir, 'a.ts'))).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/outside the target root/) });
    // Read while it was a plain file (the prefilter hands the text over), swapped before the write.
    expect(await runFileTask(task(dir, 'a.ts', { text: FLAGGED }))).toMatchObject({ status: 'skipped' });
    expect(read(outside, 'victim.ts')).toBe(FLAGGED);
  });

  it('a plain file inside the root is rewritten, and a link that stays inside the root is followed', async () => {
    const dir = fixture({ 'a.ts': FLAGGED, 'real/b.ts': FLAGGED });
    expect(await runFileTask(task(dir, 'a.ts'))).toMatchObject({ status: 'changed' });
    expect(read(dir, 'a.ts')).toBe(FIXED);
    rmSync(path.join(dir, 'a.ts'));
    symlinkSync(path.join(dir, 'real/b.ts'), path.join(dir, 'a.ts'));
    expect(await runFileTask(task(dir, 'a.ts'))).toMatchObject({ status: 'changed' });
    expect(read(dir, 'real/b.ts')).toBe(FIXED);
  });
});

describe('hotpath codemod all', () => {
  // The runner parses a file once to learn which codemods have findings and runs only those; this
  // must give exactly what applying every transform in turn gives.
  it('writes what every transform applied in turn writes, on every codemod fixture', async () => {
    const inputs = Object.keys(codemods).flatMap((name) => fixtureCases(name).map((entry) => ({ ...entry, file: `${name}/${entry.file}` })));
    expect(inputs.length).toBeGreaterThan(0);
    const dir = fixture(Object.fromEntries(inputs.map((entry) => [entry.file, entry.input])));
    const result = await run(['codemod', 'all', '--json'], dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { files: { path: string; reports?: string[] }[] };
    let leftAlone = 0;
    for (const entry of inputs) {
      let expected = entry.input;
      const reports: string[] = [];
      for (const info of Object.values(codemods)) expected = runTransform(info.transform, expected, entry.file, {}, {}, reports);
      expect(read(dir, entry.file), entry.file).toBe(expected);
      // Findings a codemod cannot rewrite are reported from the shared parse, without running it.
      expect(report.files.find((file) => file.path === entry.file)?.reports ?? [], entry.file).toEqual(reports);
      leftAlone += reports.length;
    }
    expect(leftAlone).toBeGreaterThan(0);
  });
});

describe('one file, several codemods', () => {
  it('lints the file once to learn which codemods have work, and the first of them starts from that lint', async () => {
    const dir = fixture({ 'a.ts': FLAGGED });
    const task: FileTask = {
      file: path.join(dir, 'a.ts'),
      display: 'a.ts',
      codemods: ['add-timeout', 'index-queue'],
      options: {},
      write: false,
      diff: false,
      source: true,
      text: FLAGGED,
      prefiltered: true,
    };
    const verify = vi.spyOn(Linter.prototype, 'verify');
    try {
      expect(await runFileTask(task)).toMatchObject({ status: 'changed', applied: ['add-timeout'], source: FIXED });
      // The check of both rules, then add-timeout's second pass over its own output (which must
      // parse and has nothing left to fix); its first pass is the check.
      expect(verify).toHaveBeenCalledTimes(2);
    } finally {
      verify.mockRestore();
    }
  });
});

describe('hotpath codemod on a symlink named explicitly', () => {
  it('rewrites the target and keeps the link a link', async () => {
    const dir = fixture({ 'real.ts': FLAGGED });
    symlinkSync(path.join(dir, 'real.ts'), path.join(dir, 'link.ts'));
    const result = await run(['codemod', 'add-timeout', 'link.ts'], dir);
    expect(result.code).toBe(0);
    expect(lstatSync(path.join(dir, 'link.ts')).isSymbolicLink()).toBe(true);
    expect(read(dir, 'real.ts')).toBe(FIXED);
  });
});

describe('hotpath codemod and git', () => {
  it('refuses a work tree with uncommitted changes under the target, exit 2, writing nothing', async () => {
    const dir = fixture({ 'src/a.ts': FLAGGED });
    commitAll(dir);
    writeFiles(dir, { 'src/wip.ts': 'export const wip = 1;\n' });
    const result = await run(['codemod', 'add-timeout', 'src'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('uncommitted changes');
    expect(result.stderr).toContain('src/wip.ts');
    expect(result.stderr).toContain('--allow-dirty');
    expect(read(dir, 'src/a.ts')).toBe(FLAGGED);
  });

  it('counts a modified tracked file as dirty too', async () => {
    const dir = fixture({ 'a.ts': FLAGGED, 'b.ts': CLEAN });
    commitAll(dir);
    writeFiles(dir, { 'b.ts': 'export const answer = 43;\n' });
    const result = await run(['codemod', 'add-timeout'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('b.ts');
  });

  it('only looks at the target paths: changes elsewhere in the repository do not block', async () => {
    const dir = fixture({ 'src/a.ts': FLAGGED, 'docs/notes.md': 'x\n' });
    commitAll(dir);
    writeFiles(dir, { 'docs/notes.md': 'changed\n' });
    const result = await run(['codemod', 'add-timeout', 'src'], dir);
    expect(result.code).toBe(0);
    expect(read(dir, 'src/a.ts')).toBe(FIXED);
  });

  it('runs on a dirty tree with --allow-dirty, and --dry-run needs no clean tree', async () => {
    const dir = fixture({ 'a.ts': FLAGGED });
    commitAll(dir);
    writeFiles(dir, { 'wip.ts': CLEAN });
    const dry = await run(['codemod', 'add-timeout', '--dry-run'], dir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+++ b/a.ts');
    expect(read(dir, 'a.ts')).toBe(FLAGGED);
    const forced = await run(['codemod', 'add-timeout', '--allow-dirty'], dir);
    expect(forced.code).toBe(0);
    expect(read(dir, 'a.ts')).toBe(FIXED);
  });

  it('runs outside any git work tree without asking', async () => {
    const dir = fixture({ 'a.ts': FLAGGED });
    const result = await run(['codemod', 'add-timeout'], dir);
    expect(result.code).toBe(0);
    expect(read(dir, 'a.ts')).toBe(FIXED);
  });
});

describe('hotpath codemod usage errors', () => {
  it.each([
    [['codemod'], /name a codemod to run; available: add-timeout/],
    [['codemod', 'add-timout', '.'], /unknown codemod 'add-timout'; available: add-timeout.*\(or all\)/],
    [['codemod', 'add-timeout', 'srcc'], /'srcc' is neither a codemod nor an existing path/],
    [['codemod', 'add-timeout', '--bogus'], /unknown option '--bogus'/],
    [['codemod', 'add-timeout', '--json', '--print'], /--json and --print cannot be combined/],
    [['codemod', 'add-timeout', 'missing/dir'], /path not found: missing\/dir/],
    [['codemod', 'add-timeout', '--ignore'], /--ignore/],
  ])('%j exits 2 and writes nothing', async (argv, message) => {
    const dir = fixture({ 'a.ts': FLAGGED });
    const result = await run(argv, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(read(dir, 'a.ts')).toBe(FLAGGED);
  });
});
