import { ESLintUtils } from '@typescript-eslint/utils';

export type Priority = 'P0' | 'P1' | 'P2';
export type PresetName = 'recommended' | 'game' | 'strict';

/**
 * What every rule's `meta.docs` records beyond ESLint's own fields. Presets, the README table and
 * the `hotpath scan` grouping are all derived from these, never from a hand-kept list.
 */
export interface HotpathDocs {
  description: string;
  /** The handbook technique this rule enforces ("Context timeouts"). */
  technique: string;
  priority: Priority;
  /** Presets this rule belongs to. `strict` holds every rule whatever this says. */
  presets: PresetName[];
  requiresTypeChecking?: boolean;
}

export const DOCS_BASE = 'https://github.com/eslint-plugin-hotpath/eslint-plugin-hotpath/blob/main/docs/rules/';

const createRuleWithDocs = ESLintUtils.RuleCreator<HotpathDocs>((name) => `${DOCS_BASE}${name}.md`);

/**
 * `ESLintUtils.RuleCreator`, with the defaults merged into the options once per distinct
 * configuration instead of once per file. Its `applyDefault` deep-copies the defaults with
 * `structuredClone` on every `create` call: measured at 63 ms of 72 ms that a rule spent over 558
 * files of a real repository, which ESLint's `--stats` counts as the rule's own time. The merged
 * options are shared between files, so rules must not mutate them (none does).
 */
export const createRule: typeof createRuleWithDocs = (rule) => {
  type Options = Parameters<typeof rule.create>[1];
  const created = createRuleWithDocs(rule);
  // ESLint hands each file a fresh options array with the same contents: key the merge by its text.
  const merged = new Map<string, Options>();
  // The array is fresh, but its elements are not: flat config merges `meta.defaultOptions` into the
  // rule's configuration once per resolved config, and every file linted under that config gets a
  // slice of it, so `options[0]` is one object for all of them. Keyed by that object, the common
  // case skips the `JSON.stringify` of the options (measured: most of the time this wrapper cost,
  // some 6 µs per rule per file, 0.6% of parse time on outline + documenso for the strict preset).
  const byFirst = new WeakMap<object, Options>();
  return {
    ...created,
    create(context) {
      const given = context.options;
      const first: unknown = given.length === 1 ? given[0] : undefined;
      const identity = typeof first === 'object' && first !== null ? first : undefined;
      let options = identity && byFirst.get(identity);
      if (!options) {
        const key = JSON.stringify(given);
        options = merged.get(key);
        if (!options) {
          options = ESLintUtils.applyDefault((rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as Options, given);
          merged.set(key, options);
        }
        if (identity) byFirst.set(identity, options);
      }
      return rule.create(context, options);
    },
  };
};
