import noClientPerCall from './no-client-per-call';
import noNPlusOne from './no-n-plus-one';
import requireTimeout from './require-timeout';

/** Every rule of the plugin, by name. Presets and docs are derived from each rule's `meta.docs`. */
export const rules = {
  'require-timeout': requireTimeout,
  'no-n-plus-one': noNPlusOne,
  'no-client-per-call': noClientPerCall,
};

export type RuleName = keyof typeof rules;
