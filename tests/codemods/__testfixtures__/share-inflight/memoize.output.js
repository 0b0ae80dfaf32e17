'use strict';

/** Memoises an async loader per key for the lifetime of the returned function. */
function memoize(load) {
  const memo = new Map();
  const memoLoads = new Map();
  return async (key) => {
    if (!memo.has(key)) {
      memo.set(key, await shareInflight(memoLoads, key, () => load(key)));
    }
    return memo.get(key);
  };
}

module.exports = { memoize };

/**
 * Callers that miss the cache for the same key while a load is in flight share that load instead of
 * starting their own. The key is forgotten once the load settles: the cache answers from then on,
 * and after a rejection (which every waiting caller receives) the next caller loads again.
 */
function shareInflight(loads, key, load) {
  let pending = loads.get(key);
  if (!pending) {
    pending = Promise.resolve(load());
    loads.set(key, pending);
    const forget = () => loads.delete(key);
    pending.then(forget, forget);
  }
  return pending;
}
