import { getCatalog, mentionPattern, type Catalog, type ClientEntry } from './catalog';
import type { CodemodContext } from './codemod';
import { getSettings } from './settings';

/**
 * Pieces of the codemods' text tests (`CodemodRule.mayChange`). A test reads the raw text, so it must
 * over-approximate: comments and line breaks may sit between any two tokens, and a file in which a
 * pattern matches only inside a string or a comment is merely parsed for nothing.
 */

/**
 * Whitespace and comments between two tokens. A block comment ends at its first star-slash: with a lazy
 * `[\s\S]*?` one comment could also swallow the next, and a run of n comments had 2^n ways to be
 * read, so a failing test took seconds to minutes (a fuzzed program of 4 kB hung spread-to-mutation).
 */
export const GAP = String.raw`(?:\s|//[^\n]*|/\*(?:[^*]|\*(?!/))*\*/)*`;

/** A type annotation after `:`, whose object types may hold `;` and `=`: up to three levels of braces. */
export const ANNOTATION = String.raw`:(?:[^;{}]|\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\})*?`;

/**
 * The rest of a statement: anything but `;` and braces, or a balanced `{...}` up to three levels deep
 * (object arguments, a callback's body). A statement nested deeper is not seen: its file is
 * skipped, and the editor's quick fix is still there for it.
 */
export const STATEMENT_REST = String.raw`(?:[^;{}]|\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\})*?`;

/**
 * The catalog a codemod's rule sees: the built-in entries plus `settings.hotpath.clients` and the
 * rule's own `clients` option, the way the rules combine them.
 */
export function catalogOf(context: CodemodContext): Catalog {
  const settings = getSettings(context.settings).clients;
  const own = context.ruleOptions['clients'];
  const extra = Array.isArray(own) && own.length > 0 ? [...settings, ...(own as ClientEntry[])] : settings;
  return getCatalog(extra);
}

const mentions = new WeakMap<Catalog, WeakMap<(entry: ClientEntry) => boolean, RegExp>>();

/** `mentionPattern` of the catalog's entries that `which` keeps, built once per catalog and filter. */
export function catalogMention(catalog: Catalog, which: (entry: ClientEntry) => boolean = () => true): RegExp {
  let byFilter = mentions.get(catalog);
  if (!byFilter) mentions.set(catalog, (byFilter = new WeakMap()));
  let pattern = byFilter.get(which);
  if (!pattern) {
    pattern = mentionPattern(catalog.entries.filter(which));
    byFilter.set(which, pattern);
  }
  return pattern;
}

/**
 * `catalogMention`, except that a global a file imports under its own name (`import fetch from
 * './fetch'`: an import binds it for the whole module) counts only as `window.fetch` and the like.
 */
export function mentionsCatalog(source: string, catalog: Catalog, which: (entry: ClientEntry) => boolean = () => true): boolean {
  const pattern = catalogMention(catalog, which);
  const match = pattern.exec(source);
  if (!match) return false;
  const globals = new Set(catalog.entries.filter(which).flatMap((entry) => entry.globals ?? []));
  if (!globals.has(match[0])) return true;
  // The first mention is a bare global: look again with every imported one left out.
  const imported = [...globals].filter((name) => importsName(source, name));
  if (imported.length === 0) return true;
  const rest = new RegExp(pattern.source, 'g');
  for (const next of source.matchAll(rest)) {
    if (!imported.includes(next[0])) return true;
  }
  return false;
}

function importsName(source: string, name: string): boolean {
  return new RegExp(String.raw`\bimport\s+(?:type\s+)?(?:${name}\b|\{[^}]*(?<![\w$])${name}(?![\w$])[^}]*\}\s*from)`).test(source);
}
