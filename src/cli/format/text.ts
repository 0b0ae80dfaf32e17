import type pc from 'picocolors';
import type { Priority } from '../../util/create-rule';
import { failingCount, type Scorecard } from '../scorecard';
import { PRIORITIES } from '../plugin-info';
import { table } from './table';

type Colors = ReturnType<typeof pc.createColors>;

/** The terminal scorecard: one row per technique, one per root when there are several, a verdict. */
export function formatText(card: Scorecard, c: Colors): string {
  const tint: Record<Priority, (text: string) => string> = {
    P0: (text) => c.bold(c.red(text)),
    P1: c.yellow,
    P2: c.cyan,
  };
  const count = (value: number, priority?: Priority) => ({
    text: String(value),
    shown: value === 0 ? c.dim('0') : priority ? tint[priority](String(value)) : String(value),
    numeric: true,
  });
  const lines: string[] = [];
  const source = card.preset === null ? 'project ESLint config' : `preset ${card.preset}`;
  lines.push(`${c.bold('hotpath scan')} · ${source} · ${plural(card.totals.files, 'file')}`, '');

  if (card.roots.length > 1) {
    const header = ['service', 'files', ...PRIORITIES, 'total'].map((text, index) => ({
      text,
      shown: c.bold(text),
      numeric: index > 0,
    }));
    const row = (name: string, files: number, counts: Scorecard['totals']['counts'], total: number) => [
      { text: name },
      count(files),
      ...PRIORITIES.map((priority) => count(counts[priority], priority)),
      count(total),
    ];
    lines.push(
      ...table([
        header,
        ...card.roots.map((root) => row(root.name, root.files, root.counts, root.findings)),
        row('total', card.totals.files, card.totals.counts, card.totals.findings),
      ]).map((line) => `  ${line}`),
      '',
    );
  }

  if (card.techniques.length === 0) {
    lines.push('  no hotpath rules ran', '');
  } else {
    const header = ['priority', 'technique', 'findings', 'files', 'top locations'].map((text, index) => ({
      text,
      shown: c.bold(text),
      numeric: index === 2 || index === 3,
    }));
    const rows = card.techniques.map((row) => {
      const more = row.findings - row.topLocations.length;
      const locations = row.topLocations.join(', ') + (more > 0 && row.topLocations.length > 0 ? `, …` : '');
      return [
        { text: row.priority, shown: tint[row.priority](row.priority) },
        { text: row.technique },
        count(row.findings, row.priority),
        count(row.files),
        { text: locations, shown: c.dim(locations) },
      ];
    });
    lines.push(...table([header, ...rows]).map((line) => `  ${line}`), '');
  }

  if (card.parseFailures.length > 0) {
    lines.push(c.yellow(`  not scanned, could not parse ${plural(card.parseFailures.length, 'file')}:`));
    for (const failure of card.parseFailures) {
      lines.push(`    ${failure.path}:${failure.line}:${failure.column}  ${failure.message}`);
    }
    lines.push('');
  }

  const totals = PRIORITIES.map((priority) => `${priority} ${card.totals.counts[priority]}`).join(' · ');
  lines.push(`  ${plural(card.totals.findings, 'finding')} (${totals})`);
  lines.push(`  ${verdict(card, c)}`, '');
  return lines.join('\n');
}

function verdict(card: Scorecard, c: Colors): string {
  if (card.failOn === 'never') return c.dim('--fail-on never: exit code ignores findings');
  const failing = failingCount(card);
  const scope = card.failOn === 'P0' ? 'P0' : `${card.failOn} or above`;
  if (failing === 0) return c.green(`✔ no findings at ${scope}`);
  return c.red(`✖ ${plural(failing, 'finding')} at ${scope} (--fail-on ${card.failOn})`);
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
