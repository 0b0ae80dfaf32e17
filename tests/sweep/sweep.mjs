#!/usr/bin/env node
/**
 * Sweeps directories of real code (brought onto the machine, never committed, never downloaded here)
 * with every rule and codemod the build holds (dist/: run `npm run build` first; `npm run sweep` does).
 *
 *   npm run sweep -- <dir>...                   report on stdout, progress on stderr
 *   npm run -s sweep -- --json <dir>...         one JSON object on stdout
 *   npm run sweep -- --sample 100 --seed 9 <dir>...   a reproducible random sample of findings
 *   npm run sweep -- --preset recommended <dir>...    only a preset's rules (and their codemods)
 *   npm run sweep -- --rules require-timeout,no-shift-queue <dir>...
 *   --no-baseline   skip the "parsing alone" lint (no peak-RSS comparison)
 *   --no-codemods   skip the codemod pass;  --no-tsc  skip the TypeScript before/after check
 *   --tsc-limit N   TypeScript projects checked per directory (default 6)
 *   --tsc-skip-missing-deps   skip projects whose dependencies are not installed (default: compare
 *                   their diagnostics anyway; unresolved imports are `any` on both sides)
 *   --stall S       seconds without progress before a lint worker is killed as hung (default 120)
 *   --rss-per-rule  also lint once per rule, to tell which rule a peak-RSS rise comes from
 *   --rss-repeat N  lint each setup N times for peak RSS and keep the median (default 1)
 *   --json-out F    also write the JSON report to file F (the text report still goes to stdout)
 *   --findings      keep every finding in the JSON report, so sample.mjs can draw samples afterwards
 *   --dist DIR      a build inside the repository other than dist/ (a snapshot while dist/ is rebuilt)
 *
 * Per directory: lints every JS/TS file (node_modules, dist, build, vendor, declaration files and
 * minified bundles left out) in a child process with ESLint's `stats: true`, so each rule's time can
 * be set against parse time; lints again with no rule enabled for the peak RSS of parsing alone, and
 * with one rule that does nothing (ESLint's own cost of running rules, the fair control); then
 * runs every codemod on a scratch copy. Exit 1 when a target that must be zero is not (exceptions,
 * unparsable codemod output, second-run changes, changed files without findings, new TypeScript errors).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { codemodRules, collectFiles, drawSample, fingerprint, lintDirectory, loadPlugin, NOOP_RULE, REPO, runCodemods, selectRules } from './lib.mjs';
import { parseSeed } from './random.mjs';

const require = createRequire(import.meta.url);
const USAGE = 'usage: npm run sweep -- [--json] [--sample N --seed S] [--preset P] [--rules a,b] [--no-baseline] [--no-codemods] [--no-tsc] <dir>...';

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      sample: { type: 'string' },
      seed: { type: 'string' },
      preset: { type: 'string' },
      rules: { type: 'string' },
      'no-baseline': { type: 'boolean', default: false },
      'no-codemods': { type: 'boolean', default: false },
      'no-tsc': { type: 'boolean', default: false },
      'tsc-limit': { type: 'string', default: '6' },
      'tsc-skip-missing-deps': { type: 'boolean', default: false },
      stall: { type: 'string', default: '120' },
      dist: { type: 'string' },
      'json-out': { type: 'string' },
      findings: { type: 'boolean', default: false },
      'rss-per-rule': { type: 'boolean', default: false },
      'rss-repeat': { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  process.stderr.write(`${error.message}\n${USAGE}\n`);
  process.exit(2);
}
const { values: options, positionals: dirs } = args;
if (options.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (dirs.length === 0) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

const log = (message) => process.stderr.write(`${message}\n`);
const dist = path.resolve(options.dist ?? path.join(REPO, 'dist'));
const { plugin, codemods: allCodemods } = loadPlugin(dist);
let rules;
try {
  rules = selectRules(plugin, options);
} catch (error) {
  log(error.message);
  process.exit(2);
}
// A codemod runs when every rule it applies is selected, so its findings are there to compare with.
const codemods = Object.fromEntries(Object.entries(allCodemods).filter(([, info]) => codemodRules(info).every((rule) => rules.includes(rule))));
const sampleSize = options.sample === undefined ? 0 : Number(options.sample);
const seed = parseSeed(options.seed);

const report = {
  date: new Date().toISOString(),
  versions: versions(),
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.platform()} ${os.release()}`,
  },
  selection: { preset: options.preset ?? null, rules: options.rules ?? null, allRules: rules.length === Object.keys(plugin.rules).length },
  rules,
  codemods: Object.keys(codemods),
  dirs: [],
  totals: null,
  targets: [],
  sample: null,
};

const allFindings = [];
for (const arg of dirs) {
  const dir = path.resolve(arg);
  log(`▶ ${dir}`);
  const before = fingerprint(dir);
  const { files, skipped } = collectFiles(dir);
  log(`  ${files.length} files (${skipped.declaration} declaration files, ${skipped.minified.length} minified left out)`);
  const progress = (label) => (done, total) => {
    if (done % 1000 === 0 || done === total) log(`  ${label} ${done}/${total}`);
  };
  const stallMs = Number(options.stall) * 1000;
  const lint = await lintDirectory(dir, files, rules, { dist, stallMs, onProgress: progress('lint') });
  const baseline = options['no-baseline'] ? null : await lintDirectory(dir, files, [], { dist, stallMs, onProgress: progress('parse only') });
  const control = options['no-baseline'] ? null : await lintDirectory(dir, files, [NOOP_RULE], { dist, stallMs, onProgress: progress('one no-op rule') });
  // Peak RSS moves by 10% and more from run to run (when the collector runs decides it), so each of the
  // three setups can be linted again and the median kept. The repeats go round-robin (rules, parsing
  // alone, no-op rule, rules, ...) so that a change in the machine's state over the minutes of a run
  // falls on all three setups alike instead of on whichever was linted last.
  const repeat = Number(options['rss-repeat']);
  if (baseline && repeat > 1) {
    const setups = [['rules', rules, lint], ['parse only', [], baseline], ['one no-op rule', [NOOP_RULE], control]];
    for (const [, , first] of setups) first.rssSamples = [first.maxRSS];
    for (let run = 1; run < repeat; run++) {
      for (const [, rulesOfRun, first] of setups) first.rssSamples.push((await lintDirectory(dir, files, rulesOfRun, { dist, stallMs })).maxRSS);
    }
    for (const [label, , first] of setups) {
      first.maxRSS = median(first.rssSamples);
      log(`  peak RSS, ${label}: ${first.rssSamples.map((bytes) => Math.round(bytes / 2 ** 20)).join(', ')} MiB, median ${Math.round(first.maxRSS / 2 ** 20)}`);
    }
  }
  const perRule = {};
  if (options['rss-per-rule']) {
    for (const rule of rules) {
      const alone = await lintDirectory(dir, files, [rule], { dist, stallMs });
      perRule[rule] = { maxRSS: alone.maxRSS, retainedHeap: alone.retainedHeap, parse: alone.parse, time: alone.rules[rule] ?? 0 };
      log(`  ${rule} alone: peak RSS ${Math.round(alone.maxRSS / 2 ** 20)} MiB, heap retained after GC ${Math.round(alone.retainedHeap / 2 ** 20)} MiB`);
    }
  }
  const findingsByFile = new Map();
  for (const finding of lint.findings) {
    (findingsByFile.get(finding.file) ?? findingsByFile.set(finding.file, new Set()).get(finding.file)).add(finding.rule);
    allFindings.push({ dir, ...finding });
  }
  const codemodReport = options['no-codemods']
    ? null
    : runCodemods(dir, files, codemods, (file) => findingsByFile.get(file) ?? new Set(), {
        tsc: !options['no-tsc'],
        tscLimit: Number(options['tsc-limit']),
        tscSkipMissingDeps: options['tsc-skip-missing-deps'],
        log: (message) => log(`  ${message}`),
      });
  const untouched = fingerprint(dir) === before;
  report.dirs.push({ ...summariseDir(dir, files, skipped, lint, baseline, control, codemodReport, untouched), rssPerRule: options['rss-per-rule'] ? perRule : undefined });
}

report.totals = totals(report.dirs);
report.targets = targets(report);
if (options.findings) report.findings = allFindings;
if (sampleSize > 0) report.sample = { seed, size: sampleSize, of: allFindings.length, findings: drawSample(allFindings, sampleSize, seed) };

if (options['json-out']) writeFileSync(options['json-out'], `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : text(report));
process.exitCode = report.targets.some((target) => target.mustBeZero && !target.pass) ? 1 : 0;

function median(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function versions() {
  const version = (name) => {
    try {
      return require(require.resolve(`${name}/package.json`, { paths: [REPO] })).version;
    } catch {
      return 'unknown';
    }
  };
  let commit = 'unknown';
  let dirty = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--', 'rules', 'src', 'codemods'], { cwd: REPO, encoding: 'utf8' }).trim() !== '';
  } catch {
    // not a git checkout: the version alone identifies the build
  }
  return {
    node: process.version,
    eslint: version('eslint'),
    typescriptEslint: version('typescript-eslint'),
    parser: version('@typescript-eslint/parser'),
    typescript: version('typescript'),
    plugin: JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version,
    commit,
    uncommittedRuleChanges: dirty,
  };
}

function summariseDir(dir, files, skipped, lint, baseline, control, codemodReport, untouched) {
  const findings = Object.fromEntries(rules.map((rule) => [rule, 0]));
  for (const finding of lint.findings) findings[finding.rule]++;
  const ruleTime = Object.values(lint.rules).reduce((sum, time) => sum + time, 0);
  return {
    dir,
    name: path.basename(dir),
    files: files.length,
    skipped: { declaration: skipped.declaration, minified: skipped.minified.length },
    parseErrors: lint.parseErrors,
    exceptions: lint.exceptions,
    findings,
    time: { parse: lint.parse, rules: lint.rules, ruleTotal: ruleTime, wall: lint.wall, slowest: lint.slowest },
    rss: {
      rules: lint.maxRSS,
      baseline: baseline?.maxRSS ?? null,
      ratio: baseline ? lint.maxRSS / baseline.maxRSS : null,
      retainedHeap: lint.retainedHeap,
      baselineRetainedHeap: baseline?.retainedHeap ?? null,
      samples: lint.rssSamples ? { rules: lint.rssSamples, baseline: baseline?.rssSamples, noopRule: control?.rssSamples } : undefined,
      noopRule: control?.maxRSS ?? null,
      ratioToNoopRule: control ? lint.maxRSS / control.maxRSS : null,
      noopRetainedHeap: control?.retainedHeap ?? null,
      baselineParse: baseline?.parse ?? null,
    },
    codemods: codemodReport && { ...codemodReport, scratch: undefined },
    inputUntouched: untouched,
  };
}

function totals(dirReports) {
  const sum = { files: 0, parseErrors: 0, exceptions: 0, findings: {}, parse: 0, rules: {}, ruleTotal: 0, codemods: {} };
  for (const rule of rules) {
    sum.findings[rule] = 0;
    sum.rules[rule] = 0;
  }
  for (const name of Object.keys(codemods)) {
    sum.codemods[name] = { changed: 0, unparsable: 0, secondRun: 0, changedWithoutFindings: 0, exceptions: 0, inputUnparsable: 0 };
  }
  sum.chainUnparsable = 0;
  sum.newTscErrors = 0;
  sum.tscCompared = 0;
  sum.tscSkipped = 0;
  for (const d of dirReports) {
    sum.files += d.files;
    sum.parseErrors += d.parseErrors.length;
    sum.exceptions += d.exceptions.length;
    sum.parse += d.time.parse;
    sum.ruleTotal += d.time.ruleTotal;
    for (const rule of rules) {
      sum.findings[rule] += d.findings[rule];
      sum.rules[rule] += d.time.rules[rule] ?? 0;
    }
    if (!d.codemods) continue;
    sum.chainUnparsable += d.codemods.chainUnparsable.length;
    for (const entry of d.codemods.tsc) {
      sum.newTscErrors += entry.newErrors?.length ?? 0;
      if (entry.newErrors) sum.tscCompared++;
      else if (entry.tsconfig) sum.tscSkipped++;
    }
    for (const [name, entry] of Object.entries(d.codemods.codemods)) {
      const t = sum.codemods[name];
      t.changed += entry.changed;
      t.unparsable += entry.unparsable.length;
      t.secondRun += entry.secondRun.length;
      t.changedWithoutFindings += entry.changedWithoutFindings.length;
      t.exceptions += entry.exceptions.length;
      t.inputUnparsable += entry.inputUnparsable;
    }
  }
  const ratios = dirReports.map((d) => d.rss.ratio).filter((ratio) => ratio !== null);
  sum.rssRatioMax = ratios.length > 0 ? Math.max(...ratios) : null;
  const noopRatios = dirReports.map((d) => d.rss.ratioToNoopRule).filter((ratio) => ratio !== null && ratio !== undefined);
  sum.rssRatioToNoopMax = noopRatios.length > 0 ? Math.max(...noopRatios) : null;
  sum.inputUntouched = dirReports.every((d) => d.inputUntouched);
  return sum;
}

function targets({ totals: t, selection, dirs: dirReports }) {
  const list = [];
  const add = (name, value, limit, pass, mustBeZero = false) => list.push({ name, value, limit, pass, mustBeZero });
  add('rule exceptions', t.exceptions, 0, t.exceptions === 0, true);
  const share = (100 * t.ruleTotal) / t.parse;
  const label = selection.allRules ? 'strict preset (every rule)' : 'selected rules';
  add(`${label}: share of parse time`, `${share.toFixed(2)}%`, '≤ 5%', share <= 5);
  for (const rule of rules) {
    const ruleShare = (100 * t.rules[rule]) / t.parse;
    add(`${rule}: share of parse time`, `${ruleShare.toFixed(3)}%`, '≤ 1%', ruleShare <= 1);
  }
  if (t.rssRatioMax !== null) {
    add('peak RSS, rules vs parsing alone (worst directory)', `${((t.rssRatioMax - 1) * 100).toFixed(1)}%`, '≤ +10%', t.rssRatioMax <= 1.1);
  }
  if (t.rssRatioToNoopMax !== null) {
    // Not a target of its own: what the plugin adds over ESLint running one rule that does nothing.
    list.push({ name: 'peak RSS, rules vs one no-op rule (worst directory; for reference)', value: `${((t.rssRatioToNoopMax - 1) * 100).toFixed(1)}%`, limit: '-', pass: true, mustBeZero: false, informational: true });
  }
  if (dirReports.some((d) => d.codemods)) {
    const c = Object.values(t.codemods);
    const total = (key) => c.reduce((sum, entry) => sum + entry[key], 0);
    add('codemod outputs that fail to reparse', total('unparsable') + t.chainUnparsable, 0, total('unparsable') + t.chainUnparsable === 0, true);
    add('files a second codemod run changes', total('secondRun'), 0, total('secondRun') === 0, true);
    add('files changed without findings', total('changedWithoutFindings'), 0, total('changedWithoutFindings') === 0, true);
    add('codemod exceptions', total('exceptions'), 0, total('exceptions') === 0, true);
    add(`new TypeScript errors (${t.tscCompared} projects compared, ${t.tscSkipped} skipped)`, t.newTscErrors, 0, t.newTscErrors === 0, true);
  }
  add('input directories untouched', t.inputUntouched ? 'yes' : 'NO', 'yes', t.inputUntouched, true);
  return list;
}

function text(r) {
  const out = [];
  const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const pct = (part, whole) => (whole > 0 ? `${((100 * part) / whole).toFixed(3)}%` : 'n/a');
  out.push(`hotpath sweep, ${r.date}`);
  out.push(
    `node ${r.versions.node}, eslint ${r.versions.eslint}, typescript-eslint ${r.versions.typescriptEslint}, typescript ${r.versions.typescript}, ` +
      `eslint-plugin-hotpath ${r.versions.plugin} (${r.versions.commit}${r.versions.uncommittedRuleChanges ? ', uncommitted rule changes' : ''})`,
  );
  out.push(`${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.ramGiB} GiB, ${r.machine.os}`);
  out.push(`rules (${r.rules.length}): ${r.rules.join(', ')}`);
  out.push(`codemods (${r.codemods.length}): ${r.codemods.join(', ') || 'none'}`);
  out.push('');
  out.push('directory | files | parse errors | exceptions | findings | parse ms | rules ms | share | peak RSS rules | parsing alone | Δ | one no-op rule | Δ');
  for (const d of r.dirs) {
    const findings = Object.values(d.findings).reduce((a, b) => a + b, 0);
    out.push(
      [
        d.name,
        d.files,
        d.parseErrors.length,
        d.exceptions.length,
        findings,
        d.time.parse.toFixed(0),
        d.time.ruleTotal.toFixed(1),
        pct(d.time.ruleTotal, d.time.parse),
        mb(d.rss.rules),
        d.rss.baseline ? mb(d.rss.baseline) : '-',
        d.rss.ratio ? `${((d.rss.ratio - 1) * 100).toFixed(1)}%` : '-',
        d.rss.noopRule ? mb(d.rss.noopRule) : '-',
        d.rss.ratioToNoopRule ? `${((d.rss.ratioToNoopRule - 1) * 100).toFixed(1)}%` : '-',
      ].join(' | '),
    );
  }
  for (const d of r.dirs.filter((entry) => entry.rssPerRule)) {
    const line = Object.entries(d.rssPerRule).map(([rule, entry]) => `${rule} ${mb(entry.maxRSS)}${d.rss.baseline ? ` (${(((entry.maxRSS / d.rss.baseline) - 1) * 100).toFixed(1)}%)` : ''}`);
    out.push(`  ${d.name}, peak RSS with one rule: ${line.join(', ')}`);
  }
  const t = r.totals;
  out.push(`total | ${t.files} | ${t.parseErrors} | ${t.exceptions} | ${Object.values(t.findings).reduce((a, b) => a + b, 0)} | ${t.parse.toFixed(0)} | ${t.ruleTotal.toFixed(1)} | ${pct(t.ruleTotal, t.parse)}`);
  out.push('');
  out.push('rule | findings | time ms | share of parse | slowest file');
  for (const rule of r.rules) {
    const slowest = r.dirs
      .flatMap((d) => (d.time.slowest[rule] ?? []).map((entry) => ({ ...entry, name: d.name })))
      .sort((a, b) => b.ms - a.ms)[0];
    out.push(`${rule} | ${t.findings[rule]} | ${t.rules[rule].toFixed(1)} | ${pct(t.rules[rule], t.parse)} | ${slowest ? `${slowest.name}/${slowest.file} ${slowest.ms.toFixed(1)} ms` : '-'}`);
  }
  if (r.codemods.length > 0 && r.dirs.some((d) => d.codemods)) {
    out.push('');
    out.push('codemod | files changed | unparsable | second run changed | changed without findings | exceptions | input unparsable');
    for (const [name, c] of Object.entries(t.codemods)) {
      out.push(`${name} | ${c.changed} | ${c.unparsable} | ${c.secondRun} | ${c.changedWithoutFindings} | ${c.exceptions} | ${c.inputUnparsable}`);
    }
    out.push(`all codemods in sequence: ${t.chainUnparsable} unparsable`);
    out.push('');
    out.push('TypeScript before/after:');
    for (const d of r.dirs) {
      for (const entry of d.codemods?.tsc ?? []) {
        const where = entry.tsconfig ? `${d.name}/${entry.tsconfig}` : d.name;
        out.push(
          entry.skipped
            ? `  ${where}: skipped (${entry.skipped})`
            : `  ${where}: ${entry.before} errors before, ${entry.after} after, ${entry.newErrors.length} new (${entry.changed} changed files in the project` +
                `${entry.missingDependencies ? `; ${entry.missingDependencies} of the errors before are missing dependencies` : ''})`,
        );
      }
    }
  }
  const problems = [];
  for (const d of r.dirs) {
    for (const e of d.exceptions) problems.push(`exception ${d.name}/${e.file} [${e.rule ?? '?'}]\n${e.stack || e.message}`);
    for (const [name, c] of Object.entries(d.codemods?.codemods ?? {})) {
      for (const e of c.unparsable) problems.push(`unparsable ${name} ${d.name}/${e.file}: ${e.message}`);
      for (const e of c.secondRun) problems.push(`second run ${name} ${d.name}/${e.file}:${e.diff.line}\n  first:  ${e.diff.first}\n  second: ${e.diff.second}`);
      for (const e of c.changedWithoutFindings) problems.push(`changed without findings ${name} ${d.name}/${e.file}`);
      for (const e of c.exceptions) problems.push(`codemod exception ${name} ${d.name}/${e.file}: ${e.message}`);
    }
    for (const e of d.codemods?.chainUnparsable ?? []) problems.push(`unparsable after ${e.codemod} in sequence ${d.name}/${e.file}: ${e.message}`);
    for (const entry of d.codemods?.tsc ?? []) {
      for (const e of entry.newErrors ?? []) problems.push(`new TypeScript error ${d.name}/${e.file}: TS${e.code} ${e.message}`);
    }
  }
  if (problems.length > 0) {
    out.push('');
    out.push('problems:');
    out.push(...problems.map((problem) => `  ${problem.split('\n').join('\n  ')}`));
  }
  const parseErrors = r.dirs.flatMap((d) => d.parseErrors.map((e) => `${d.name}/${e.file}: ${e.message}`));
  if (parseErrors.length > 0) {
    out.push('');
    out.push(`files the parser rejects (${parseErrors.length}; not rule failures):`);
    out.push(...parseErrors.slice(0, 20).map((line) => `  ${line}`));
    if (parseErrors.length > 20) out.push(`  … ${parseErrors.length - 20} more (--json lists all)`);
  }
  out.push('');
  out.push('targets:');
  for (const target of r.targets) out.push(`  ${target.informational ? 'INFO' : target.pass ? 'PASS' : 'FAIL'} ${target.name}: ${target.value} (${target.limit})`);
  if (r.sample) {
    out.push('');
    out.push(`sample: ${r.sample.findings.length} of ${r.sample.of} findings, seed ${r.sample.seed}`);
    for (const s of r.sample.findings) {
      out.push('');
      out.push(`#${s.n} ${path.basename(s.dir)}/${s.file}:${s.line}:${s.column} [${s.rule}] ${s.message}`);
      for (const c of s.context) out.push(`  ${c.finding ? '>' : ' '} ${String(c.line).padStart(5)} | ${c.text}`);
    }
  }
  return `${out.join('\n')}\n`;
}
