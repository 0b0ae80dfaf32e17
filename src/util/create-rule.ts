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

export const createRule = ESLintUtils.RuleCreator<HotpathDocs>((name) => `${DOCS_BASE}${name}.md`);
