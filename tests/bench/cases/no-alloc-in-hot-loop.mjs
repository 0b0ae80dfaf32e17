/**
 * no-alloc-in-hot-loop: what each flagged allocation costs per item, against its fix, and what the
 * allocations the rule deliberately leaves alone cost (regex literals, closures and object literals
 * that do not escape). Every case measures both variants in one tinybench run (lib/micro.mjs).
 *
 * A ratio above 1 means the fixed code is that many times cheaper. For the "not flagged" cases a
 * ratio near 1 (or below) is the point: hoisting those buys nothing, so the rule stays silent.
 */
import { Buffer } from 'node:buffer';
import { compareMicro } from '../lib/micro.mjs';

const ITEMS = 1_000;
const BLOCKED_WORDS = '\\b(?:aimbot|wallhack|speedhack)\\b';

/** Chat-sized strings; every 50th contains a blocked word, so both branches run. */
const messages = Array.from({ length: ITEMS }, (_, i) =>
  i % 50 === 0 ? `gg, nice wallhack ${i}` : `player ${i} says hello to the room, move ${i % 7} north`,
);
const PACKET_BYTES = 256;
const ON_HEAP_BYTES = 64;
const amounts = Array.from({ length: ITEMS }, (_, i) => i * 137.25 + 0.5);

/** Entities of a small arena, as the example game server keeps them. */
function makeEntities(count) {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    kind: i % 10 === 0 ? 'player' : 'npc',
    name: `entity-${i}`,
    x: (i * 37) % 2000,
    y: (i * 91) % 2000,
    vx: (i % 5) - 2,
    vy: (i % 3) - 1,
    hp: 100,
    score: i,
  }));
}

/**
 * Encodes a position update into a buffer of `bytes` bytes and folds the bytes into a checksum, with
 * a fresh buffer per packet (before) and one zeroed scratch buffer (after). The buffer never leaves
 * the iteration, which is what makes reusing it safe.
 */
function compareBuffers(bytes) {
  const scratch = Buffer.alloc(bytes);
  const encode = (buffer, i) => {
    buffer.writeUInt32LE(i, 0);
    buffer.writeDoubleLE(amounts[i], 4);
    buffer.writeDoubleLE(amounts[ITEMS - 1 - i], 12);
    let sum = 0;
    for (let k = 0; k < 20; k++) sum = (sum + buffer[k]) | 0;
    return sum;
  };
  return compareMicro({
    before: () => {
      let checksum = 0;
      for (let i = 0; i < ITEMS; i++) checksum ^= encode(Buffer.alloc(bytes), i);
      return checksum;
    },
    after: () => {
      let checksum = 0;
      for (let i = 0; i < ITEMS; i++) checksum ^= encode(scratch.fill(0), i);
      return checksum;
    },
  });
}

/** One simulation step: the work a tick does whatever it allocates. */
function step(entities, dt) {
  let moved = 0;
  for (const entity of entities) {
    entity.x = Math.min(2000, Math.max(0, entity.x + entity.vx * dt));
    entity.y = Math.min(2000, Math.max(0, entity.y + entity.vy * dt));
    moved += entity.x;
  }
  return moved;
}

export default {
  rule: 'no-alloc-in-hot-loop',
  cases: [
    {
      name: `new RegExp per item vs hoisted, ${ITEMS} messages`,
      unit: 'µs/op',
      async run() {
        const hoisted = new RegExp(BLOCKED_WORDS, 'i');
        return compareMicro({
          before: () => {
            let n = 0;
            for (const text of messages) if (new RegExp(BLOCKED_WORDS, 'i').test(text)) n++;
            return n;
          },
          after: () => {
            let n = 0;
            for (const text of messages) if (hoisted.test(text)) n++;
            return n;
          },
        });
      },
    },
    {
      name: `not flagged: regex literal per item vs hoisted, ${ITEMS} messages`,
      unit: 'µs/op',
      async run() {
        const hoisted = /\b(?:aimbot|wallhack|speedhack)\b/i;
        return compareMicro({
          before: () => {
            let n = 0;
            // The literal's compiled code is cached with the function: only a small object per use.
            for (const text of messages) if (/\b(?:aimbot|wallhack|speedhack)\b/i.test(text)) n++;
            return n;
          },
          after: () => {
            let n = 0;
            for (const text of messages) if (hoisted.test(text)) n++;
            return n;
          },
        });
      },
    },
    {
      name: `Intl.NumberFormat per item vs shared, ${ITEMS} amounts`,
      unit: 'µs/op',
      async run() {
        const shared = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
        return compareMicro({
          before: () => {
            let length = 0;
            for (const amount of amounts) {
              length += new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amount).length;
            }
            return length;
          },
          after: () => {
            let length = 0;
            for (const amount of amounts) length += shared.format(amount).length;
            return length;
          },
        });
      },
    },
    {
      name: `toLocaleString(locale, options) per item vs shared Intl.NumberFormat, ${ITEMS} amounts`,
      unit: 'µs/op',
      async run() {
        const shared = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
        return compareMicro({
          before: () => {
            let length = 0;
            for (const amount of amounts) length += amount.toLocaleString('en-US', { maximumFractionDigits: 1 }).length;
            return length;
          },
          after: () => {
            let length = 0;
            for (const amount of amounts) length += shared.format(amount).length;
            return length;
          },
        });
      },
    },
    {
      name: `not flagged: toLocaleString(locale) without options vs shared Intl.NumberFormat, ${ITEMS} amounts`,
      unit: 'µs/op',
      async run() {
        const shared = new Intl.NumberFormat('de-DE');
        return compareMicro({
          before: () => {
            let length = 0;
            // With a locale alone (or nothing) V8 reuses a cached formatter.
            for (const amount of amounts) length += amount.toLocaleString('de-DE').length;
            return length;
          },
          after: () => {
            let length = 0;
            for (const amount of amounts) length += shared.format(amount).length;
            return length;
          },
        });
      },
    },
    {
      name: `toLocaleString(locale, { timeZone }) per date vs shared Intl.DateTimeFormat, ${ITEMS} dates`,
      unit: 'µs/op',
      async run() {
        const shared = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York' });
        const dates = amounts.map((amount) => new Date(1_700_000_000_000 + amount * 60_000));
        return compareMicro({
          before: () => {
            let length = 0;
            for (const date of dates) length += date.toLocaleString('en-US', { timeZone: 'America/New_York' }).length;
            return length;
          },
          after: () => {
            let length = 0;
            for (const date of dates) length += shared.format(date).length;
            return length;
          },
        });
      },
    },
    {
      name: `new TextEncoder per item vs shared, ${ITEMS} messages`,
      unit: 'µs/op',
      async run() {
        const shared = new TextEncoder();
        return compareMicro({
          before: () => {
            let bytes = 0;
            for (const text of messages) bytes += new TextEncoder().encode(text).length;
            return bytes;
          },
          after: () => {
            let bytes = 0;
            for (const text of messages) bytes += shared.encode(text).length;
            return bytes;
          },
        });
      },
    },
    {
      name: `Buffer.alloc(${PACKET_BYTES}) per packet vs a reused scratch buffer, ${ITEMS} packets`,
      unit: 'µs/op',
      async run() {
        return compareBuffers(PACKET_BYTES);
      },
    },
    {
      name: `not flagged: Buffer.alloc(${ON_HEAP_BYTES}) per packet vs a reused scratch buffer, ${ITEMS} packets`,
      unit: 'µs/op',
      async run() {
        // Up to 64 bytes V8 keeps a typed array's bytes on its own heap: as cheap as a small object.
        return compareBuffers(ON_HEAP_BYTES);
      },
    },
    {
      name: `new Float64Array(16) per item vs a reused scratch array, ${ITEMS} items`,
      unit: 'µs/op',
      async run() {
        const scratch = new Float64Array(16);
        const work = (matrix, i) => {
          for (let k = 0; k < 16; k++) matrix[k] = amounts[(i + k) % ITEMS] * 0.5;
          return matrix[0] + matrix[5] + matrix[10] + matrix[15];
        };
        return compareMicro({
          before: () => {
            let trace = 0;
            for (let i = 0; i < ITEMS; i++) trace += work(new Float64Array(16), i);
            return trace;
          },
          after: () => {
            let trace = 0;
            for (let i = 0; i < ITEMS; i++) trace += work(scratch.fill(0), i);
            return trace;
          },
        });
      },
    },
    {
      name: 'JSON deep clone per tick vs none, 500 entities',
      unit: 'µs/tick',
      async run() {
        const withClone = makeEntities(500);
        const without = makeEntities(500);
        const history = [];
        let tick = 0;
        return compareMicro({
          before: () => {
            const moved = step(withClone, 1 / 30);
            history[tick++ % 32] = JSON.parse(JSON.stringify(withClone));
            return moved;
          },
          after: () => step(without, 1 / 30),
        });
      },
    },
    {
      name: 'structuredClone per tick vs none, 500 entities',
      unit: 'µs/tick',
      async run() {
        const withClone = makeEntities(500);
        const without = makeEntities(500);
        const history = [];
        let tick = 0;
        return compareMicro({
          before: () => {
            const moved = step(withClone, 1 / 30);
            history[tick++ % 32] = structuredClone(withClone);
            return moved;
          },
          after: () => step(without, 1 / 30),
        });
      },
    },
    {
      name: `not flagged: inline callback per iteration vs hoisted function, ${ITEMS} iterations of an 8-item map`,
      unit: 'µs/op',
      async run() {
        const rows = makeEntities(8);
        const double = (row) => row.x * 2;
        return compareMicro({
          before: () => {
            let total = 0;
            for (let i = 0; i < ITEMS; i++) total += rows.map((row) => row.x * 2)[3];
            return total;
          },
          after: () => {
            let total = 0;
            for (let i = 0; i < ITEMS; i++) total += rows.map(double)[3];
            return total;
          },
        });
      },
    },
    {
      name: `not flagged: capturing closure per iteration vs hoisted closure, ${ITEMS} items x 20 owners`,
      unit: 'µs/op',
      async run() {
        const items = makeEntities(ITEMS);
        const owners = Array.from({ length: 20 }, (_, i) => ({ id: i * 50 + 1 }));
        // Hoisting a closure that needs a per-iteration value means passing it through shared
        // state, which is harder to read and no faster.
        let current = 0;
        const byOwner = (item) => item.id === current;
        return compareMicro({
          before: () => {
            let found = 0;
            for (const owner of owners) found += items.filter((item) => item.id === owner.id).length;
            return found;
          },
          after: () => {
            let found = 0;
            for (const owner of owners) {
              current = owner.id;
              found += items.filter(byOwner).length;
            }
            return found;
          },
        });
      },
    },
    {
      name: `not flagged: object literal per iteration that does not escape vs plain locals, ${ITEMS} items`,
      unit: 'µs/op',
      async run() {
        const entities = makeEntities(ITEMS);
        return compareMicro({
          before: () => {
            let total = 0;
            for (const entity of entities) {
              // Escape analysis replaces the object with its fields: nothing is allocated.
              const delta = { dx: entity.x - 1000, dy: entity.y - 1000 };
              total += delta.dx * delta.dx + delta.dy * delta.dy;
            }
            return total;
          },
          after: () => {
            let total = 0;
            for (const entity of entities) {
              const dx = entity.x - 1000;
              const dy = entity.y - 1000;
              total += dx * dx + dy * dy;
            }
            return total;
          },
        });
      },
    },
  ],
};
