// Loaded by ESLint in the main thread and in every worker thread (ESLint.fromOptionsModule): the plugin
// and parser objects of a preset cannot be cloned across threads, so each thread builds its own from the
// setup that lint.ts put in this module's URL. A distinct URL per setup also gives each its own module
// instance, where a plain CommonJS options module would be cached once for the process.
import { createRequire } from 'node:module';
import type { LintSetup, eslintOptions as EslintOptions } from './lint.js';

const require = createRequire(import.meta.url);
const { eslintOptions } = require('./lint.js') as { eslintOptions: typeof EslintOptions };
const setup = JSON.parse(new URL(import.meta.url).searchParams.get('setup') ?? 'null') as LintSetup;

export default eslintOptions(setup);
