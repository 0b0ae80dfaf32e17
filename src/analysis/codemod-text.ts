import { getCatalog, mentionPattern, type Catalog, type ClientEntry } from './catalog';
import type { CodemodContext } from './codemod';
import { getSettings } from './settings';

/**
 * Pieces of the codemods' text tests (`CodemodRule.mayChange`). A test reads the raw text, so it must
 * over-approximate: comments and line breaks may sit between any two tokens, and a file in which a
 * pattern matches only inside a string or a comment is merely parsed for nothing.
 */

/** Whitespace and comments between two tokens. */
export const GAP = String.raw`(?:\s|//[^\n]*|/\*[\s\S]*?\*/)*`;

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

const mentions = new WeakMap<Catalog, RegExp>();

/** Matches where a file names a module of the catalog (`'pg'`, `"axios"`) or uses one of its globals (`fetch`). */
export function catalogMention(catalog: Catalog): RegExp {
  let pattern = mentions.get(catalog);
  if (!pattern) {
    pattern = mentionPattern(catalog.entries);
    mentions.set(catalog, pattern);
  }
  return pattern;
}
