/**
 * A small seeded PRNG (mulberry32): the sweep's precision sample and the fuzzer draw from it, so a seed
 * printed in a report reproduces the same draw on any machine.
 */

/** @param {number} seed @returns {() => number} uniform in [0, 1) */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed from text or a number; '' or undefined gives a fresh one (printed by callers so it can be replayed). */
export function parseSeed(value) {
  if (value === undefined || value === '') return Math.floor(Math.random() * 2 ** 31);
  const number = Number(value);
  if (Number.isInteger(number)) return number >>> 0;
  let hash = 2166136261;
  for (const char of String(value)) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash;
}

/**
 * `count` distinct items of `items`, drawn by a partial Fisher-Yates shuffle. The caller sorts `items`
 * first, so the draw depends only on the seed and the set of items, not on the order they were found in.
 */
export function sampleOf(items, count, random) {
  const pool = items.slice();
  const n = Math.min(count, pool.length);
  for (let index = 0; index < n; index++) {
    const pick = index + Math.floor(random() * (pool.length - index));
    [pool[index], pool[pick]] = [pool[pick], pool[index]];
  }
  return pool.slice(0, n);
}
