import { useMemo } from 'react';

export function Tree({ root }: { root: TreeNode }) {
  const rows = useMemo(() => {
    // Level order: rewritten.
    const todo = [root];
    let todoHead = 0;
    const out: TreeNode[] = [];
    while (todo.length - todoHead) {
      const node = todo[todoHead++]!;
      out.push(node);
      for (const child of node.children) todo.push(child);
    }
    // Also returned, so left alone.
    const rest = [root];
    for (let i = 0; i < 3 && rest.length; i++) {
      const node = rest.shift()!;
      rest.push(...node.children);
    }
    return { out, rest };
  }, [root]);
  return <ul>{rows.out.map((node) => <li key={node.id}>{node.id}</li>)}</ul>;
}

interface TreeNode {
  id: string;
  children: TreeNode[];
}
