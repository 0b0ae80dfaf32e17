import type { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import type { Root } from '../../src/cli/files';
import { formatText } from '../../src/cli/format/text';
import type { RuleInfo } from '../../src/cli/plugin-info';
import { buildScorecard, type FailOn } from '../../src/cli/scorecard';
import pc from 'picocolors';

// Synthetic rules at every priority: the plugin may not ship P1/P2 rules yet, but the scorecard's
// grouping and thresholds must already hold for them.
function rule(name: string, priority: RuleInfo['priority'], technique: string): RuleInfo {
  return {
    name,
    id: `hotpath/${name}`,
    description: name,
    technique,
    priority,
    presets: ['strict'],
    fixable: false,
    hasSuggestions: false,
    url: `https://example.test/${name}`,
  };
}

const RULES = [
  rule('p0-rule', 'P0', 'Batch DB ops'),
  rule('p1-rule', 'P1', 'SingleFlight'),
  rule('p1-other', 'P1', 'SingleFlight'),
  rule('p2-rule', 'P2', 'Ring buffer'),
];

function result(filePath: string, ruleIds: (string | null)[]): ESLint.LintResult {
  return {
    filePath,
    messages: ruleIds.map((ruleId, index) => ({ ruleId, severity: 2, message: `m${index}`, line: index + 1, column: 1 })),
  } as ESLint.LintResult;
}

function card(failOn: FailOn, ruleIds: string[]) {
  const root: Root = { arg: '.', path: '/repo', dir: '/repo', files: ['/repo/a.ts', '/repo/b.ts'] };
  return buildScorecard({
    cwd: '/repo',
    preset: 'strict',
    failOn,
    rules: RULES,
    roots: [{ root, results: [result('/repo/a.ts', ruleIds), result('/repo/b.ts', [])] }],
  });
}

describe('scorecard thresholds', () => {
  it.each<[FailOn, string[], boolean]>([
    ['P0', ['hotpath/p1-rule', 'hotpath/p2-rule'], false],
    ['P0', ['hotpath/p0-rule'], true],
    ['P1', ['hotpath/p2-rule'], false],
    ['P1', ['hotpath/p1-rule'], true],
    ['P1', ['hotpath/p0-rule'], true],
    ['P2', ['hotpath/p2-rule'], true],
    ['never', ['hotpath/p0-rule'], false],
  ])('--fail-on %s with %j fails: %s', (failOn, ids, failed) => {
    expect(card(failOn, ids).failed).toBe(failed);
  });
});

describe('scorecard grouping', () => {
  it('groups by priority then technique, merges rules of one technique, and ignores foreign rules', () => {
    const scorecard = card('P0', ['hotpath/p1-rule', 'hotpath/p1-other', 'no-console', 'hotpath/p2-rule']);
    expect(scorecard.techniques.map((row) => [row.priority, row.technique, row.rules, row.findings, row.files])).toEqual([
      ['P0', 'Batch DB ops', ['p0-rule'], 0, 0],
      ['P1', 'SingleFlight', ['p1-other', 'p1-rule'], 2, 1],
      ['P2', 'Ring buffer', ['p2-rule'], 1, 1],
    ]);
    expect(scorecard.totals.counts).toEqual({ P0: 0, P1: 2, P2: 1 });
    expect(scorecard.totals.findings).toBe(3);
  });

  it('lists at most five top locations', () => {
    const scorecard = card('P0', Array.from({ length: 7 }, () => 'hotpath/p0-rule'));
    const row = scorecard.techniques[0]!;
    expect(row.findings).toBe(7);
    expect(row.topLocations).toEqual(['a.ts:1', 'a.ts:2', 'a.ts:3', 'a.ts:4', 'a.ts:5']);
    expect(formatText(scorecard, pc.createColors(false))).toContain('a.ts:5, …');
  });
});
