import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-n-plus-one';
import { createRuleTester } from '../rule-tester';
import { cases } from './no-n-plus-one.cases';

// RuleTester checks `data` only as a whole message; the table names just the parts each case is
// about (the loop, the batch alternative), so those are checked against the message text below.
createRuleTester().run('no-n-plus-one', rule, {
  valid: cases.valid,
  invalid: cases.invalid.map((testCase) => ({
    ...testCase,
    errors: testCase.errors.map(({ data: _data, ...error }) => error),
  })),
});

describe('no-n-plus-one messages', () => {
  const linter = new Linter({ configType: 'flat' });
  const withData = cases.invalid.filter((testCase) => testCase.errors.some((error) => error.data));
  it('names the loop and the batch alternative', () => {
    expect(withData.length).toBeGreaterThanOrEqual(10);
    for (const testCase of withData) {
      const messages = linter.verify(
        testCase.code,
        [
          {
            files: ['**/*.ts', '**/*.js'],
            languageOptions: { parser: tsParser as Linter.Parser },
            plugins: { hotpath: { rules: { 'no-n-plus-one': rule as never } } },
            rules: { 'hotpath/no-n-plus-one': ['error', ...(testCase.options ?? [])] },
          },
        ],
        { filename: testCase.filename ?? 'file.ts' },
      );
      testCase.errors.forEach((error, index) => {
        for (const value of Object.values(error.data ?? {})) expect(messages[index]?.message, testCase.code).toContain(String(value));
      });
    }
  });
});
