import { describe, expect, it } from 'vitest';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint as ESLint10 } from 'eslint';
import plugin from '../src/index';

// eslint9 is ESLint 9 installed under an npm alias, so both majors run in one test run.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const eslint9 = require('eslint9') as { ESLint: typeof ESLint10; loadESLint: unknown };

const code = `export async function rates() {\n  return fetch('https://rates.example.com');\n}\n`;

function flatConfig(rules?: Record<string, unknown>) {
  return [
    { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
    plugin.configs.recommended,
    ...(rules ? [{ rules }] : []),
  ] as never;
}

async function lintWith(ESLint: typeof ESLint10, config: unknown) {
  const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: config as never, cwd: __dirname });
  const [result] = await eslint.lintText(code, { filePath: 'service.ts' });
  return result!.messages;
}

describe('the plugin under both ESLint majors', () => {
  it('ESLint 10 (flat) reports require-timeout with its suggestion', async () => {
    expect(ESLint10.version.startsWith('10.')).toBe(true);
    const messages = await lintWith(ESLint10, flatConfig());
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: 'hotpath/require-timeout', line: 2, column: 10, severity: 2 });
    expect(messages[0]!.suggestions?.[0]?.fix.text).toBe(', { signal: AbortSignal.timeout(10000) }');
  });

  it('ESLint 9 (flat) reports the same', async () => {
    expect(eslint9.ESLint.version.startsWith('9.')).toBe(true);
    const messages = await lintWith(eslint9.ESLint, flatConfig());
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['hotpath/require-timeout', 2, 10]]);
  });

  it('ESLint 9 (eslintrc) runs the legacy-recommended config', async () => {
    const LegacyESLint = await (eslint9.loadESLint as (options: { useFlatConfig: boolean }) => Promise<unknown>)({ useFlatConfig: false });
    const eslint = new (LegacyESLint as unknown as new (options: unknown) => InstanceType<typeof ESLint10>)({
      useEslintrc: false,
      cwd: __dirname,
      plugins: { hotpath: plugin },
      overrideConfig: {
        parser: require.resolve('@typescript-eslint/parser'),
        parserOptions: { ecmaVersion: 'latest', sourceType: 'module' },
        extends: ['plugin:hotpath/legacy-recommended'],
      },
    });
    const [result] = await eslint.lintText(code, { filePath: 'service.ts' });
    expect(result!.messages.map((m) => [m.ruleId, m.line])).toEqual([['hotpath/require-timeout', 2]]);
  });
});

describe('bad configuration fails loudly, naming the value', () => {
  it('an invalid rule option fails schema validation with the option name', async () => {
    await expect(lintWith(ESLint10, flatConfig({ 'hotpath/require-timeout': ['error', { timeoutMs: 'x' }] }))).rejects.toThrow(
      /hotpath\/require-timeout[\s\S]*timeoutMs_must_be_a_positive_integer/,
    );
    await expect(lintWith(ESLint10, flatConfig({ 'hotpath/require-timeout': ['error', { timeoutMs: 0 }] }))).rejects.toThrow(
      /timeoutMs_must_be_a_positive_integer/,
    );
    await expect(lintWith(ESLint10, flatConfig({ 'hotpath/require-timeout': ['error', { timeout: 5 }] }))).rejects.toThrow(
      /Unexpected property "timeout"/,
    );
  });

  it('invalid settings.hotpath fail with the path of the bad value', async () => {
    const withSettings = (hotpath: unknown) => [...(flatConfig() as unknown[]), { settings: { hotpath } }];
    await expect(lintWith(ESLint10, withSettings({ timeoutMs: 'soon' }))).rejects.toThrow(/settings\.hotpath\.timeoutMs/);
    await expect(lintWith(ESLint10, withSettings({ clients: [{ name: 'x', category: 'http' }] }))).rejects.toThrow(
      /settings\.hotpath\.clients\[0\].*sources/,
    );
  });
});
