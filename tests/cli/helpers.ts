import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll } from 'vitest';
import { main } from '../../src/cli/main';

/** Flagged by require-timeout (P0, Context timeouts); its suggestion adds a 10 s AbortSignal. */
export const FLAGGED = 'export async function f(u: string) { return fetch(u); }\n';
export const FIXED = 'export async function f(u: string) { return fetch(u, { signal: AbortSignal.timeout(10000) }); }\n';
export const CLEAN = 'export const answer = 42;\n';
export const BROKEN = 'export async function g() {\n  await fetch("/x", {\n}\n';

/**
 * An `eslint.config.mjs` for `--use-config`: the TypeScript parser for `.ts` files, then `entries`
 * (source text of config objects, which may use `hotpath`, the built plugin).
 */
export function projectConfig(...entries: string[]): string {
  const repo = path.join(__dirname, '../..');
  const parser = pathToFileURL(createRequire(path.join(repo, 'package.json')).resolve('@typescript-eslint/parser')).href;
  const plugin = pathToFileURL(path.join(repo, 'dist/src/index.js')).href;
  return [
    `import parser from ${JSON.stringify(parser)};`,
    `import hotpath from ${JSON.stringify(plugin)};`,
    `export default [{ files: ['**/*.ts'], languageOptions: { parser } }, ${entries.join(', ')}];`,
    '',
  ].join('\n');
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the OS temp dir holding `files` (path -> content), removed after the file's tests. */
export function fixture(files: Record<string, string>): string {
  // realpath: on macOS the temp dir is behind a symlink, and reported paths are compared to it.
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'hotpath-cli-')));
  created.push(dir);
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=a@b', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
}

/** `git init` and commit everything: a clean work tree. */
export function commitAll(dir: string): void {
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'fixture');
}

export class Capture extends Writable {
  text = '';
  isTTY?: boolean;

  constructor(tty = false) {
    super();
    if (tty) this.isTTY = true;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(
  argv: string[],
  cwd: string,
  options: { stderrTTY?: boolean; stdoutTTY?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  const stdout = new Capture(options.stdoutTTY);
  const stderr = new Capture(options.stderrTTY);
  const code = await main(argv, { cwd, stdout, stderr, env: options.env ?? {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Every file under `dir` (git's store excluded), for "nothing else was written" checks. */
export function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === '.git') return [];
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

export function read(dir: string, file: string): string {
  return readFileSync(path.join(dir, file), 'utf8');
}
