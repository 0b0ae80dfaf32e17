import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { API, Transform } from 'jscodeshift';
import { expect, it } from 'vitest';
import { codemodMayChange, type CodemodRule } from '../../src/analysis/codemod';

export interface FixtureCase {
  name: string;
  /** The file name the transform sees (its extension picks the parser). */
  file: string;
  input: string;
  /** The `.output.*` file, or the input itself when the case must not change. */
  expected: string;
}

/** `__testfixtures__/<codemod>/<case>.input.<ext>` with an optional `<case>.output.<ext>`. */
export function fixtureCases(codemod: string): FixtureCase[] {
  const dir = path.join(__dirname, '__testfixtures__', codemod);
  return readdirSync(dir)
    .filter((file) => file.includes('.input.'))
    .sort()
    .map((file) => {
      const [name, extension] = file.split('.input.') as [string, string];
      const outputPath = path.join(dir, `${name}.output.${extension}`);
      const input = readFileSync(path.join(dir, file), 'utf8');
      return {
        name,
        file: `${name}.${extension}`,
        input,
        expected: existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : input,
      };
    });
}

/** Runs a transform the way jscodeshift does, collecting what it reports. */
export function runTransform(
  transform: Transform,
  source: string,
  file: string,
  options: Record<string, unknown> = {},
  settings: Record<string, unknown> = {},
  reports: string[] = [],
): string {
  const api = {
    j: undefined,
    jscodeshift: undefined,
    stats: () => {},
    report: (message: string) => reports.push(message),
  } as unknown as API;
  const result = transform({ path: file, source }, api, { ...options, settings });
  if (typeof result !== 'string') throw new Error(`transform returned ${typeof result}`);
  return result;
}

/** A file the codemod's prefilter skips, and the nearest shape of it that holds a rewrite. */
export interface PrefilterPair {
  name: string;
  skipped: string;
  rewritten: string;
  /** ESLint settings the near miss is parsed and rewritten with (`hotpath.hotFunctions`, ...). */
  settings?: Record<string, unknown>;
}

/**
 * One test per pair: the skipped file is not parsed and the transform leaves it as it is (the rule has
 * no rewrite there either), while its near miss is parsed and rewritten (the exclusion is that narrow).
 */
export function prefilterPairTests(codemod: CodemodRule, transform: Transform, file: string, pairs: readonly PrefilterPair[]): void {
  const parses = (code: string, settings: Record<string, unknown> = {}) => codemodMayChange(codemod, code, { ruleOptions: {}, settings, filePath: file });
  for (const { name, skipped, rewritten, settings = {} } of pairs) {
    it(`${name}: skipped unparsed, while its near miss is parsed and rewritten`, () => {
      expect(parses(skipped)).toBe(false);
      expect(runTransform(transform, skipped, file)).toBe(skipped);
      expect(parses(rewritten, settings)).toBe(true);
      expect(runTransform(transform, rewritten, file, {}, settings)).not.toBe(rewritten);
    });
  }
}
