import type { Graph, NodeId } from './graph';

/** Hops from `start` to every reachable node, breadth first. */
export function distances(graph: Graph, start: NodeId): Map<NodeId, number> {
  const hops = new Map<NodeId, number>([[start, 0]]);
  const queue: NodeId[] = [start];
  let queueHead = 0;
  while (queue.length - queueHead > 0) {
    const node = queue[queueHead++]!; // the next node to expand
    const next = hops.get(node)! + 1;
    for (const neighbour of graph.neighbours(node)) {
      if (hops.has(neighbour)) continue;
      hops.set(neighbour, next);
      queue.push(neighbour);
    }
  }
  return hops;
}
