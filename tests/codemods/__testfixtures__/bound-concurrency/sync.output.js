async function sync(account) {
  const remote = await fetchRemote(account);
  await save(account, remote);
}

exports.syncAll = (accounts) => mapInChunks(accounts, 10, sync);

/**
 * Like `Promise.all(items.map(fn))`, but with at most `size` calls of `fn` in flight: one chunk at a
 * time, results in input order. The first rejection rejects the whole and starts no further chunk.
 */
async function mapInChunks(items, size, fn) {
  const list = Array.from(items);
  const results = [];
  for (let start = 0; start < list.length; start += size) {
    const chunk = list.slice(start, start + size);
    results.push(...(await Promise.all(chunk.map((item, offset) => fn(item, start + offset, list)))));
  }
  return results;
}
