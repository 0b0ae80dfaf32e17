import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getStaticKey } from './ast';

/**
 * Text edits over the ESLint AST. A fix is computed once, here, as plain edits; rules hand them to
 * ESLint's fixer and codemods apply the rule's suggestions, so the editor quick fix and the codemod
 * write the same bytes. Edits never reprint code outside the inserted text.
 */
export interface Edit {
  range: readonly [number, number];
  text: string;
}

type SourceCode = Readonly<TSESLint.SourceCode>;

/** One property to set: `key` may be dotted (`socket.socketTimeout`) to reach a nested literal. */
export interface PropertyToAdd {
  key: string;
  value: string;
}

/**
 * Adds properties to an object literal, following dotted keys into nested literals and creating
 * missing levels (`socket: { socketTimeout: 10000 }`). A property present with an empty value
 * (`timeout: 0`) has its value replaced. Returns null when a dotted key runs into a non-literal.
 */
export function addProperties(
  sourceCode: SourceCode,
  object: TSESTree.ObjectExpression,
  properties: readonly PropertyToAdd[],
): Edit[] | null {
  const edits: Edit[] = [];
  const appended: string[] = [];
  for (const { key, value } of properties) {
    const [head, ...rest] = key.split('.') as [string, ...string[]];
    const existing = findProperty(object, head);
    if (existing && rest.length === 0) {
      edits.push({ range: existing.value.range, text: value });
      continue;
    }
    if (existing) {
      if (existing.value.type !== AST_NODE_TYPES.ObjectExpression) return null;
      const nested = addProperties(sourceCode, existing.value, [{ key: rest.join('.'), value }]);
      if (!nested) return null;
      edits.push(...nested);
      continue;
    }
    appended.push(propertyText(head, rest, value));
  }
  if (appended.length > 0) edits.push(...appendToObject(sourceCode, object, appended));
  return edits;
}

/** Inserts `text` as argument `index` of a call, with `placeholders` `undefined`s before it. */
export function insertArgument(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  text: string,
  placeholders = 0,
): Edit {
  const full = [...Array.from({ length: placeholders }, () => 'undefined'), text].join(', ');
  const args = call.arguments;
  if (index < args.length) {
    return { range: [args[index]!.range[0], args[index]!.range[0]], text: `${full}, ` };
  }
  const last = args[args.length - 1];
  if (last) return { range: [last.range[1], last.range[1]], text: `, ${full}` };
  const closing = sourceCode.getLastToken(call);
  if (closing && closing.value === ')' && closing.range[0] > call.callee.range[1]) {
    return { range: [closing.range[0], closing.range[0]], text: full };
  }
  // `new Pool` without parentheses
  return { range: [call.range[1], call.range[1]], text: `(${full})` };
}

/** `{ key: value }` text for a new options argument. */
export function objectText(properties: readonly PropertyToAdd[]): string {
  const texts = properties.map(({ key, value }) => {
    const [head, ...rest] = key.split('.') as [string, ...string[]];
    return propertyText(head, rest, value);
  });
  return `{ ${texts.join(', ')} }`;
}

function propertyText(head: string, rest: string[], value: string): string {
  let text = value;
  for (let i = rest.length - 1; i >= 0; i--) text = `{ ${keyText(rest[i]!)}: ${text} }`;
  return `${keyText(head)}: ${text}`;
}

function keyText(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

function findProperty(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | null {
  let found: TSESTree.Property | null = null;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && getStaticKey(property) === key) found = property;
  }
  return found;
}

/** Appends properties after the last one, keeping the literal's layout (one line, or one per line). */
function appendToObject(sourceCode: SourceCode, object: TSESTree.ObjectExpression, texts: string[]): Edit[] {
  const last = object.properties[object.properties.length - 1];
  const openBrace = sourceCode.getFirstToken(object)!;
  const closeBrace = sourceCode.getLastToken(object)!;
  if (!last) {
    const inside = sourceCode.text.slice(openBrace.range[1], closeBrace.range[0]);
    if (inside.trim() === '') return [{ range: [openBrace.range[0], closeBrace.range[1]], text: `{ ${texts.join(', ')} }` }];
    // Only comments inside: keep them, put the properties first.
    return [{ range: [openBrace.range[1], openBrace.range[1]], text: ` ${texts.join(', ')},` }];
  }
  const afterLast = sourceCode.getTokenAfter(last)!;
  const trailingComma = afterLast.value === ',' && afterLast !== closeBrace;
  const multiline = last.loc.start.line !== openBrace.loc.start.line;
  if (!multiline) {
    return trailingComma
      ? [{ range: [afterLast.range[1], afterLast.range[1]], text: ` ${texts.join(', ')},` }]
      : [{ range: [last.range[1], last.range[1]], text: `, ${texts.join(', ')}` }];
  }
  const lineText = sourceCode.lines[last.loc.start.line - 1] ?? '';
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  // New lines go after a comment that ends the last property's line, so the comment stays put.
  const anchor = trailingComma ? afterLast : last;
  const comment = sourceCode.getTokenAfter(anchor, { includeComments: true });
  const lineEnd =
    comment && comment.type !== 'Punctuator' && comment.loc.start.line === anchor.loc.end.line && comment.range[0] < closeBrace.range[0]
      ? comment.range[1]
      : anchor.range[1];
  const lines = texts.map((text) => `\n${indent}${text},`).join('');
  if (trailingComma) return [{ range: [lineEnd, lineEnd], text: lines }];
  if (lineEnd === last.range[1]) return [{ range: [lineEnd, lineEnd], text: `,${lines.slice(0, -1)}` }];
  return [
    { range: [last.range[1], last.range[1]], text: ',' },
    { range: [lineEnd, lineEnd], text: lines.slice(0, -1) },
  ];
}

/** Hands edits to ESLint's fixer. */
export function toFix(edits: readonly Edit[]): TSESLint.ReportFixFunction {
  return (fixer) => edits.map((edit) => fixer.replaceTextRange(edit.range, edit.text));
}
