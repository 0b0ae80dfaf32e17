/**
 * no-quadratic-proximity: all pairs of moving entities closer than a radius, found with nested loops
 * vs with the spatial hash grid of docs/spatial-hash.md (the code block on that page is what runs).
 *
 * Entities of radius 5 move at random velocities in a 2,000 x 2,000 world and bounce off its walls.
 * Every tick both finders run on the same positions; the case fails unless they find exactly the same
 * pairs (count and checksum). Reported: median milliseconds per tick over the measured ticks, in CPU
 * time of this process (`process.cpuUsage`), so that other processes on a shared machine do not
 * inflate either side.
 */
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

const WORLD = 2_000;
const RADIUS = 10;
const CELL = 2 * RADIUS;
const SPEED = 60; // units per second
const DT = 1 / 20;

/** The `ts` block under "## The code" in docs/spatial-hash.md, transpiled and imported. */
async function loadSpatialHash() {
  const doc = await readFile(new URL('../../../docs/spatial-hash.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## The code'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('docs/spatial-hash.md has no ts block under "## The code"');
  const { outputText } = ts.transpileModule(match[1], {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const module = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
  return module.SpatialHash;
}

/** @param {number} n */
function spawn(n) {
  const random = mulberry32(n);
  return Array.from({ length: n }, (_, id) => {
    const angle = random() * Math.PI * 2;
    return { id, x: random() * WORLD, y: random() * WORLD, vx: Math.cos(angle) * SPEED, vy: Math.sin(angle) * SPEED };
  });
}

/** @param {ReturnType<typeof spawn>} entities */
function move(entities) {
  for (const e of entities) {
    e.x += e.vx * DT;
    e.y += e.vy * DT;
    if (e.x < 0 || e.x > WORLD) e.vx = -e.vx;
    if (e.y < 0 || e.y > WORLD) e.vy = -e.vy;
  }
}

/** Every pair once, `j > i`: the loop the rule reports. @param {ReturnType<typeof spawn>} entities */
function nestedLoops(entities) {
  let count = 0;
  let checksum = 0;
  for (let i = 0; i < entities.length; i++) {
    const a = entities[i];
    for (let j = i + 1; j < entities.length; j++) {
      const b = entities[j];
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      if (dx * dx + dy * dy < RADIUS * RADIUS) {
        count++;
        checksum += Math.min(a.id, b.id) * 100_003 + Math.max(a.id, b.id);
      }
    }
  }
  return { count, checksum };
}

/** The same pairs through the grid, as docs/spatial-hash.md shows it. */
function gridFinder(SpatialHash) {
  const grid = new SpatialHash(CELL);
  /** @type {ReturnType<typeof spawn>} */
  const near = [];
  /** @param {ReturnType<typeof spawn>} entities */
  return (entities) => {
    let count = 0;
    let checksum = 0;
    grid.clear();
    for (const e of entities) grid.insert(e, e.x, e.y);
    for (const a of entities) {
      near.length = 0;
      for (const b of grid.query(a.x, a.y, RADIUS, near)) {
        if (b.id <= a.id) continue;
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        if (dx * dx + dy * dy < RADIUS * RADIUS) {
          count++;
          checksum += a.id * 100_003 + b.id;
        }
      }
    }
    return { count, checksum };
  };
}

/** @param {number} n */
function proximityCase(n) {
  // Enough ticks to time the fast variant, few enough that the quadratic one ends in seconds.
  const ticks = n >= 10_000 ? 12 : n >= 2_000 ? 40 : 100;
  const warmup = Math.max(3, ticks / 4);
  return {
    name: `${n.toLocaleString('en-US')} moving entities: nested loops vs spatial hash grid`,
    unit: 'ms per tick',
    timeoutMs: 180_000,
    /** @param {{ log: (message: string) => void }} ctx */
    async run({ log }) {
      const findWithGrid = gridFinder(await loadSpatialHash());
      const entities = spawn(n);
      const nested = [];
      const grid = [];
      let pairs = 0;
      for (let tick = 0; tick < warmup + ticks; tick++) {
        move(entities);
        // Alternate which runs first, so neither always sees a warmer cache.
        const order = tick % 2 === 0 ? ['nested', 'grid'] : ['grid', 'nested'];
        /** @type {Record<string, { count: number, checksum: number }>} */
        const found = {};
        for (const which of order) {
          const start = process.cpuUsage();
          found[which] = which === 'nested' ? nestedLoops(entities) : findWithGrid(entities);
          const used = process.cpuUsage(start);
          const elapsed = (used.user + used.system) / 1000;
          if (tick >= warmup) (which === 'nested' ? nested : grid).push(elapsed);
        }
        if (found.nested.count !== found.grid.count || found.nested.checksum !== found.grid.checksum) {
          throw new Error(`tick ${tick}: nested loops found ${found.nested.count} pairs, the grid ${found.grid.count}`);
        }
        pairs += found.grid.count;
      }
      const before = median(nested);
      const after = median(grid);
      const perTick = pairs / (warmup + ticks);
      log(`nested ${before.toFixed(3)} ms, grid ${after.toFixed(3)} ms per tick; ${perTick.toFixed(1)} colliding pairs per tick, identical in both`);
      return { before, after, details: `${perTick.toFixed(1)} colliding pairs per tick on average, the same in both` };
    },
  };
}

/** A seeded PRNG (mulberry32): every run spawns the same world. @param {number} seed */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export default {
  rule: 'no-quadratic-proximity',
  cases: [proximityCase(500), proximityCase(2_000), proximityCase(10_000)],
};
