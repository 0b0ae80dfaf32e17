import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../rules';
import { PRESETS, presetRules } from './configs';
import type { PresetName } from './util/create-rule';

import { packageInfo } from './util/package';

type FlatConfig = TSESLint.FlatConfig.Config;
type LegacyConfig = TSESLint.ClassicConfig.Config;

interface Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: Record<PresetName, FlatConfig> & Record<`legacy-${PresetName}`, LegacyConfig>;
}

const plugin: Plugin = {
  meta: { name: packageInfo().name, version: packageInfo().version, namespace: 'hotpath' },
  rules,
  configs: {} as Plugin['configs'],
};

for (const preset of PRESETS) {
  const presetRuleEntries = presetRules(rules, preset);
  plugin.configs[preset] = {
    name: `hotpath/${preset}`,
    plugins: { hotpath: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: presetRuleEntries,
  };
  plugin.configs[`legacy-${preset}`] = { plugins: ['hotpath'], rules: presetRuleEntries };
}

export = plugin;
