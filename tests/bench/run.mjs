#!/usr/bin/env node
/**
 * Runs the benchmarks in tests/bench/cases/*.mjs and prints what each fix wins.
 *
 *   npm run bench                      human table, with a header naming the Node version and CPU
 *   npm run -s bench -- --json         only a JSON array on stdout (-s keeps npm's banner off stdout)
 *   npm run bench -- --filter shift    only cases whose "<rule>/<case>" contains the text
 *
 * A case module default-exports `{ rule, cases: [{ name, unit, timeoutMs?, run(ctx) }] }`. `run`
 * measures the cost before the fix and after it in the same process, one right after the other, and
 * resolves to `{ before, after, details? }` (ratio = before / after, so 12 means the fix is 12x
 * cheaper), or to `{ skipped: reason }` when it needs something absent, such as a database server.
 * Progress goes to stderr through `ctx.log`, so stdout stays clean for --json.
 */
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { round } from './lib/stats.mjs';

const CASES_DIR = fileURLToPath(new URL('./cases/', import.meta.url));
const DEFAULT_CASE_TIMEOUT_MS = 120_000;

/**
 * @typedef {{ before: number, after: number, details?: string } | { skipped: string }} CaseOutcome
 * @typedef {{ log: (message: string) => void, signal: AbortSignal }} CaseContext
 * @typedef {{ name: string, unit: string, timeoutMs?: number, run: (ctx: CaseContext) => Promise<CaseOutcome> }} BenchCase
 * @typedef {{ rule: string, cases: BenchCase[] }} BenchModule
 * @typedef {{ rule: string, case: string, ratio: number | null, before: number | null, after: number | null, unit: string, skipped?: string, error?: string, details?: string }} Row
 */

const USAGE = 'usage: node tests/bench/run.mjs [--json] [--filter <substring>]';

/** @type {{ json: boolean, filter?: string, help: boolean }} */
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      filter: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(2);
}

if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const log = (/** @type {string} */ message) => process.stderr.write(`${message}\n`);

const modules = await loadModules();
const filter = args.filter?.toLowerCase();
const selected = modules.flatMap((module) =>
  module.cases
    .filter((benchCase) => !filter || `${module.rule}/${benchCase.name}`.toLowerCase().includes(filter))
    .map((benchCase) => ({ rule: module.rule, benchCase })),
);

if (selected.length === 0) {
  log(filter ? `no benchmark case matches --filter ${args.filter}` : 'no benchmark cases found');
  process.exitCode = 2;
} else {
  if (!args.json) process.stdout.write(`${environmentLine()}\n\n`);
  /** @type {Row[]} */
  const rows = [];
  for (const { rule, benchCase } of selected) {
    log(`▶ ${rule}: ${benchCase.name}`);
    const row = await runCase(rule, benchCase);
    if (row.error) process.exitCode = 1;
    log(`  ${describe(row)}`);
    rows.push(row);
  }
  process.stdout.write(args.json ? `${JSON.stringify(rows.map(toJson), null, 2)}\n` : `${table(rows)}\n`);
}

// A case that leaves a socket or timer open would keep the process alive after the report. This
// timer is unref'd, so it fires only in that case: it names what is left and ends the run.
setTimeout(() => {
  log(`benchmark left resources open: ${process.getActiveResourcesInfo().join(', ')}`);
  process.exit(process.exitCode ?? 1);
}, 5_000).unref();

/** @returns {Promise<BenchModule[]>} */
async function loadModules() {
  const files = (await readdir(CASES_DIR)).filter((file) => file.endsWith('.mjs')).sort();
  /** @type {BenchModule[]} */
  const loaded = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(CASES_DIR + file).href)).default;
    if (!module || typeof module.rule !== 'string' || !Array.isArray(module.cases)) {
      throw new Error(`tests/bench/cases/${file} must default-export { rule, cases }`);
    }
    loaded.push(module);
  }
  return loaded;
}

/**
 * @param {string} rule
 * @param {BenchCase} benchCase
 * @returns {Promise<Row>}
 */
async function runCase(rule, benchCase) {
  const base = { rule, case: benchCase.name, unit: benchCase.unit };
  const controller = new AbortController();
  const timeoutMs = benchCase.timeoutMs ?? DEFAULT_CASE_TIMEOUT_MS;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => {
      // Tell the case to clean up (close its servers) before reporting it as failed.
      controller.abort(new Error(`did not finish within ${timeoutMs} ms`));
      reject(controller.signal.reason);
    }, timeoutMs);
  });
  try {
    const outcome = await Promise.race([benchCase.run({ log: (message) => log(`  ${message}`), signal: controller.signal }), deadline]);
    if ('skipped' in outcome) return { ...base, ratio: null, before: null, after: null, skipped: outcome.skipped };
    const { before, after, details } = outcome;
    if (!(before > 0) || !(after > 0)) throw new Error(`measured before=${before}, after=${after}: both must be positive`);
    return { ...base, ratio: round(before / after, 3), before: round(before), after: round(after), details };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, ratio: null, before: null, after: null, error: message };
  } finally {
    clearTimeout(timer);
  }
}

/** The JSON shape: details are for humans and stay in the text report. @param {Row} row */
function toJson({ rule, case: name, ratio, before, after, unit, skipped, error }) {
  return { rule, case: name, ratio, before, after, unit, ...(skipped === undefined ? {} : { skipped }), ...(error === undefined ? {} : { error }) };
}

/** @param {Row} row */
function describe(row) {
  if (row.skipped) return `skipped: ${row.skipped}`;
  if (row.error) return `FAILED: ${row.error}`;
  return `${row.before} → ${row.after} ${row.unit}: ${row.ratio}x${row.details ? ` (${row.details})` : ''}`;
}

function environmentLine() {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() || 'unknown CPU';
  return `node ${process.version} on ${model} (${cpus.length} logical CPUs, ${os.platform()} ${os.arch()}), ${new Date().toISOString()}`;
}

/** @param {Row[]} rows */
function table(rows) {
  const header = ['rule', 'case', 'before', 'after', 'unit', 'ratio'];
  const body = rows.map((row) =>
    row.skipped || row.error
      ? [row.rule, row.case, '-', '-', row.unit, '-', row.skipped ? `skipped: ${row.skipped}` : `FAILED: ${row.error}`]
      : [row.rule, row.case, String(row.before), String(row.after), row.unit, `${row.ratio}x`],
  );
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column].length)));
  // Numbers align right so their digits line up; words align left. A seventh cell (why a case has no
  // numbers) trails the row unpadded.
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((cell, column) => (column >= widths.length ? cell : /^[\d.]+x?$|^-$/.test(cell) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  const notes = rows.filter((row) => row.details).map((row) => `  ${row.rule} / ${row.case}: ${row.details}`);
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line), ...(notes.length ? ['', ...notes] : [])].join('\n');
}
