import { existsSync } from 'node:fs';
import path from 'node:path';
import { codemods } from '../../codemods';
import { PARSABLE_EXTENSIONS } from '../analysis/codemod';
import { parseCommandArgs, splitPassthrough, UsageError } from './args';
import { collectRoots, displayPath } from './files';
import { plural } from './format/text';
import { uncommittedChanges } from './git';
import { CODEMOD_HELP } from './help';
import { progress, type Output } from './io';
import { inProcessRunner, type FileResult, type FileRunner, type FileStatus, type FileTask } from './codemod-runner';

const OPTIONS = {
  'dry-run': { type: 'boolean', default: false },
  print: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  'allow-dirty': { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** How many dirty paths the refusal message lists before "…and N more". */
const DIRTY_LISTED = 10;

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

export async function codemodCommand(args: string[], output: Output, runner: FileRunner = inProcessRunner): Promise<number> {
  const split = splitPassthrough(args, OPTIONS);
  const { values, positionals } = parseCommandArgs('codemod', split.args, OPTIONS);
  if (values.help) {
    output.out(CODEMOD_HELP);
    return 0;
  }
  if (values.json && values.print) throw new UsageError('codemod: --json and --print cannot be combined');
  const { names, paths } = splitNames(positionals, output.io.cwd);
  const write = !values['dry-run'] && !values.print;

  const roots = await collectRoots(output.io.cwd, paths, { extensions: PARSABLE_EXTENSIONS, command: 'codemod' });
  if (write && !values['allow-dirty']) await refuseDirtyTree(roots.map((root) => ({ path: root.path, isDirectory: root.dir === root.path })), output);

  const files = [...new Set(roots.flatMap((root) => root.files))];
  const tasks: FileTask[] = files.map((file) => ({
    file,
    display: displayPath(output.io.cwd, file),
    codemods: names,
    options: split.passthrough,
    write,
    diff: values['dry-run'] && !values.print,
    source: values.print,
  }));

  const status = progress(output);
  const results: FileResult[] = [];
  try {
    for (const [index, task] of tasks.entries()) {
      status.update(`hotpath codemod: ${index}/${tasks.length} files`);
      results.push(await runner(task));
    }
  } finally {
    status.done();
  }

  const summary = summarize(results, write);
  if (values.json) {
    output.out(`${JSON.stringify({ codemods: names, files: results, summary }, null, 2)}\n`);
  } else {
    report(results, summary, output, { verbose: values.verbose, print: values.print, dryRun: values['dry-run'] });
  }
  return summary.parseErrors + summary.errors > 0 ? 1 : 0;
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
 * Text output. With --dry-run and --print, stdout carries only the diffs or sources (so it can be
 * piped to `git apply` or a file) and the per-file statuses go to stderr.
 */
function report(
  results: FileResult[],
  summary: CodemodSummary,
  output: Output,
  mode: { verbose: boolean; print: boolean; dryRun: boolean },
): void {
  const c = output.color;
  const status = mode.print || mode.dryRun ? output.err : output.out;
  const label: Record<FileStatus, string> = {
    changed: c.green('changed    '),
    unchanged: c.dim('unchanged  '),
    skipped: c.yellow('skipped    '),
    'parse-error': c.red('parse-error'),
    error: c.red('error      '),
  };
  for (const result of results) {
    const quiet =
      result.status === 'unchanged' || (result.status === 'skipped' && result.reports === undefined);
    if (quiet && !mode.verbose) continue;
    if (mode.print && result.source !== undefined) {
      output.err(`==> ${result.path} <==\n`);
      output.out(result.source);
    } else if (result.diff !== undefined) {
      output.out(colorDiff(result.diff, c));
    }
    const reason = result.status === 'skipped' && result.reports ? '' : result.reason ? `  ${result.reason}` : '';
    status(`${label[result.status]}  ${result.path}${reason}\n`);
    for (const line of result.reports ?? []) status(`             ${c.dim(line)}\n`);
  }
  status(`${summaryLine(summary)}\n`);
}

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
