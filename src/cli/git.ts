import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface DirtyState {
  /** Paths (as git prints them, relative to the repository top) with uncommitted changes. */
  dirty: string[];
  /** Set when a work tree was found but git could not be asked. */
  error?: string;
}

/**
 * Uncommitted changes (modified, staged or untracked files) under `target`, or none when `target` is not
 * inside a git work tree. A codemod rewrites files in place, and a clean tree is what makes
 * `git checkout .` a complete undo.
 */
export async function uncommittedChanges(target: string, isDirectory: boolean): Promise<DirtyState> {
  const dir = isDirectory ? target : path.dirname(target);
  if (!insideGitDirectory(dir)) return { dirty: [] };
  try {
    const stdout = await git(dir, ['status', '--porcelain', '--untracked-files=all', '--', target]);
    return { dirty: stdout.split('\n').filter(Boolean).map((line) => line.slice(3)) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Not a work tree after all (a bare repository's directory, or GIT_DIR games): nothing to protect.
    if (/not a git repository/i.test(message)) return { dirty: [] };
    return { dirty: [], error: message.trim() };
  }
}

function insideGitDirectory(dir: string): boolean {
  for (let current = dir; ; ) {
    if (existsSync(path.join(current, '.git'))) return true;
    const parent = path.dirname(current);
    if (parent === current) return false;
    current = parent;
  }
}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // Bounded: a git hook or a huge untracked tree must not hang the CLI forever.
    execFile('git', ['-c', 'core.quotepath=off', ...args], { cwd, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr || error.message));
      else resolve(stdout);
    });
  });
}
