// Conditional pushes, unknown lengths, awaits and small loops: no findings, byte-identical.
async function load(ids, fetchOne) {
  const out = [];
  for (const id of ids) out.push(await fetchOne(id));
  const alive = [];
  for (const x of out) if (x) alive.push(x);
  const queue = [];
  while (alive.length) queue.push(alive.pop());
  const corners = [];
  for (let i = 0; i < 4; i++) corners.push(i * 90);
  return { queue, corners };
}

module.exports = { load };
