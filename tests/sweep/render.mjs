#!/usr/bin/env node
/**
 * Renders a sweep's JSON report (`npm run sweep -- --json-out run.json ...`) as the Markdown tables of
 * docs/evidence.md, so the figures in the doc are copied by a program, not by hand.
 *
 *   node tests/sweep/render.mjs run.json [--sample]   (--sample also renders the drawn findings)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [file, ...flags] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node tests/sweep/render.mjs <sweep.json> [--sample]\n');
  process.exit(2);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
const t = r.totals;
const out = [];
const pct = (part, whole, digits = 2) => (whole > 0 ? `${((100 * part) / whole).toFixed(digits)}%` : 'n/a');
const mib = (bytes) => `${Math.round(bytes / 2 ** 20)} MiB`;
const sum = (values) => values.reduce((a, b) => a + b, 0);

out.push(`Run of ${r.date.slice(0, 10)} (${r.date}), ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.ramGiB} GiB RAM, ${r.machine.os}.`);
out.push(
  `Node ${r.versions.node}, ESLint ${r.versions.eslint}, typescript-eslint ${r.versions.typescriptEslint} (parser ${r.versions.parser}), ` +
    `TypeScript ${r.versions.typescript}, eslint-plugin-hotpath ${r.versions.plugin} at ${r.versions.commit}` +
    `${r.versions.uncommittedRuleChanges ? ' plus uncommitted rule work in the working tree' : ''}.`,
);
out.push('');
out.push(`Rules in this run (${r.rules.length}): ${r.rules.map((rule) => `\`${rule}\``).join(', ')}.`);
out.push(`Codemods in this run (${r.codemods.length}): ${r.codemods.map((name) => `\`${name}\``).join(', ') || 'none'}.`);
out.push('');
out.push('### Per repository');
out.push('');
out.push('| repository | files | parser rejects | rule exceptions | findings | parse (s) | rules (ms) | rules / parse | peak RSS, rules | peak RSS, parsing alone | Δ | peak RSS, one no-op rule | Δ |');
out.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const d of r.dirs) {
  out.push(
    `| ${d.name} | ${d.files} | ${d.parseErrors.length} | ${d.exceptions.length} | ${sum(Object.values(d.findings))} | ${(d.time.parse / 1000).toFixed(1)} | ${d.time.ruleTotal.toFixed(0)} | ${pct(d.time.ruleTotal, d.time.parse)} | ${mib(d.rss.rules)} | ${d.rss.baseline ? mib(d.rss.baseline) : '-'} | ${d.rss.ratio ? `${((d.rss.ratio - 1) * 100).toFixed(1)}%` : '-'} | ${d.rss.noopRule ? mib(d.rss.noopRule) : '-'} | ${d.rss.ratioToNoopRule ? `${((d.rss.ratioToNoopRule - 1) * 100).toFixed(1)}%` : '-'} |`,
  );
}
out.push(
  `| **all** | **${t.files}** | ${t.parseErrors} | **${t.exceptions}** | ${sum(Object.values(t.findings))} | ${(t.parse / 1000).toFixed(1)} | ${t.ruleTotal.toFixed(0)} | **${pct(t.ruleTotal, t.parse)}** | | | worst ${t.rssRatioMax ? `${((t.rssRatioMax - 1) * 100).toFixed(1)}%` : '-'} | | worst ${t.rssRatioToNoopMax ? `${((t.rssRatioToNoopMax - 1) * 100).toFixed(1)}%` : '-'} |`,
);
out.push('');
out.push('### Per rule');
out.push('');
out.push('| rule | findings | time (ms) | share of parse time | slowest file (ms) |');
out.push('|---|--:|--:|--:|---|');
for (const rule of r.rules) {
  const slowest = r.dirs
    .flatMap((d) => (d.time.slowest[rule] ?? []).map((entry) => ({ ...entry, name: d.name })))
    .sort((a, b) => b.ms - a.ms)[0];
  out.push(`| \`${rule}\` | ${t.findings[rule]} | ${t.rules[rule].toFixed(0)} | ${pct(t.rules[rule], t.parse, 3)} | ${slowest ? `${slowest.name}/${slowest.file} (${slowest.ms.toFixed(0)})` : '-'} |`);
}
out.push('');
out.push('Findings per rule and repository:');
out.push('');
out.push(`| rule | ${r.dirs.map((d) => d.name).join(' | ')} |`);
out.push(`|---|${r.dirs.map(() => '--:').join('|')}|`);
for (const rule of r.rules) out.push(`| \`${rule}\` | ${r.dirs.map((d) => d.findings[rule]).join(' | ')} |`);
if (r.dirs.some((d) => d.codemods)) {
  out.push('');
  out.push('### Codemods on a scratch copy');
  out.push('');
  out.push('| codemod | files changed | outputs that fail to reparse | files a second run changes | changed files without findings | exceptions | inputs the codemod could not parse |');
  out.push('|---|--:|--:|--:|--:|--:|--:|');
  for (const [name, c] of Object.entries(t.codemods)) {
    out.push(`| \`${name}\` | ${c.changed} | ${c.unparsable} | ${c.secondRun} | ${c.changedWithoutFindings} | ${c.exceptions} | ${c.inputUnparsable} |`);
  }
  out.push(`| all in sequence | ${sum(r.dirs.map((d) => d.codemods?.changedFiles.length ?? 0))} | ${t.chainUnparsable} | | | | |`);
  out.push('');
  out.push('TypeScript before and after the codemods:');
  out.push('');
  for (const d of r.dirs) {
    for (const entry of d.codemods?.tsc ?? []) {
      const where = entry.tsconfig ? `${d.name}/${entry.tsconfig}` : d.name;
      out.push(
        entry.skipped
          ? `- ${where}: skipped, ${entry.skipped}`
          : `- ${where}: ${entry.before} errors before, ${entry.after} after, ${entry.newErrors.length} new (${entry.changed} changed files in the project)`,
      );
    }
  }
}
out.push('');
out.push('### Against the targets');
out.push('');
out.push('| target | measured | limit | |');
out.push('|---|--:|--:|---|');
for (const target of r.targets) out.push(`| ${target.name} | ${target.value} | ${target.limit} | ${target.informational ? 'for reference' : target.pass ? 'met' : '**not met**'} |`);
if (flags.includes('--sample') && r.sample) {
  out.push('');
  out.push(`Sample: ${r.sample.findings.length} of ${r.sample.of} findings, seed ${r.sample.seed}.`);
  for (const s of r.sample.findings) {
    out.push('');
    out.push(`**${s.n}.** \`${path.basename(s.dir)}/${s.file}:${s.line}\` \`${s.rule}\`: ${s.message}`);
    out.push('');
    out.push('```');
    for (const c of s.context) out.push(`${c.finding ? '>' : ' '} ${String(c.line).padStart(5)} | ${c.text}`);
    out.push('```');
  }
}
process.stdout.write(`${out.join('\n')}\n`);
