/** Left-aligned text columns with right-aligned numeric ones; widths from the visible text, not colour codes. */
export function table(rows: { text: string; shown?: string; numeric?: boolean }[][], gap = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.text.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, index) => {
        const pad = ' '.repeat(widths[index]! - cell.text.length);
        const shown = cell.shown ?? cell.text;
        if (index === row.length - 1 && !cell.numeric) return shown; // no trailing spaces
        return cell.numeric ? pad + shown : shown + pad;
      })
      .join(gap)
      .trimEnd(),
  );
}
