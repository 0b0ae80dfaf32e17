import path from 'node:path';

/**
 * What a file is, from its path relative to the working directory. Test files run under a test
 * runner whose per-test timeout bounds them; scripts (build, release, download and maintenance
 * scripts) run at a terminal where a person is the deadline. Rules about how a service behaves in
 * production leave both alone unless asked.
 */
const TEST_DIRECTORY = /(?:^|[\\/])(?:__tests__|__mocks__|tests?|specs?|e2e|fixtures?)[\\/]/;
const TEST_FILE = /\.(?:test|spec|e2e|bench)\.[cm]?[jt]sx?$/;
const SCRIPT_DIRECTORY = /(?:^|[\\/])(?:scripts?|tools?|bin|extra|\.github|\.husky|release)[\\/]/;
const CONFIG_FILE = /(?:^|[\\/])[^\\/]+\.config\.[cm]?[jt]s$/;

export function isTestFile(relativePath: string): boolean {
  return TEST_FILE.test(relativePath) || TEST_DIRECTORY.test(relativePath);
}

export function isScriptFile(relativePath: string): boolean {
  return SCRIPT_DIRECTORY.test(relativePath) || CONFIG_FILE.test(relativePath);
}

let lastCwd = '';
let lastFilename = '';
let lastRelative = '';

/**
 * `path.relative(cwd, filename)` of the file being linted. Every rule asks for the same one in its
 * `create`, and a `path.relative` costs a few microseconds: one per file instead of one per rule.
 */
export function relativePathOf(context: { readonly cwd: string; readonly filename: string }): string {
  if (context.filename !== lastFilename || context.cwd !== lastCwd) {
    lastCwd = context.cwd;
    lastFilename = context.filename;
    lastRelative = inside(lastCwd, lastFilename) ?? path.relative(lastCwd, lastFilename);
  }
  return lastRelative;
}

/** A separator doubled, a `.` or `..` segment, or a trailing separator: what `path.resolve` would change. */
const NOT_NORMAL = /\/(?:\.{1,2})?(?:\/|$)/;

/**
 * `path.relative(cwd, filename)` for the usual case, a normalised absolute POSIX file under a
 * normalised cwd, where it is the rest of the name after `cwd/`. `path.relative` resolves and
 * normalises both paths character by character first (measured: about as much per file as a regex
 * pass over its text); anything else falls back to it.
 */
function inside(cwd: string, filename: string): string | null {
  if (path.sep !== '/' || cwd.length < 2 || filename.length <= cwd.length + 1) return null;
  if (filename.charCodeAt(0) !== 47 || filename.charCodeAt(cwd.length) !== 47 || !filename.startsWith(cwd)) return null;
  if (NOT_NORMAL.test(filename)) return null;
  return filename.slice(cwd.length + 1);
}
