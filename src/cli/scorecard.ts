import type { ESLint } from 'eslint';
import type { Priority } from '../util/create-rule';
import { displayPath, type Root } from './files';
import { atOrAbove, PRIORITIES, ruleById, type RuleInfo } from './plugin-info';

export type FailOn = Priority | 'never';

/** How many locations each technique row lists. */
const TOP_LOCATIONS = 5;

export interface Finding {
  rule: RuleInfo;
  /** The root (service) the file was found under, as the user named it. */
  root: string;
  /** Relative to the working directory, forward slashes. */
  path: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

export interface ParseFailure {
  path: string;
  line: number;
  column: number;
  message: string;
}

export type PriorityCounts = Record<Priority, number>;

export interface RootRow {
  name: string;
  files: number;
  findings: number;
  counts: PriorityCounts;
}

export interface TechniqueRow {
  priority: Priority;
  technique: string;
  rules: string[];
  findings: number;
  files: number;
  /** `path:line`, the files with the most findings first. */
  topLocations: string[];
}

export interface Scorecard {
  /** A preset name, or `null` when the project's own ESLint config decided the rules. */
  preset: string | null;
  failOn: FailOn;
  /** Findings at or above `failOn` exist: the scan exits 1. */
  failed: boolean;
  rules: RuleInfo[];
  roots: RootRow[];
  totals: RootRow;
  techniques: TechniqueRow[];
  findings: Finding[];
  parseFailures: ParseFailure[];
}

export interface LintedRoot {
  root: Root;
  results: ESLint.LintResult[];
}

export interface ScorecardInput {
  cwd: string;
  preset: string | null;
  failOn: FailOn;
  /** The rules that ran: every technique they cover gets a row, zero findings included. */
  rules: RuleInfo[];
  roots: LintedRoot[];
}

/**
 * Turns ESLint results into the handbook's view: counts per priority and technique, per root and in
 * total. Only `hotpath/*` messages are findings; with `--use-config` the project's other rules are
 * its own business.
 */
export function buildScorecard(input: ScorecardInput): Scorecard {
  const findings: Finding[] = [];
  const parseFailures: ParseFailure[] = [];
  const rows: RootRow[] = [];
  const rules = new Map(input.rules.map((rule) => [rule.id, rule]));
  for (const { root, results } of input.roots) {
    const row: RootRow = { name: displayPath(input.cwd, root.path), files: root.files.length, findings: 0, counts: zero() };
    for (const result of results) {
      const file = displayPath(input.cwd, result.filePath);
      for (const message of result.messages) {
        if (message.fatal) {
          parseFailures.push({ path: file, line: message.line, column: message.column, message: message.message });
          continue;
        }
        const rule = message.ruleId ? (rules.get(message.ruleId) ?? ruleById(message.ruleId)) : undefined;
        if (!rule) continue;
        if (!rules.has(rule.id)) rules.set(rule.id, rule);
        findings.push({
          rule,
          root: row.name,
          path: file,
          line: message.line,
          column: message.column,
          ...(message.endLine === undefined ? {} : { endLine: message.endLine }),
          ...(message.endColumn === undefined ? {} : { endColumn: message.endColumn }),
          message: message.message,
        });
        row.counts[rule.priority]++;
        row.findings++;
      }
    }
    rows.push(row);
  }
  findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column);
  const totals: RootRow = { name: 'total', files: 0, findings: 0, counts: zero() };
  for (const row of rows) {
    totals.files += row.files;
    totals.findings += row.findings;
    for (const priority of PRIORITIES) totals.counts[priority] += row.counts[priority];
  }
  const failOn = input.failOn;
  return {
    preset: input.preset,
    failOn,
    failed: failOn !== 'never' && findings.some((finding) => atOrAbove(finding.rule.priority, failOn)),
    rules: [...rules.values()],
    roots: rows,
    totals,
    techniques: techniqueRows([...rules.values()], findings),
    findings,
    parseFailures,
  };
}

function techniqueRows(rules: RuleInfo[], findings: Finding[]): TechniqueRow[] {
  const rows = new Map<string, TechniqueRow & { all: Finding[] }>();
  for (const rule of rules) {
    const key = `${rule.priority}\0${rule.technique}`;
    let row = rows.get(key);
    if (!row) {
      row = { priority: rule.priority, technique: rule.technique, rules: [], findings: 0, files: 0, topLocations: [], all: [] };
      rows.set(key, row);
    }
    row.rules.push(rule.name);
  }
  for (const finding of findings) {
    const row = rows.get(`${finding.rule.priority}\0${finding.rule.technique}`)!;
    row.all.push(finding);
  }
  return [...rows.values()]
    .map(({ all, ...row }) => {
      const perFile = new Map<string, number>();
      for (const finding of all) perFile.set(finding.path, (perFile.get(finding.path) ?? 0) + 1);
      const ordered = [...all].sort(
        (a, b) => perFile.get(b.path)! - perFile.get(a.path)! || a.path.localeCompare(b.path) || a.line - b.line,
      );
      const locations = [...new Set(ordered.map((finding) => `${finding.path}:${finding.line}`))];
      return {
        ...row,
        rules: row.rules.sort(),
        findings: all.length,
        files: perFile.size,
        topLocations: locations.slice(0, TOP_LOCATIONS),
      };
    })
    .sort((a, b) => a.priority.localeCompare(b.priority) || a.technique.localeCompare(b.technique));
}

function zero(): PriorityCounts {
  return { P0: 0, P1: 0, P2: 0 };
}

/** Findings at or above the threshold, for the verdict line. */
export function failingCount(card: Scorecard): number {
  const failOn = card.failOn;
  if (failOn === 'never') return 0;
  return card.findings.filter((finding) => atOrAbove(finding.rule.priority, failOn)).length;
}
