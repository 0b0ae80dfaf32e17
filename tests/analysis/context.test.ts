import { describe, expect, it } from 'vitest';
import { DEFAULT_HOT_FUNCTIONS, hotContextOf, isInvariantIn, iterationContextOf, iterationContextsOf } from '../../src/analysis/context';
import { parseWithMarker } from './parse';

/** Parses `code` and returns its source code and the first call to `marker()`'s argument-less node. */
const setup = (code: string) => parseWithMarker(code);

const hot = { hotFunctions: DEFAULT_HOT_FUNCTIONS };

describe('iterationContextOf', () => {
  it('finds loops of every kind, but not a for loop init or a for-of collection', () => {
    for (const code of [
      'for (let i = 0; i < n; i++) marker();',
      'for (const x of xs) { marker(); }',
      'for (const k in o) marker();',
      'while (ok) marker();',
      'do { marker(); } while (ok);',
      'for (let i = 0; marker(); i++) {}',
    ]) {
      expect(iterationContextOf(setup(code).marker)?.kind, code).toBe('loop');
    }
    expect(iterationContextOf(setup('for (let i = marker(); i < 3; i++) {}').marker)).toBeNull();
    expect(iterationContextOf(setup('for (const x of marker()) {}').marker)).toBeNull();
  });

  it('marks for await loops', () => {
    const context = iterationContextOf(setup('async function f() { for await (const x of xs) marker(); }').marker);
    expect(context).toMatchObject({ kind: 'loop', awaitEach: true });
  });

  it('finds iteration callbacks and tells fan-out apart', () => {
    expect(iterationContextOf(setup('xs.map((x) => marker(x));').marker)).toMatchObject({ kind: 'callback', method: 'map', fanOut: false });
    expect(iterationContextOf(setup('await Promise.all(xs.map(async (x) => marker(x)));').marker)).toMatchObject({
      kind: 'callback',
      fanOut: true,
    });
    expect(iterationContextOf(setup('xs.forEach(async (x) => { await marker(x); });').marker)).toMatchObject({ fanOut: true });
    // reduce's initial value is not per item
    expect(iterationContextOf(setup('xs.reduce((a, x) => a, marker());').marker)).toBeNull();
  });

  it('stops at a function boundary that is not an iteration callback', () => {
    expect(iterationContextOf(setup('for (const x of xs) { const f = () => marker(); }').marker)).toBeNull();
    expect(iterationContextOf(setup('function f() { marker(); }').marker)).toBeNull();
  });

  it('lists nested contexts innermost first', () => {
    const contexts = iterationContextsOf(setup('for (const a of as) { a.items.forEach((b) => marker(b)); }').marker);
    expect(contexts.map((c) => c.kind)).toEqual(['callback', 'loop']);
  });
});

describe('hotContextOf', () => {
  it('treats scheduler callbacks, hot names and @hot functions as per tick', () => {
    expect(hotContextOf(setup('setInterval(() => { marker(); }, 50);').sourceCode, setup('setInterval(() => { marker(); }, 50);').marker, hot)?.kind).toBe('tick');
    for (const code of [
      'class Room { update(dt) { marker(); } }',
      'function tick() { const f = () => marker(); }',
      '/** @hot */\nexport function simulate() { marker(); }',
      'const gameLoop = () => marker();',
    ]) {
      const { sourceCode, marker } = setup(code);
      expect(hotContextOf(sourceCode, marker, hot)?.kind, code).toBe('tick');
    }
  });

  it('is null for start-up code and ordinary functions', () => {
    for (const code of ['marker();', 'function handle() { marker(); }', '/** plain */ function simulate() { marker(); }']) {
      const { sourceCode, marker } = setup(code);
      expect(hotContextOf(sourceCode, marker, hot), code).toBeNull();
    }
    const { sourceCode, marker } = setup('function simulate() { marker(); }');
    expect(hotContextOf(sourceCode, marker, { hotFunctions: ['simulate'] })?.kind).toBe('tick');
  });
});

describe('isInvariantIn', () => {
  function check(code: string) {
    const { sourceCode, marker } = setup(code);
    const loop = iterationContextOf(marker);
    if (loop?.kind !== 'loop') throw new Error('no loop');
    return isInvariantIn(sourceCode, marker.arguments[0]!, loop.loop);
  }
  it('accepts literals and bindings not written in the loop', () => {
    expect(check("for (const x of xs) marker('^a+$');")).toBe(true);
    expect(check('const p = "a"; for (const x of xs) marker(p + "b", cfg.flags);')).toBe(true);
  });
  it('rejects loop variables, bindings written in the loop, and calls', () => {
    expect(check('for (const x of xs) marker(x);')).toBe(false);
    expect(check('let p = "a"; for (const x of xs) { p += x; marker(p); }')).toBe(false);
    expect(check('for (const x of xs) marker(make());')).toBe(false);
  });
});
