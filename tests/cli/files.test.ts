import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectRoots } from '../../src/cli/files';
import { SCAN_EXTENSIONS } from '../../src/cli/lint';
import { CLEAN, FLAGGED, fixture, run } from './helpers';

async function collect(dir: string, ...args: string[]): Promise<string[]> {
  const roots = await collectRoots(dir, args, { extensions: SCAN_EXTENSIONS, command: 'scan' });
  return roots.flatMap((root) => root.files.map((file) => path.relative(dir, file).split(path.sep).join('/')));
}

describe('file collection', () => {
  it('ignores symlinks that resolve outside the root, to files and to directories', async () => {
    const outside = fixture({ 'secret.ts': FLAGGED, 'tree/deep.ts': FLAGGED });
    const dir = fixture({ 'src/a.ts': CLEAN });
    symlinkSync(path.join(outside, 'secret.ts'), path.join(dir, 'src/secret.ts'));
    symlinkSync(path.join(outside, 'tree'), path.join(dir, 'src/tree'));
    symlinkSync('/', path.join(dir, 'src/slash'));
    expect(await collect(dir)).toEqual(['src/a.ts']);
    const scan = await run(['scan'], dir);
    expect(scan.code).toBe(0);
  });

  it('does not follow links inside the root either: no duplicates, no loop on a link to an ancestor', async () => {
    const dir = fixture({ 'src/a.ts': CLEAN });
    symlinkSync(path.join(dir, 'src/a.ts'), path.join(dir, 'alias.ts'));
    symlinkSync(dir, path.join(dir, 'src/loop'));
    symlinkSync(path.join(dir, 'missing.ts'), path.join(dir, 'dangling.ts'));
    expect(await collect(dir)).toEqual(['src/a.ts']);
  });

  it('skips node_modules, dist and .git at any depth, whatever .gitignore says', async () => {
    const dir = fixture({
      '.gitignore': '!dist/\n',
      'a.ts': CLEAN,
      'pkg/node_modules/x.ts': CLEAN,
      'pkg/dist/x.ts': CLEAN,
      'pkg/.git/x.ts': CLEAN,
      'pkg/src/x.ts': CLEAN,
    });
    expect(await collect(dir)).toEqual(['a.ts', 'pkg/src/x.ts']);
  });

  it('treats a directory pattern as a directory, not a file name', async () => {
    const dir = fixture({ '.gitignore': 'build/\n', 'build/x.ts': CLEAN, 'src/build.ts': CLEAN });
    expect(await collect(dir)).toEqual(['src/build.ts']);
  });

  it('defaults to the working directory and returns files sorted', async () => {
    const dir = fixture({ 'b.ts': CLEAN, 'a/z.ts': CLEAN, 'a.js': CLEAN, 'notes.md': '' });
    expect(await collect(dir)).toEqual(['a.js', 'a/z.ts', 'b.ts']);
  });
});
