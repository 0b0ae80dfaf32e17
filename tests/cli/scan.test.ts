import { describe, expect, it } from 'vitest';
import { CLEAN, FLAGGED, fixture, projectConfig, run } from './helpers';

interface JsonReport {
  preset: string | null;
  failOn: string;
  failed: boolean;
  totals: { files: number; findings: number; P0: number; P1: number; P2: number };
  roots: { path: string; files: number; findings: number; P0: number }[];
  techniques: { priority: string; technique: string; rules: string[]; findings: number; files: number; topLocations: string[] }[];
  findings: { ruleId: string; priority: string; technique: string; root: string; path: string; line: number; column: number }[];
  parseErrors: { path: string; line: number; message: string }[];
}

async function scanJson(cwd: string, ...args: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const result = await run(['scan', '--format', 'json', ...args], cwd);
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

describe('hotpath scan exit codes', () => {
  it('exits 0 when nothing is found', async () => {
    const dir = fixture({ 'src/clean.ts': CLEAN });
    const result = await run(['scan'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ no findings at P0');
  });

  it('exits 1 on a P0 finding and reports it under its priority and technique', async () => {
    const dir = fixture({ 'src/api.ts': FLAGGED, 'src/clean.ts': CLEAN });
    const result = await run(['scan', 'src'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/P0\s+Context timeouts\s+1\s+1\s+src\/api\.ts:1/);
    expect(result.stdout).toContain('2 files');
  });

  it('exits 0 with --fail-on never, and 1 with --fail-on P2 (P0 is above it)', async () => {
    const dir = fixture({ 'api.ts': FLAGGED });
    expect((await run(['scan', '--fail-on', 'never'], dir)).code).toBe(0);
    expect((await run(['scan', '--fail-on=P2'], dir)).code).toBe(1);
  });

  it.each([
    [['scan', '--bogus'], /unknown option '--bogus'/],
    [['scan', '--preset', 'turbo'], /--preset must be one of recommended, game, strict/],
    [['scan', '--format', 'xml'], /--format must be one of text, json, sarif, markdown/],
    [['scan', '--fail-on', 'P3'], /--fail-on must be one of P0, P1, P2, never/],
    [['scan', 'does-not-exist'], /path not found: does-not-exist/],
    [['scan', 'README.md'], /README\.md is not a file this command handles/],
    [['scan', '--concurrency', 'lots'], /--concurrency must be auto, off or a positive integer/],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const dir = fixture({ 'a.ts': FLAGGED, 'README.md': '# hi\n' });
    const result = await run(argv, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('--use-config gives a row to a technique whose rule the config turns on for some files only', async () => {
    // The first file linted (services/a/...) gets no hotpath rule; services/b gets require-timeout.
    const dir = fixture({
      'services/a/first.ts': CLEAN,
      'services/b/second.ts': CLEAN,
      'eslint.config.mjs': projectConfig("{ ...hotpath.configs.recommended, files: ['services/b/**'] }"),
    });
    const { code, report } = await scanJson(dir, '--use-config');
    expect(code).toBe(0);
    expect(report.preset).toBeNull();
    expect(report.techniques.find((row) => row.technique === 'Context timeouts')).toMatchObject({ findings: 0, files: 0 });
  });

  it('surfaces a crashing rule as exit 2 with its message instead of a clean score', async () => {
    const dir = fixture({
      'index.js': 'export const x = 1;\n',
      'eslint.config.mjs': [
        'const boom = { meta: { type: "problem" }, create() { return { Program() { throw new Error("kaboom from a rule"); } }; } };',
        'export default [{ plugins: { crash: { rules: { boom } } }, rules: { "crash/boom": "error" } }];',
      ].join('\n'),
    });
    const result = await run(['scan', '--use-config'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('kaboom from a rule');
    expect(result.stderr).toContain('crash/boom');
    expect(result.stdout).toBe('');
  });
});

describe('hotpath scan file selection', () => {
  it('honours root and nested .gitignore files, negations included, and skips node_modules and dist', async () => {
    const dir = fixture({
      '.gitignore': 'generated/\n*.gen.ts\n',
      'src/.gitignore': 'local.ts\n!keep.gen.ts\n',
      'src/app.ts': FLAGGED,
      'src/local.ts': FLAGGED,
      'src/keep.gen.ts': FLAGGED,
      'src/drop.gen.ts': FLAGGED,
      'generated/client.ts': FLAGGED,
      'node_modules/lib/index.js': FLAGGED.replace(': string', ''),
      'packages/a/node_modules/x/index.ts': FLAGGED,
      'dist/out.js': FLAGGED.replace(': string', ''),
      'types/api.d.ts': 'export declare function f(u: string): Promise<Response>;\n',
    });
    const { code, report } = await scanJson(dir);
    expect(code).toBe(1);
    expect(report.findings.map((finding) => finding.path).sort()).toEqual(['src/app.ts', 'src/keep.gen.ts']);
    expect(report.totals.files).toBe(2);
  });

  it('honours the .gitignore of an enclosing git work tree when scanning a subdirectory', async () => {
    const dir = fixture({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'services/api/legacy/\n',
      'services/api/main.ts': FLAGGED,
      'services/api/legacy/old.ts': FLAGGED,
    });
    const { report } = await scanJson(dir, 'services/api');
    expect(report.findings.map((finding) => finding.path)).toEqual(['services/api/main.ts']);
  });

  it('treats file names with glob characters (Next.js routes) as names, not patterns', async () => {
    const dir = fixture({ 'app/[id]/route.ts': FLAGGED, 'app/(shop)/[...slug].tsx': FLAGGED, 'app/i/route.ts': CLEAN });
    const { report } = await scanJson(dir);
    expect(report.findings.map((finding) => finding.path)).toEqual(['app/(shop)/[...slug].tsx', 'app/[id]/route.ts']);
  });

  it('--ignore leaves out files and directories by .gitignore-style pattern', async () => {
    const dir = fixture({ 'src/app.ts': FLAGGED, 'src/app.test.ts': FLAGGED, 'src/generated/client.ts': FLAGGED });
    const { report } = await scanJson(dir, '--ignore', '*.test.ts', '--ignore', 'generated/');
    expect(report.findings.map((finding) => finding.path)).toEqual(['src/app.ts']);
    expect(report.totals.files).toBe(1);
  });

  it('scans an explicitly named file', async () => {
    const dir = fixture({ 'a.ts': FLAGGED, 'b.ts': FLAGGED });
    const { report } = await scanJson(dir, 'b.ts');
    expect(report.findings.map((finding) => finding.path)).toEqual(['b.ts']);
  });

  it('reports files that do not parse without failing the scan', async () => {
    const dir = fixture({ 'ok.ts': CLEAN, 'broken.ts': 'const = ;\n' });
    const { code, report } = await scanJson(dir);
    expect(code).toBe(0);
    expect(report.parseErrors).toEqual([expect.objectContaining({ path: 'broken.ts', line: 1 })]);
  });

  it('lints every JS/TS flavour, JSX included', async () => {
    const call = 'export async function f(u) { return fetch(u); }\n';
    const dir = fixture({
      'a.mts': FLAGGED,
      'b.cts': FLAGGED,
      'c.tsx': 'export async function f(u: string) { await fetch(u); return <div />; }\n',
      'd.jsx': 'export async function f(u) { await fetch(u); return <div />; }\n',
      'e.mjs': call,
      'f.cjs': 'module.exports = async (u) => fetch(u);\n',
      'g.js': call,
    });
    const { report } = await scanJson(dir);
    expect(report.parseErrors).toEqual([]);
    expect(report.findings.map((finding) => finding.path)).toEqual(['a.mts', 'b.cts', 'c.tsx', 'd.jsx', 'e.mjs', 'f.cjs', 'g.js']);
  });
});

describe('hotpath scan formats', () => {
  it('json: totals, per-technique rows with top locations, and each finding', async () => {
    const dir = fixture({ 'src/a.ts': FLAGGED + FLAGGED.replace('f(', 'g('), 'src/b.ts': FLAGGED });
    const { code, report } = await scanJson(dir);
    expect(code).toBe(1);
    expect(report).toMatchObject({ preset: 'recommended', failOn: 'P0', failed: true });
    expect(report.totals).toEqual({ files: 2, findings: 3, P0: 3, P1: 0, P2: 0 });
    const row = report.techniques.find((technique) => technique.technique === 'Context timeouts');
    // The file with the most findings comes first.
    expect(row).toEqual({
      priority: 'P0',
      technique: 'Context timeouts',
      rules: ['require-timeout'],
      findings: 3,
      files: 2,
      topLocations: ['src/a.ts:1', 'src/a.ts:2', 'src/b.ts:1'],
    });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'hotpath/require-timeout',
      priority: 'P0',
      technique: 'Context timeouts',
      path: 'src/a.ts',
      line: 1,
      column: 45,
    });
  });

  it('sarif: a 2.1.0 log with rule metadata, helpUri and located results', async () => {
    const dir = fixture({ 'src/a.ts': FLAGGED });
    const result = await run(['scan', '--format', 'sarif'], dir);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const run0 = log.runs[0];
    const rules = run0.tool.driver.rules as { id: string; helpUri: string; properties: { priority: string; technique: string } }[];
    const rule = rules.find((entry) => entry.id === 'hotpath/require-timeout');
    expect(rule?.helpUri).toMatch(/docs\/rules\/require-timeout\.md$/);
    expect(rule?.properties).toMatchObject({ priority: 'P0', technique: 'Context timeouts' });
    for (const entry of rules) expect(entry.helpUri).toMatch(/^https:\/\//);
    expect(run0.results).toHaveLength(1);
    const finding = run0.results[0];
    expect(finding.ruleId).toBe('hotpath/require-timeout');
    expect(rules[finding.ruleIndex]?.id).toBe('hotpath/require-timeout');
    expect(finding.level).toBe('error');
    expect(finding.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/a.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 45, endLine: 1, endColumn: 53 },
    });
    expect(run0.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${dir}/`);
  });

  it('markdown: a verdict and a technique table for a PR comment', async () => {
    const dir = fixture({ 'src/a.ts': FLAGGED });
    const result = await run(['scan', '--format', 'markdown'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^### ❌ hotpath scorecard/);
    expect(result.stdout).toContain('**1 finding at P0** (`--fail-on P0`)');
    expect(result.stdout).toContain('| Priority | Technique | Findings | Files | Top locations |');
    expect(result.stdout).toContain('| P0 | Context timeouts | 1 | 1 | `src/a.ts:1` |');
  });

  it('markdown on a clean tree says so', async () => {
    const dir = fixture({ 'a.ts': CLEAN });
    const result = await run(['scan', '--format', 'markdown'], dir);
    expect(result.stdout).toMatch(/^### ✅ hotpath scorecard/);
    expect(result.stdout).toContain('| P0 | Context timeouts | 0 | 0 |  |');
  });

  it('--output writes the report to a file and nothing to stdout', async () => {
    const dir = fixture({ 'a.ts': FLAGGED });
    const result = await run(['scan', '--format', 'sarif', '-o', 'out.sarif'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(`${dir}/out.sarif`, 'utf8')).runs[0].results).toHaveLength(1);
  });
});

describe('hotpath scan with several roots', () => {
  it('prints one row per root and the totals', async () => {
    const dir = fixture({
      'services/api/a.ts': FLAGGED,
      'services/api/b.ts': FLAGGED,
      'services/game/loop.ts': CLEAN,
    });
    const { report } = await scanJson(dir, 'services/api', 'services/game');
    expect(report.roots).toEqual([
      { path: 'services/api', files: 2, findings: 2, P0: 2, P1: 0, P2: 0 },
      { path: 'services/game', files: 1, findings: 0, P0: 0, P1: 0, P2: 0 },
    ]);
    expect(report.totals).toMatchObject({ files: 3, findings: 2 });
    expect(report.findings.every((finding) => finding.root === 'services/api')).toBe(true);

    const text = await run(['scan', 'services/api', 'services/game'], dir);
    expect(text.stdout).toMatch(/services\/api\s+2\s+2\s+0\s+0\s+2/);
    expect(text.stdout).toMatch(/services\/game\s+1\s+0\s+0\s+0\s+0/);
    expect(text.stdout).toMatch(/total\s+3\s+2\s+0\s+0\s+2/);
  });
});

describe('hotpath scan progress', () => {
  it('writes progress to stderr only when stderr is a terminal', async () => {
    const dir = fixture({ 'a.ts': CLEAN });
    const quiet = await run(['scan'], dir);
    expect(quiet.stderr).toBe('');
    const tty = await run(['scan'], dir, { stderrTTY: true });
    expect(tty.stderr).toContain('hotpath scan: . 0/1 files');
    // The status line is erased before the report.
    expect(tty.stderr.endsWith('\r\x1b[2K')).toBe(true);
  });
});
