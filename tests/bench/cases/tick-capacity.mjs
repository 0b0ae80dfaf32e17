/**
 * Tick capacity, the handbook's player table: the largest number of entities whose tick fits a 50 ms
 * budget (20 Hz), for the example game server's simulation core as written
 * (docs/examples/game-server/src/world.ts) and with the fixes this project recommends
 * (world-fixed.ts beside it: index queue, spatial grid, no per-entity allocation, stable shapes).
 *
 * Two maps: the example's own 2,000 x 2,000 map, which gets more crowded as entities are added (so even
 * the grid's work grows faster than linearly: each NPC has more players near it), and a map that grows
 * with the population at the examples README's density (1,000 entities per 2,000 x 2,000), where the
 * work per entity stays the same for the fixed world.
 *
 * The load: one player for every four NPCs, as in the examples README. Every tick each player sends a
 * move, 2% of players attack a random player and 1% chat; the inputs come from a seeded generator, so
 * both worlds get the same ones, and are enqueued before the tick (only `tick()` is timed). A size
 * fits when the 90th percentile of MEASURED ticks, after WARMUP ticks, is at most 50 ms. The search
 * doubles the size until a tick no longer fits, then bisects to within 5%.
 *
 * Before measuring, the case runs both worlds side by side in a crowded arena (kills, removals, chat)
 * and fails unless they report the same positions and feed on every tick: the fixed world is the same
 * game, only faster.
 *
 * Tick time is CPU time of this process (`process.cpuUsage`), not wall time: on a shared machine other
 * processes would otherwise take turns shrinking the capacity of whichever world runs at the moment.
 * On a dedicated core the two are the same, give or take the GC's helper threads (counted here).
 *
 * Reported as µs of the budget per entity (50 ms / capacity), so ratio = capacity after / before.
 */
import { loadTsModule } from '../lib/load-ts.mjs';

const BUDGET_MS = 50;
const DT = 1 / 20;
const WARMUP = 10;
const MEASURED = 30;
const QUANTILE = 0.9;
const NPCS_PER_PLAYER = 4;
const MAX_ENTITIES = 2_000_000;

const EXAMPLE = new URL('../../../docs/examples/game-server/src/', import.meta.url);

/** Seeded inputs for one tick. @param {() => number} random @param {number} players */
function inputsFor(random, players) {
  const messages = [];
  for (let id = 1; id <= players; id++) {
    messages.push({ type: 'move', entityId: id, vx: random() * 2 - 1, vy: random() * 2 - 1 });
    const roll = random();
    if (roll < 0.02) messages.push({ type: 'attack', entityId: id, targetId: 1 + Math.floor(random() * players) });
    else if (roll < 0.03) messages.push({ type: 'chat', entityId: id, text: random() < 0.1 ? 'nice aimbot' : `gg ${id}` });
  }
  return messages;
}

/**
 * @param {{ World: any, mulberry32: (seed: number) => () => number }} module
 * @param {number} entities @param {object} [options]
 */
function populate(module, entities, options = {}) {
  const world = new module.World({ seed: 7, ...options });
  const players = Math.max(1, Math.round(entities / (NPCS_PER_PLAYER + 1)));
  for (let i = 0; i < players; i++) world.spawn('player', `P${i}`);
  for (let i = players; i < entities; i++) world.spawn('npc', `N${i}`);
  return { world, players };
}

/** World options for a size: the example's fixed map, or one that keeps the README's density. */
const MAPS = {
  fixed: () => ({}),
  growing: (/** @type {number} */ entities) => {
    const side = Math.round(2_000 * Math.sqrt(entities / 1_000));
    return { width: side, height: side };
  },
};

/** The p90 tick time of a world of `entities`. @param {keyof typeof MAPS} map */
function measure(module, entities, map = 'fixed') {
  const { world, players } = populate(module, entities, MAPS[map](entities));
  const random = module.mulberry32(entities);
  const times = [];
  for (let tick = 0; tick < WARMUP + MEASURED; tick++) {
    for (const message of inputsFor(random, players)) world.enqueue(message);
    const start = process.cpuUsage();
    world.tick(DT);
    const used = process.cpuUsage(start);
    if (tick >= WARMUP) times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.min(times.length - 1, Math.ceil(QUANTILE * times.length) - 1)];
}

/** The largest size whose p90 tick fits the budget, within 5%. */
function capacity(module, log, label, map) {
  let fits = 0;
  let fails = 0;
  for (let n = 500; n <= MAX_ENTITIES; n *= 2) {
    const p90 = measure(module, n, map);
    log(`${label}: ${n} entities, p90 tick ${p90.toFixed(1)} ms`);
    if (p90 > BUDGET_MS) {
      fails = n;
      break;
    }
    fits = n;
  }
  if (fails === 0) return fits;
  if (fits === 0) throw new Error(`${label}: even 500 entities do not fit a ${BUDGET_MS} ms tick`);
  while (fails / fits > 1.05) {
    const n = Math.round((fits + fails) / 2);
    const p90 = measure(module, n, map);
    log(`${label}: ${n} entities, p90 tick ${p90.toFixed(1)} ms`);
    if (p90 > BUDGET_MS) fails = n;
    else fits = n;
  }
  return fits;
}

/** Both worlds, same inputs, crowded enough that players die: same positions and feed every tick. */
function checkSameGame(original, fixed) {
  const options = { width: 150, height: 150 };
  const a = populate(original, 300, options);
  const b = populate(fixed, 300, options);
  const random = original.mulberry32(99);
  let kills = 0;
  for (let tick = 0; tick < 300; tick++) {
    const inputs = inputsFor(random, a.players);
    // A crowded arena: make every third player attack its neighbour in id, often within reach.
    for (let id = 1; id < a.players; id += 3) inputs.push({ type: 'attack', entityId: id, targetId: id + 1 });
    for (const message of inputs) {
      a.world.enqueue(message);
      b.world.enqueue(message);
    }
    const left = a.world.tick(DT);
    const right = b.world.tick(DT);
    const same =
      left.positions.length === right.count &&
      left.positions.every((p, i) => p.id === right.positions[i * 3] && p.x === right.positions[i * 3 + 1] && p.y === right.positions[i * 3 + 2]) &&
      left.feed.join('\n') === right.feed.join('\n');
    if (!same) throw new Error(`world.ts and world-fixed.ts disagree at tick ${left.tick}`);
    kills += left.feed.filter((line) => line.includes('took down')).length;
  }
  if (kills === 0) throw new Error('the equivalence check saw no kills: it does not exercise removals');
  return kills;
}

/** @param {keyof typeof MAPS} map @param {string} label */
function capacityCase(map, label) {
  return {
    name: `entities per ${BUDGET_MS} ms tick, ${label}: world.ts vs world-fixed.ts`,
    unit: 'µs of tick budget per entity',
    timeoutMs: 1_200_000,
    /** @param {{ log: (message: string) => void }} ctx */
    async run({ log }) {
      const original = await loadTsModule(new URL('world.ts', EXAMPLE));
      const fixed = await loadTsModule(new URL('world-fixed.ts', EXAMPLE));
      const kills = checkSameGame(original, fixed);
      log(`same positions and feed for 300 ticks (${kills} kills)`);
      const before = capacity(original, log, 'world.ts', map);
      const after = capacity(fixed, log, 'world-fixed.ts', map);
      log(`capacity ${before} → ${after} entities (${(after / before).toFixed(1)}x)`);
      return {
        before: (BUDGET_MS * 1000) / before,
        after: (BUDGET_MS * 1000) / after,
        details: `capacity ${before.toLocaleString('en-US')} → ${after.toLocaleString('en-US')} entities (1 player : ${NPCS_PER_PLAYER} NPCs, ${label}) with a p90 tick ≤ ${BUDGET_MS} ms of CPU`,
      };
    },
  };
}

export default {
  rule: 'tick-capacity',
  cases: [capacityCase('fixed', '2,000 x 2,000 map'), capacityCase('growing', 'map grown to keep 1,000 entities per 2,000 x 2,000')],
};
