import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';
import { codemods } from '../../codemods';
import { describeFailure, fuzz, loadSeeds, makeProgram, parseError } from './core.mjs';

// Fixed, so a CI failure replays anywhere: `npm run fuzz -- --seed 20251125 --from <index> --count 1 --print`.
// FUZZ_SEED / FUZZ_COUNT widen a local run without editing the file.
const SEED = Number(process.env.FUZZ_SEED ?? 20251125);
const COUNT = Number(process.env.FUZZ_COUNT ?? 300);

describe('fuzzing every rule and codemod with random programs', () => {
  const seeds = loadSeeds();

  it('draws the same program for the same seed and index', () => {
    const first = makeProgram(SEED, 7, seeds);
    expect(makeProgram(SEED, 7, seeds)).toEqual(first);
    expect(makeProgram(SEED + 1, 7, seeds).code).not.toBe(first.code);
  });

  it('reaches the rules: the seed snippets carry their vocabulary and most programs parse', () => {
    expect(seeds.snippets.length).toBeGreaterThan(0);
    expect(seeds.names).toContain('fetch');
    const programs = Array.from({ length: 40 }, (_, index) => makeProgram(SEED, index, seeds));
    const parsed = programs.filter((program) => parseError(program.code, program.filename) === null);
    expect(parsed.length).toBeGreaterThan(programs.length / 2);
  });

  // Found by this fuzzer (seed 1, program 193): codemods parsed .cjs files as modules and refused
  // valid CommonJS, where `hotpath scan` and editors read them as scripts.
  it('a CommonJS script that uses `await` as a name goes through every codemod', () => {
    const code = "var await = 1;\nconst { exec } = require('child_process');\nexec('ls', () => await);\n";
    for (const info of Object.values(codemods)) {
      const output = info.transform({ path: 'src/script.cjs', source: code }, { report: () => {} } as never, {});
      expect(parseError(String(output), 'src/script.cjs')).toBeNull();
    }
    const fixed = codemods['add-timeout']!.transform({ path: 'src/script.cjs', source: code }, { report: () => {} } as never, {});
    expect(fixed).toContain('timeout: 10000');
  });

  it(`${COUNT} programs: no rule throws, every fix and codemod output parses, a second codemod run changes nothing`, () => {
    const summary = fuzz({ seed: SEED, count: COUNT, plugin, codemods, seeds });
    const report = summary.failed.slice(0, 3).map((failed) => describeFailure(SEED, failed));
    expect(summary.failed.length, `seed ${SEED}: ${summary.failed.length} failing programs\n\n${report.join('\n\n')}`).toBe(0);
    // A run that checks nothing or reaches no rule proves nothing.
    expect(summary.checked).toBeGreaterThan(COUNT / 2);
    expect(summary.findings).toBeGreaterThan(0);
    expect(summary.codemodChanges).toBeGreaterThan(0);
  }, 120_000);
});
