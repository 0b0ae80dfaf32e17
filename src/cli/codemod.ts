import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { codemods } from '../../codemods';
import { PARSABLE_EXTENSIONS, readSettings } from '../analysis/codemod';
import { parseCommandArgs, splitPassthrough, UsageError } from './args';
import { collectRoots, displayPath } from './files';
import { plural } from './format/text';
import { uncommittedChanges } from './git';
import { CODEMOD_HELP } from './help';
import { progress, type Output } from './io';
import { defaultJobs, jobsFor, runInThisThread, startWorkerPool, type RunTask, type WorkerPool } from './codemod-pool';
import { readTask, triggeredCodemods, withoutTriggerResult, type FileResult, type FileStatus, type FileTask } from './codemod-runner';

const OPTIONS = {
  'dry-run': { type: 'boolean', default: false },
  print: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  'allow-dirty': { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  jobs: { type: 'string', short: 'j' },
  ignore: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** How many dirty paths the refusal message lists before "…and N more". */
const DIRTY_LISTED = 10;

// A guess at the share of a repository's files the prefilter passes on to a parse (outline: 48 of
// 2,460), used only to decide whether to start worker threads before reading. On the 2-core machine
// the figures were measured on, threads do not pay for outline's 48 (a worker loads ESLint, the
// parser and the rules, and compiles them again): `--jobs 1` took 4.1-4.8 s, two jobs 4.8-5.6 s.
const EXPECTED_PARSE_SHARE = 0.02;

// Files read at once by the prefilter: enough to overlap the reads, few enough to stay far below the
// open-file limit.
const READ_BATCH = 64;

// Files filtered between two turns of the event loop while worker threads parse (about 5 ms of work).
const YIELD_EVERY = 8;

export interface CodemodSummary {
  total: number;
  changed: number;
  unchanged: number;
  skipped: number;
  parseErrors: number;
  errors: number;
  /** False for --dry-run and --print: nothing was written. */
  written: boolean;
}

export async function codemodCommand(args: string[], output: Output): Promise<number> {
  const split = splitPassthrough(args, OPTIONS);
  const { values, positionals } = parseCommandArgs('codemod', split.args, OPTIONS);
  if (values.help) {
    output.out(CODEMOD_HELP);
    return 0;
  }
  if (values.json && values.print) throw new UsageError('codemod: --json and --print cannot be combined');
  const jobs = parseJobs(values.jobs);
  try {
    readSettings(split.passthrough['settings']);
  } catch (error) {
    throw new UsageError(`codemod: ${(error as Error).message}`);
  }
  const { names, paths } = splitNames(positionals, output.io.cwd);
  const write = !values['dry-run'] && !values.print;

  const roots = await collectRoots(output.io.cwd, paths, {
    extensions: PARSABLE_EXTENSIONS,
    command: 'codemod',
    ignore: values.ignore ?? [],
  });
  if (write && !values['allow-dirty']) await refuseDirtyTree(roots.map((root) => ({ path: root.path, isDirectory: root.dir === root.path })), output);

  const tasks: FileTask[] = [];
  const seen = new Set<string>();
  for (const root of roots) {
    // Files found by walking a directory must stay inside it; a file named explicitly is the user's choice.
    const realRoot = root.dir === root.path ? realpathSync(root.path) : undefined;
    for (const file of root.files) {
      if (seen.has(file)) continue;
      seen.add(file);
      tasks.push({
        file,
        display: displayPath(output.io.cwd, file),
        codemods: names,
        options: split.passthrough,
        write,
        diff: values['dry-run'] && !values.print,
        source: values.print,
        ...(realRoot === undefined ? {} : { root: realRoot }),
      });
    }
  }

  const mode = { verbose: values.verbose, print: values.print, dryRun: values['dry-run'] };
  // Text reports stream in file order as results arrive, so `--dry-run | head` shows diffs at once.
  const results: (FileResult | undefined)[] = new Array<FileResult | undefined>(tasks.length);
  let flushed = 0;
  const settle = (index: number, result: FileResult) => {
    results[index] = result;
    if (values.json) return;
    while (flushed < tasks.length && results[flushed] !== undefined) printResult(results[flushed++]!, output, mode);
  };
  // With nothing being written, a reader that went away (`| head`) means nothing is left to do.
  const stopped = () => !write && output.stdoutClosed();

  const status = progress(output);
  let pool: WorkerPool | undefined;
  let used = 1;
  // Files that passed the prefilter, in the order they did. Worker threads parse them while this
  // thread is still reading and filtering the rest (on outline the filtering is a third of the run).
  const queue: number[] = [];
  let filtering = true;
  let waiting: (() => void)[] = [];
  const wake = () => {
    for (const resume of waiting) resume();
    waiting = [];
  };
  let done = 0;
  let next = 0;
  const drain = async (run: RunTask) => {
    while (!stopped()) {
      if (next >= queue.length) {
        if (!filtering) return;
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      const index = queue[next++]!;
      if (!filtering) status.update(`hotpath codemod: ${done}/${queue.length} files to parse${used > 1 ? `, ${used} jobs` : ''}`);
      settle(index, await run(tasks[index]!));
      done++;
      // A file transformed in this thread resolves in microtasks only; without a turn of the event
      // loop the workers' answers would wait, and this thread would end up doing almost every file.
      if (run === runInThisThread && pool) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  // Each worker gets one file queued behind the one it runs, which keeps it busy without copying
  // every file's text into the pool's queue at once.
  const lanes: Promise<void>[] = [];
  const addWorkerLanes = (workers: WorkerPool) => {
    for (let lane = 0; lane < workers.threads * 2; lane++) lanes.push(drain(workers.run));
  };
  try {
    // A large tree will very likely have enough files to parse for threads to pay: start them now, so
    // that they load ESLint and the rules, then parse, while this thread reads.
    if (jobsFor(Math.floor(tasks.length * EXPECTED_PARSE_SHARE), jobs.count, jobs.explicit) > 1) {
      pool = await startWorkerPool(jobs.count - 1, names);
      used = pool.threads + 1;
      addWorkerLanes(pool);
    }
    await readAndFilter(
      tasks,
      settle,
      stopped,
      (index) => {
        queue.push(index);
        wake();
      },
      (read) => status.update(`hotpath codemod: reading ${read}/${tasks.length} files`),
    );
    filtering = false;
    wake();
    if (!pool && !stopped()) {
      const wanted = jobsFor(queue.length, jobs.count, jobs.explicit);
      if (wanted > 1) {
        pool = await startWorkerPool(wanted - 1, names);
        used = pool.threads + 1;
        addWorkerLanes(pool);
      }
    }
    // This thread takes files too, once it has read them all.
    lanes.push(drain(runInThisThread));
    await Promise.all(lanes);
  } finally {
    filtering = false;
    wake();
    await pool?.close();
    status.done();
  }

  const finished = results.filter((result): result is FileResult => result !== undefined);
  const summary = summarize(finished, write);
  if (values.json) {
    output.out(`${JSON.stringify({ codemods: names, jobs: used, files: finished, summary }, null, 2)}\n`);
  } else {
    (mode.print || mode.dryRun ? output.err : output.out)(`${summaryLine(summary)}\n`);
  }
  return summary.parseErrors + summary.errors > 0 ? 1 : 0;
}

/**
 * Reads every file and settles the ones no codemod can match (and the unreadable ones) at once.
 * Hands on (`passed`) the index of each task left to transform, as soon as it is known, each now
 * carrying its text and only the codemods the prefilter kept.
 */
async function readAndFilter(
  tasks: FileTask[],
  settle: (index: number, result: FileResult) => void,
  stopped: () => boolean,
  passed: (index: number) => void,
  onProgress: (read: number) => void,
): Promise<void> {
  for (let start = 0; start < tasks.length && !stopped(); start += READ_BATCH) {
    onProgress(start);
    const batch = tasks.slice(start, start + READ_BATCH);
    const reads = await Promise.all(batch.map(readTask));
    for (const [offset, read] of reads.entries()) {
      const index = start + offset;
      const task = tasks[index]!;
      if (!('text' in read)) {
        settle(index, read);
        continue;
      }
      const selected = triggeredCodemods(task, read.text);
      if (selected.length === 0) {
        settle(index, withoutTriggerResult(task));
        continue;
      }
      task.text = read.text;
      task.codemods = selected;
      task.prefiltered = true;
      passed(index);
      // Worker threads wait on this thread to hear that a file is done and to be given the next one.
      if (offset % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

function parseJobs(value: string | undefined): { count: number; explicit: boolean } {
  if (value === undefined) return { count: defaultJobs(), explicit: false };
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new UsageError(`codemod: --jobs must be a positive integer (got '${value}')`);
  return { count, explicit: true };
}

/**
 * Leading positionals that name codemods (or `all`), then paths. A first word that names no codemod is
 * a typo, not a path; so is a later bare word that is neither a codemod nor an existing path.
 */
function splitNames(positionals: string[], cwd: string): { names: string[]; paths: string[] } {
  const available = Object.keys(codemods);
  const list = `${available.join(', ')} (or all)`;
  const unknown = (word: string) => new UsageError(`codemod: unknown codemod '${word}'; available: ${list}`);
  const names: string[] = [];
  const paths: string[] = [];
  for (const word of positionals) {
    if (paths.length === 0 && (word === 'all' || word in codemods)) {
      names.push(...(word === 'all' ? available : [word]));
    } else {
      if (names.length === 0) throw unknown(word);
      if (/^[a-z][a-z0-9-]*$/.test(word) && !existsSync(path.resolve(cwd, word))) {
        throw new UsageError(`codemod: '${word}' is neither a codemod nor an existing path; codemods: ${list}`);
      }
      paths.push(word);
    }
  }
  if (names.length === 0) {
    throw new UsageError(`codemod: name a codemod to run; available: ${list}`);
  }
  return { names: available.filter((name) => names.includes(name)), paths };
}

async function refuseDirtyTree(targets: { path: string; isDirectory: boolean }[], output: Output): Promise<void> {
  const dirty = new Set<string>();
  for (const target of targets) {
    const state = await uncommittedChanges(target.path, target.isDirectory);
    if (state.error) {
      throw new UsageError(
        `codemod: cannot check ${displayPath(output.io.cwd, target.path)} for uncommitted changes (${state.error}); pass --allow-dirty to run anyway`,
      );
    }
    for (const file of state.dirty) dirty.add(file);
  }
  if (dirty.size === 0) return;
  const listed = [...dirty].slice(0, DIRTY_LISTED).map((file) => `  ${file}`);
  if (dirty.size > DIRTY_LISTED) listed.push(`  …and ${dirty.size - DIRTY_LISTED} more`);
  throw new UsageError(
    [
      'codemod: refusing to rewrite files: the git work tree has uncommitted changes under the target paths:',
      ...listed,
      'Commit or stash them first so the rewrite can be reviewed and undone, or pass --allow-dirty (or use --dry-run).',
    ].join('\n'),
    false,
  );
}

function summarize(results: FileResult[], written: boolean): CodemodSummary {
  const count = (status: FileStatus) => results.filter((result) => result.status === status).length;
  return {
    total: results.length,
    changed: count('changed'),
    unchanged: count('unchanged'),
    skipped: count('skipped'),
    parseErrors: count('parse-error'),
    errors: count('error'),
    written,
  };
}

export function summaryLine(summary: CodemodSummary): string {
  const parts = [
    `${summary.changed} changed`,
    `${summary.unchanged} unchanged`,
    `${summary.skipped} skipped`,
    plural(summary.parseErrors, 'parse error'),
  ];
  if (summary.errors > 0) parts.push(`${summary.errors} failed`);
  return parts.join(', ') + (summary.written ? '' : ' (nothing written)');
}

/**
 * One file's line of the text report. With --dry-run and --print, stdout carries only the diffs or
 * sources (so it can be piped to `git apply` or a file) and the per-file statuses go to stderr.
 */
function printResult(result: FileResult, output: Output, mode: { verbose: boolean; print: boolean; dryRun: boolean }): void {
  const c = output.color;
  const status = mode.print || mode.dryRun ? output.err : output.out;
  const quiet = result.status === 'unchanged' || (result.status === 'skipped' && result.reports === undefined);
  if (quiet && !mode.verbose) return;
  if (mode.print && result.source !== undefined) {
    output.err(`==> ${result.path} <==\n`);
    output.out(result.source);
  } else if (result.diff !== undefined) {
    output.out(colorDiff(result.diff, c));
  }
  const reason = result.status === 'skipped' && result.reports ? '' : result.reason ? `  ${result.reason}` : '';
  status(`${LABELS[result.status](c)}  ${result.path}${reason}\n`);
  for (const line of result.reports ?? []) status(`             ${c.dim(line)}\n`);
}

const LABELS: Record<FileStatus, (c: Output['color']) => string> = {
  changed: (c) => c.green('changed    '),
  unchanged: (c) => c.dim('unchanged  '),
  skipped: (c) => c.yellow('skipped    '),
  'parse-error': (c) => c.red('parse-error'),
  error: (c) => c.red('error      '),
};

function colorDiff(diff: string, c: Output['color']): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return c.bold(line);
      if (line.startsWith('@@')) return c.cyan(line);
      if (line.startsWith('+')) return c.green(line);
      if (line.startsWith('-')) return c.red(line);
      return line;
    })
    .join('\n');
}
