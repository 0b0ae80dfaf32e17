import os from 'node:os';
import path from 'node:path';
import { runFileTask, type FileResult, type FileTask } from './codemod-runner';

export type RunTask = (task: FileTask) => Promise<FileResult>;

/** Worker threads that run file tasks; `close` ends them. */
export interface WorkerPool {
  threads: number;
  /** Settles when every thread has loaded what it needs. */
  warming: Promise<unknown>;
  run: RunTask;
  close(): Promise<void>;
}

/**
 * Below this many files to parse, starting threads costs more than it saves: each worker loads ESLint,
 * the TypeScript parser and the rules before its first file (0.4-0.5 s of CPU on the 2-core machine
 * this was measured on), while a parsed file costs about 20 ms. An explicit `--jobs` overrides it.
 */
export const POOL_MIN_FILES = 100;

export function defaultJobs(): number {
  return os.availableParallelism();
}

/**
 * How many jobs a run uses. This thread is always one of them: it has loaded the codemods already
 * (it needed their trigger words), so `--jobs n` starts n - 1 worker threads, not n, and a run that
 * stays in this thread is 1 job.
 */
export function jobsFor(parseCount: number, jobs: number, explicit: boolean): number {
  const wanted = Math.min(jobs, parseCount);
  if (wanted < 2 || !workersAvailable()) return 1;
  if (!explicit && parseCount < POOL_MIN_FILES) return 1;
  return wanted;
}

export const runInThisThread: RunTask = runFileTask;

/**
 * A tinypool of `threads` workers, each running `runFileTask` from the compiled runner module. Tasks and
 * results are plain data, so they cross threads by structured clone. A worker that dies (out of memory,
 * a native crash) fails its file, not the run.
 */
export async function startWorkerPool(threads: number, warmUpWith: string[] = []): Promise<WorkerPool> {
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({
    filename: path.join(__dirname, 'codemod-runner.js'),
    name: 'runFileTask',
    minThreads: threads,
    maxThreads: threads,
  });
  // Each thread loads ESLint, the parser and the rules at once, not when its first file arrives.
  const warming = Promise.all(
    Array.from({ length: threads }, () => pool.run(warmUpWith, { name: 'warmUp' }).catch(() => undefined)),
  );
  return {
    threads,
    warming,
    run: (task) =>
      (pool.run(task) as Promise<FileResult>).catch(
        (error: unknown): FileResult => ({
          path: task.display,
          status: 'error',
          reason: `worker thread failed: ${error instanceof Error ? error.message : String(error)}`,
        }),
      ),
    close: () => pool.destroy(),
  };
}

/**
 * Worker threads load compiled JavaScript only; under a TypeScript test runner this module is the `.ts`
 * source and the runner module has no `.js` beside it, so everything runs in this thread.
 */
export function workersAvailable(): boolean {
  return __filename.endsWith('.js');
}
