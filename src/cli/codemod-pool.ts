import os from 'node:os';
import path from 'node:path';
import { runFileTask, type FileResult, type FileTask } from './codemod-runner';

/** Runs file tasks, in this thread or on worker threads; `close` releases the threads. */
export interface TaskRunner {
  /** Worker threads in use; 0 when tasks run in this thread. */
  threads: number;
  run(task: FileTask): Promise<FileResult>;
  close(): Promise<void>;
}

/**
 * Below this many files to parse, starting threads costs more than it saves: each worker loads ESLint,
 * the TypeScript parser and the rules before its first file (about 0.4 s on a 2-core machine), while a
 * parsed file costs a few milliseconds. An explicit `--jobs` overrides it.
 */
export const POOL_MIN_FILES = 100;

export function defaultJobs(): number {
  return os.availableParallelism();
}

/** How many threads a run uses: 0 (this thread) unless workers can start and the run is big enough. */
export function threadsFor(parseCount: number, jobs: number, explicit: boolean): number {
  const threads = Math.min(jobs, parseCount);
  if (threads < 2 || !workersAvailable()) return 0;
  if (!explicit && parseCount < POOL_MIN_FILES) return 0;
  return threads;
}

export const inThisThread: TaskRunner = { threads: 0, run: runFileTask, close: async () => {} };

/**
 * A tinypool of `threads` workers, each running `runFileTask` from the compiled runner module. Tasks and
 * results are plain data, so they cross threads by structured clone. A worker that dies (out of memory,
 * a native crash) fails its file, not the run.
 */
export async function workerRunner(threads: number): Promise<TaskRunner> {
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({
    filename: path.join(__dirname, 'codemod-runner.js'),
    name: 'runFileTask',
    minThreads: threads,
    maxThreads: threads,
  });
  return {
    threads,
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
