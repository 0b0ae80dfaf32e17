import { packageInfo } from '../../util/package';
import type { Scorecard } from '../scorecard';

/** The scorecard as data, for dashboards and fleet roll-ups. Rule objects are flattened to ids. */
export function formatJson(card: Scorecard): string {
  const { name, version } = packageInfo();
  const report = {
    tool: { name, version },
    preset: card.preset,
    failOn: card.failOn,
    failed: card.failed,
    totals: { files: card.totals.files, findings: card.totals.findings, ...card.totals.counts },
    roots: card.roots.map((root) => ({ path: root.name, files: root.files, findings: root.findings, ...root.counts })),
    techniques: card.techniques,
    findings: card.findings.map((finding) => ({
      ruleId: finding.rule.id,
      priority: finding.rule.priority,
      technique: finding.rule.technique,
      root: finding.root,
      path: finding.path,
      line: finding.line,
      column: finding.column,
      endLine: finding.endLine,
      endColumn: finding.endColumn,
      message: finding.message,
    })),
    parseErrors: card.parseFailures,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
