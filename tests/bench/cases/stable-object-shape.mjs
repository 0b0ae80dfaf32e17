/**
 * stable-object-shape: what a changed hidden class costs the code that reads the object.
 *
 * 1. `delete` vs `= undefined`: 1,000 entities built from one literal, given a `target` later (as the
 *    game server's NPCs are), then their `shield` removed with `delete` or set to `undefined`; a hot
 *    loop then sums three properties of every entity. V8 keeps an object fast after `delete` only
 *    when the deleted property is the last one added; here it is not, so every entity drops to
 *    dictionary mode. The child process checks that with `%HasFastProperties` (which needs
 *    `--allow-natives-syntax`) and fails the case if the two variants are not slow and fast.
 * 2. Fields first assigned outside the constructor: instances of one class that gained `target`,
 *    `shield` and `lastHit` in different orders after construction, vs the same class with the three
 *    fields initialised in the constructor (one hidden class), read by the same kind of loop. With up
 *    to four hidden classes a read site stays polymorphic (V8 checks each map in turn); with more it
 *    goes megamorphic (a lookup in a global cache). Both are measured: four orders and eight.
 *
 * Each measurement runs in a fresh child process, so one variant's feedback (inline caches,
 * optimised code) never leaks into the other's, and is timed in CPU time (`process.cpuUsage`), so
 * other processes on a shared machine do not inflate one variant's rounds.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

const CHILD = String.raw`
const [mode] = process.argv.slice(-1);
const N = 1_000;
const ROUNDS = 15;
const REPEAT = 2_000;

function entity(i) {
  return { id: i, x: i, y: i * 2, vx: 0, vy: 0, hp: 100, score: 0, shield: 60 };
}

class Unit {
  constructor(i, declared) {
    this.id = i;
    this.x = i;
    this.y = i * 2;
    this.hp = 100;
    if (declared) {
      this.target = undefined;
      this.shield = undefined;
      this.lastHit = undefined;
    }
  }
  aim(target) { this.target = target; }
  protect(ticks) { this.shield = ticks; }
  hit(tick) { this.lastHit = tick; }
}

// The order in which each instance gains its late fields: each order is one more hidden class.
const ORDERS = [
  [], ['aim'], ['protect'], ['protect', 'aim'],
  ['hit'], ['aim', 'hit'], ['hit', 'protect'], ['hit', 'aim', 'protect'],
];
const orders = mode === 'late4' ? 4 : 8;

function build() {
  const list = [];
  for (let i = 0; i < N; i++) {
    if (mode === 'delete' || mode === 'undefined') {
      const e = entity(i);
      e.target = i + 1; // added after the literal: shield is no longer the last property
      if (mode === 'delete') delete e.shield;
      else e.shield = undefined;
      list.push(e);
    } else {
      const u = new Unit(i, mode === 'declared');
      for (const method of ORDERS[i % orders]) u[method](i);
      list.push(u);
    }
  }
  return list;
}

function sum(list) {
  let total = 0;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    total += e.x + e.y + e.hp;
  }
  return total;
}

const list = build();
const fast = list.filter((e) => %HasFastProperties(e)).length;
const maps = new Set();
for (const e of list.slice(0, 8)) maps.add(%HaveSameMap(e, list[0]) ? 'same' : 'other');
let sink = 0;
for (let i = 0; i < 200; i++) sink += sum(list);
const times = [];
for (let round = 0; round < ROUNDS; round++) {
  const start = process.cpuUsage();
  for (let i = 0; i < REPEAT; i++) sink += sum(list);
  const used = process.cpuUsage(start);
  times.push((used.user + used.system) / 1e3 / REPEAT);
}
times.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ msPerPass: times[Math.floor(ROUNDS / 2)], fast, total: list.length, sameMapAsFirst: [...maps], sink: sink > 0 }));
`;

/** @param {string} mode */
async function measure(mode) {
  const { stdout } = await run(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', CHILD, mode], {
    timeout: 60_000,
  });
  return JSON.parse(stdout);
}

/** @param {4 | 8} shapes */
function lateFieldsCase(shapes) {
  return {
    name: `reads of 1,000 instances with fields added after construction (${shapes} shapes) vs declared (1)`,
    unit: 'µs per pass',
    /** @param {{ log: (message: string) => void }} ctx */
    async run({ log }) {
      const late = [];
      const declared = [];
      for (let i = 0; i < 3; i++) {
        late.push(await measure(`late${shapes}`));
        declared.push(await measure('declared'));
      }
      if (!late[0].sameMapAsFirst.includes('other') || declared[0].sameMapAsFirst.includes('other')) {
        throw new Error('expected several hidden classes with late fields and one with declared fields');
      }
      const before = Math.min(...late.map((r) => r.msPerPass)) * 1000;
      const after = Math.min(...declared.map((r) => r.msPerPass)) * 1000;
      log(`late fields ${before.toFixed(2)} µs, declared ${after.toFixed(2)} µs per pass`);
      return { before, after, details: `every instance stays in fast mode; only the number of hidden classes (${shapes} vs 1) differs` };
    },
  };
}

export default {
  rule: 'stable-object-shape',
  cases: [
    {
      name: 'reads of 1,000 entities after `delete` vs after `= undefined`',
      unit: 'µs per pass',
      async run({ log }) {
        // Alternate the two children a few times and keep each one's best median: another process
        // on the machine then slows one child, not the verdict.
        const deleted = [];
        const assigned = [];
        for (let i = 0; i < 3; i++) {
          deleted.push(await measure('delete'));
          assigned.push(await measure('undefined'));
        }
        const slow = deleted[0];
        const fast = assigned[0];
        if (slow.fast !== 0 || fast.fast !== fast.total) {
          throw new Error(`expected every deleted entity in dictionary mode and every assigned one fast; got ${slow.fast} and ${fast.fast} of ${fast.total} fast`);
        }
        log(`%HasFastProperties: after delete ${slow.fast}/${slow.total}, after = undefined ${fast.fast}/${fast.total}`);
        const before = Math.min(...deleted.map((r) => r.msPerPass)) * 1000;
        const after = Math.min(...assigned.map((r) => r.msPerPass)) * 1000;
        return { before, after, details: `%HasFastProperties true for ${slow.fast}/${slow.total} entities after delete, ${fast.fast}/${fast.total} after = undefined` };
      },
    },
    lateFieldsCase(4),
    lateFieldsCase(8),
  ],
};
