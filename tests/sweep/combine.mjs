#!/usr/bin/env node
/**
 * Combines the JSON reports of several sweep invocations (one per repository, say, when one run
 * over everything takes too long) and prints the totals as Markdown tables for docs/evidence.md:
 *
 *   node tests/sweep/combine.mjs [--time a.json,b.json] [--codemods c.json,d.json] sweep-*.json
 *
 * The positional reports give everything by default. `--time` reports (a later `--no-codemods
 * --no-tsc` run) replace the lint times and shares; `--codemods` reports replace the codemod and
 * TypeScript results of the directories they cover. A directory swept twice counts once, from the
 * last report that holds it.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { time: { type: 'string', multiple: true, default: [] }, codemods: { type: 'string', multiple: true, default: [] } },
});
if (positionals.length === 0) {
  process.stderr.write('usage: node tests/sweep/combine.mjs [--time a.json...] [--codemods b.json...] report.json...\n');
  process.exit(2);
}

// `--time a.json,b.json` or `--time a.json --time b.json`: a shell glob after the flag would leave all
// but its first file among the positional reports.
const load = (files) => files.flatMap((list) => list.split(',')).filter(Boolean).map((file) => JSON.parse(readFileSync(file, 'utf8')));
const byDir = (reports) => {
  const dirs = new Map();
  for (const report of reports) for (const dir of report.dirs) dirs.set(dir.dir, { ...dir, report });
  return dirs;
};
const main = byDir(load(positionals));
const timing = byDir(load(options.time));
const codemodRuns = byDir(load(options.codemods));
const dirs = [...main.values()].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
const rules = [...new Set(dirs.flatMap((d) => d.report.rules))].sort();

const out = [];
const sum = (values) => values.reduce((a, b) => a + b, 0);
const mib = (bytes) => (bytes ? `${Math.round(bytes / 2 ** 20)}` : '-');
const pct = (part, whole, digits = 2) => (whole > 0 ? `${((100 * part) / whole).toFixed(digits)}%` : '-');
const delta = (ratio) => (ratio ? `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%` : '-');

// Per repository.
out.push('| repository | files | parser rejects | rule exceptions | findings | peak RSS, rules (MiB) | parsing alone | Δ | one no-op rule | Δ |');
out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const d of dirs) {
  out.push(
    `| ${d.name} | ${d.files} | ${d.parseErrors.length} | ${d.exceptions.length} | ${sum(Object.values(d.findings))} | ${mib(d.rss.rules)} | ${mib(d.rss.baseline)} | ${delta(d.rss.ratio)} | ${mib(d.rss.noopRule)} | ${delta(d.rss.ratioToNoopRule)} |`,
  );
}
out.push(
  `| **total** | ${sum(dirs.map((d) => d.files))} | ${sum(dirs.map((d) => d.parseErrors.length))} | ${sum(dirs.map((d) => d.exceptions.length))} | ${sum(dirs.map((d) => sum(Object.values(d.findings))))} | | | | | |`,
);
out.push('');

// Findings per rule and repository.
out.push(`| rule | ${dirs.map((d) => d.name).join(' | ')} | total |`);
out.push(`|---|${dirs.map(() => '---:').join('|')}|---:|`);
for (const rule of rules) {
  const counts = dirs.map((d) => d.findings[rule] ?? 0);
  out.push(`| ${rule} | ${counts.join(' | ')} | ${sum(counts)} |`);
}
out.push('');

// Time per rule, from the timing reports where given.
const timed = dirs.map((d) => timing.get(d.dir) ?? d);
const parse = sum(timed.map((d) => d.time.parse));
const ruleTimes = Object.fromEntries(rules.map((rule) => [rule, sum(timed.map((d) => d.time.rules[rule] ?? 0))]));
const slowest = (rule) =>
  timed
    .flatMap((d) => (d.time.slowest[rule] ?? []).map((entry) => ({ ...entry, name: d.name })))
    .sort((a, b) => b.ms - a.ms)[0];
out.push(`Parse time over ${sum(timed.map((d) => d.files))} files: ${(parse / 1000).toFixed(1)} s (sum of ESLint's per-file parse times).`);
out.push('');
out.push('| rule | findings | time (ms) | share of parse time | ≤ 1% | slowest file (ms) |');
out.push('|---|---:|---:|---:|:-:|---|');
for (const rule of rules) {
  const s = slowest(rule);
  const share = (100 * ruleTimes[rule]) / parse;
  out.push(
    `| ${rule} | ${sum(dirs.map((d) => d.findings[rule] ?? 0))} | ${ruleTimes[rule].toFixed(0)} | ${share.toFixed(3)}% | ${share <= 1 ? 'yes' : '**no**'} | ${s ? `${s.name}/${s.file} (${s.ms.toFixed(0)})` : '-'} |`,
  );
}
const total = sum(Object.values(ruleTimes));
out.push(`| **all rules (strict)** | ${sum(dirs.map((d) => sum(Object.values(d.findings))))} | ${total.toFixed(0)} | ${pct(total, parse)} | ${total / parse <= 0.05 ? 'yes (≤ 5%)' : '**no** (> 5%)'} | |`);
out.push('');
out.push('| repository | parse (s) | rules (s) | share |');
out.push('|---|---:|---:|---:|');
for (const d of timed) out.push(`| ${d.name} | ${(d.time.parse / 1000).toFixed(1)} | ${(d.time.ruleTotal / 1000).toFixed(2)} | ${pct(d.time.ruleTotal, d.time.parse)} |`);
out.push('');

// Codemods.
const withCodemods = dirs.map((d) => codemodRuns.get(d.dir) ?? d).filter((d) => d.codemods);
const names = [...new Set(withCodemods.flatMap((d) => Object.keys(d.codemods.codemods)))];
out.push('| codemod | files changed | output unparsable | second run changes | changed without findings | exceptions | input the parser rejects |');
out.push('|---|---:|---:|---:|---:|---:|---:|');
for (const name of names) {
  const entries = withCodemods.map((d) => d.codemods.codemods[name]).filter(Boolean);
  const count = (key) => sum(entries.map((e) => (Array.isArray(e[key]) ? e[key].length : e[key])));
  out.push(`| ${name} | ${count('changed')} | ${count('unparsable')} | ${count('secondRun')} | ${count('changedWithoutFindings')} | ${count('exceptions')} | ${count('inputUnparsable')} |`);
}
out.push('');
out.push(`All codemods in sequence: ${sum(withCodemods.map((d) => d.codemods.chainUnparsable.length))} unparsable outputs, ${sum(withCodemods.map((d) => d.codemods.changedFiles.length))} files changed.`);
out.push('');
out.push('| TypeScript project | changed files in it | errors before | errors after | new | of the errors before, missing dependencies |');
out.push('|---|---:|---:|---:|---:|---:|');
const skipped = [];
for (const d of withCodemods) {
  for (const entry of d.codemods.tsc) {
    const where = entry.tsconfig ? `${d.name}/${entry.tsconfig}` : d.name;
    if (entry.skipped) skipped.push(`${where}: ${entry.skipped}`);
    else out.push(`| ${where} | ${entry.changed} | ${entry.before} | ${entry.after} | ${entry.newErrors.length} | ${entry.missingDependencies ?? '-'} |`);
  }
}
if (skipped.length > 0) {
  out.push('');
  out.push('Not compared:');
  out.push('');
  for (const line of skipped) out.push(`- ${line}`);
}
out.push('');
const problems = [];
for (const d of withCodemods) {
  for (const [name, c] of Object.entries(d.codemods.codemods)) {
    for (const e of c.unparsable) problems.push(`unparsable ${name} ${d.name}/${e.file}: ${e.message}`);
    for (const e of c.secondRun) problems.push(`second run ${name} ${d.name}/${e.file}:${e.diff.line}`);
    for (const e of c.changedWithoutFindings) problems.push(`changed without findings ${name} ${d.name}/${e.file}`);
    for (const e of c.exceptions) problems.push(`codemod exception ${name} ${d.name}/${e.file}: ${e.message.split('\n')[0]}`);
  }
  for (const entry of d.codemods.tsc) for (const e of entry.newErrors ?? []) problems.push(`new TypeScript error ${d.name}/${e.file}: TS${e.code} ${e.message}`);
}
for (const d of dirs) for (const e of d.exceptions) problems.push(`exception ${d.name}/${e.file} [${e.rule ?? '?'}]: ${e.message}`);
if (problems.length > 0) {
  out.push('Problems:');
  out.push('');
  for (const line of problems) out.push(`- ${line}`);
}
process.stdout.write(`${out.join('\n')}\n`);
