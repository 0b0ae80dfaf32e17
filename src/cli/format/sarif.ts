import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Priority } from '../../util/create-rule';
import { packageInfo } from '../../util/package';
import type { Scorecard } from '../scorecard';

// GitHub code scanning shows `error` as a failing alert and `note` as advice: P0 is what CI gates on.
const LEVEL: Record<Priority, 'error' | 'warning' | 'note'> = { P0: 'error', P1: 'warning', P2: 'note' };

const SRCROOT = '%SRCROOT%';

/**
 * SARIF 2.1.0, the format GitHub code scanning ingests (`github/codeql-action/upload-sarif`). Paths are
 * relative to the working directory under `%SRCROOT%`, so running the scan from the repository root
 * gives the locations code scanning expects.
 */
export function formatSarif(card: Scorecard, cwd: string): string {
  const { version } = packageInfo();
  const rules = [...card.rules].sort((a, b) => a.id.localeCompare(b.id));
  const index = new Map(rules.map((rule, position) => [rule.id, position]));
  const location = (file: string, region: Record<string, number>) => ({
    physicalLocation: {
      artifactLocation: file.startsWith('../')
        ? { uri: pathToFileURL(path.resolve(cwd, file)).href }
        : { uri: encodeURI(file), uriBaseId: SRCROOT },
      region,
    },
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'hotpath',
            semanticVersion: version,
            version,
            informationUri: 'https://github.com/eslint-plugin-hotpath/eslint-plugin-hotpath',
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.name,
              shortDescription: { text: rule.description },
              helpUri: rule.url,
              help: { text: `${rule.description}. Handbook technique: ${rule.technique} (${rule.priority}). ${rule.url}` },
              defaultConfiguration: { level: LEVEL[rule.priority] },
              properties: {
                priority: rule.priority,
                technique: rule.technique,
                presets: rule.presets,
                tags: ['performance', rule.priority, rule.technique],
              },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(cwd).href.replace(/\/$/, '')}/` } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: card.parseFailures.map((failure) => ({
              level: 'warning',
              message: { text: `Not scanned, cannot parse: ${failure.message}` },
              // A parser reports an error at the end of the file as column 0; SARIF columns start at 1.
              locations: [location(failure.path, { startLine: Math.max(1, failure.line), startColumn: Math.max(1, failure.column) })],
            })),
          },
        ],
        results: card.findings.map((finding) => ({
          ruleId: finding.rule.id,
          ruleIndex: index.get(finding.rule.id),
          level: LEVEL[finding.rule.priority],
          message: { text: finding.message },
          locations: [
            location(finding.path, {
              startLine: finding.line,
              startColumn: finding.column,
              ...(finding.endLine === undefined ? {} : { endLine: finding.endLine }),
              ...(finding.endColumn === undefined ? {} : { endColumn: finding.endColumn }),
            }),
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
