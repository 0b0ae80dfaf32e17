/**
 * The text of a module with its comments and the contents of its strings and template literals
 * blanked (same length, line breaks kept), module specifiers left as they are. The codemods' text
 * tests run on it, so that `fetch` in a comment or `"Failed to fetch"` does not send a file to the
 * parser: no rule can find anything in a comment or a string. This is a scanner, not a parser, so
 * wherever it could misread the code it gives up and returns the text unchanged: a string that
 * reaches the end of its line, a template or comment that never ends, JSX (where `'` is text). A
 * wrong guess can only cost a parse, never hide code it did not blank.
 */
export function codeText(source: string): string {
  if (source === lastSource) return lastCode;
  lastSource = source;
  const blanked = blank(source);
  lastBlanked = blanked !== null;
  lastCode = blanked ?? source;
  return lastCode;
}

/**
 * Whether `code` is the latest `codeText` result with its comments and strings really blanked (not
 * the text given back unchanged): a test that reads brackets or quotes must know which it has.
 */
export function isBlankedCode(code: string): boolean {
  return lastBlanked && code === lastCode;
}

let lastSource: string | undefined;
let lastCode = '';
let lastBlanked = false;

// After these words a `/` starts a regular expression, not a division.
// After these a `/` divides: the end of an operand.
const AFTER_OPERAND = new Set([')', ']', '}', '"', "'", '`']);
const BEFORE_EXPRESSION = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'await', 'yield', 'instanceof']);

/**
 * `codeText` for a script known to hold no JSX (a compiled `.js` module of a package): its comments
 * and strings blanked, or null where the scanner could misread it.
 */
export function scriptCodeText(source: string): string | null {
  return blank(source, false);
}

function blank(text: string, mayHoldJsx = true): string | null {
  // JSX text is not code (`Don't`, `http://x`): a file that may hold JSX is left as it is.
  if (mayHoldJsx && (text.includes('</') || text.includes('/>'))) return null;
  const out: string[] = [];
  let copied = 0;
  const blankRange = (start: number, end: number) => {
    const part = text.slice(start, end);
    out.push(text.slice(copied, start), part.includes('\n') ? part.replace(/[^\n]/g, ' ') : ' '.repeat(part.length));
    copied = end;
  };
  // Significant tokens seen last: the word or punctuation before a `/` or a string decides its meaning.
  let lastWord = '';
  let lastChar = '';
  let wordBeforeParen = '';
  // Open template literals, each with the brace depth of its current `${`.
  const templates: number[] = [];
  let braces = 0;
  // A `#!` line is not code either.
  let i = text.startsWith('#!') ? Math.max(text.indexOf('\n'), 0) : 0;
  const length = text.length;
  while (i < length) {
    const kind = charKind(text.charCodeAt(i));
    if (kind === SPACE) {
      i++;
      continue;
    }
    if (kind === WORD) {
      let j = i + 1;
      while (j < length && charKind(text.charCodeAt(j)) === WORD) j++;
      lastWord = text.slice(i, j);
      lastChar = '';
      i = j;
      continue;
    }
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      blankRange(i, end === -1 ? length : end);
      i = end === -1 ? length : end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) return null;
      blankRange(i, end + 2);
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = stringEnd(text, i, c);
      if (end === -1) return null;
      // A module specifier: `from 'x'`, `import 'x'`, `require('x')`, `import('x')`.
      const specifier =
        lastWord === 'from' || lastWord === 'import' || (lastChar === '(' && (wordBeforeParen === 'require' || wordBeforeParen === 'import'));
      if (!specifier) blankRange(i + 1, end);
      i = end + 1;
      lastWord = '';
      lastChar = c;
      continue;
    }
    if (c === '`' || (c === '}' && templates.length > 0 && templates[templates.length - 1] === braces)) {
      // A template's text runs to its closing backtick or to the next `${`.
      if (c === '}') templates.pop();
      let j = i + 1;
      while (j < length && text[j] !== '`' && !(text[j] === '$' && text[j + 1] === '{')) j += text[j] === '\\' ? 2 : 1;
      if (j >= length) return null;
      blankRange(i + 1, j);
      if (text[j] === '`') {
        i = j + 1;
      } else {
        templates.push(braces);
        i = j + 2;
      }
      lastWord = '';
      lastChar = '`';
      continue;
    }
    if (c === '/') {
      const division = lastWord !== '' ? !BEFORE_EXPRESSION.has(lastWord) : AFTER_OPERAND.has(lastChar);
      if (!division) {
        const end = regexEnd(text, i);
        if (end === -1) return null;
        i = end;
        lastWord = '';
        lastChar = '/';
        continue;
      }
    }
    if (c === '{') braces++;
    else if (c === '}') braces--;
    else if (c === '(') wordBeforeParen = lastWord;
    lastChar = c;
    lastWord = '';
    i++;
  }
  if (templates.length > 0) return null;
  out.push(text.slice(copied));
  return out.join('');
}

const WORD = 1;
const SPACE = 2;
const OTHER = 0;
/** ASCII characters by kind: `[\w$]`, `\s`, or anything else. */
const ASCII_KINDS = Uint8Array.from({ length: 128 }, (_, code) => {
  const c = String.fromCharCode(code);
  return /[\w$]/.test(c) ? WORD : /\s/.test(c) ? SPACE : OTHER;
});

/**
 * What `[\w$]` and `\s` say of a character, from a table for ASCII (the scanner asks once per
 * character of every file, and a regular expression per character was most of its time).
 */
function charKind(code: number): number {
  if (code < 128) return ASCII_KINDS[code]!;
  const c = String.fromCharCode(code);
  return /\s/.test(c) ? SPACE : OTHER;
}

/** The index of the quote that closes the string opened at `start`, or -1 at a line break or the end. */
function stringEnd(text: string, start: number, quote: string): number {
  for (let j = start + 1; j < text.length; j++) {
    const c = text[j]!;
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === quote) return j;
    if (c === '\n') return -1;
  }
  return -1;
}

/** The index after a regular expression literal's flags, or -1 when it does not end on its line. */
function regexEnd(text: string, start: number): number {
  let inClass = false;
  for (let j = start + 1; j < text.length; j++) {
    const c = text[j]!;
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '\n') return -1;
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '/') {
      let k = j + 1;
      while (k < text.length && /[a-z]/i.test(text[k]!)) k++;
      return k;
    }
  }
  return -1;
}
