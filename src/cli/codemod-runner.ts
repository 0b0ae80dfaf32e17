import './worker-compile-cache';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { API, Transform } from 'jscodeshift';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { codemods } from '../../codemods';
import { afterPrefilter, CodemodParseError, codemodMayChange, codemodsWithFindings, readSettings, ruleOptionsFrom, warmUpCodemods, withKnownFindings, type CodemodFindings } from '../analysis/codemod';

/**
 * One file's work, as plain data in and plain data out: the runner below does it in-process, and a
 * worker pool can call `runFileTask` by name with the same task without any other change.
 */
export interface FileTask {
  /** Absolute path. */
  file: string;
  /** The path reports print (relative to the working directory). */
  display: string;
  /** Codemod names, applied in this order. */
  codemods: string[];
  /** Passed to every transform, like jscodeshift's extra `--key=value` options. */
  options: Record<string, string>;
  /** Write the result to disk (not for --dry-run and --print). */
  write: boolean;
  /** Attach a unified diff of a change. */
  diff: boolean;
  /** Attach the new source of a change. */
  source: boolean;
  /**
   * The real path of the directory whose walk found the file; unset for a file named explicitly. The
   * walk never follows symlinks, and this is checked again at read and write time, so a file swapped
   * for a link to somewhere else meanwhile is still not read through or written through.
   */
  root?: string;
  /** The file's content when the caller has already read it (the prefilter does), so it is read once. */
  text?: string;
  /** `codemods` are those whose text tests `text` passed: not asked again while the text is unchanged. */
  prefiltered?: boolean;
}

export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'parse-error' | 'error';

export interface FileResult {
  path: string;
  status: FileStatus;
  reason?: string;
  /** What the transforms reported through `api.report` (findings left alone, with why). */
  reports?: string[];
  /** Codemods that changed the file. */
  applied?: string[];
  diff?: string;
  source?: string;
}

export type FileRunner = (task: FileTask) => Promise<FileResult>;

/**
 * Reads the file a task names, refusing one that resolves outside its root. Returns the text, or the
 * file's final result when there is nothing more to do with it.
 */
export async function readTask(task: FileTask): Promise<{ text: string } | FileResult> {
  const base = { path: task.display };
  try {
    if (task.root !== undefined && !(await insideRoot(task.file, task.root))) {
      return { ...base, status: 'skipped', reason: OUTSIDE_ROOT };
    }
    return { text: await fs.readFile(task.file, 'utf8') };
  } catch (error) {
    return { ...base, status: 'error', reason: `cannot read: ${messageOf(error)}` };
  }
}

/**
 * The text prefilter: the codemods of a task whose trigger words occur in the text. Most files of a
 * repository mention none of them, and are never parsed. It is each codemod's own test (the one its
 * transform applies under plain jscodeshift), so both ways of running a codemod change the same files.
 */
export function triggeredCodemods(task: FileTask, text: string): string[] {
  return task.codemods.filter((name) => mayChange(name, text, task));
}

export function withoutTriggerResult(task: FileTask): FileResult {
  return { path: task.display, status: 'skipped', reason: `no trigger text for ${task.codemods.join(', ')}` };
}

let lastSettings: { text: unknown; value: Record<string, unknown> } | undefined;

/** The codemod's own text test with the options of this run (the same one its transform applies). */
function mayChange(name: string, source: string, task: FileTask): boolean {
  const { codemod } = codemods[name]!;
  const text = task.options['settings'];
  let known = lastSettings;
  if (!known || known.text !== text) lastSettings = known = { text, value: readSettings(text) };
  const settings = known.value;
  return codemodMayChange(codemod, source, { ruleOptions: ruleOptionsFrom(codemod, task.options), settings, filePath: task.display });
}

/** One file, start to end: read (unless the task carries the text), transform, write. Never throws. */
export async function runFileTask(task: FileTask): Promise<FileResult> {
  const base = { path: task.display };
  let original: string;
  if (task.text !== undefined) {
    original = task.text;
  } else {
    const read = await readTask(task);
    if (!('text' in read)) return read;
    original = read.text;
  }
  let source = original;
  const reports: string[] = [];
  const applied: string[] = [];
  const withoutTrigger: string[] = [];
  // With several codemods, one parse learns which of them have anything to do in the current text; the
  // others are skipped unparsed. Checked again only after a codemod changes the text.
  let checked: { source: string; found: Map<string, CodemodFindings> } | undefined;
  let step = 'reading';
  try {
    for (const [position, name] of task.codemods.entries()) {
      const entry = codemods[name]!;
      const trusted = task.prefiltered === true && source === original;
      if (!trusted && !mayChange(name, source, task)) {
        withoutTrigger.push(name);
        continue;
      }
      if (task.codemods.length > 1) {
        if (checked?.source !== source) {
          step = 'checking';
          checked = { source, found: findingsOf(source, task, task.codemods.slice(position), trusted) };
        }
        const findings = checked.found.get(entry.codemod.name);
        if (!findings) continue;
        // Nothing it could rewrite: what its transform would report, without parsing the file again.
        if (!findings.fixable) {
          for (const skip of findings.skipped) reports.push(`${task.display}:${skip.line}:${skip.column}: left alone: ${skip.reason}`);
          continue;
        }
      }
      step = name;
      const transform = () => (entry.transform as Transform)({ path: task.display, source }, transformApi(reports), { ...task.options });
      // The check above linted this very text with this codemod's rule: its first pass starts from that.
      const known = checked?.source === source ? checked.found.get(entry.codemod.name) : undefined;
      const run = known ? () => withKnownFindings(source, entry.codemod.name, known, transform) : transform;
      const result = await (trusted ? afterPrefilter(run) : run());
      // jscodeshift's contract: null, undefined or an unchanged string all mean "nothing to do".
      if (typeof result === 'string' && result !== source) {
        source = result;
        applied.push(name);
      }
    }
  } catch (error) {
    if (error instanceof CodemodParseError || (error as Error | undefined)?.name === 'CodemodParseError') {
      const parseError = error as CodemodParseError;
      const detail = parseError.message.startsWith(`${task.display}:`)
        ? parseError.message.slice(task.display.length + 1)
        : parseError.message;
      return { ...base, status: 'parse-error', reason: detail };
    }
    return { ...base, status: 'error', reason: `${step} failed: ${messageOf(error)}` };
  }

  const extra = reports.length > 0 ? { reports } : {};
  if (source === original) {
    if (withoutTrigger.length === task.codemods.length) return withoutTriggerResult(task);
    if (reports.length > 0) return { ...base, status: 'skipped', reason: reports.join('; '), ...extra };
    return { ...base, status: 'unchanged' };
  }
  if (task.write) {
    try {
      if (task.root !== undefined && !(await insideRoot(task.file, task.root))) {
        return { ...base, status: 'skipped', reason: OUTSIDE_ROOT, ...extra };
      }
      await writeAtomically(task.file, source);
    } catch (error) {
      return { ...base, status: 'error', reason: `cannot write: ${messageOf(error)}`, ...extra };
    }
  }
  return {
    ...base,
    status: 'changed',
    applied,
    ...extra,
    ...(task.diff ? { diff: unifiedDiff(task.display, original, source) } : {}),
    ...(task.source ? { source } : {}),
  };
}

export const inProcessRunner: FileRunner = runFileTask;

/** Run in a fresh worker thread before its first file (see `warmUpCodemods`). */
export function warmUp(names: string[]): void {
  warmUpCodemods(names.map((name) => codemods[name]!.codemod));
}

/**
 * The rules among `names` that report something in `source`. Every registered codemod is its rule's
 * suggestions applied with the same options and settings (see codemods/index.ts), so a rule that
 * reports nothing means a codemod that changes nothing.
 */
function findingsOf(source: string, task: FileTask, names: readonly string[], trusted: boolean): Map<string, CodemodFindings> {
  const entries = names
    .filter((name) => trusted || mayChange(name, source, task))
    .map((name) => codemods[name]!.codemod)
    .map((codemod) => ({ codemod, ruleOptions: ruleOptionsFrom(codemod, task.options) }));
  return codemodsWithFindings(source, task.display, entries, readSettings(task.options['settings']));
}

const OUTSIDE_ROOT = 'resolves outside the target root (a symlink): not followed';

async function insideRoot(file: string, root: string): Promise<boolean> {
  const real = await fs.realpath(file);
  const relative = path.relative(root, real);
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

export function unifiedDiff(display: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${display}`, `b/${display}`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

/**
 * Temp file in the same directory, then rename: a crash or a full disk leaves the old file or the new
 * one, never half of each, and rename within a directory never crosses file systems.
 */
async function writeAtomically(link: string, content: string): Promise<void> {
  // A file named explicitly may be a symlink: rewrite its target rather than replace the link.
  const file = await fs.realpath(link);
  const { mode } = await fs.stat(file);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.hotpath-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, content, { mode });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** The `api` jscodeshift hands a transform. `j` is built on first use: loading it pulls in Babel. */
function transformApi(reports: string[]): API {
  let j: API['jscodeshift'] | undefined;
  const load = (): API['jscodeshift'] => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    j ??= (require('jscodeshift') as API['jscodeshift']).withParser('tsx');
    return j;
  };
  return {
    get j() {
      return load();
    },
    get jscodeshift() {
      return load();
    },
    stats: () => {},
    report: (message: string) => void reports.push(message),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
