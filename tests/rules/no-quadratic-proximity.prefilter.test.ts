import { describe, expect, it } from 'vitest';
import { SQUARE, mentionsSquare } from '../../rules/no-quadratic-proximity';

// mentionsSquare is the file-level prefilter of the rule: it must answer exactly what the regex it
// replaces answers, or files would be skipped (or kept) differently.
describe('mentionsSquare', () => {
  const cases: [string, boolean][] = [
    ['const d = dx * dx + dy * dy;', true],
    ['const d = d.x*d.x;', true],
    ['const d = xx * x;', true], // the group may start inside a word: `x * x`
    ['const d = x * xy;', false], // `\b` after the repeated operand
    ['const d = $a * $a;', true],
    ['const d = a. * a.b;', true], // `.` is not a word character: `\b` needs one after it
    ['const d = a. * a.;', false],
    ['const d = a *\n  a;', true],
    ['const d = a\u00a0*\u2028a;', true], // Unicode spaces are `\s` too
    ['const d = a * b;', false],
    ['/**\n * Squares x.\n * x\n */', false],
    ['/**\n * x\n * x\n */', true], // a comment counts, as it did for the regex
    ['a ** a', false],
    ['*a', false],
    ['a*', false],
    ['', false],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(SQUARE.test(text)).toBe(expected);
    expect(mentionsSquare(text)).toBe(expected);
  });

  it('agrees with the regex on 20,000 random strings', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
    // Few operand letters and many stars and spaces, so that squares are common.
    const alphabet = ['a', 'a', 'b', '_', '$', '.', ' ', ' ', '*', '*', '\n', '\u00a0', '(', 'é'];
    let agreeing = 0;
    let positives = 0;
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      const size = 1 + Math.floor(random() * 24);
      for (let k = 0; k < size; k++) text += alphabet[Math.floor(random() * alphabet.length)];
      const expected = SQUARE.test(text);
      if (mentionsSquare(text) === expected) agreeing++;
      else expect.fail(`disagree on ${JSON.stringify(text)}: regex ${expected}`);
      if (expected) positives++;
    }
    expect(agreeing).toBe(20_000);
    // Both answers occur often enough for the comparison to mean something.
    expect(positives).toBeGreaterThan(500);
  });
});
