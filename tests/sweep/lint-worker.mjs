/**
 * Child process of sweep.mjs: lints one directory's files with the given rules through ESLint's Node
 * API (`stats: true`) and sends one message per file to the parent. It runs in its own process so that
 * its peak RSS is the cost of linting alone, and so that a rule that hangs can be killed and the sweep
 * resumed at the next file.
 *
 * argv[2]: a JSON job file `{ dir, files, rules, start, dist }` (files relative to dir; rules without the
 * `hotpath/` prefix; an empty list lints with no rule at all, the "parsing alone" baseline, and
 * `__noop` enables one rule that does nothing, the control for ESLint's own cost of running rules).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ESLint } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const plugin = createRequire(import.meta.url)(path.join(job.dist, 'src/index.js'));

// The control for memory: ESLint itself holds more once any rule is enabled (measured: one rule that
// does nothing raised peak RSS from 240 to 312 MiB on uptime-kuma), so the plugin's own cost is
// measured against this rule rather than against no rule at all.
const NOOP = '__noop';
const CONTROL = { rules: { noop: { meta: { schema: [] }, create: () => ({}) } } };

/** @type {Map<string, ESLint>} */
const instances = new Map();

/**
 * The scan setup of `hotpath scan` (the TypeScript parser for every JS/TS flavour, JSX on, .cjs as
 * CommonJS), plus `noInlineConfig`: the corpus's own `eslint-disable` and `/* eslint rule: on *\/`
 * comments were written for other rules and must neither hide findings nor switch on core rules
 * whose time would be counted.
 */
function eslintFor(rules) {
  const key = rules.join(',');
  let eslint = instances.get(key);
  if (!eslint) {
    eslint = new ESLint({
      cwd: job.dir,
      overrideConfigFile: true,
      ignore: false,
      stats: true,
      overrideConfig: [
        {
          files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
          languageOptions: { parser: tsParser, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
          linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
          plugins: { hotpath: plugin, control: CONTROL },
          rules: Object.fromEntries(rules.map((rule) => (rule === NOOP ? ['control/noop', 'error'] : [`hotpath/${rule}`, 'error']))),
        },
        { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
      ],
    });
    instances.set(key, eslint);
  }
  return eslint;
}

function ruleOf(error) {
  const id = error?.ruleId ?? /\nRule: "([^"]+)"/.exec(String(error?.message))?.[1];
  return typeof id === 'string' ? id.replace(/^hotpath\//, '') : null;
}

for (let index = job.start; index < job.files.length; index++) {
  const file = job.files[index];
  const filePath = path.join(job.dir, file);
  const message = { index, findings: [], fatal: null, parse: 0, rules: {}, exceptions: [] };
  let text;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    message.fatal = `unreadable: ${error.message}`;
    process.send(message);
    continue;
  }
  // A rule that throws is reported with its stack, then the file is linted again without it, so the
  // other rules' findings and times still count.
  let active = job.rules;
  let result;
  for (;;) {
    try {
      [result] = await eslintFor(active).lintText(text, { filePath });
      break;
    } catch (error) {
      const rule = ruleOf(error);
      message.exceptions.push({ rule, message: String(error?.message ?? error), stack: String(error?.stack ?? '') });
      if (!rule || !active.includes(rule)) break;
      active = active.filter((name) => name !== rule);
    }
  }
  if (result) {
    for (const m of result.messages) {
      if (m.fatal) {
        message.fatal = `${m.line}:${m.column} ${m.message}`;
        continue;
      }
      if (!m.ruleId?.startsWith('hotpath/')) continue;
      message.findings.push({
        rule: m.ruleId.slice('hotpath/'.length),
        line: m.line,
        column: m.column,
        message: m.message,
        suggestions: m.suggestions?.length ?? 0,
        fix: Boolean(m.fix),
      });
    }
    for (const pass of result.stats?.times?.passes ?? []) {
      message.parse += pass.parse?.total ?? 0;
      for (const [id, time] of Object.entries(pass.rules ?? {})) {
        const rule = id.replace(/^hotpath\//, '');
        message.rules[rule] = (message.rules[rule] ?? 0) + time.total;
      }
    }
  }
  process.send(message);
}

// Heap still reachable after a full collection (the parent starts this process with --expose-gc): a
// rule that keeps per-file data alive shows here, where a rule that only makes garbage does not.
const maxRSS = process.resourceUsage().maxRSS * 1024;
globalThis.gc?.();
process.send({ done: true, maxRSS, retainedHeap: process.memoryUsage().heapUsed }, () => process.exit(0));
