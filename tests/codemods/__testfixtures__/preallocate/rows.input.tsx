export function Table({ rows }: { rows: { id: string; label: string }[] }) {
  const cells = [];
  for (const row of rows) {
    cells.push(<td key={row.id}>{row.label}</td>);
  }
  return <tr>{cells}</tr>;
}
