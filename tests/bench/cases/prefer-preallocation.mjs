/**
 * prefer-preallocation: an array grown by push once per iteration of a loop whose length is known,
 * against the preallocated forms. Push, `.map` and a typed array run in ONE tinybench run per data
 * set (so the three see the same machine state); each row reports one pair from that run.
 * `Array.from({ length }, fn)` is measured too, because the rule deliberately never suggests it.
 */
import { Bench } from 'tinybench';

const N = 1_000;
const BIG = 100_000;

/** Runs every task of `tasks` in one Bench and returns mean µs per call by name. */
async function measure(tasks, time = 1_000) {
  let sink;
  const bench = new Bench({ time, warmupTime: 200, throws: true });
  for (const [name, task] of Object.entries(tasks)) {
    bench.add(name, () => {
      sink = task();
    });
  }
  await bench.run();
  void sink;
  return Object.fromEntries(bench.tasks.map((task) => [task.name, task.result.latency.mean * 1_000]));
}

/** Numeric data: positions projected to screen x, as a renderer or a physics step does. */
function numericTasks(n) {
  const xs = Array.from({ length: n }, (_, i) => i * 1.5);
  return {
    push: () => {
      const out = [];
      for (let i = 0; i < xs.length; i++) out.push(xs[i] * 2 + 1);
      return out;
    },
    map: () => xs.map((x) => x * 2 + 1),
    typed: () => {
      const out = new Float64Array(xs.length);
      for (let i = 0; i < xs.length; i++) out[i] = xs[i] * 2 + 1;
      return out;
    },
    arrayFrom: () => Array.from({ length: xs.length }, (_, i) => xs[i] * 2 + 1),
  };
}

/** Objects: one row per entity, as a snapshot or an API response does. */
function objectTasks(n) {
  const entities = Array.from({ length: n }, (_, i) => ({ id: i, x: i * 1.5, y: i * 0.5 }));
  return {
    push: () => {
      const out = [];
      for (const entity of entities) out.push({ id: entity.id, x: Math.round(entity.x) });
      return out;
    },
    map: () => entities.map((entity) => ({ id: entity.id, x: Math.round(entity.x) })),
    arrayFrom: () => Array.from({ length: entities.length }, (_, i) => ({ id: entities[i].id, x: Math.round(entities[i].x) })),
  };
}

const memo = new Map();
/** Measures a data set once; the rows that report pairs from it share the run. */
function once(key, make) {
  if (!memo.has(key)) memo.set(key, make());
  return memo.get(key);
}

const pair = (key, make, before, after) => async () => {
  const times = await once(key, make);
  return { before: times[before], after: times[after], details: Object.entries(times).map(([name, us]) => `${name} ${us.toFixed(2)} µs`).join(', ') };
};

export default {
  rule: 'prefer-preallocation',
  cases: [
    { name: `numbers, n = ${N}: push vs .map`, unit: 'µs/op', run: pair('num', () => measure(numericTasks(N)), 'push', 'map') },
    { name: `numbers, n = ${N}: push vs Float64Array`, unit: 'µs/op', run: pair('num', () => measure(numericTasks(N)), 'push', 'typed') },
    { name: `numbers, n = ${BIG}: push vs .map`, unit: 'µs/op', run: pair('big', () => measure(numericTasks(BIG), 2_000), 'push', 'map') },
    { name: `numbers, n = ${BIG}: push vs Float64Array`, unit: 'µs/op', run: pair('big', () => measure(numericTasks(BIG), 2_000), 'push', 'typed') },
    { name: `objects, n = ${N}: push vs .map`, unit: 'µs/op', run: pair('obj', () => measure(objectTasks(N)), 'push', 'map') },
    {
      name: `not suggested: objects, n = ${N}: push vs Array.from({ length }, fn)`,
      unit: 'µs/op',
      run: pair('obj', () => measure(objectTasks(N)), 'push', 'arrayFrom'),
    },
    {
      name: `not suggested: numbers, n = ${N}: push vs Array.from({ length }, fn)`,
      unit: 'µs/op',
      run: pair('num', () => measure(numericTasks(N)), 'push', 'arrayFrom'),
    },
  ],
};
