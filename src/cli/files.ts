import { existsSync, promises as fs, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { UsageError } from './args';

/** Directories never entered, whatever .gitignore says: dependencies, build output, git's own store. */
export const ALWAYS_SKIPPED = new Set(['node_modules', 'dist', '.git']);

// Declaration files hold no runtime code, so neither rules nor codemods have anything to find there.
const DECLARATION = /\.d\.[cm]?ts$/;

export interface Root {
  /** The path as the user wrote it. */
  arg: string;
  /** Absolute, symlinks not resolved (reported paths keep the user's spelling). */
  path: string;
  /** The directory the root's files are reported against: the root, or a file root's directory. */
  dir: string;
  /** Absolute paths, sorted. */
  files: string[];
}

export interface CollectOptions {
  /** Lower-case extensions with the dot. */
  extensions: readonly string[];
  command: string;
  /**
   * `--ignore` patterns, in .gitignore syntax, matched against paths relative to the working directory
   * (relative to the root for a root outside it). They apply to files named explicitly too.
   */
  ignore?: readonly string[];
}

/**
 * The files under each path argument: directories are walked honouring every .gitignore from the git
 * work tree's top down (nested ones included, deepest deciding, as git does), files are taken as
 * given. Symlinks below a root are not followed (see Walker.walk).
 */
export async function collectRoots(cwd: string, args: readonly string[], options: CollectOptions): Promise<Root[]> {
  const roots: Root[] = [];
  const user = options.ignore?.length ? ignore().add([...options.ignore]) : undefined;
  for (const arg of args.length > 0 ? args : ['.']) {
    const absolute = path.resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      throw new UsageError(`${options.command}: path not found: ${arg}`);
    }
    if (stat.isFile()) {
      if (!hasExtension(absolute, options.extensions)) {
        throw new UsageError(
          `${options.command}: ${arg} is not a file this command handles (${options.extensions.join(', ')})`,
        );
      }
      const dir = path.dirname(absolute);
      const excluded = user !== undefined && ignoredBy(user, cwd, dir, absolute, false);
      roots.push({ arg, path: absolute, dir, files: excluded ? [] : [absolute] });
      continue;
    }
    if (!stat.isDirectory()) throw new UsageError(`${options.command}: not a file or directory: ${arg}`);
    const walker = new Walker(options.extensions, user && ((file, isDirectory) => ignoredBy(user, cwd, absolute, file, isDirectory)));
    await walker.walk(absolute, ancestorMatchers(absolute));
    roots.push({ arg, path: absolute, dir: absolute, files: walker.files.sort() });
  }
  return roots;
}

function ignoredBy(patterns: Ignore, cwd: string, root: string, file: string, isDirectory: boolean): boolean {
  let relative = path.relative(cwd, file);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) relative = path.relative(root, file);
  if (relative === '') return false;
  const posix = relative.split(path.sep).join('/');
  return patterns.ignores(isDirectory ? `${posix}/` : posix);
}

function hasExtension(file: string, extensions: readonly string[]): boolean {
  return extensions.includes(path.extname(file).toLowerCase()) && !DECLARATION.test(file);
}

interface Matcher {
  base: string;
  ig: Ignore;
}

class Walker {
  readonly files: string[] = [];

  constructor(
    private readonly extensions: readonly string[],
    private readonly userIgnored?: (file: string, isDirectory: boolean) => boolean,
  ) {}

  async walk(dir: string, inherited: readonly Matcher[]): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable directory: nothing we could lint or rewrite in it
    }
    const own = loadMatcher(dir, path.join(dir, '.gitignore'));
    const matchers = own ? [...inherited, own] : inherited;
    for (const entry of entries) {
      // Symlinks are never followed: one pointing out of the root would pull foreign code into a scan
      // or a rewrite, and one pointing inside it names a file the walk reaches anyway (counting it twice,
      // or replacing the link with a copy when a codemod writes).
      if (entry.isSymbolicLink()) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(entry.name) || isIgnored(matchers, full, true) || this.userIgnored?.(full, true)) continue;
        await this.walk(full, matchers);
      } else if (
        entry.isFile() &&
        hasExtension(full, this.extensions) &&
        !isIgnored(matchers, full, false) &&
        !this.userIgnored?.(full, false)
      ) {
        this.files.push(full);
      }
    }
  }
}

/**
 * Ignore files that apply to `dir` from above it: every .gitignore between the git work tree's top and
 * `dir`'s parent, plus the repository's info/exclude. Outside a work tree, none.
 */
function ancestorMatchers(dir: string): Matcher[] {
  const chain: string[] = [];
  let current = path.dirname(dir);
  let top: string | undefined;
  if (existsSync(path.join(dir, '.git'))) top = dir;
  while (top === undefined) {
    chain.unshift(current);
    if (existsSync(path.join(current, '.git'))) top = current;
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (top === undefined) return [];
  const matchers: Matcher[] = [];
  const exclude = loadMatcher(top, path.join(top, '.git', 'info', 'exclude'));
  if (exclude) matchers.push(exclude);
  for (const ancestor of top === dir ? [] : chain) {
    const matcher = loadMatcher(ancestor, path.join(ancestor, '.gitignore'));
    if (matcher) matchers.push(matcher);
  }
  return matchers;
}

function loadMatcher(base: string, file: string): Matcher | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return { base, ig: ignore().add(text) };
}

/** Deepest ignore file first: a nested `!pattern` re-includes what a parent's pattern excluded. */
function isIgnored(matchers: readonly Matcher[], file: string, isDirectory: boolean): boolean {
  for (let index = matchers.length - 1; index >= 0; index--) {
    const matcher = matchers[index]!;
    const relative = path.relative(matcher.base, file).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('../')) continue;
    const result = matcher.ig.test(isDirectory ? `${relative}/` : relative);
    if (result.unignored) return false;
    if (result.ignored) return true;
  }
  return false;
}

/** `file` relative to `cwd` with forward slashes, as every report prints it. */
export function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}
