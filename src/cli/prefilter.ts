import { codemods } from '../../codemods';
import { getCatalog } from '../analysis/catalog';
import type { ClientEntry } from '../analysis/catalog/types';
import { readSettings } from '../analysis/codemod';

/** Which of the run's codemods could change a file with this text; the others need not parse it. */
export type Prefilter = (text: string) => string[];

/**
 * The text prefilter of a codemod run. A codemod's trigger words are plain substrings, and most of
 * them are the client catalog's words, whose meaning the catalog fixes: a module specifier (`pg`,
 * `http`, `got`) matters only where the file names the module, which is always in quotes (an import, a
 * `require`, an `import()` type), and a global (`fetch`) only as a whole identifier. Testing those
 * shapes instead of substrings keeps `https://` in a comment, `forgot` and `fetchUsers` from making a
 * file parse: on outline/outline it parses 286 files instead of 747 for add-timeout, with the same
 * results. Words the catalog does not define keep their substring test.
 */
export function createPrefilter(names: readonly string[], options: Readonly<Record<string, string>>): Prefilter {
  const catalog = getCatalog();
  const specifiers = new Set([...catalog.bySource.keys()].map(unprefixed));
  const globals = new Set(catalog.byGlobal.keys());
  // Clients described on the command line (`--settings`, `--clients`) are found by their own words.
  const extra = userClientWords(options);
  const tests = names.map((name) => ({ name, test: compile(codemods[name]!.codemod.triggers, specifiers, globals, extra) }));
  return (text) => tests.filter((entry) => entry.test(text)).map((entry) => entry.name);
}

function compile(
  triggers: readonly string[],
  specifiers: ReadonlySet<string>,
  globals: ReadonlySet<string>,
  extra: readonly string[],
): (text: string) => boolean {
  const modules = triggers.filter((word) => specifiers.has(word));
  const identifiers = triggers.filter((word) => !specifiers.has(word) && globals.has(word));
  const words = [...triggers.filter((word) => !specifiers.has(word) && !globals.has(word)), ...extra];
  const patterns: string[] = [];
  // 'pg', "node:http", `got`, 'mysql2/promise' and subpaths such as 'pg/lib/client'.
  if (modules.length > 0) patterns.push(`['"\`](?:node:)?(?:${modules.map(escape).join('|')})['"\`/]`);
  if (identifiers.length > 0) patterns.push(`(?<![\\w$])(?:${identifiers.map(escape).join('|')})(?![\\w$])`);
  const pattern = patterns.length > 0 ? new RegExp(patterns.join('|')) : undefined;
  return (text) => words.some((word) => text.includes(word)) || (pattern?.test(text) ?? false);
}

function userClientWords(options: Readonly<Record<string, string>>): string[] {
  const entries: Partial<ClientEntry>[] = [];
  const settings = readSettings(options['settings']);
  const hotpath = settings['hotpath'] as { clients?: unknown } | undefined;
  if (Array.isArray(hotpath?.clients)) entries.push(...(hotpath.clients as Partial<ClientEntry>[]));
  if (options['clients'] !== undefined) {
    try {
      const clients: unknown = JSON.parse(options['clients']);
      if (Array.isArray(clients)) entries.push(...(clients as Partial<ClientEntry>[]));
    } catch {
      // Not JSON: the transform reports it; the prefilter has nothing to add.
    }
  }
  return entries.flatMap((entry) => [...(entry.sources ?? []).map(unprefixed), ...(entry.globals ?? [])]);
}

function unprefixed(source: string): string {
  return source.replace(/^node:/, '');
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
