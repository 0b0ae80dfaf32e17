#!/usr/bin/env node
/**
 * Checks the codemods' prefilter on real code: for every file of each directory, runs every codemod's
 * rule once (no prefilter at all) and lists each (file, codemod) whose rule offers a rewrite that the
 * prefilter would have skipped. There must be none: the prefilter only decides what is parsed, never
 * what is rewritten.
 *
 *   npm run build && node tests/sweep/prefilter-check.mjs <dir>...
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

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  process.stderr.write('usage: node tests/sweep/prefilter-check.mjs <dir>...\n');
  process.exit(2);
}
const entries = Object.values(codemods).map((info) => ({ codemod: info.codemod, ruleOptions: {} }));
let missedTotal = 0;
for (const arg of dirs) {
  const dir = path.resolve(arg);
  process.chdir(dir);
  const { files } = collectFiles(dir);
  let passed = 0;
  let rewritable = 0;
  let missed = 0;
  let unparsable = 0;
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
}
process.exit(missedTotal > 0 ? 1 : 0);
