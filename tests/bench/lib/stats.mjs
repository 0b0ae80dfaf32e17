/**
 * Small statistics and formatting helpers shared by benchmark cases.
 */

/**
 * The q-th percentile (0..100) of a sample, by the nearest-rank method: the value at rank ceil(q/100·n)
 * of the sorted sample. Nearest rank (rather than interpolation) makes "p99 of 1,000 requests" the
 * 990th-fastest request, a latency some request really had.
 * @param {ArrayLike<number>} values
 * @param {number} q
 * @returns {number}
 */
export function percentile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((q / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/**
 * Rounds to a few significant digits: enough to compare runs, without printing timer noise.
 * @param {number} value
 * @param {number} [digits]
 * @returns {number}
 */
export function round(value, digits = 4) {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}
