import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { createReferenceResolver, isArrayProducing } from '../../src/analysis/references';
import { eventCallbackOf } from '../../src/analysis/context';
import { eachNode, parseSource } from './parse';

/** Parses `code`; returns its source code and the arguments of every `mark(...)` call, in order. */
function setup(code: string) {
  const { sourceCode, ast } = parseSource(code);
  const marks: TSESTree.Node[] = [];
  eachNode(ast, (node) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'mark') marks.push(node.arguments[0]!);
  });
  return { sourceCode, marks, resolver: createReferenceResolver(sourceCode) };
}

describe('referenceOf', () => {
  it('gives one key to the same binding, field or path, and different keys to different storage', () => {
    const { marks, resolver } = setup(`
      const queue = []; mark(queue); mark(queue);
      function f(queue) { mark(queue); }
      class A { q = []; m() { mark(this.q); const g = () => mark(this.q); } }
      class B { q = []; m() { mark(this.q); } }
      const state = { inbox: [] }; mark(state.inbox); mark(state['inbox']);
    `);
    const keys = marks.map((node) => resolver.referenceOf(node)?.key);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]); // a parameter shadowing the outer binding
    expect(keys[3]).toBe(keys[4]); // this.q in a method and in an arrow inside it
    expect(keys[5]).not.toBe(keys[3]); // another class's field
    expect(keys[6]).toBe(keys[7]); // a static computed key is the same path
  });

  it('has no key for calls, dynamic keys and `this` in plain functions', () => {
    const { marks, resolver } = setup(`mark(f()); mark(a[k]); function g() { mark(this.q); }`);
    expect(marks.map((node) => resolver.referenceOf(node))).toEqual([null, null, null]);
  });
});

describe('isKnownArray', () => {
  it('knows arrays by value, type, field, constructor assignment and object-literal path', () => {
    const { marks, resolver } = setup(`
      const a = []; mark(a);
      let b: Job[]; mark(b);
      const c = xs.filter(Boolean); mark(c);
      function f(d: ReadonlyArray<number> | null) { mark(d); }
      class K { e: string[] | undefined; m() { mark(this.e); } }
      class L { constructor() { this.f = []; } m() { mark(this.f); } }
      const s = { g: [] as Job[] }; mark(s.g);
      function h(i) { mark(i); }
      class M { j = new Queue(); m() { mark(this.j); } }
    `);
    const known = marks.map((node) => resolver.isKnownArray(resolver.referenceOf(node)!));
    expect(known).toEqual([true, true, true, true, true, true, true, false, false]);
  });

  it('tells array-producing expressions apart', () => {
    const { marks } = setup(`mark([]); mark(new Array(3)); mark(Array.from(x)); mark(x.map(f)); mark(x as T[]); mark(new Set()); mark(f()); mark({})`);
    expect(marks.map(isArrayProducing)).toEqual([true, true, true, true, true, false, false, false]);
  });
});

describe('eventCallbackOf', () => {
  it('finds per-event handlers, and not once() or other callbacks', () => {
    const { marks } = setup(`
      socket.on('message', () => mark(1));
      ws.addEventListener('message', (e) => { const f = () => mark(2); });
      ws.onmessage = function () { mark(3); };
      this.onMessage('move', (client, m) => mark(4));
      socket.once('data', () => mark(5));
      setTimeout(() => mark(6), 10);
      button.click(() => mark(7));
    `);
    expect(marks.map((node) => eventCallbackOf(node) !== null)).toEqual([true, true, true, true, false, false, false]);
  });
});
