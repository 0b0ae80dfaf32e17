import { Bench } from 'tinybench';

/**
 * Measures two implementations of the same work side by side with tinybench and returns the mean
 * time per call of each, in microseconds.
 *
 * Both tasks run in one Bench, one after the other with the same time budget and warm-up, so they
 * see the same machine state (CPU frequency, other load) as closely as a single process allows.
 * Each function should return something derived from its work so V8 cannot drop it as dead code.
 *
 * @param {{ before: () => unknown, after: () => unknown, time?: number, warmupTime?: number }} options
 * @returns {Promise<{ before: number, after: number, unit: string, rme: { before: number, after: number } }>}
 */
export async function compareMicro({ before, after, time = 1_000, warmupTime = 200 }) {
  let sink;
  const bench = new Bench({ time, warmupTime, throws: true });
  bench.add('before', () => {
    sink = before();
  });
  bench.add('after', () => {
    sink = after();
  });
  await bench.run();
  void sink;

  const [beforeTask, afterTask] = bench.tasks;
  return {
    before: meanMicros(beforeTask),
    after: meanMicros(afterTask),
    unit: 'µs/op',
    rme: { before: relativeError(beforeTask), after: relativeError(afterTask) },
  };
}

/** @param {import('tinybench').Task | undefined} task */
function meanMicros(task) {
  const result = task?.result;
  if (!result || !('latency' in result)) throw new Error(`task ${task?.name ?? '?'} did not complete (${result?.state ?? 'no result'})`);
  return result.latency.mean * 1_000;
}

/** Relative margin of error of the mean, in percent. @param {import('tinybench').Task | undefined} task */
function relativeError(task) {
  const result = task?.result;
  return result && 'latency' in result ? result.latency.rme : Number.NaN;
}
