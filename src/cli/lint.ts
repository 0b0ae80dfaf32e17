import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import plugin from '../index';
import type { PresetName } from '../util/create-rule';

export const SCAN_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export type Concurrency = 'off' | 'auto' | number;

/** Everything that decides how a root is linted. Plain JSON: worker threads rebuild the options from it. */
export interface LintSetup {
  cwd: string;
  preset: PresetName;
  /** Lint with the project's own eslint.config.* instead of the preset. */
  useConfig: boolean;
  concurrency: Concurrency;
}

/** The zero-config setup: the TypeScript parser for every JS/TS flavour, then the chosen preset. */
export function presetConfig(preset: PresetName): Linter.Config[] {
  return [
    {
      name: 'hotpath/scan-parser',
      files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
      languageOptions: {
        parser: tsParser as Linter.Parser,
        sourceType: 'module',
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
    { name: 'hotpath/scan-commonjs', files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    plugin.configs[preset] as Linter.Config,
  ];
}

export function eslintOptions(setup: LintSetup): ESLint.Options {
  const shared: ESLint.Options = {
    cwd: setup.cwd,
    concurrency: setup.concurrency,
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
  };
  if (setup.useConfig) return shared;
  return { ...shared, overrideConfigFile: true, overrideConfig: presetConfig(setup.preset) };
}

/**
 * An ESLint instance for one root. With worker threads, the preset holds plugin and parser objects that
 * cannot be cloned into a thread, so each thread loads the options from a module instead (ESLint's
 * `fromOptionsModule`); the setup travels in that module's URL.
 */
export async function createESLint(setup: LintSetup): Promise<ESLint> {
  const effective: LintSetup = { ...setup, concurrency: workersAvailable() ? setup.concurrency : 'off' };
  if (effective.concurrency === 'off' || effective.useConfig) return new ESLint(eslintOptions(effective));
  const url = pathToFileURL(path.join(__dirname, 'eslint-options.mjs'));
  url.searchParams.set('setup', JSON.stringify(effective));
  return ESLint.fromOptionsModule(url);
}

/**
 * Worker threads load compiled JavaScript only; under a TypeScript test runner this module is the
 * `.ts` source and the options module does not exist, so linting stays on the main thread.
 */
export function workersAvailable(): boolean {
  return __filename.endsWith('.js');
}
