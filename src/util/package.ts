import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface PackageInfo {
  name: string;
  version: string;
  root: string;
}

let cached: PackageInfo | undefined;

/** This package's name, version and root, read from package.json (found from source or from dist). */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    try {
      const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (json.name === 'eslint-plugin-hotpath') {
        cached = { name: json.name, version: json.version ?? '0.0.0', root: dir };
        return cached;
      }
    } catch {
      // keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('eslint-plugin-hotpath: cannot find its own package.json');
    dir = parent;
  }
}
