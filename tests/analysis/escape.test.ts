import { describe, expect, it } from 'vitest';
import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { iterationContextOf } from '../../src/analysis/context';
import { findEscape, readsArgumentOnly } from '../../src/analysis/escape';
import { parseWithMarker } from './parse';

/** The value `marker()` produces, and the loop (or iteration callback) around it. */
function escapeOf(code: string) {
  const { sourceCode, marker } = parseWithMarker(code);
  const context = iterationContextOf(marker);
  if (!context) throw new Error('marker() is not in a loop');
  return findEscape(sourceCode, marker, context.kind === 'loop' ? context.loop : context.callback);
}

describe('findEscape', () => {
  it('keeps a value that is only read, written into, tested or converted', () => {
    for (const code of [
      'for (const x of xs) { const b = marker(); b.writeUInt8(x, 0); sum += b[0]; }',
      'for (const x of xs) { const b = marker(); b[0] = x; if (b.length > 2) total += String(b).length; }',
      'for (const x of xs) { const v = marker() as Uint8Array; for (const byte of v) sum += byte; }',
      'for (const x of xs) { const b = marker(); hash.update(b); other.copy(b); out += `${b}`; }',
      'for (const x of xs) { const re = marker(); if (s.replace(re, "").length) n++; }',
      'for (const x of xs) { const b = marker(); const [first] = b; sum += first + Math.max(...b); }',
      // A synchronous iteration callback runs before the iteration ends.
      'for (const x of xs) { const b = marker(); ys.forEach((y) => { b[0] = y; }); }',
      'xs.map((x) => { const d = marker(); d.x = x; return d.x * 2; });',
    ]) {
      expect(escapeOf(code), code).toBeNull();
    }
  });

  it('finds a value returned, yielded or thrown out of the region', () => {
    expect(escapeOf('function f() { for (const x of xs) { const b = marker(); return b; } }')).toMatchObject({ kind: 'returned' });
    expect(escapeOf('xs.map((x) => marker());')).toMatchObject({ kind: 'returned' });
    expect(escapeOf('function* g() { for (const x of xs) yield marker(); }')).toMatchObject({ kind: 'returned' });
  });

  it('finds a value stored in a property, an element, or a variable declared outside', () => {
    expect(escapeOf('for (const x of xs) this.last = marker();')).toMatchObject({ kind: 'stored' });
    expect(escapeOf('for (const x of xs) { const b = marker(); cache[x] = b; }')).toMatchObject({ kind: 'stored' });
    expect(escapeOf('let last; for (const x of xs) { last = marker(); }')).toMatchObject({ kind: 'stored' });
    expect(escapeOf('for (const x of xs) { const b = marker(); const wrapper = { b }; keep(wrapper); }')).toMatchObject({ kind: 'passed' });
  });

  it('finds a value passed to code that may keep it, and views that share its memory', () => {
    expect(escapeOf('for (const x of xs) socket.write(marker());')).toMatchObject({ kind: 'passed' });
    expect(escapeOf('for (const x of xs) out.push(marker());')).toMatchObject({ kind: 'passed' });
    expect(escapeOf('for (const x of xs) { const b = marker(); views.push(b.subarray(0, 4)); }')).toMatchObject({ kind: 'passed' });
    expect(escapeOf('for (const x of xs) { const ab = marker(); keep(new Uint8Array(ab)); }')).toMatchObject({ kind: 'passed' });
    expect(escapeOf('for (const x of xs) { const b = marker(); keep(b.buffer); }')).toMatchObject({ kind: 'passed' });
  });

  it('finds a value captured by a closure that may run later, or held by a longer-lived binding', () => {
    expect(escapeOf('for (const x of xs) { const b = marker(); setTimeout(() => use(b), 10); }')).toMatchObject({ kind: 'captured' });
    expect(escapeOf('for (const x of xs) { const b = marker(); handlers.push(function () { return b; }); }')).toMatchObject({ kind: 'captured' });
    expect(escapeOf('for (const x of xs) { var b = marker(); } use(b);')).toMatchObject({ kind: 'outlives' });
  });

  it('treats calls that only read their argument as keeping nothing', () => {
    const call = (text: string) => {
      const parsed = parseForESLint(text, { range: true });
      const statement = parsed.ast.body[0] as TSESTree.ExpressionStatement;
      const node = statement.expression as TSESTree.CallExpression;
      return readsArgumentOnly(node, node.arguments[0]!);
    };
    expect(call('JSON.stringify(b)')).toBe(true);
    expect(call('Buffer.concat([a, b])')).toBe(true);
    expect(call('hash.update(b)')).toBe(true);
    expect(call('Object.assign(target, b)')).toBe(false);
    expect(call('store.set(k, b)')).toBe(false);
    expect(call('keep(b)')).toBe(false);
  });
});
