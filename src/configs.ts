import type { TSESLint } from '@typescript-eslint/utils';
import type { HotpathDocs, PresetName } from './util/create-rule';

export const PRESETS: readonly PresetName[] = ['recommended', 'game', 'strict'];

interface RuleLike {
  meta: { docs?: Partial<HotpathDocs> };
}

/** The rules of a preset, from each rule's `meta.docs.presets`. `strict` holds every rule. */
export function presetRules(
  rules: Readonly<Record<string, RuleLike>>,
  preset: PresetName,
): Record<string, TSESLint.SharedConfig.RuleEntry> {
  const result: Record<string, TSESLint.SharedConfig.RuleEntry> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const presets = rule.meta.docs?.presets ?? [];
    if (preset === 'strict' || presets.includes(preset) || (preset === 'game' && presets.includes('recommended'))) {
      result[`hotpath/${name}`] = 'error';
    }
  }
  return result;
}
