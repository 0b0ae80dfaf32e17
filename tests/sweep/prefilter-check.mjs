#!/usr/bin/env node
/**
 * Checks the codemods' prefilter on real code: for every file of each directory, runs every codemod's
 * rule once (no prefilter at all) and lists each (file, codemod) whose rule offers a rewrite that the
 * prefilter would have skipped. There must be none: the prefilter only decides what is parsed, never
 * what is rewritten.
 *
 *   npm run build && node tests/sweep/prefilter-check.mjs <dir>...
 *
 * It also prints what the prefilter lets through for nothing (the cost it leaves): files parsed
 * although no codemod has a rewrite there, and per codemod the kilobytes of files that only it let
 * through (`--wasted` lists those files).
 *
 * Rules see paths relative to the directory (the working directory is changed to it), as they do
 * under `hotpath codemod` run from there. Exit 1 when a rewrite would be missed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { collectFiles, REPO } from './lib.mjs';

const require = createRequire(import.meta.url);
const { codemods } = require(path.join(REPO, 'dist/codemods/index.js'));
const { codemodMayChange, codemodsWithFindings } = require(path.join(REPO, 'dist/src/analysis/codemod.js'));

const listWasted = process.argv.includes('--wasted');
const dirs = process.argv.slice(2).filter((arg) => arg !== '--wasted');
if (dirs.length === 0) {
  process.stderr.write('usage: node tests/sweep/prefilter-check.mjs <dir>...\n');
  process.exit(2);
}
const entries = Object.values(codemods).map((info) => ({ codemod: info.codemod, ruleOptions: {} }));
/** Rule name (what the findings are keyed by) -> codemod name (what a reader looks for). */
const codemodName = new Map(Object.entries(codemods).map(([name, info]) => [info.codemod.name, name]));
let missedTotal = 0;
for (const arg of dirs) {
  const dir = path.resolve(arg);
  process.chdir(dir);
  const { files } = collectFiles(dir);
  let passed = 0;
  let rewritable = 0;
  let missed = 0;
  let unparsable = 0;
  let parsedBytes = 0;
  let wastedBytes = 0;
  let wastedFiles = 0;
  /** Per codemod: bytes of files parsed for nothing that only it let through. */
  const wastedAlone = new Map();
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const through = new Set(
      entries.filter(({ codemod }) => codemodMayChange(codemod, source, { ruleOptions: {}, settings: {}, filePath: file })).map(({ codemod }) => codemod.name),
    );
    if (through.size > 0) passed++;
    let found;
    try {
      found = codemodsWithFindings(source, file, entries, {});
    } catch {
      unparsable++;
      continue;
    }
    if (through.size > 0) parsedBytes += source.length;
    if (through.size > 0 && ![...found.values()].some((findings) => findings.fixable)) {
      wastedFiles++;
      wastedBytes += source.length;
      if (through.size === 1) {
        const [name] = through;
        wastedAlone.set(codemodName.get(name), (wastedAlone.get(codemodName.get(name)) ?? 0) + source.length);
      }
      if (listWasted) process.stdout.write(`wasted: ${[...through].map((name) => codemodName.get(name)).join(',')} ${path.join(arg, file)} (${(source.length / 1024).toFixed(1)} kB)\n`);
    }
    for (const [name, findings] of found) {
      if (!findings.fixable) continue;
      rewritable++;
      if (!through.has(name)) {
        missed++;
        process.stdout.write(`missed: ${name} ${path.join(arg, file)}\n`);
      }
    }
  }
  missedTotal += missed;
  process.stdout.write(
    `${arg}: ${files.length} files, ${passed} pass the prefilter, ${rewritable} (file, codemod) pairs with a rewrite, ${missed} of them skipped by the prefilter, ${unparsable} unparsable\n`,
  );
  const kb = (bytes) => `${Math.round(bytes / 1024)} kB`;
  const alone = [...wastedAlone].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => `${name} ${kb(bytes)}`);
  process.stdout.write(
    `  parsed ${kb(parsedBytes)}; for nothing: ${wastedFiles} files, ${kb(wastedBytes)}${alone.length > 0 ? ` (let through by one codemod alone: ${alone.join(', ')})` : ''}\n`,
  );
}
process.exit(missedTotal > 0 ? 1 : 0);
