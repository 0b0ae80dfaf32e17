export function Table({ rows }: { rows: { id: string; label: string }[] }) {
  const cells = rows.map((row) => <td key={row.id}>{row.label}</td>);
  return <tr>{cells}</tr>;
}
