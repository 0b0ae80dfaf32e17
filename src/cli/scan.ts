import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ESLint } from 'eslint';
import { PRESETS } from '../configs';
import { oneOf, parseCommandArgs, UsageError } from './args';
import { collectRoots, type Root } from './files';
import { FORMATS, formatScorecard } from './format';
import { SCAN_HELP } from './help';
import { progress, type Output } from './io';
import { createESLint, SCAN_EXTENSIONS, workersAvailable, type Concurrency, type LintSetup } from './lint';
import { PRIORITIES, ruleById, ruleInfos, type RuleInfo } from './plugin-info';
import { buildScorecard, type FailOn, type LintedRoot } from './scorecard';

const OPTIONS = {
  preset: { type: 'string', default: 'recommended' },
  format: { type: 'string', default: 'text' },
  'fail-on': { type: 'string', default: 'P0' },
  output: { type: 'string', short: 'o' },
  'use-config': { type: 'boolean', default: false },
  concurrency: { type: 'string', default: 'auto' },
  ignore: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

// Files per lintFiles call when progress is shown on the main thread; small enough to tick often,
// large enough that per-call overhead stays negligible.
const PROGRESS_BATCH = 50;

export async function scanCommand(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseCommandArgs('scan', args, OPTIONS);
  if (values.help) {
    output.out(SCAN_HELP);
    return 0;
  }
  const preset = oneOf('scan', '--preset', values.preset, PRESETS);
  const format = oneOf('scan', '--format', values.format, FORMATS);
  const failOn: FailOn = oneOf('scan', '--fail-on', values['fail-on'], [...PRIORITIES, 'never'] as const);
  const concurrency = parseConcurrency(values.concurrency);
  const useConfig = values['use-config'];

  const roots = await collectRoots(output.io.cwd, positionals, {
    extensions: SCAN_EXTENSIONS,
    command: 'scan',
    ignore: values.ignore ?? [],
  });
  const linted: LintedRoot[] = [];
  const ran = new Map<string, RuleInfo>();
  if (!useConfig) for (const rule of ruleInfos()) if (rule.presets.includes(preset)) ran.set(rule.id, rule);
  const status = progress(output);
  try {
    for (const root of roots) {
      if (root.files.length === 0) output.err(`hotpath scan: no files to scan under ${root.arg}\n`);
      const setup: LintSetup = { cwd: root.dir, preset, useConfig, concurrency };
      const eslint = await createESLint(setup);
      const results = await lintRoot(eslint, root, setup, (done) =>
        status.update(`hotpath scan: ${root.arg} ${done}/${root.files.length} files`),
      );
      if (useConfig) for (const rule of await enabledRules(eslint, root)) ran.set(rule.id, rule);
      linted.push({ root, results });
    }
  } finally {
    status.done();
  }

  const card = buildScorecard({
    cwd: output.io.cwd,
    preset: useConfig ? null : preset,
    failOn,
    rules: [...ran.values()],
    roots: linted,
  });
  const report = formatScorecard(card, format, output, values.output === undefined);
  if (values.output === undefined) output.out(report);
  else writeFileSync(path.resolve(output.io.cwd, values.output), report);
  return card.failed ? 1 : 0;
}

function parseConcurrency(value: string): Concurrency {
  if (value === 'off' || value === 'auto') return value;
  const threads = Number(value);
  if (Number.isInteger(threads) && threads >= 1) return threads;
  throw new UsageError(`scan: --concurrency must be auto, off or a positive integer (got '${value}')`);
}

/**
 * Lints a root's collected files. ESLint is given the explicit list, so its own globbing never
 * second-guesses the .gitignore handling. A rule that throws rejects the whole call: the error
 * reaches main() and exits 2 rather than turning into a silently smaller score.
 */
async function lintRoot(
  eslint: ESLint,
  root: Root,
  setup: LintSetup,
  onProgress: (done: number) => void,
): Promise<ESLint.LintResult[]> {
  const threaded = workersAvailable() && setup.concurrency !== 'off';
  if (threaded || root.files.length <= PROGRESS_BATCH) {
    onProgress(0);
    return eslint.lintFiles(root.files);
  }
  const results: ESLint.LintResult[] = [];
  for (let start = 0; start < root.files.length; start += PROGRESS_BATCH) {
    onProgress(start);
    results.push(...(await eslint.lintFiles(root.files.slice(start, start + PROGRESS_BATCH))));
  }
  return results;
}

/**
 * With the project's config, the hotpath rules it turns on for any of the root's files: a config may
 * enable a rule for `services/**` only, and that rule's technique still gets its row (zero included).
 * Files matching the same config entries share one computed config object, so each distinct config is
 * read once.
 */
async function enabledRules(eslint: ESLint, root: Root): Promise<RuleInfo[]> {
  const rules = new Map<string, RuleInfo>();
  const seen = new Set<object>();
  for (const file of root.files) {
    const config = (await eslint.calculateConfigForFile(file)) as { rules?: Record<string, unknown> } | undefined;
    if (config === undefined || config === null || seen.has(config)) continue;
    seen.add(config);
    for (const [id, entry] of Object.entries(config.rules ?? {})) {
      const severity = Array.isArray(entry) ? entry[0] : entry;
      if (severity === 0 || severity === 'off') continue;
      const rule = ruleById(id);
      if (rule) rules.set(rule.id, rule);
    }
  }
  return [...rules.values()];
}
