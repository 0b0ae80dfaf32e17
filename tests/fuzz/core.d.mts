// Types for core.mjs, which stays plain JavaScript so that `npm run fuzz` runs it on dist/ without a build step of its own.
import type { TSESLint } from '@typescript-eslint/utils';

export interface Snippet {
  origin: string;
  extension: string;
  code: string;
}
export interface Seeds {
  snippets: Snippet[];
  names: string[];
  modules: string[];
}
export interface Program {
  kind: 'random' | 'splice' | 'rename' | 'reshape' | 'combine';
  filename: string;
  code: string;
  origin?: string;
}
export interface Failure {
  check: string;
  detail: string;
}
export interface FailedProgram {
  index: number;
  program: Program;
  failures: Failure[];
}
export interface PluginLike {
  rules: Record<string, unknown>;
}
export interface CodemodLike {
  rule: string;
  rules?: readonly string[];
  transform: (...args: never[]) => unknown;
}
export interface FuzzSummary {
  seed: number;
  from: number;
  count: number;
  generated: number;
  invalid: number;
  checked: number;
  failed: FailedProgram[];
  kinds: Record<string, number>;
  findings: number;
  rulesWithFindings: string[];
  suggestions: number;
  codemodChanges: number;
}

export function loadSeeds(repo?: string): Seeds;
export function parseError(code: string, filePath: string): string | null;
export function makeProgram(seed: number, index: number, seeds: Seeds): Program;
export function checkProgram(
  program: Program,
  context: { plugin: PluginLike; codemods: Record<string, CodemodLike>; project?: string },
): { failures: Failure[]; exercised: { findings: number; rulesWithFindings: Set<string>; suggestions: number; codemodChanges: number } };
export function fuzz(options: {
  seed: number;
  count: number;
  from?: number;
  plugin: PluginLike;
  codemods: Record<string, CodemodLike>;
  seeds?: Seeds;
  onProgram?: (index: number, program: Program, failures: Failure[]) => void;
}): FuzzSummary;
export function describeFailure(seed: number, failed: FailedProgram): string;
export type { TSESLint };
