import requireTimeout from './require-timeout';

/** Every rule of the plugin, by name. Presets and docs are derived from each rule's `meta.docs`. */
export const rules = {
  'require-timeout': requireTimeout,
};

export type RuleName = keyof typeof rules;
