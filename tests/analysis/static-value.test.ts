import { describe, expect, it } from 'vitest';
import { DEFAULT_HOT_FUNCTIONS, tickFunctionOf } from '../../src/analysis/context';
import { staticNumber, staticValue } from '../../src/analysis/static-value';
import { parseWithMarker } from './parse';

const setup = (code: string) => parseWithMarker(code);

const valueOf = (code: string) => {
  const { sourceCode, marker } = setup(code);
  return staticValue(sourceCode, marker.arguments[0]!);
};

describe('staticValue', () => {
  it('evaluates literals, templates, arithmetic and const bindings', () => {
    expect(valueOf(`marker('^a+$');`)).toEqual({ found: true, value: '^a+$' });
    expect(valueOf('const P = "ab"; const Q = `^${P}`; marker(Q + "$");')).toEqual({ found: true, value: '^ab$' });
    expect(valueOf('const SIZE = 16; marker(SIZE * 4 + 1);')).toEqual({ found: true, value: 65 });
    expect(valueOf(`marker({ style: 'currency', currency: 'EUR' } as const);`)).toEqual({ found: true, value: { style: 'currency', currency: 'EUR' } });
    expect(valueOf(`marker(['en-US', 'de']);`)).toEqual({ found: true, value: ['en-US', 'de'] });
  });

  it('does not know bindings that may change, calls, regex literals or computed keys', () => {
    for (const code of [
      'let p = "a"; marker(p);',
      'marker(read());',
      'marker(/a/g);',
      'const k = "x"; marker({ [k]: 1 });',
      'function f(x: string) { marker(x); }',
      'import { P } from "./p"; marker(P);',
    ]) {
      expect(valueOf(code).found, code).toBe(false);
    }
  });

  it('gives numbers for trip counts', () => {
    const { sourceCode, marker } = setup('const MAX = 64; marker(MAX - 1);');
    expect(staticNumber(sourceCode, marker.arguments[0]!)).toBe(63);
  });
});

describe('tickFunctionOf', () => {
  it('finds the per-tick function around a loop, through nested callbacks', () => {
    const { sourceCode, marker } = setup('class Room { update() { for (const p of ps) p.items.forEach(() => marker()); } }');
    expect(tickFunctionOf(sourceCode, marker, { hotFunctions: DEFAULT_HOT_FUNCTIONS })?.type).toBe('FunctionExpression');
  });

  it('is null outside per-tick functions', () => {
    const { sourceCode, marker } = setup('function handle() { for (const p of ps) marker(); }');
    expect(tickFunctionOf(sourceCode, marker, { hotFunctions: DEFAULT_HOT_FUNCTIONS })).toBeNull();
  });
});
