import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isScriptFile, isTestFile, relativePathOf } from '../../src/analysis/files';

describe('relativePathOf', () => {
  // The shortcut for a normalised file under the cwd must give path.relative's answer, and every
  // other shape must still reach path.relative.
  const pairs: [string, string][] = [
    ['/work/repo', '/work/repo/src/a.ts'],
    ['/work/repo', '/work/repo/a.ts'],
    ['/work/repo', '/work/repository/a.ts'], // a sibling that shares the prefix
    ['/work/repo', '/work/other/a.ts'],
    ['/work/repo/', '/work/repo/src/a.ts'],
    ['/work/repo', '/work/repo//src/a.ts'],
    ['/work/repo', '/work/repo/./src/a.ts'],
    ['/work/repo', '/work/repo/src/../a.ts'],
    ['/work/repo', '/work/repo/src/.eslintrc.js'],
    ['/work/repo', '/work/repo/src/...'],
    ['/work/repo', '/work/repo'],
    ['/work/./repo', '/work/./repo/a.ts'],
    ['/', '/a.ts'],
    ['/work/repo', 'relative/a.ts'],
  ];
  it.each(pairs)('cwd %j, file %j', (cwd, filename) => {
    expect(relativePathOf({ cwd, filename })).toBe(path.relative(cwd, filename));
  });

  it('answers for the file asked about, not the previous one', () => {
    expect(relativePathOf({ cwd: '/r', filename: '/r/tests/a.test.ts' })).toBe('tests/a.test.ts');
    expect(relativePathOf({ cwd: '/r', filename: '/r/src/a.ts' })).toBe('src/a.ts');
    expect(relativePathOf({ cwd: '/s', filename: '/r/src/a.ts' })).toBe('../r/src/a.ts');
  });
});

describe('isTestFile / isScriptFile', () => {
  it('tells tests and scripts by their relative path', () => {
    expect(isTestFile('src/a.test.ts')).toBe(true);
    expect(isTestFile('src/__tests__/a.ts')).toBe(true);
    expect(isTestFile('src/contest.ts')).toBe(false);
    expect(isScriptFile('scripts/release.ts')).toBe(true);
    expect(isScriptFile('vite.config.ts')).toBe(true);
    expect(isScriptFile('src/describe.ts')).toBe(false);
  });
});
