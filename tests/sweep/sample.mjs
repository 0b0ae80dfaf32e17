#!/usr/bin/env node
/**
 * Draws a precision sample after the fact from sweep reports written with `--findings --json-out F`,
 * so one long sweep serves both the figures and the review:
 *
 *   node tests/sweep/sample.mjs --preset recommended --sample 100 --seed 9 a.json b.json...
 *
 * The draw is the one `npm run sweep -- --preset P --sample N --seed S <same dirs>` would make: rules
 * report independently of each other, the findings are filtered to the preset's rules and sorted
 * before drawing. Source lines are read from the swept directories, which must still be there.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { drawSample, loadPlugin, REPO, selectRules } from './lib.mjs';
import { parseSeed } from './random.mjs';

const { values: options, positionals: reports } = parseArgs({
  allowPositionals: true,
  options: {
    preset: { type: 'string' },
    rules: { type: 'string' },
    sample: { type: 'string', default: '100' },
    seed: { type: 'string' },
    dist: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
if (reports.length === 0) {
  process.stderr.write('usage: node tests/sweep/sample.mjs [--preset P] [--rules a,b] [--sample N] [--seed S] report.json...\n');
  process.exit(2);
}

const { plugin } = loadPlugin(path.resolve(options.dist ?? path.join(REPO, 'dist')));
const wanted = new Set(selectRules(plugin, options));
const findings = [];
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(report.findings)) throw new Error(`${file} holds no findings: sweep with --findings`);
  const swept = new Set(report.rules);
  const missing = [...wanted].filter((rule) => !swept.has(rule));
  if (missing.length > 0) throw new Error(`${file} was swept without ${missing.join(', ')}`);
  findings.push(...report.findings.filter((finding) => wanted.has(finding.rule)));
}
const seed = parseSeed(options.seed);
const sample = drawSample(findings, Number(options.sample), seed);
if (options.json) {
  process.stdout.write(`${JSON.stringify({ seed, of: findings.length, findings: sample }, null, 2)}\n`);
} else {
  const out = [`sample: ${sample.length} of ${findings.length} findings (${[...wanted].join(', ')}), seed ${seed}`];
  for (const s of sample) {
    out.push('', `#${s.n} ${path.basename(s.dir)}/${s.file}:${s.line}:${s.column} [${s.rule}] ${s.message}`);
    for (const c of s.context) out.push(`  ${c.finding ? '>' : ' '} ${String(c.line).padStart(5)} | ${c.text}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
