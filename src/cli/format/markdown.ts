import { PRIORITIES } from '../plugin-info';
import { failingCount, type Scorecard } from '../scorecard';
import { plural } from './text';

// GitHub rejects comments over 65,536 characters; the full list lives in the SARIF/JSON reports.
const MAX_LISTED_FINDINGS = 100;

/** A PR comment: verdict first, the technique table, then every finding folded away. */
export function formatMarkdown(card: Scorecard): string {
  const lines: string[] = [];
  const failing = failingCount(card);
  const mark = card.failed ? '❌' : '✅';
  lines.push(`### ${mark} hotpath scorecard`, '');
  const source = card.preset === null ? 'project ESLint config' : `preset \`${card.preset}\``;
  const verdict =
    card.failOn === 'never'
      ? `${plural(card.totals.findings, 'finding')}`
      : failing > 0
        ? `**${plural(failing, 'finding')} at ${card.failOn}${card.failOn === 'P0' ? '' : ' or above'}** (\`--fail-on ${card.failOn}\`)`
        : `no findings at ${card.failOn}${card.failOn === 'P0' ? '' : ' or above'}`;
  lines.push(`${verdict} · ${source} · ${plural(card.totals.files, 'file')} scanned`, '');

  if (card.roots.length > 1) {
    lines.push(`| Service | Files | ${PRIORITIES.join(' | ')} | Total |`, `|:--|--:|${PRIORITIES.map(() => '--:|').join('')}--:|`);
    for (const row of [...card.roots, card.totals]) {
      const name = row === card.totals ? '**total**' : `\`${cell(row.name)}\``;
      lines.push(`| ${name} | ${row.files} | ${PRIORITIES.map((priority) => row.counts[priority]).join(' | ')} | ${row.findings} |`);
    }
    lines.push('');
  }

  lines.push('| Priority | Technique | Findings | Files | Top locations |', '|:--|:--|--:|--:|:--|');
  for (const row of card.techniques) {
    const locations = row.topLocations.map((location) => `\`${cell(location)}\``).join('<br>');
    lines.push(`| ${row.priority} | ${cell(row.technique)} | ${row.findings} | ${row.files} | ${locations} |`);
  }
  lines.push('');

  if (card.findings.length > 0) {
    lines.push(`<details><summary>${plural(card.findings.length, 'finding')}</summary>`, '');
    lines.push('| Location | Rule | Message |', '|:--|:--|:--|');
    for (const finding of card.findings.slice(0, MAX_LISTED_FINDINGS)) {
      const rule = `[${finding.rule.name}](${finding.rule.url})`;
      lines.push(`| \`${cell(`${finding.path}:${finding.line}`)}\` | ${rule} | ${cell(finding.message)} |`);
    }
    if (card.findings.length > MAX_LISTED_FINDINGS) {
      lines.push('', `…and ${card.findings.length - MAX_LISTED_FINDINGS} more (run \`hotpath scan --format json\` for all).`);
    }
    lines.push('', '</details>', '');
  }

  if (card.parseFailures.length > 0) {
    lines.push(`> [!WARNING]`, `> Not scanned, could not parse ${plural(card.parseFailures.length, 'file')}:`);
    for (const failure of card.parseFailures) lines.push(`> \`${cell(`${failure.path}:${failure.line}`)}\` ${cell(failure.message)}<br>`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Table cells cannot hold pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
