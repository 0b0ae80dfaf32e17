#!/usr/bin/env node
/**
 * The long fuzz run, on the build in dist/ (`npm run fuzz` builds first):
 *
 *   npm run fuzz -- --count 5000 --seed 42        5000 programs of seed 42
 *   npm run fuzz -- --seed 42 --from 317 --count 1 --print   replay program 317 and print it
 *   npm run -s fuzz -- --count 2000 --json        a JSON summary on stdout
 *   --dist DIR   another build inside the repository (a snapshot while dist/ is rebuilt)
 *
 * Without --seed a fresh seed is drawn and printed, so any failure can be replayed. Exit 1 when a
 * program fails.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeFailure, fuzz, loadSeeds } from './core.mjs';
import { parseSeed } from '../sweep/random.mjs';

const USAGE = 'usage: npm run fuzz -- [--count N] [--seed S] [--from I] [--print] [--json] [--dist DIR]';
let options;
try {
  ({ values: options } = parseArgs({
    options: {
      count: { type: 'string', default: '1000' },
      seed: { type: 'string' },
      from: { type: 'string', default: '0' },
      print: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      dist: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  process.stderr.write(`${error.message}\n${USAGE}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = path.resolve(options.dist ?? path.join(repo, 'dist'));
const require = createRequire(import.meta.url);
const plugin = require(path.join(dist, 'src/index.js'));
const { codemods } = require(path.join(dist, 'codemods/index.js'));
const seed = parseSeed(options.seed);
const count = Number(options.count);
const from = Number(options.from);
const log = (message) => process.stderr.write(`${message}\n`);

const seeds = loadSeeds(repo);
log(`fuzz: seed ${seed}, programs ${from}..${from + count - 1}, ${Object.keys(plugin.rules).length} rules, ${Object.keys(codemods).length} codemods, ${seeds.snippets.length} seed snippets`);
const started = performance.now();
const summary = fuzz({
  seed,
  count,
  from,
  plugin,
  codemods,
  seeds,
  onProgram: (index, program, failures) => {
    if (options.print) log(`--- program ${index} (${program.kind}, ${program.filename}) ---\n${program.code}`);
    if (failures.length > 0) log(describeFailure(seed, { index, program, failures }));
    if ((index - from + 1) % 250 === 0) log(`  ${index - from + 1}/${count}`);
  },
});
const seconds = (performance.now() - started) / 1000;

const result = {
  seed,
  from,
  count,
  seconds: Math.round(seconds * 10) / 10,
  rules: Object.keys(plugin.rules).sort(),
  codemods: Object.keys(codemods).sort(),
  generated: summary.generated,
  parsed: summary.checked,
  rejectedByParser: summary.invalid,
  kinds: summary.kinds,
  findings: summary.findings,
  rulesWithFindings: summary.rulesWithFindings,
  fixesAndSuggestionsApplied: summary.suggestions,
  codemodChanges: summary.codemodChanges,
  failed: summary.failed.map((failure) => ({ index: failure.index, checks: failure.failures.map((f) => f.check) })),
};
if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  process.stdout.write(
    [
      `seed ${seed}: ${summary.generated} programs generated, ${summary.checked} parsed and checked, ${summary.invalid} rejected by the parser (${seconds.toFixed(1)} s)`,
      `kinds: ${Object.entries(summary.kinds).map(([kind, n]) => `${kind} ${n}`).join(', ')}`,
      `findings ${summary.findings} (rules reached: ${summary.rulesWithFindings.join(', ') || 'none'}), fixes and suggestions applied ${summary.suggestions}, codemod rewrites ${summary.codemodChanges}`,
      `failed programs: ${summary.failed.length}${summary.failed.length ? ` (${summary.failed.map((f) => f.index).join(', ')})` : ''}`,
    ].join('\n') + '\n',
  );
}
process.exitCode = summary.failed.length > 0 ? 1 : 0;
