import plugin from '../index';
import { PRESETS } from '../configs';
import type { PresetName, Priority } from '../util/create-rule';

export const PRIORITIES: readonly Priority[] = ['P0', 'P1', 'P2'];

export interface RuleInfo {
  name: string;
  /** The id ESLint reports: `hotpath/<name>`. */
  id: string;
  description: string;
  technique: string;
  priority: Priority;
  /** Presets that enable the rule, read from the built configs rather than `meta.docs.presets`, which omits the implied ones. */
  presets: PresetName[];
  fixable: boolean;
  hasSuggestions: boolean;
  url: string;
}

interface RuleMetaLike {
  meta: {
    docs?: { description?: string; technique?: string; priority?: Priority; url?: string };
    fixable?: string;
    hasSuggestions?: boolean;
  };
}

let cache: RuleInfo[] | undefined;

/** Every rule of the plugin, ordered by priority, then technique, then name. */
export function ruleInfos(): RuleInfo[] {
  cache ??= Object.entries(plugin.rules as Record<string, RuleMetaLike>)
    .map(([name, rule]): RuleInfo => {
      const docs = rule.meta.docs ?? {};
      const id = `hotpath/${name}`;
      return {
        name,
        id,
        description: docs.description ?? '',
        technique: docs.technique ?? name,
        priority: docs.priority ?? 'P2',
        presets: PRESETS.filter((preset) => id in (plugin.configs[preset].rules ?? {})),
        fixable: rule.meta.fixable !== undefined,
        hasSuggestions: rule.meta.hasSuggestions === true,
        url: docs.url ?? '',
      };
    })
    .sort(
      (a, b) =>
        a.priority.localeCompare(b.priority) || a.technique.localeCompare(b.technique) || a.name.localeCompare(b.name),
    );
  return cache;
}

export function ruleById(id: string): RuleInfo | undefined {
  return ruleInfos().find((rule) => rule.id === id);
}

/** `priority` is `threshold` or more urgent (P0 is the most urgent). */
export function atOrAbove(priority: Priority, threshold: Priority): boolean {
  return PRIORITIES.indexOf(priority) <= PRIORITIES.indexOf(threshold);
}
