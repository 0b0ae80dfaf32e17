/**
 * The parts of the sweep: which files to lint, linting them in a child process, running every codemod
 * on a scratch copy, the TypeScript before/after check, and the precision sample.
 */
import { fork, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import { mulberry32, sampleOf } from './random.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '..', '..');
/** The rule name lint-worker.mjs reads as "one rule that does nothing". */
export const NOOP_RULE = '__noop';

export const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** Directories never entered: installed dependencies, build output, vendored copies, git's store. */
export const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'vendor', '.git']);
const DECLARATION = /\.d\.[cm]?ts$/;
const MINIFIED_NAME = /[.-]min\.[cm]?js$/;

/**
 * The plugin and codemods as built in `dist` (default: the repository's dist/): the sweep sees whatever
 * rules exist when it runs. Another build directory inside the repository (`--dist .tmp/snapshot`)
 * sweeps a fixed snapshot while dist/ is being rebuilt.
 */
export function loadPlugin(dist = path.join(REPO, 'dist')) {
  const plugin = require(path.join(dist, 'src/index.js'));
  const { codemods } = require(path.join(dist, 'codemods/index.js'));
  return { plugin, codemods };
}

/** Rule names (no prefix) after the `--preset` and `--rules` filters. */
export function selectRules(plugin, { preset, rules }) {
  let names = Object.keys(plugin.rules).sort();
  if (preset) {
    const config = plugin.configs[preset];
    if (!config) throw new Error(`unknown preset ${preset} (have ${Object.keys(plugin.configs).filter((k) => !k.startsWith('legacy-')).join(', ')})`);
    const inPreset = new Set(Object.keys(config.rules ?? {}).map((id) => id.replace(/^hotpath\//, '')));
    names = names.filter((name) => inPreset.has(name));
  }
  if (rules) {
    const wanted = rules.split(',').map((rule) => rule.trim().replace(/^hotpath\//, '')).filter(Boolean);
    const unknown = wanted.filter((rule) => !plugin.rules[rule]);
    if (unknown.length > 0) throw new Error(`unknown rule(s): ${unknown.join(', ')}`);
    names = names.filter((name) => wanted.includes(name));
  }
  return names;
}

/**
 * Every JS/TS file under `dir`, relative and sorted, minus declaration files (no runtime code) and
 * minified bundles (by name, or by text: more than 250 characters per line on average over 5 kB).
 */
export function collectFiles(dir) {
  const files = [];
  const skipped = { declaration: 0, minified: [] };
  const walk = (relative) => {
    let entries;
    try {
      entries = readdirSync(path.join(dir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(child);
      } else if (entry.isFile() && EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
        if (DECLARATION.test(entry.name)) skipped.declaration++;
        else if (MINIFIED_NAME.test(entry.name) || looksMinified(path.join(dir, child))) skipped.minified.push(child);
        else files.push(child);
      }
    }
  };
  walk('');
  files.sort();
  return { files, skipped };
}

function looksMinified(file) {
  const { size } = statSync(file);
  if (size < 5000) return false;
  const text = readFileSync(file, 'utf8');
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  return size / lines > 250;
}

/** Paths, sizes and modification times of every file: compared before and after to prove the input was not touched. */
export function fingerprint(dir) {
  const parts = [];
  const walk = (relative) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) {
        const stat = statSync(path.join(dir, child));
        parts.push(`${child}\0${stat.size}\0${stat.mtimeMs}`);
      }
    }
  };
  walk('');
  return parts.sort().join('\n');
}

/**
 * Lints `files` with `rules` in a child process (lint-worker.mjs) and sums what it reports. A worker
 * that makes no progress for `stallMs` is killed; the file it was on is reported as a hang and the
 * sweep resumes at the next one.
 */
export async function lintDirectory(dir, files, rules, { dist = path.join(REPO, 'dist'), stallMs = 120_000, onProgress } = {}) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'hotpath-sweep-job-'));
  const total = {
    files: files.length,
    parseErrors: [],
    exceptions: [],
    findings: [],
    parse: 0,
    rules: Object.fromEntries(rules.map((rule) => [rule, 0])),
    slowest: {},
    maxRSS: 0,
    retainedHeap: 0,
    wall: 0,
  };
  const started = performance.now();
  let start = 0;
  try {
    while (start < files.length) {
      const jobFile = path.join(scratch, `job-${start}.json`);
      writeFileSync(jobFile, JSON.stringify({ dir, files, rules, start, dist }));
      const last = await runWorker(jobFile, stallMs, (message) => {
        const file = files[message.index];
        if (message.fatal) total.parseErrors.push({ file, message: message.fatal });
        for (const exception of message.exceptions) total.exceptions.push({ file, ...exception });
        for (const finding of message.findings) total.findings.push({ file, ...finding });
        total.parse += message.parse;
        for (const [rule, time] of Object.entries(message.rules)) {
          total.rules[rule] = (total.rules[rule] ?? 0) + time;
          const slow = (total.slowest[rule] ??= []);
          if (slow.length < 3 || time > slow[slow.length - 1].ms) {
            slow.push({ file, ms: time });
            slow.sort((a, b) => b.ms - a.ms);
            slow.length = Math.min(slow.length, 3);
          }
        }
        onProgress?.(message.index + 1, files.length);
      });
      total.maxRSS = Math.max(total.maxRSS, last.maxRSS);
      total.retainedHeap = Math.max(total.retainedHeap, last.retainedHeap ?? 0);
      if (last.completed) break;
      const hung = last.lastIndex + 1;
      total.exceptions.push({
        file: files[hung],
        rule: null,
        message: last.exitMessage ?? `no progress for ${stallMs / 1000} s: killed (a rule may loop forever on this file)`,
        stack: '',
      });
      start = hung + 1;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  total.wall = performance.now() - started;
  return total;
}

function runWorker(jobFile, stallMs, onMessage) {
  return new Promise((resolve) => {
    const child = fork(path.join(here, 'lint-worker.mjs'), [jobFile], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'], execArgv: ['--expose-gc'] });
    let lastIndex = JSON.parse(readFileSync(jobFile, 'utf8')).start - 1;
    let lastSeen = Date.now();
    let done = null;
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const watchdog = setInterval(() => {
      if (Date.now() - lastSeen > stallMs) child.kill('SIGKILL');
    }, 1000);
    child.on('message', (message) => {
      lastSeen = Date.now();
      if (message.done) {
        done = message;
        return;
      }
      lastIndex = message.index;
      onMessage(message);
    });
    child.on('exit', (code, signal) => {
      clearInterval(watchdog);
      if (done) resolve({ completed: true, maxRSS: done.maxRSS, retainedHeap: done.retainedHeap });
      else {
        const exitMessage = signal === 'SIGKILL' ? undefined : `lint worker exited (${signal ?? code}): ${stderr.trim()}`;
        resolve({ completed: false, lastIndex, maxRSS: 0, exitMessage });
      }
    });
  });
}

/** Whether `code` parses with @typescript-eslint/parser as a file named `file`; the error text when not. */
export function parseError(code, file) {
  try {
    tsParser.parse(code, {
      filePath: file,
      sourceType: file.endsWith('.cjs') ? 'script' : 'module',
      ecmaFeatures: { jsx: true },
      range: false,
      loc: true,
    });
    return null;
  } catch (error) {
    return `${error.lineNumber ?? '?'}:${error.column ?? '?'} ${error.message}`;
  }
}

/** The rules whose suggestions a codemod applies: `rules` when it names several (add-cleanup), else `rule`. */
export function codemodRules(info) {
  return info.rules ?? [info.rule];
}

/** Runs a codemod's transform the way jscodeshift does; `{ output }`, or `{ error, kind }` when it throws. */
export function applyCodemod(info, source, file) {
  const api = { j: undefined, jscodeshift: undefined, stats: () => {}, report: () => {} };
  try {
    const output = info.transform({ path: file, source }, api, {});
    if (typeof output !== 'string') return { kind: 'exception', error: `transform returned ${typeof output}` };
    return { output };
  } catch (error) {
    const message = String(error?.message ?? error);
    if (error?.name === 'CodemodParseError') return { kind: 'input-unparsable', error: message };
    if (message.includes('produced unparsable code')) return { kind: 'unparsable', error: message };
    return { kind: 'exception', error: `${message}\n${error?.stack ?? ''}` };
  }
}

/**
 * Every codemod on every file of a scratch copy of `dir`: each codemod alone on the original text
 * (its output must parse, a second run must change nothing, and a file where its rule found nothing
 * must keep its bytes), then all codemods in sequence, written to the copy for the TypeScript check.
 * `findingRules(file)` is the set of rules with findings in that file (from the lint run).
 */
export function runCodemods(dir, files, codemods, findingRules, { tsc = true, tscTimeoutMs = 600_000, tscLimit = 6, tscSkipMissingDeps = false, log = () => {} } = {}) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'hotpath-sweep-copy-'));
  const report = {
    scratch,
    codemods: Object.fromEntries(
      Object.keys(codemods).map((name) => [
        name,
        { rules: codemodRules(codemods[name]), changed: 0, unparsable: [], secondRun: [], changedWithoutFindings: [], exceptions: [], inputUnparsable: 0 },
      ]),
    ),
    chainUnparsable: [],
    changedFiles: [],
    tsc: [],
  };
  const previousCwd = process.cwd();
  try {
    cpSync(dir, scratch, {
      recursive: true,
      filter: (source) => !SKIPPED_DIRS.has(path.basename(source)) || source === dir,
    });
    // Rules tell test files and scripts apart by the path relative to the working directory, as the
    // lint run (cwd = dir) saw it; jscodeshift runs from the project root likewise.
    process.chdir(scratch);
    const pending = [];
    for (const [index, file] of files.entries()) {
      if (index % 500 === 0) log(`codemods ${index}/${files.length}`);
      const original = readFileSync(path.join(scratch, file), 'utf8');
      const withFindings = findingRules(file);
      let current = original;
      for (const [name, info] of Object.entries(codemods)) {
        const entry = report.codemods[name];
        const first = applyCodemod(info, original, file);
        if (first.error) {
          if (first.kind === 'input-unparsable') entry.inputUnparsable++;
          else (first.kind === 'unparsable' ? entry.unparsable : entry.exceptions).push({ file, message: first.error });
          continue;
        }
        if (first.output !== original) {
          entry.changed++;
          if (!codemodRules(info).some((rule) => withFindings.has(rule))) entry.changedWithoutFindings.push({ file });
          const broken = parseError(first.output, file);
          if (broken) {
            entry.unparsable.push({ file, message: broken });
            continue;
          }
          const second = applyCodemod(info, first.output, file);
          if (second.error) entry.exceptions.push({ file, message: `second run: ${second.error}` });
          else if (second.output !== first.output) entry.secondRun.push({ file, diff: firstDifference(first.output, second.output) });
        }
        // Chain: apply on top of what the earlier codemods wrote.
        if (current === original) current = first.output;
        else {
          const chained = applyCodemod(info, current, file);
          if (chained.error) report.chainUnparsable.push({ file, codemod: name, message: chained.error });
          else current = chained.output;
        }
      }
      if (current !== original) {
        const broken = parseError(current, file);
        if (broken) report.chainUnparsable.push({ file, codemod: 'all', message: broken });
        else pending.push([file, current]);
      }
    }
    report.changedFiles = pending.map(([file]) => file);
    if (!tsc) report.tsc.push({ skipped: '--no-tsc' });
    else if (pending.length === 0) report.tsc.push({ skipped: 'no file changed' });
    else {
      const { projects, over } = tsProjects(scratch, report.changedFiles, tscLimit);
      if (projects.length === 0) report.tsc.push({ skipped: 'no tsconfig.json covers a changed file' });
      for (const tsconfig of over) report.tsc.push({ tsconfig, skipped: `over the limit of ${tscLimit} projects (--tsc-limit)` });
      const before = projects.map((project) => {
        log(`tsc before: ${project.tsconfig}`);
        return runTsc(scratch, project, tscTimeoutMs, tscSkipMissingDeps);
      });
      for (const [file, text] of pending) writeFileSync(path.join(scratch, file), text);
      for (const [index, project] of projects.entries()) {
        const first = before[index];
        if (first.skipped) {
          report.tsc.push({ tsconfig: project.tsconfig, changed: project.changed, skipped: first.skipped });
          continue;
        }
        log(`tsc after: ${project.tsconfig}`);
        const after = runTsc(scratch, project, tscTimeoutMs, tscSkipMissingDeps);
        if (after.skipped) {
          report.tsc.push({ tsconfig: project.tsconfig, changed: project.changed, skipped: `after: ${after.skipped}` });
          continue;
        }
        report.tsc.push({
          tsconfig: project.tsconfig,
          changed: project.changed,
          before: first.errors.length,
          after: after.errors.length,
          missingDependencies: first.missingDependencies,
          newErrors: newDiagnostics(first.errors, after.errors),
        });
      }
    }
  } finally {
    process.chdir(previousCwd);
    rmSync(scratch, { recursive: true, force: true });
  }
  return report;
}

function firstDifference(a, b) {
  let index = 0;
  while (index < a.length && a[index] === b[index]) index++;
  const line = a.slice(0, index).split('\n').length;
  return { line, first: a.split('\n')[line - 1], second: b.split('\n')[line - 1] };
}

/**
 * tsconfig.json files in a directory that holds a changed file (at most `limit`, nearest first) whose
 * program includes one, found by `tsc --listFilesOnly`; a solution-style config that lists none of
 * them is passed over.
 */
function tsProjects(scratch, changedFiles, limit) {
  const candidates = new Set();
  for (const file of changedFiles) {
    for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
      const config = dir === '.' ? 'tsconfig.json' : `${dir}/tsconfig.json`;
      if (existsSync(path.join(scratch, config))) candidates.add(config);
      if (dir === '.') break;
    }
  }
  const changed = new Set(changedFiles.map((file) => path.join(scratch, file)));
  const projects = [];
  const ordered = [...candidates].sort((a, b) => b.split('/').length - a.split('/').length || (a < b ? -1 : 1));
  for (const tsconfig of ordered) {
    const listed = tsc(scratch, ['--listFilesOnly', '-p', tsconfig], 120_000);
    const inProject = listed.stdout
      .split('\n')
      .map((line) => path.resolve(line.trim()))
      .filter((file) => changed.has(file));
    if (inProject.length > 0) projects.push({ tsconfig, changed: inProject.length });
  }
  return { projects: projects.slice(0, limit), over: projects.slice(limit).map((project) => project.tsconfig) };
}

// Diagnostics that mean "this project needs its dependencies installed (or a config package)".
const NEEDS_DEPENDENCIES = new Set([2307, 2688, 7016, 2792, 6053, 2875, 2503, 2580, 2591, 2582, 2593, 2868]);

/**
 * The project's diagnostics. A corpus checkout has no node_modules, so most projects report missing
 * modules; by default they are compared anyway: what an import cannot resolve is `any` on both sides
 * and its errors are the same before and after, while syntax errors, undeclared names and type errors
 * among the project's own code still show as new. The check runs through a config that extends the
 * project's and takes Node's types from this repository: a missing type library (TS2688) is a global
 * error behind which tsc reports nothing else, and without any Node types a codemod's
 * `AbortSignal.timeout(...)` would be an undeclared name where `fetch` already was one.
 * `skipMissingDeps` skips such projects instead.
 *
 * Each run also gets a build-info file of its own: in an `incremental` or `composite` project (outline,
 * pokemon-showdown) the run after the codemods otherwise starts from the state the run before left,
 * rechecks only some files, creates their types in another order and prints unions in another order
 * (`'OutgoingHttpHeaders | readonly string[]'` for `'readonly string[] | OutgoingHttpHeaders'`), which
 * the comparison by message counted as new errors in files no codemod touched.
 */
export function runTsc(scratch, project, timeoutMs, skipMissingDeps = false) {
  project.config = path.posix.join(path.posix.dirname(project.tsconfig), 'tsconfig.hotpath-sweep.json');
  const buildInfo = mkdtempSync(path.join(os.tmpdir(), 'hotpath-sweep-tsbuildinfo-'));
  const compilerOptions = { tsBuildInfoFile: path.join(buildInfo, 'tsconfig.tsbuildinfo') };
  if (!skipMissingDeps) Object.assign(compilerOptions, { typeRoots: [path.join(REPO, 'node_modules/@types')], types: ['node'] });
  writeFileSync(path.join(scratch, project.config), JSON.stringify({ extends: `./${path.posix.basename(project.tsconfig)}`, compilerOptions }));
  let result;
  try {
    result = tsc(scratch, ['--noEmit', '--pretty', 'false', '-p', project.config], timeoutMs);
  } finally {
    rmSync(buildInfo, { recursive: true, force: true });
  }
  if (result.timedOut) return { skipped: `tsc took more than ${timeoutMs / 1000} s` };
  const errors = tscErrors(result.stdout);
  // Errors of the configuration alone (an `extends` package that is not installed): tsc checked nothing.
  if (errors.length > 0 && errors.every((error) => error.file === '')) {
    return { skipped: `tsc stops at the configuration: TS${errors[0].code} ${errors[0].message.slice(0, 100)}` };
  }
  const missing = errors.filter((error) => NEEDS_DEPENDENCIES.has(error.code));
  if (missing.length > 0 && skipMissingDeps) {
    const example = missing[0];
    return {
      skipped: `needs its dependencies installed: ${missing.length} error(s) such as TS${example.code} ${example.message.slice(0, 100)}`,
    };
  }
  if (result.code !== 0 && errors.length === 0) return { skipped: `tsc failed: ${result.stdout.slice(0, 200)}${result.stderr.slice(0, 200)}` };
  return { errors, missingDependencies: missing.length };
}

function tscErrors(stdout) {
  const errors = [];
  for (const line of stdout.split('\n')) {
    // `file(line,col): error TSn: ...`, or `error TSn: ...` for a project-wide error (a missing types package).
    const match = /^(?:(.*?)(?:\((\d+),(\d+)\))?: )?error TS(\d+): (.*)$/.exec(line);
    if (match) errors.push({ file: match[1] ?? '', code: Number(match[4]), message: match[5] });
  }
  return errors;
}

function tsc(cwd, args, timeoutMs) {
  const tscPath = require.resolve('typescript/bin/tsc', { paths: [REPO] });
  const result = spawnSync(process.execPath, [tscPath, ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024 });
  return {
    code: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    timedOut: result.error?.code === 'ETIMEDOUT' || result.signal === 'SIGTERM',
  };
}

/** Errors after that were not there before, matched by file, code and message (edits move lines). */
function newDiagnostics(before, after) {
  const seen = new Map();
  for (const error of before) {
    const key = `${error.file}\0${error.code}\0${error.message}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const fresh = [];
  for (const error of after) {
    const key = `${error.file}\0${error.code}\0${error.message}`;
    const count = seen.get(key) ?? 0;
    if (count > 0) seen.set(key, count - 1);
    else fresh.push(error);
  }
  return fresh;
}

/**
 * `count` findings drawn with `seed` from all findings, sorted first so that the draw is the same for
 * the same corpus and rules. Each comes with its source line and two lines of context either side.
 */
export function drawSample(findings, count, seed) {
  const sorted = findings
    .slice()
    .sort((a, b) => cmp(a.dir, b.dir) || cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.rule, b.rule));
  const picked = sampleOf(sorted, count, mulberry32(seed));
  return picked.map((finding, index) => {
    const lines = readFileSync(path.join(finding.dir, finding.file), 'utf8').split(/\r?\n/);
    const from = Math.max(1, finding.line - 2);
    const to = Math.min(lines.length, finding.line + 2);
    const context = [];
    for (let line = from; line <= to; line++) context.push({ line, text: lines[line - 1] ?? '', finding: line === finding.line });
    return { n: index + 1, ...finding, source: lines[finding.line - 1] ?? '', context };
  });
}

function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
