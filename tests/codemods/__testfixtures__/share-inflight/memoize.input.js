'use strict';

/** Memoises an async loader per key for the lifetime of the returned function. */
function memoize(load) {
  const memo = new Map();
  return async (key) => {
    if (!memo.has(key)) {
      memo.set(key, await load(key));
    }
    return memo.get(key);
  };
}

module.exports = { memoize };
